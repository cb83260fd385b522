import type pg from 'pg';

/**
 * A small shop designed so every mart value is known by hand (see transform-project.test.ts).
 * Alice buys twice and is high-value; Bob and Carol abandon carts (only Carol consented);
 * Dave is a B2B bulk buyer with one order that stock cannot cover; Eve's session splits after
 * 31 minutes and she buys at a discount; Frank only browses (a 30-minute gap keeps his session);
 * Grace's payment fails (zero total) and she empties a cart; Heidi bought in the previous week.
 */
interface Product {
  id: number;
  brand: string;
  categoryId: string;
  categoryCode: string;
  name: string;
  cost: number;
  list: number;
}

export const PRODUCTS: Product[] = [
  {
    id: 101,
    brand: 'acme',
    categoryId: '2053013555631882655',
    categoryCode: 'appliances.kitchen.blender',
    name: 'Blender',
    cost: 40,
    list: 100,
  },
  {
    id: 102,
    brand: 'acme',
    categoryId: '2053013555631882656',
    categoryCode: 'appliances.kitchen.toaster',
    name: 'Toaster',
    cost: 20,
    list: 50,
  },
  {
    id: 103,
    brand: 'sony',
    categoryId: '2053013554658804075',
    categoryCode: 'electronics.audio.headphone',
    name: 'Headphones',
    cost: 30,
    list: 80,
  },
  {
    id: 104,
    brand: 'paperco',
    categoryId: '2053013563810775923',
    categoryCode: 'stationery.paper',
    name: 'Paper box',
    cost: 2,
    list: 5,
  },
];

export type EventRow = [
  time: string,
  type: string,
  product: number,
  price: number,
  user: number,
  session: string,
];

export const EVENTS: EventRow[] = [
  ['2024-01-15 08:00:00', 'view', 103, 80, 1, 'a0'],
  ['2024-03-01 09:00:00', 'view', 101, 100, 1, 'a1'],
  ['2024-03-01 09:05:00', 'cart', 101, 100, 1, 'a1'],
  ['2024-03-01 09:10:00', 'purchase', 101, 100, 1, 'a1'],
  ['2024-03-01 09:10:00', 'purchase', 102, 50, 1, 'a1'],
  ['2024-03-02 09:00:00', 'purchase', 101, 100, 1, 'a2'],
  ['2024-03-01 10:00:00', 'view', 103, 80, 2, 'b1'],
  ['2024-03-01 10:01:00', 'cart', 103, 80, 2, 'b1'],
  ['2024-03-01 11:00:00', 'view', 101, 90, 3, 'c1'],
  ['2024-03-01 11:02:00', 'cart', 101, 90, 3, 'c1'],
  ['2024-03-01 11:03:00', 'cart', 102, 45, 3, 'c1'],
  ['2024-03-01 11:04:00', 'removefromcart', 102, 45, 3, 'c1'],
  ...Array.from({ length: 10 }, (_, i): EventRow => [
    `2024-03-01 12:00:${String(i + 1).padStart(2, '0')}`,
    'purchase',
    104,
    5,
    4,
    'd1',
  ]),
  ['2024-03-01 12:00:30', 'purchase', 101, 100, 4, 'd1'],
  ['2024-03-02 10:00:01', 'purchase', 103, 80, 4, 'd2'],
  ['2024-03-02 10:00:02', 'purchase', 103, 80, 4, 'd2'],
  ['2024-03-02 10:00:03', 'purchase', 103, 80, 4, 'd2'],
  ['2024-03-01 13:00:00', 'cart', 103, 80, 5, 'e1'],
  ['2024-03-01 13:31:00', 'view', 103, 80, 5, 'e1'],
  ['2024-03-01 13:35:00', 'cart', 103, 80, 5, 'e1'],
  ['2024-03-01 13:40:00', 'purchase', 103, 72, 5, 'e1'],
  ['2024-03-01 14:00:00', 'view', 101, 100, 6, 'f1'],
  ['2024-03-01 14:30:00', 'view', 102, 50, 6, 'f1'],
  ['2024-03-02 15:00:00', 'view', 103, 80, 6, 'f2'],
  ['2024-03-01 16:00:00', 'cart', 104, 5, 7, 'g1'],
  ['2024-03-01 16:01:00', 'removefromcart', 104, 5, 7, 'g1'],
  ['2024-03-02 11:00:00', 'purchase', 102, 0, 7, 'g2'],
  ['2024-02-20 10:00:00', 'purchase', 102, 50, 8, 'h1'],
  ['2024-02-20 10:00:20', 'purchase', 102, 50, 8, 'h1'],
  ['2024-02-20 10:00:40', 'purchase', 102, 50, 8, 'h1'],
];

