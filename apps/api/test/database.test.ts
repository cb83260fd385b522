import { createTestDatabase, type TestDatabase } from './support/test-database.js';

describe('database (real PostgreSQL)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('has every table of the core model migrated', async () => {
    const rows = await t.db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        'entity',
        'table_column',
        'tag_label',
        'entity_version',
        'audit_log',
      ]),
    );
  });

  it('rolls back a failing transaction as a whole', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query(`INSERT INTO audit_log (actor, action) VALUES ('a', 'x')`);
        await tx.query(`INSERT INTO audit_log (actor) VALUES ('a')`);
      }),
    ).rejects.toThrow(/action/);
    const rows = await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM audit_log`);
    expect(rows[0]?.n).toBe('0');
  });

  it('counts statements', async () => {
    t.counter.reset();
    await t.db.query('SELECT 1');
    await t.db.query('SELECT 2');
    expect(t.counter.total).toBe(2);
  });
});
