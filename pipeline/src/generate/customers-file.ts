import { join } from 'node:path';
import { countDirt, CUSTOMER_DIRT, DirtSchedule, invalidRows, type DirtCounts } from './dirt.js';
import { makePerson } from './people.js';
import type { Random } from './random.js';
import type { Shoppers } from './shoppers.js';
import type { GeneratedFile } from './summary.js';
import { csvField, formatTimestamp, TextFileWriter } from './text-file.js';

export const CUSTOMER_HEADER =
  'customer_id,email,first_name,last_name,phone,street_address,city,country,birth_date,signup_ip,marketing_consent,last_activity_at,customer_type,company_name';
const BAD_DATES = ['1987-02-30', '31/12/1980', 'unknown', '19800101', '1975-13-01'];

/** Writes one row per shopper; `lastActivity` holds each one's last event time (NaN: none). */
export async function writeCustomers(
  rng: Random,
  shoppers: Shoppers,
  lastActivity: Float64Array,
  options: { outDir: string; dirtRate: number },
): Promise<GeneratedFile> {
  const name = 'customers-001.csv';
  const path = join(options.outDir, name);
  const writer = await TextFileWriter.create(path);
  writer.push(CUSTOMER_HEADER);
  const count = shoppers.ids.length;
  const schedule = new DirtSchedule(rng, count, options.dirtRate, CUSTOMER_DIRT);
  const dirt: DirtCounts = {};
  for (let i = 0; i < count; i += 1) {
    const business = shoppers.b2b[i] === 1;
    const person = makePerson(rng, business);
    const kind = schedule.at(i);
    if (kind) countDirt(dirt, kind);
    const active = lastActivity[i] ?? Number.NaN;
    writer.push(
      [
        shoppers.ids[i] ?? '',
        kind === 'missing_email' ? '' : person.email,
        person.firstName,
        person.lastName,
        person.phone,
        person.street,
        person.city,
        person.country,
        kind === 'bad_birth_date' ? rng.pick(BAD_DATES) : person.birthDate,
        person.ip,
        String(person.consent),
        Number.isNaN(active) ? '' : formatTimestamp(active),
        business ? 'b2b' : 'b2c',
        person.company,
      ]
        .map(csvField)
        .join(','),
    );
    if (writer.full) await writer.flush();
  }
  await writer.close();
  return {
    name,
    path,
    source: 'customers',
    rows: count,
    bytes: writer.bytes,
    lineEnding: 'lf',
    truncatedLastLine: false,
    dirt,
    invalidRows: invalidRows(dirt),
  };
}
