/** Validates a glossary term name; returns the problem, or null when the name is fine. */
export function termNameProblem(name: string): string | null {
  if (name.trim() !== name) return `term name "${name}" has leading or trailing spaces`;
  if (name.length === 0) return 'term name is empty';
  if (name.length > 128) return `term name is ${name.length} characters long (at most 128)`;
  if (name.includes('::')) return `term name "${name}" contains "::"`;
  return null;
}
