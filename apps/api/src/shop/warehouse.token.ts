/** Injection token for the shop warehouse's PostgreSQL URL. */
export const WAREHOUSE_URL = Symbol('WAREHOUSE_URL');