/** Exact copies of rows above, delivered again in a second file. */
export const DUPLICATES: EventRow[] = [
  ['2024-03-01 09:10:00', 'purchase', 101, 100, 1, 'a1'],
  ['2024-03-01 10:01:00', 'cart', 103, 80, 2, 'b1'],
  ['2024-03-01 12:00:05', 'purchase', 104, 5, 4, 'd1'],
];

const CUSTOMERS = [
  [1, 'alice@example.com', 'Alice', true, 'b2c', null],
  [2, 'bob@example.com', 'Bob', false, 'b2c', null],
  [3, 'carol@example.com', 'Carol', true, 'b2c', null],
  [4, 'dave@davecorp.example', 'Dave', true, 'b2b', 'Dave Corp'],
  [5, 'eve@example.com', 'Eve', true, 'b2c', null],
  [7, 'grace@example.com', 'Grace', true, 'B2C', null],
  [8, 'heidi@example.com', 'Heidi', false, 'b2c', null],
] as const;

const INVENTORY: [string, number, number, string][] = [
  ['2024-02-29', 101, 10, 'inventory-1.csv'],
  ['2024-02-29', 102, 20, 'inventory-1.csv'],
  ['2024-02-29', 103, 4, 'inventory-1.csv'],
  ['2024-02-29', 104, 600, 'inventory-1.csv'],
  ['2024-03-01', 101, 7, 'inventory-2.csv'],
  ['2024-03-01', 102, 18, 'inventory-2.csv'],
  ['2024-03-01', 103, 2, 'inventory-2.csv'],
  ['2024-03-01', 104, 500, 'inventory-2.csv'],
  // A corrected re-delivery of one snapshot row: the later load wins.
  ['2024-03-01', 101, 6, 'inventory-2-corrected.csv'],
];

function productOf(id: number): Product {
  const product = PRODUCTS.find((candidate) => candidate.id === id);
  if (!product) throw new Error(`no product ${id}`);
  return product;
}

export async function insertEvents(pool: pg.Pool, rows: EventRow[], file: string): Promise<void> {
  for (const [index, [time, type, productId, price, user, session]] of rows.entries()) {
    const product = productOf(productId);
    await pool.query(
      `INSERT INTO raw.events VALUES ($1::timestamptz, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())`,
      [
        `${time}+00`,
        type,
        productId,
        product.categoryId,
        product.categoryCode,
        product.brand,
        price,
        user,
        `${session}-${user}`,
        file,
        index + 2,
      ],
    );
  }
}

export async function loadFixture(pool: pg.Pool): Promise<void> {
  await insertEvents(pool, EVENTS, 'events-1.csv');
  await insertEvents(pool, DUPLICATES, 'events-2.csv');
  for (const [index, [id, email, first, consent, type, company]] of CUSTOMERS.entries()) {
    await pool.query(
      `INSERT INTO raw.customers (customer_id, email, first_name, last_name, marketing_consent, customer_type, company_name, signup_ip, _file, _line)
       VALUES ($1, $2, $3, 'Example', $4, $5, $6, '192.0.2.1', 'customers.csv', $7)`,
      [id, email, first, consent, type, company, index + 2],
    );
  }
  for (const [index, p] of PRODUCTS.entries()) {
    await pool.query(
      `INSERT INTO raw.products VALUES ($1, $2, $3, $4, $5, $6, $7, 'products.csv', $8, now())`,
      [p.id, p.brand, p.categoryId, p.categoryCode, p.name, p.cost, p.list, index + 2],
    );
  }
  for (const [index, [date, product, quantity, file]] of INVENTORY.entries()) {
    await pool.query(
      `INSERT INTO raw.inventory VALUES ($1, $2, $3, $4, $5, now() + $6 * interval '1 second')`,
      [date, product, quantity, file, index + 2, index],
    );
  }
}
