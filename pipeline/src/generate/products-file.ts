import { join } from 'node:path';
import type { Catalog } from './catalog.js';
import { countDirt, DirtSchedule, invalidRows, PRODUCT_DIRT, type DirtCounts } from './dirt.js';
import { formatCents } from './pricing.js';
import type { Random } from './random.js';
import type { GeneratedFile } from './summary.js';
import { csvField, TextFileWriter } from './text-file.js';

export const PRODUCT_HEADER =
  'product_id,brand,category_id,category_code,name,cost_price,list_price';

export async function writeProducts(
  rng: Random,
  catalog: Catalog,
  options: { outDir: string; dirtRate: number },
): Promise<GeneratedFile> {
  const name = 'products-001.csv';
  const path = join(options.outDir, name);
  const writer = await TextFileWriter.create(path);
  writer.push(PRODUCT_HEADER);
  const { products, categories } = catalog;
  const schedule = new DirtSchedule(rng, products.length, options.dirtRate / 2, PRODUCT_DIRT);
  const dirt: DirtCounts = {};
  products.forEach((product, i) => {
    const category = categories[product.category];
    const kind = schedule.at(i);
    if (kind) countDirt(dirt, kind);
    const cost = formatCents(product.costCents);
    writer.push(
      [
        product.productId,
        product.brand,
        category?.id ?? '',
        category?.code ?? '',
        product.name,
        kind === 'negative_cost_price' ? `-${cost}` : cost,
        formatCents(product.listCents),
      ]
        .map(csvField)
        .join(','),
    );
  });
  await writer.close();
  return {
    name,
    path,
    source: 'products',
    rows: products.length,
    bytes: writer.bytes,
    lineEnding: 'lf',
    truncatedLastLine: false,
    dirt,
    invalidRows: invalidRows(dirt),
  };
}
