import {
  bigintId,
  boolean,
  ifPresent,
  ipAddress,
  isoDate,
  oneOf,
  optional,
  utcTimestamp,
} from './field-checks.js';
import { parseFields, type ParsedRow } from './parse-fields.js';

export const CUSTOMER_HEADER = [
  'customer_id',
  'email',
  'first_name',
  'last_name',
  'phone',
  'street_address',
  'city',
  'country',
  'birth_date',
  'signup_ip',
  'marketing_consent',
  'last_activity_at',
  'customer_type',
  'company_name',
] as const;

export const CUSTOMER_TYPES = ['b2b', 'b2c'] as const;

export interface Customer {
  customerId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  streetAddress: string | null;
  city: string | null;
  country: string | null;
  /** YYYY-MM-DD */
  birthDate: string | null;
  signupIp: string | null;
  marketingConsent: boolean | null;
  lastActivityAt: Date | null;
  customerType: (typeof CUSTOMER_TYPES)[number];
  companyName: string | null;
}

/**
 * Parses one customers line. Only what the warehouse cannot hold is refused (an id that is not a
 * number, a date that does not exist, an unknown customer type); a missing e-mail is kept, for
 * the quality checks to count.
 */
export function parseCustomerRow(line: string): ParsedRow<Customer> {
  return parseFields(line, CUSTOMER_HEADER, (v) => ({
    customerId: bigintId('customer_id', v.customer_id),
    email: optional(v.email),
    firstName: optional(v.first_name),
    lastName: optional(v.last_name),
    phone: optional(v.phone),
    streetAddress: optional(v.street_address),
    city: optional(v.city),
    country: optional(v.country),
    birthDate: ifPresent(v.birth_date, (x) => isoDate('birth_date', x)),
    signupIp: ifPresent(v.signup_ip, (x) => ipAddress('signup_ip', x)),
    marketingConsent: ifPresent(v.marketing_consent, (x) => boolean('marketing_consent', x)),
    lastActivityAt: ifPresent(v.last_activity_at, (x) => utcTimestamp('last_activity_at', x)),
    customerType: oneOf('customer_type', v.customer_type, CUSTOMER_TYPES),
    companyName: optional(v.company_name),
  }));
}
