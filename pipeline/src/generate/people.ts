import type { Random } from './random.js';
import {
  CITIES,
  COMPANY_FORMS,
  COMPANY_KINDS,
  COMPANY_WORDS,
  EMAIL_DOMAINS,
  FIRST_NAMES,
  LAST_NAMES,
  STREETS,
} from './vocabulary.js';

export interface Person {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  street: string;
  city: string;
  country: string;
  birthDate: string;
  ip: string;
  consent: boolean;
  company: string;
}

const BIRTH_FROM = Date.UTC(1950, 0, 1);
const BIRTH_TO = Date.UTC(2005, 11, 31);

function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
}

function company(rng: Random, lastName: string): string {
  if (rng.chance(0.25))
    return `${lastName}, ${rng.pick(LAST_NAMES)} & Partners ${rng.pick(COMPANY_FORMS)}`;
  return `${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_KINDS)} ${rng.pick(COMPANY_FORMS)}`;
}

function ipAddress(rng: Random): string {
  if (rng.chance(0.1)) {
    const groups = Array.from({ length: 4 }, () => rng.int(0, 0xffff).toString(16));
    return `2001:db8:${groups.join(':')}::${rng.int(1, 0xffff).toString(16)}`;
  }
  return `${rng.int(1, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

function street(rng: Random): string {
  const number = rng.int(1, 220);
  return rng.chance(0.2)
    ? `${rng.pick(STREETS)} ${number}, Apt ${rng.int(1, 40)}`
    : `${number} ${rng.pick(STREETS)}`;
}

/** A made-up person; names, places and domains come from small built-in lists. */
export function makePerson(rng: Random, business: boolean): Person {
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const [city, country, dial] = rng.pick(CITIES);
  const companyName = business ? company(rng, lastName) : '';
  const domain = business
    ? `${ascii(companyName.split(' ')[0] ?? 'company')}.example`
    : rng.pick(EMAIL_DOMAINS);
  const birth = BIRTH_FROM + Math.floor(rng.float() * (BIRTH_TO - BIRTH_FROM));
  return {
    firstName,
    lastName,
    email: `${ascii(firstName)}.${ascii(lastName)}${business ? '' : rng.int(1, 999)}@${domain}`,
    phone: `${dial}${rng.int(1, 9)}${rng.digits(8)}`,
    street: street(rng),
    city,
    country,
    birthDate: new Date(birth).toISOString().slice(0, 10),
    ip: ipAddress(rng),
    consent: rng.chance(0.4),
    company: companyName,
  };
}
