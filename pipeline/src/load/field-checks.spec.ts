import {
  bigintId,
  categoryId,
  FieldError,
  fitsBigint,
  integer,
  ipAddress,
  isoDate,
  money,
  utcTimestamp,
} from './field-checks.js';

describe('field checks', () => {
  it('knows the bigint range', () => {
    expect(fitsBigint('9223372036854775807')).toBe(true);
    expect(fitsBigint('9223372036854775808')).toBe(false);
    expect(fitsBigint('0009223372036854775807')).toBe(true);
    expect(bigintId('id', '42')).toBe('42');
    expect(() => bigintId('id', '-1')).toThrow(FieldError);
    expect(() => categoryId('category_id', '1'.repeat(21))).toThrow('more than 20 digits');
  });

  it('accepts real dates only', () => {
    expect(isoDate('d', '2020-02-29')).toBe('2020-02-29');
    for (const bad of ['2019-02-29', '2019-13-01', '0000-01-01', '19800101', '1980-1-01'])
      expect(() => isoDate('d', bad)).toThrow(FieldError);
    expect(utcTimestamp('t', '2019-10-01 23:59:59 UTC')).toEqual(new Date('2019-10-01T23:59:59Z'));
    for (const bad of [
      '2019-02-30 00:00:00 UTC',
      '2019-10-01 24:00:00 UTC',
      '2019-10-01T00:00:00Z',
    ])
      expect(() => utcTimestamp('t', bad)).toThrow(FieldError);
  });

  it('checks money, integers and IP addresses as PostgreSQL would', () => {
    expect(money('p', '9999999999.99')).toBe('9999999999.99');
    for (const bad of ['-1', '-0.00', '1e3', '0x1F', '', '10000000000'])
      expect(() => money('p', bad)).toThrow(FieldError);
    expect(integer('q', '-2147483648')).toBe(-2147483648);
    expect(() => integer('q', '2147483648')).toThrow(FieldError);
    expect(ipAddress('ip', '2001:db8::1')).toBe('2001:db8::1');
    for (const bad of ['300.1.1.1', 'fe80::1%eth0', 'localhost'])
      expect(() => ipAddress('ip', bad)).toThrow(FieldError);
  });
});
