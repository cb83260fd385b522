import { describe, expect, it } from '@jest/globals';
import { hitHref, parentFqn } from './search-hits';

const fqnOf = (href: string | null) =>
  href === null ? null : new URL(href, 'http://x').searchParams.get('fqn');

describe('parentFqn', () => {
  it('drops the last part, respecting quoted parts with dots and quotes', () => {
    expect(parentFqn('svc.db.marts.clv.lifetime_value')).toBe('svc.db.marts.clv');
    expect(parentFqn('svc.db."raw.data".t.c')).toBe('svc.db."raw.data".t');
    expect(parentFqn('svc.db.s."a ""b"".c"')).toBe('svc.db.s');
    expect(parentFqn('svc')).toBeNull();
    expect(parentFqn('"a.b"')).toBeNull();
  });
});

describe('hitHref', () => {
  it('opens entities on the asset page with their type', () => {
    const href = hitHref({ fqn: 'svc.db.marts.clv', type: 'table' });
    expect(href).toBe('/asset?fqn=svc.db.marts.clv&type=table');
    expect(hitHref({ fqn: 'PII.Sensitive', type: 'tag' })).toBe(
      '/asset?fqn=PII.Sensitive&type=tag',
    );
    expect(hitHref({ fqn: 'dana', type: 'user' })).toBe('/asset?fqn=dana&type=user');
  });

  it('opens a view without a type, since views are stored as tables', () => {
    expect(hitHref({ fqn: 'svc.db.s.v', type: 'view' })).toBe('/asset?fqn=svc.db.s.v');
  });

  it("opens a column's table", () => {
    expect(fqnOf(hitHref({ fqn: 'svc.db."raw.data".t.email', type: 'column' }))).toBe(
      'svc.db."raw.data".t',
    );
  });

  it('has no page for a glossary term', () => {
    expect(hitHref({ fqn: 'glossary.Conversion Rate', type: 'glossary_term' })).toBeNull();
  });
});
