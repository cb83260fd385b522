import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { admin, urlFor } from './support/database.js';

export const RAW_DDL = `
CREATE SCHEMA IF NOT EXISTS raw;
CREATE TABLE raw.events (
  event_time timestamptz, event_type text, product_id bigint, category_id numeric(20,0), category_code text,
  brand text, price numeric(12,2), user_id bigint, user_session text,
  _file text not null, _line integer not null, _loaded_at timestamptz not null default now());
CREATE TABLE raw.customers (
  customer_id bigint, email text, first_name text, last_name text, phone text, street_address text, city text,
  country text, birth_date date, signup_ip inet, marketing_consent boolean, last_activity_at timestamptz,
  customer_type text, company_name text,
  _file text not null, _line integer not null, _loaded_at timestamptz not null default now());
CREATE TABLE raw.products (
  product_id bigint, brand text, category_id numeric(20,0), category_code text, name text,
  cost_price numeric(12,2), list_price numeric(12,2),
  _file text not null, _line integer not null, _loaded_at timestamptz not null default now());
CREATE TABLE raw.inventory (
  snapshot_date date, product_id bigint, quantity_on_hand integer,
  _file text not null, _line integer not null, _loaded_at timestamptz not null default now());
`;

export interface TestWarehouse {
  pool: pg.Pool;
  name: string;
  drop(): Promise<void>;
}

/** A fresh database for one test file, dropped with FORCE afterwards. */
export async function createWarehouse(): Promise<TestWarehouse> {
  const name = `pipeline_tx_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const pool = new pg.Pool({ connectionString: urlFor(name), max: 4 });
  // DROP ... WITH (FORCE) at teardown may end a connection the pool still holds; that is expected.
  pool.on('error', () => undefined);
  return {
    pool,
    name,
    async drop() {
      await pool.end();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** A temporary models folder made of the given files (paths relative to it). */
export function writeProject(files: Record<string, string>): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'almanac-models-'));
  for (const [path, text] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
