import {
  defaultServiceName,
  postgresSourceConfigSchema,
  secretsOf,
  serverAddress,
  sourceNameFor,
} from './postgres-config.js';

describe('postgres source config', () => {
  it('applies defaults and keeps the URL as given', () => {
    expect(postgresSourceConfigSchema.parse({ url: 'postgres://u@db.internal/shop' })).toEqual({
      url: 'postgres://u@db.internal/shop',
      sampleRows: 0,
    });
  });

  it('refuses other protocols, missing databases, empty schema lists and negative samples', () => {
    const issues = (config: unknown) =>
      postgresSourceConfigSchema.safeParse(config).error?.issues.map((i) => i.path.join('.'));
    expect(issues({ url: 'mysql://db/shop' })).toEqual(['url']);
    expect(issues({ url: 'postgres://db.internal' })).toEqual(['url']);
    expect(issues({ url: 'postgres://db/shop', schemas: [] })).toEqual(['schemas']);
    expect(issues({ url: 'postgres://db/shop', sampleRows: 1.5 })).toEqual(['sampleRows']);
    expect(issues({ url: 'postgres://db/shop', extra: true })).toEqual(['']);
  });

  it('never puts the URL in its messages', () => {
    const result = postgresSourceConfigSchema.safeParse({ url: 'mysql://u:hunter22@db/shop' });
    expect(JSON.stringify(result.error?.issues)).not.toContain('hunter22');
  });

  it('reads host, port and database, decoding the database name', () => {
    expect(serverAddress('postgresql://u:p@db.internal:6543/my%20shop?sslmode=require')).toEqual({
      host: 'db.internal',
      port: '6543',
      database: 'my shop',
    });
    expect(serverAddress('postgres://db/shop').port).toBe('5432');
  });

  it('knows the password in both its encoded and decoded forms', () => {
    expect(secretsOf('postgres://u:p%40ss@db/shop')).toEqual(['p%40ss', 'p@ss']);
    expect(secretsOf('postgres://u@db/shop')).toEqual([]);
  });

  it('derives service names that need no FQN quoting, with the port when not 5432', () => {
    expect(defaultServiceName({ host: '127.0.0.1', port: '5432' })).toBe('postgres_127_0_0_1');
    expect(defaultServiceName({ host: 'DB.Example.com', port: '6543' })).toBe(
      'postgres_db_example_com_6543',
    );
    expect(defaultServiceName({ host: '[::1]', port: '5432' })).toBe('postgres_1');
  });

  it('names each database its own source, in the characters the catalog accepts', () => {
    expect(sourceNameFor('postgres_db', 'shop')).toBe('postgres_db.shop');
    expect(sourceNameFor('Main Warehouse', 'my shop')).toBe('Main_Warehouse.my_shop');
    expect(sourceNameFor('s', 'd'.repeat(200))).toHaveLength(100);
  });
});
