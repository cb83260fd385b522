import { describe, expect, it } from '@jest/globals';
import {
  assetHref,
  assetTab,
  assetTabHref,
  lineageDepth,
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

describe('asset tabs', () => {
  it('falls back to the overview for a missing or unknown tab', () => {
    expect(assetTab(undefined)).toBe('overview');
    expect(assetTab('lineage')).toBe('lineage');
    expect(assetTab('secrets')).toBe('overview');
  });

  it('reads lineage depths from 0 to 10 and falls back to 3 otherwise', () => {
    expect(lineageDepth(undefined)).toBe(3);
    expect(lineageDepth('0')).toBe(0);
    expect(lineageDepth('7')).toBe(7);
    expect(lineageDepth('25')).toBe(10);
    expect(lineageDepth('-1')).toBe(3);
    expect(lineageDepth('2.5')).toBe(3);
    expect(lineageDepth('')).toBe(3);
  });

  it('keeps the FQN, type, tab and depths in the link', () => {
    const href = assetTabHref('s."a b".t', 'lineage', {
      type: 'table',
      upstream: 2,
      downstream: 5,
    });
    const params = new URL(href, 'http://x').searchParams;
    expect(params.get('fqn')).toBe('s."a b".t');
    expect(params.get('tab')).toBe('lineage');
    expect(params.get('upstream')).toBe('2');
    expect(params.get('downstream')).toBe('5');
    expect(assetTabHref('s.t', 'overview')).toBe('/asset?fqn=s.t');
  });
});
