import type { Role } from './roles.js';

/**
 * Every action the API exposes. Reads are actions too: each resolver and controller names the
 * action it performs, and nothing is callable without one.
 */
export const ACTIONS = [
  'catalog.read',
  'catalog.updateDescription',
  'catalog.setOwners',
  'catalog.addTag',
  'catalog.removeTag',
  'catalog.softDelete',
  'catalog.restore',
  'catalog.ingest',
  'pii.viewSamples',
  'lineage.edit',
  'audit.read',
  'token.create',
  'token.list',
  'token.revoke',
  'ops.read',
] as const;

export type Action = (typeof ACTIONS)[number];

const EVERYONE: readonly Role[] = [
  'Admin',
  'DataSteward',
  'DataEngineer',
  'ComplianceOfficer',
  'DataConsumer',
  'Bot',
];

/** Which roles may perform which action. Admin may do everything. */
export const PERMISSIONS: Readonly<Record<Action, readonly Role[]>> = {
  'catalog.read': EVERYONE,
  'catalog.updateDescription': ['Admin', 'DataSteward', 'DataEngineer'],
  'catalog.setOwners': ['Admin', 'DataSteward'],
  'catalog.addTag': ['Admin', 'DataSteward', 'DataEngineer', 'ComplianceOfficer'],
  'catalog.removeTag': ['Admin', 'DataSteward', 'ComplianceOfficer'],
  'catalog.softDelete': ['Admin', 'DataSteward', 'DataEngineer'],
  'catalog.restore': ['Admin', 'DataSteward', 'DataEngineer'],
  'catalog.ingest': ['Admin', 'Bot'],
  // Sampled values of personal-data columns are shown unmasked only to these roles.
  'pii.viewSamples': ['Admin', 'ComplianceOfficer'],
  'lineage.edit': ['Admin', 'DataEngineer'],
  'audit.read': ['Admin', 'ComplianceOfficer'],
  'token.create': ['Admin'],
  'token.list': ['Admin'],
  'token.revoke': ['Admin'],
  'ops.read': EVERYONE,
};

export function isAllowed(roles: readonly Role[], action: Action): boolean {
  const allowed = PERMISSIONS[action];
  return roles.some((role) => allowed.includes(role));
}
