import { foldText } from '../highlight.js';

/**
 * A name as a sequence of folded words: `Customer_Lifetime-Value` and `customer lifetime value` both
 * become `customer lifetime value`. Documents store the keys of their names and the query's key is
 * looked up among them, so typing a whole name is an exact match however it is punctuated.
 */
export function nameKey(text: string): string {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .join(' ');
}
