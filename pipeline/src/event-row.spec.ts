import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkHeader, parseEventRow, splitCsvLine } from './event-row.js';

const SAMPLES = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'ecommerce-events');

describe('parseEventRow', () => {
  const good =
    '2019-10-01 00:00:00 UTC,view,44600062,2103807459595387724,,shiseido,35.79,541312140,72d76fde-8bb3-4e00-8c23-a032dfed738c';

  it('parses a row of the public export, keeping the 19-digit category id exact', () => {
    const parsed = parseEventRow(good);
    expect(parsed).toEqual({
      ok: true,
      event: {
        eventTime: new Date('2019-10-01T00:00:00Z'),
        eventType: 'view',
        productId: '44600062',
        categoryId: '2103807459595387724',
        categoryCode: null,
        brand: 'shiseido',
        price: 35.79,
        userId: '541312140',
        userSession: '72d76fde-8bb3-4e00-8c23-a032dfed738c',
      },
    });
  });

  it.each([
    [good.replace('35.79', '-1.00'), 'price -1.00 is negative'],
    [good.replace('35.79', ''), 'price "" is missing or not a decimal number'],
    [good.replace('35.79', '0x1F'), 'price "0x1F" is missing or not a decimal number'],
    [good.replace('35.79', '1e3'), 'price "1e3" is missing or not a decimal number'],
    [good.replace('35.79', ' 35.79'), 'price " 35.79" is missing or not a decimal number'],
    [good.replace('35.79', 'Infinity'), 'price "Infinity" is missing or not a decimal number'],
    [good.replace('35.79', '-0.00'), 'price -0.00 is negative'],
    [
      good.replace('2019-10-01 00:00:00 UTC', '2019-13-45 99:00'),
      'event_time "2019-13-45 99:00" is not like',
    ],
    [good.replace(',view,', ',click,'), 'event_type "click" is not one of'],
    [good.split(',').slice(0, 5).join(','), 'expected 9 fields, found 5'],
    [good.replace(/,[^,]+$/, ','), 'user_session is missing'],
  ])('refuses %s with a reason', (line, reason) => {
    const parsed = parseEventRow(line);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toContain(reason);
  });

  it('accepts CRLF line endings and quoted fields', () => {
    expect(parseEventRow(`${good}\r`).ok).toBe(true);
    expect(splitCsvLine('a,"b,c","say ""hi"""')).toEqual(['a', 'b,c', 'say "hi"']);
  });

  it('checks the header', () => {
    expect(
      checkHeader(
        'event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session',
      ),
    ).toBeNull();
    expect(checkHeader('time,type')).toMatch(/wrong header/);
  });

  it('reads the real REES46 sample', () => {
    const file = join(SAMPLES, 'events-2019-10-sample-1k.csv');
    if (!existsSync(file)) {
      if (process.env['CI'] === 'true') throw new Error(`shared data missing under CI: ${file}`);
      console.warn(`skipped: ${file} is absent`);
      return;
    }
    const [header, ...rows] = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.length > 0);
    expect(checkHeader(header)).toBeNull();
    const parsed = rows.map(parseEventRow);
    const refused = parsed.filter((p) => !p.ok);
    expect(rows.length).toBe(1000);
    expect(parsed.length - refused.length).toBeGreaterThan(950);
    for (const p of parsed) if (p.ok) expect(p.event.categoryId).toMatch(/^\d{19}$/);
  });
});
