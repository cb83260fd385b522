import { isAllowed } from './permissions.js';
import type { Role } from './roles.js';

/**
 * What every non-null value of a masked sample becomes. One fixed token, so a masked value reveals
 * neither its length nor its shape (an e-mail and a phone number look the same).
 */
export const MASKED_VALUE = '*****';

const PERSONAL_DATA_TAGS: ReadonlySet<string> = new Set(['PII.Sensitive', 'PII.NonSensitive']);
const PERSONAL_DATA_CLASSIFICATION = 'PersonalData.';

/** A tag on a sampled column or on its table, as far as masking cares. */
export interface SampleTagLabel {
  tagFqn: string;
  /** `suggested`, `confirmed` or `rejected`: only a rejected label stops counting. */
  state: string;
}

/** Sampled values as one caller may see them. */
export interface SampleView {
  values: (string | null)[];
  /** True when the values were replaced by {@link MASKED_VALUE} for this caller. */
  masked: boolean;
  /** The personal-data tags that call for masking, sorted; listed even when the caller sees through. */
  piiTags: string[];
}

/** Whether a tag marks personal data: `PII.Sensitive`, `PII.NonSensitive` or any `PersonalData.*`. */
export function isPersonalDataTag(tagFqn: string): boolean {
  return PERSONAL_DATA_TAGS.has(tagFqn) || tagFqn.startsWith(PERSONAL_DATA_CLASSIFICATION);
}

/**
 * Applies the sample-masking rule. Values of a column that carries a personal-data tag, itself or
 * through its table, are masked unless one of `roles` may perform `pii.viewSamples`. A suggested
 * label masks as much as a confirmed one: a classifier's guess is reason enough to hide a value
 * until someone rejects it. NULLs stay null: they say how complete a column is, not whose it is.
 *
 * @param labels the tags of the column and of its table together.
 */
export function maskSample(
  values: readonly (string | null)[],
  labels: readonly SampleTagLabel[],
  roles: readonly Role[],
): SampleView {
  const piiTags = [
    ...new Set(
      labels
        .filter((label) => label.state !== 'rejected' && isPersonalDataTag(label.tagFqn))
        .map((label) => label.tagFqn),
    ),
  ].sort();
  if (piiTags.length === 0 || isAllowed(roles, 'pii.viewSamples')) {
    return { values: [...values], masked: false, piiTags };
  }
  return {
    values: values.map((value) => (value === null ? null : MASKED_VALUE)),
    masked: true,
    piiTags,
  };
}
