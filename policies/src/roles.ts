/** The roles a user or API token can hold. */
export const ROLES = [
  'Admin',
  'DataSteward',
  'DataEngineer',
  'ComplianceOfficer',
  'DataConsumer',
  'Bot',
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function parseRole(value: string): Role {
  if (!isRole(value)) {
    throw new Error(`unknown role "${value}" (expected one of ${ROLES.join(', ')})`);
  }
  return value;
}
