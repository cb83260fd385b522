import { bigintId, integer, isoDate, required } from './field-checks.js';
import { parseFields, type ParsedRow } from './parse-fields.js';

export const INVENTORY_HEADER = ['snapshot_date', 'product_id', 'quantity_on_hand'] as const;

export interface InventorySnapshot {
  /** YYYY-MM-DD */
  snapshotDate: string;
  productId: string;
  /** May be negative: an oversold product. */
  quantityOnHand: number;
}

export function parseInventoryRow(line: string): ParsedRow<InventorySnapshot> {
  return parseFields(line, INVENTORY_HEADER, (v) => ({
    snapshotDate: isoDate('snapshot_date', required('snapshot_date', v.snapshot_date)),
    productId: bigintId('product_id', v.product_id),
    quantityOnHand: integer('quantity_on_hand', required('quantity_on_hand', v.quantity_on_hand)),
  }));
}
