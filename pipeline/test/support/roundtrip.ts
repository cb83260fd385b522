import type pg from 'pg';

/** Loaded events written back as CSV lines, by line number, to compare with the file. */
export async function eventsAsCsv(pool: pg.Pool, file: string): Promise<Map<number, string>> {
  const { rows } = await pool.query<{ line: string; n: number }>(
    `SELECT to_char(event_time AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC,' ||
            event_type || ',' || product_id || ',' || category_id || ',' ||
            coalesce(category_code, '') || ',' || coalesce(brand, '') || ',' || price || ',' ||
            user_id || ',' || user_session AS line, _line AS n
       FROM raw.events WHERE _file = $1`,
    [file],
  );
  return new Map(rows.map((row) => [row.n, row.line]));
}

export interface QuarantinedLine {
  source: string;
  line_number: number;
  raw_text: string;
  reason: string;
}

export async function quarantined(pool: pg.Pool, file: string): Promise<QuarantinedLine[]> {
  const { rows } = await pool.query<QuarantinedLine>(
    `SELECT source, line_number, raw_text, reason FROM raw.quarantine WHERE file = $1 ORDER BY line_number`,
    [file],
  );
  return rows;
}
