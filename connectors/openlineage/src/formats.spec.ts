import addFormatsModule from 'ajv-formats';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { isDateTime, isUri, isUuid } from './formats.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const ajv = new Ajv2020();
addFormats(ajv);
const reference = (format: string) => ajv.compile({ type: 'string', format });

describe('string formats match ajv-formats', () => {
  it.each([
    '2024-01-01T10:00:00Z',
    '2024-01-01t10:00:00z',
    '2024-01-01 10:00:00+02:00',
    '2024-01-01T10:00:00.123456+0200',
    '2024-01-01T10:00:00+02',
    '2024-02-29T10:00:00Z',
    '2023-02-29T10:00:00Z',
    '2024-13-01T10:00:00Z',
    '2021-11-03T10:53:52.427343',
    '2024-06-30T23:59:60Z',
    '2024-06-30T22:59:60-01:00',
    '2024-06-30T12:59:60Z',
    '2024-01-01T24:00:00Z',
    '2024-01-01',
    '2024-01-01T10:00:00+24:00',
  ])('date-time %s', (text) => {
    expect(isDateTime(text)).toBe(reference('date-time')(text));
  });

  it.each([
    'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    'http://test.schema.url',
    'urn:isbn:0451450523',
    'mailto:a@b.c',
    'http://[::1]:8080/x',
    'http://a b',
    'string',
    '/relative/path',
    'https://example.com/%zz',
    'https://example.com/a#b#c',
    'https://user:pw@host:99/p?q=1#f',
  ])('uri %s', (text) => {
    expect(isUri(text)).toBe(reference('uri')(text));
  });

  it.each([
    'ea041791-68bc-4ae1-bd89-4c8106a157e4',
    'urn:uuid:ea041791-68bc-4ae1-bd89-4c8106a157e4',
    'EA041791-68BC-4AE1-BD89-4C8106A157E4',
    'ea041791-68bc-4ae1-bd89-4c8106a157e',
    'not-a-uuid',
  ])('uuid %s', (text) => {
    expect(isUuid(text)).toBe(reference('uuid')(text));
  });
});
