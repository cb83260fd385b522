import { BUILTIN_CLASSIFICATIONS, builtinTagFqns } from './classifications.js';

describe('built-in classifications', () => {
  it('carries the PII sensitivity levels and the five tiers', () => {
    expect(builtinTagFqns()).toEqual(
      expect.arrayContaining([
        'PII.None',
        'PII.NonSensitive',
        'PII.Sensitive',
        'Tier.Tier1',
        'Tier.Tier5',
      ]),
    );
  });

  it('has unique, dot-free names and a description everywhere', () => {
    const fqns = builtinTagFqns();
    expect(new Set(fqns).size).toBe(fqns.length);
    for (const c of BUILTIN_CLASSIFICATIONS) {
      expect(c.name).not.toContain('.');
      expect(c.description.length).toBeGreaterThan(0);
      for (const t of c.tags) {
        expect(t.name).not.toContain('.');
        expect(t.description.length).toBeGreaterThan(0);
      }
    }
  });
});
