// Text filters of the lists (incident titles, deployment ids): "contains, any case", with the
// LIKE pattern characters of the typed text taken literally.

/** `%text%` for ILIKE, with `\`, `%` and `_` in the text escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
