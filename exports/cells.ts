/**
 * CSV cells as the exports write them. Text that Excel would run as a formula (= + - @, tab, CR)
 * gets a leading apostrophe (OWASP's CSV injection advice); numbers are written with the
 * Vietnamese decimal comma and never escaped, so a negative difference stays a number.
 */

/** A text cell, escaped when Excel would take it for a formula. Only for text, never numbers. */
export function escapeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A number with a decimal comma (85,3; -0,5); '' for none. */
export function numberCell(n: number | null): string {
  return n === null ? '' : String(n).replace('.', ',');
}
