import { describe, expect, it } from '@jest/globals';
import {
  assetHref,
  assetsHref,
  firstParam,
  formatChangeValue,
  formatDate,
  formatVersion,
  pageSize,
} from './format';

describe('assetHref', () => {
  it('URL-encodes an FQN with dots, quotes and spaces so it survives the round trip', () => {
    const fqn = 'shop_warehouse.shop."raw data".customers';
    const href = assetHref(fqn);
    expect(href).toBe('/asset?fqn=shop_warehouse.shop.%22raw+data%22.customers');
    expect(new URL(href, 'http://localhost').searchParams.get('fqn')).toBe(fqn);
  });

  it('encodes characters that would otherwise split the query', () => {
    const fqn = 'a&b=c#d?e%f';
    const url = new URL(assetHref(fqn, 'table'), 'http://localhost');
    expect(url.searchParams.get('fqn')).toBe(fqn);
    expect(url.searchParams.get('type')).toBe('table');
    expect(url.hash).toBe('');
  });
});

describe('assetsHref', () => {
  it('omits empty parameters', () => {
    expect(assetsHref()).toBe('/assets');
    expect(assetsHref({ type: null, first: null })).toBe('/assets');
    expect(assetsHref({ type: 'table' })).toBe('/assets?type=table');
    expect(assetsHref({ type: 'table', first: 10, after: 'abc=' })).toBe(
      '/assets?type=table&first=10&after=abc%3D',
    );
  });
});

describe('pageSize', () => {
  it('accepts whole numbers from 1 up to the maximum', () => {
    expect(pageSize('10', 50)).toBe(10);
    expect(pageSize('5000', 50)).toBe(500);
  });

  it('falls back on anything else', () => {
    for (const value of [undefined, '', '0', '-3', '2.5', 'ten']) {
      expect(pageSize(value, 50)).toBe(50);
    }
  });
});

describe('formatChangeValue', () => {
  it('shows strings as they are and marks missing values', () => {
    expect(formatChangeValue('Tier.Tier1')).toBe('Tier.Tier1');
    expect(formatChangeValue('')).toBe('""');
    expect(formatChangeValue(null)).toBe('∅');
    expect(formatChangeValue(undefined)).toBe('∅');
  });

  it('shows numbers and booleans plainly and objects as JSON', () => {
    expect(formatChangeValue(0.1)).toBe('0.1');
    expect(formatChangeValue(false)).toBe('false');
    expect(formatChangeValue([{ type: 'user', name: 'dana' }])).toBe(
      '[{"type":"user","name":"dana"}]',
    );
  });
});

describe('formatVersion and formatDate', () => {
  it('always shows one decimal', () => {
    expect(formatVersion(0.1)).toBe('0.1');
    expect(formatVersion(1)).toBe('1.0');
    expect(formatVersion(0.30000000000000004)).toBe('0.3');
  });

  it('renders timestamps in UTC and leaves unparsable ones alone', () => {
    expect(formatDate('2025-11-21T19:27:45.123Z')).toBe('2025-11-21 19:27 UTC');
    expect(formatDate('not a date')).toBe('not a date');
  });

  it('takes the first of repeated search parameters', () => {
    expect(firstParam(['a', 'b'])).toBe('a');
    expect(firstParam('a')).toBe('a');
    expect(firstParam(undefined)).toBeUndefined();
  });
});
