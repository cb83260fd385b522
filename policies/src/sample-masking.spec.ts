import { ROLES, type Role } from './roles.js';
import { MASKED_VALUE, isPersonalDataTag, maskSample } from './sample-masking.js';

const confirmed = (tagFqn: string) => ({ tagFqn, state: 'confirmed' });
const VALUES = ['ada@example.com', null, 'grace.hopper@example.org'];

describe('sample masking', () => {
  it('recognises the personal-data tags and nothing else', () => {
    expect(
      ['PII.Sensitive', 'PII.NonSensitive', 'PersonalData.Personal', 'PersonalData.SpecialCategory']
        .map(isPersonalDataTag)
        .every(Boolean),
    ).toBe(true);
    expect(
      ['PII.None', 'Tier.Tier1', 'PII', 'PersonalData', 'pii.sensitive'].map(isPersonalDataTag),
    ).toEqual([false, false, false, false, false]);
  });

  it('masks a PII column for a DataConsumer with one fixed token, keeping nulls and row count', () => {
    const view = maskSample(VALUES, [confirmed('PII.Sensitive')], ['DataConsumer']);
    expect(view).toEqual({
      values: [MASKED_VALUE, null, MASKED_VALUE],
      masked: true,
      piiTags: ['PII.Sensitive'],
    });
  });

  it('does not leak the length of a masked value', () => {
    const view = maskSample(['a', 'a much longer value'], [confirmed('PII.NonSensitive')], ['Bot']);
    expect(new Set(view.values.map((value) => value?.length)).size).toBe(1);
  });

  it('masks through a tag on the table and through any PersonalData tag', () => {
    const view = maskSample(['x'], [confirmed('PersonalData.SpecialCategory')], ['DataEngineer']);
    expect(view.values).toEqual([MASKED_VALUE]);
  });

  it('shows the values to exactly the roles that may view PII samples', () => {
    const clear = ROLES.filter(
      (role: Role) => !maskSample(VALUES, [confirmed('PII.Sensitive')], [role]).masked,
    );
    expect(clear).toEqual(['Admin', 'ComplianceOfficer']);
    const officer = maskSample(VALUES, [confirmed('PII.Sensitive')], ['ComplianceOfficer']);
    expect(officer).toEqual({ values: VALUES, masked: false, piiTags: ['PII.Sensitive'] });
  });

  it('shows untagged and non-personal columns to everyone', () => {
    for (const labels of [[], [confirmed('PII.None'), confirmed('Tier.Tier1')]]) {
      expect(maskSample(VALUES, labels, ['DataConsumer'])).toEqual({
        values: VALUES,
        masked: false,
        piiTags: [],
      });
    }
  });

  it('counts suggested labels, ignores rejected ones, and lists each tag once', () => {
    const suggested = maskSample(['x'], [{ tagFqn: 'PII.Sensitive', state: 'suggested' }], []);
    expect(suggested.masked).toBe(true);
    const rejected = maskSample(['x'], [{ tagFqn: 'PII.Sensitive', state: 'rejected' }], []);
    expect(rejected).toEqual({ values: ['x'], masked: false, piiTags: [] });
    const twice = maskSample(
      ['x'],
      [confirmed('PII.Sensitive'), confirmed('PersonalData.Personal'), confirmed('PII.Sensitive')],
      [],
    );
    expect(twice.piiTags).toEqual(['PII.Sensitive', 'PersonalData.Personal']);
  });

  it('returns a copy, never the caller’s array', () => {
    const values = ['x'];
    expect(maskSample(values, [], ['Admin']).values).not.toBe(values);
  });
});
