import { bigintId, categoryId, ifPresent, money, optional, required } from './field-checks.js';
import { parseFields, type ParsedRow } from './parse-fields.js';

export const PRODUCT_HEADER = [
  'product_id',
  'brand',
  'category_id',
  'category_code',
  'name',
  'cost_price',
  'list_price',
] as const;

export interface Product {
  productId: string;
  brand: string | null;
  /** 19 digits, kept as text. */
  categoryId: string;
  categoryCode: string | null;
  name: string | null;
  /** Decimal text, exact; null when unknown. */
  costPrice: string | null;
  listPrice: string;
}

/** Parses one products line; a missing list price or a negative price is refused. */
export function parseProductRow(line: string): ParsedRow<Product> {
  return parseFields(line, PRODUCT_HEADER, (v) => ({
    productId: bigintId('product_id', v.product_id),
    brand: optional(v.brand),
    categoryId: categoryId('category_id', required('category_id', v.category_id)),
    categoryCode: optional(v.category_code),
    name: optional(v.name),
    costPrice: ifPresent(v.cost_price, (x) => money('cost_price', x)),
    listPrice: money('list_price', required('list_price', v.list_price)),
  }));
}
