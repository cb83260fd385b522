import type pg from 'pg';

export interface LedgerEntry {
  checksum: string;
  file: string;
  source: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
}

/**
 * Serialises loads of the same content: a second loader of the same checksum waits here until the
 * first commits, then finds it in the ledger. Released when the transaction ends.
 */
export async function lockChecksum(client: pg.PoolClient, checksum: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [checksum]);
}

export async function findInLedger(
  client: pg.PoolClient,
  checksum: string,
): Promise<LedgerEntry | null> {
  const result = await client.query<{
    file: string;
    source: string;
    rows_read: string;
    rows_loaded: string;
    rows_quarantined: string;
  }>(
    `SELECT file, source, rows_read, rows_loaded, rows_quarantined
       FROM pipeline.load_ledger WHERE checksum = $1`,
    [checksum],
  );
  const row = result.rows[0];
  if (!row) return null;
  return {
    checksum,
    file: row.file,
    source: row.source,
    rowsRead: Number(row.rows_read),
    rowsLoaded: Number(row.rows_loaded),
    rowsQuarantined: Number(row.rows_quarantined),
  };
}

export async function recordInLedger(client: pg.PoolClient, entry: LedgerEntry): Promise<void> {
  await client.query(
    `INSERT INTO pipeline.load_ledger (checksum, file, source, rows_read, rows_loaded, rows_quarantined)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      entry.checksum,
      entry.file,
      entry.source,
      entry.rowsRead,
      entry.rowsLoaded,
      entry.rowsQuarantined,
    ],
  );
}
