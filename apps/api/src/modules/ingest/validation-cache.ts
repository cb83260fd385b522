import { validateRecord, type MetadataRecordInput, type RecordValidation } from '@almanac/sdk';

/**
 * Validates records produced in this process, remembering the latest results by their JSON text:
 * a producer reports the same jobs and datasets run after run, and validating and hashing a table
 * costs far more than serializing it. Records are validated as sent over NDJSON (their JSON text),
 * so the answer is the one the NDJSON path gives. Cached records are shared: writers only read them.
 */
export class ValidationCache {
  private readonly results = new Map<string, RecordValidation>();
  private chars = 0;

  /** Remembers records whose JSON texts add up to at most `maxChars` characters. */
  constructor(private readonly maxChars: number) {}

  validate(record: MetadataRecordInput): RecordValidation {
    const text = JSON.stringify(record);
    const known = this.results.get(text);
    if (known) {
      // Map order is insertion order: moving a hit to the end keeps the least recent first.
      this.results.delete(text);
      this.results.set(text, known);
      return known;
    }
    const result = validateRecord(JSON.parse(text));
    if (text.length <= this.maxChars / 16) this.remember(text, result);
    return result;
  }

  private remember(text: string, result: RecordValidation): void {
    this.results.set(text, result);
    this.chars += text.length;
    for (const oldest of this.results.keys()) {
      if (this.chars <= this.maxChars) break;
      this.results.delete(oldest);
      this.chars -= oldest.length;
    }
  }
}
