/** A classification (a family of tags) that every catalog starts with. */
export interface BuiltinClassification {
  name: string;
  description: string;
  tags: { name: string; description: string }[];
}

/**
 * The classifications governance relies on from the first start: personal-data sensitivity,
 * GDPR personal-data categories and business-criticality tiers. Names follow OpenMetadata's
 * built-ins so labels move between the two catalogs unchanged.
 */
export const BUILTIN_CLASSIFICATIONS: readonly BuiltinClassification[] = [
  {
    name: 'PII',
    description: 'Personally identifiable information: how sensitive a value is.',
    tags: [
      { name: 'None', description: 'Holds no personal data.' },
      {
        name: 'NonSensitive',
        description: 'Personal data whose exposure causes little harm, such as a city.',
      },
      {
        name: 'Sensitive',
        description:
          'Personal data that identifies a person or harms them if exposed, such as an e-mail address.',
      },
    ],
  },
  {
    name: 'PersonalData',
    description: 'GDPR categories of personal data.',
    tags: [
      { name: 'Personal', description: 'Personal data under GDPR Article 4.' },
      {
        name: 'SpecialCategory',
        description: 'Special-category data under GDPR Article 9 (health, beliefs, biometrics...).',
      },
    ],
  },
  {
    name: 'Tier',
    description: 'How critical an asset is to the business.',
    tags: [
      { name: 'Tier1', description: 'Critical: drives external reporting or revenue.' },
      { name: 'Tier2', description: 'Important: used by many teams.' },
      { name: 'Tier3', description: 'Departmental.' },
      { name: 'Tier4', description: 'Team or personal use.' },
      { name: 'Tier5', description: 'Unused or scratch.' },
    ],
  },
];

/** Every built-in tag FQN, such as `PII.Sensitive`. */
export function builtinTagFqns(): string[] {
  return BUILTIN_CLASSIFICATIONS.flatMap((c) => c.tags.map((t) => `${c.name}.${t.name}`));
}
