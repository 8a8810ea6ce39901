/**
 * A file name as one visible line: names may hold a newline or other control characters (legal on
 * Linux), which would split a report's block or move the cursor. Each becomes its Unicode control
 * picture (newline → ␊, tab → ␉, ESC → ␛), so the name still shows where it differs.
 */
export function printableName(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    // NEL and the Unicode line and paragraph separators: some terminals break the line there.
    return '\u2424';
  });
}
