import type { SearchDocument } from './document.js';

/** How much a tier lifts relevance: critical assets first when the text matches as well. */
const TIER_BOOST: Record<string, number> = {
  'Tier.Tier1': 1.5,
  'Tier.Tier2': 1.3,
  'Tier.Tier3': 1.15,
  'Tier.Tier4': 1.05,
  'Tier.Tier5': 1,
};

/**
 * The factor a document's text relevance is multiplied by: its tier and, logarithmically, its usage.
 * Both drivers apply the same factor.
 */
export function relevanceBoost(document: Pick<SearchDocument, 'tier' | 'usage'>): number {
  const tier = document.tier ? (TIER_BOOST[document.tier] ?? 1) : 1;
  const usage = document.usage && document.usage > 0 ? 1 + Math.log10(1 + document.usage) / 10 : 1;
  return Math.round(tier * usage * 1000) / 1000;
}
