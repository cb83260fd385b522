import type { Random } from './random.js';

/** The fields of one event line, before they are joined. */
export interface EventFields {
  time: string;
  type: string;
  /** `product_id,category_id,category_code,brand` */
  middle: string;
  price: string;
  user: string;
  session: string;
}

export type LineDirt =
  | 'negative_price'
  | 'missing_price'
  | 'bad_timestamp'
  | 'wrong_field_count'
  | 'garbage'
  | 'missing_session'
  | 'unknown_event_type';

const BAD_TIMESTAMPS = [
  (t: string) => `${t.slice(0, 10)}T${t.slice(11, 19)}Z`,
  (t: string) => t.slice(0, 10).replace(/-/g, '/') + t.slice(10),
  (t: string) => `${t.slice(0, 8)}32${t.slice(10)}`,
  (t: string) => `${t.slice(0, 11)}25${t.slice(13)}`,
  () => 'NaT',
  () => '',
];
const GARBAGE = [
  '#### export interrupted ####',
  '<html><body><h1>504 Gateway Time-out</h1></body></html>',
  'C:\\exports\\events\\part-0003\tcopy failed',
  '\u0000\u0000\u0000',
  'NULL',
  ';;;;;;;;;;;',
];
const UNKNOWN_TYPES = ['click', 'VIEW', 'wishlist', 'pageview'];

export function joinEvent(f: EventFields): string {
  return `${f.time},${f.type},${f.middle},${f.price},${f.user},${f.session}`;
}

/** An event line spoiled the way real exports get spoiled; the loader must refuse it. */
export function spoilEvent(rng: Random, f: EventFields, dirt: LineDirt): string {
  switch (dirt) {
    case 'negative_price':
      return joinEvent({ ...f, price: `-${f.price}` });
    case 'missing_price':
      return joinEvent({ ...f, price: '' });
    case 'bad_timestamp':
      return joinEvent({ ...f, time: rng.pick(BAD_TIMESTAMPS)(f.time) });
    case 'missing_session':
      return joinEvent({ ...f, session: '' });
    case 'unknown_event_type':
      return joinEvent({ ...f, type: rng.pick(UNKNOWN_TYPES) });
    case 'wrong_field_count':
      return rng.chance(0.5)
        ? `${f.time},${f.type},${f.middle},${f.price},${f.user}`
        : `${joinEvent(f)},${rng.int(1, 99)}`;
    case 'garbage':
      return rng.pick(GARBAGE);
  }
}

/** A line cut short inside its first six fields, as when a transfer stops mid-write. */
export function truncateLine(rng: Random, line: string): string {
  let sixth = -1;
  for (let i = 0, commas = 0; i < line.length; i += 1) {
    if (line[i] === ',' && (commas += 1) === 6) sixth = i;
  }
  const limit = sixth > 10 ? sixth : line.length;
  return line.slice(0, rng.int(10, limit - 1));
}
