import { cumulate, type Random } from './random.js';
import { BRANDS, CATEGORY_CODES } from './vocabulary.js';

export interface Category {
  /** 19 digits, like the export's category_id. */
  id: string;
  /** Empty for the many categories the export leaves without a code. */
  code: string;
  /** Top level of the code (or a made-up one for uncoded categories), to give brands that fit. */
  family: string;
  lowPrice: number;
  highPrice: number;
}

export interface CatalogProduct {
  productId: string;
  category: number;
  brand: string;
  name: string;
  listCents: number;
  costCents: number;
  /** `product_id,category_id,category_code,brand`, precomputed because every event writes it. */
  csvMiddle: string;
}

export interface Catalog {
  categories: Category[];
  products: CatalogProduct[];
  /** Cumulative popularity over all products. */
  popularity: Float64Array;
  /** Per category: its products and their cumulative popularity. */
  byCategory: { members: number[]; popularity: Float64Array }[];
  /** Cumulative popularity of the categories, for shoppers' interests. */
  categoryPopularity: Float64Array;
}

const UNCODED_CATEGORIES = 16;
const NO_BRAND_SHARE = 0.12;
const CATEGORY_PREFIXES = ['2053013', '2103807', '2146660', '2232732'];
const FAMILIES = Object.keys(BRANDS);
const BRAND_WEIGHTS = Object.fromEntries(
  Object.entries(BRANDS).map(([family, brands]) => [family, cumulate(brands.map(([, w]) => w))]),
);

function pickBrand(rng: Random, family: string): string {
  const cumulative = BRAND_WEIGHTS[family];
  if (!cumulative || rng.chance(NO_BRAND_SHARE)) return '';
  return BRANDS[family]?.[rng.weighted(cumulative)]?.[0] ?? '';
}

function buildCategories(rng: Random): Category[] {
  const seen = new Set<string>();
  const newId = (): string => {
    let id = '';
    do id = rng.pick(CATEGORY_PREFIXES) + rng.digits(12);
    while (seen.has(id));
    seen.add(id);
    return id;
  };
  const coded = CATEGORY_CODES.map(([code, lowPrice, highPrice]) => ({
    id: newId(),
    code,
    family: code.split('.')[0] ?? '',
    lowPrice,
    highPrice,
  }));
  const uncoded = Array.from({ length: UNCODED_CATEGORIES }, () => {
    const lowPrice = rng.int(3, 60);
    const family = rng.pick(FAMILIES);
    return { id: newId(), code: '', family, lowPrice, highPrice: lowPrice * rng.int(3, 15) };
  });
  return [...coded, ...uncoded];
}

function productName(rng: Random, brand: string, category: Category): string {
  const leaf = category.code ? (category.code.split('.').pop() ?? 'item') : 'item';
  const model = `${String.fromCharCode(65 + rng.int(0, 25))}${rng.int(1, 999)}`;
  const label = leaf.replace(/_/g, ' ');
  return brand
    ? `${brand[0]?.toUpperCase()}${brand.slice(1)} ${label} ${model}`
    : `${label} ${model}`;
}

function buildProduct(rng: Random, productId: string, categories: Category[]): CatalogProduct {
  const category = rng.int(0, categories.length - 1);
  const { lowPrice, highPrice, id, code, family } = categories[category];
  const brand = pickBrand(rng, family);
  // Log-uniform: cheap items are more common than expensive ones within a category.
  const list = lowPrice * Math.pow(highPrice / lowPrice, rng.float());
  const listCents = Math.max(100, Math.round(list * 100) - 1);
  const costCents = Math.round(listCents * (0.55 + rng.float() * 0.3));
  const csvMiddle = `${productId},${id},${code},${brand}`;
  const name = productName(rng, brand, categories[category]);
  return { productId, category, brand, name, listCents, costCents, csvMiddle };
}

function shuffle<T>(rng: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

export function buildCatalog(rng: Random, productCount: number): Catalog {
  const categories = buildCategories(rng);
  const products: CatalogProduct[] = [];
  let nextId = 1_000_000 + rng.int(0, 3_000_000);
  for (let i = 0; i < productCount; i += 1) {
    products.push(buildProduct(rng, String(nextId), categories));
    nextId += rng.int(1, 2_000);
  }
  // Zipf-like popularity over a random order of products: a few best-sellers, a long tail.
  const weights = products.map(() => 0);
  const order = shuffle(
    rng,
    products.map((_, i) => i),
  );
  order.forEach((product, rank) => (weights[product] = 1 / Math.pow(rank + 1, 0.9)));
  const byCategory = categories.map(() => ({ members: [] as number[], weights: [] as number[] }));
  const categoryWeights = categories.map(() => 0);
  products.forEach((product, i) => {
    byCategory[product.category]?.members.push(i);
    byCategory[product.category]?.weights.push(weights[i] ?? 0);
    categoryWeights[product.category] =
      (categoryWeights[product.category] ?? 0) + (weights[i] ?? 0);
  });
  return {
    categories,
    products,
    popularity: cumulate(weights),
    byCategory: byCategory.map(({ members, weights: w }) => ({ members, popularity: cumulate(w) })),
    categoryPopularity: cumulate(categoryWeights),
  };
}

/** Picks a product of a category (or any product when the category is empty). */
export function pickProduct(rng: Random, catalog: Catalog, category: number): number {
  const group = catalog.byCategory[category];
  if (!group || group.members.length === 0) return rng.weighted(catalog.popularity);
  return group.members[rng.weighted(group.popularity)] ?? 0;
}
