import { ACTIONS, PERMISSIONS, isAllowed } from './permissions.js';
import { ROLES, parseRole } from './roles.js';

describe('permissions', () => {
  it('lets an Admin perform every action', () => {
    for (const action of ACTIONS) expect(isAllowed(['Admin'], action)).toBe(true);
  });

  it('keeps DataConsumer read-only', () => {
    const allowed = ACTIONS.filter((action) => isAllowed(['DataConsumer'], action));
    expect(allowed).toEqual(['catalog.read', 'ops.read']);
  });

  it('lets only Admin and Bot ingest', () => {
    const ingesters = ROLES.filter((role) => isAllowed([role], 'catalog.ingest'));
    expect(ingesters).toEqual(['Admin', 'Bot']);
  });

  it('lets only Admin and ComplianceOfficer see unmasked PII samples', () => {
    const viewers = ROLES.filter((role) => isAllowed([role], 'pii.viewSamples'));
    expect(viewers).toEqual(['Admin', 'ComplianceOfficer']);
  });

  it('grants an action when any of several roles allows it', () => {
    expect(isAllowed(['DataConsumer', 'DataSteward'], 'catalog.setOwners')).toBe(true);
    expect(isAllowed([], 'catalog.read')).toBe(false);
  });

  it('names only known roles in the table', () => {
    for (const roles of Object.values(PERMISSIONS)) {
      for (const role of roles) expect(ROLES).toContain(role);
    }
  });

  it('rejects an unknown role by name', () => {
    expect(() => parseRole('Janitor')).toThrow('unknown role "Janitor"');
    expect(parseRole('Bot')).toBe('Bot');
  });
});
