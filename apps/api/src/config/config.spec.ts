import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('applies defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: undefined,
      redisUrl: undefined,
      elasticsearchUrl: undefined,
      dataDir: resolve('.almanac'),
      apiPort: 4000,
      webPort: 3000,
      logLevel: 'info',
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/almanac',
      REDIS_URL: 'redis://127.0.0.1:6379',
      ELASTICSEARCH_URL: 'http://localhost:9200',
      ALMANAC_DATA_DIR: '/tmp/almanac-x',
      API_PORT: '4100',
      WEB_PORT: '3100',
      LOG_LEVEL: 'debug',
    });
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/almanac');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.elasticsearchUrl).toBe('http://localhost:9200');
    expect(config.dataDir).toBe('/tmp/almanac-x');
    expect(config.apiPort).toBe(4100);
    expect(config.webPort).toBe(3100);
    expect(config.logLevel).toBe('debug');
  });

  it.each([
    ['API_PORT', 'abc', 'API_PORT: must be a number'],
    ['API_PORT', '70000', 'API_PORT: must be between 1 and 65535'],
    ['DATABASE_URL', 'mysql://x@y/z', 'DATABASE_URL: must start with postgres://'],
    ['REDIS_URL', 'not a url', 'REDIS_URL: must be a URL'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL: must be one of'],
  ])('rejects %s=%s naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });
});
