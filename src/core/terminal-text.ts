/**
 * Repository text (titles, headings, file names, config keys, messages that quote them) shown in
 * a terminal or a CI log. Raw control characters there clear the screen, set the window title,
 * plant hyperlinks or write the clipboard (ANSI/OSC escapes), and a newline starts a line the
 * repository chose, such as a forged `::error::` or `::add-mask::` workflow command. Escaped, they
 * show as `\x1b`, `\n`, `\u202e`.
 */

/**
 * C0 controls, DEL, C1 controls, the line and paragraph separators, and the bidirectional
 * overrides and isolates (which reorder what a reader sees).
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` with every control character escaped, newlines and tabs included: for one value that
 * is put into a line (a title, a path, a key). Printable text, any script, is left as it is.
 */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, escapeOne);
}

/**
 * `text` with every control character escaped except newlines and tabs: the last step before a
 * whole block of output is written, so nothing that reached it unescaped can drive the terminal.
 * (Values must still go through `escapeControl` where they are put into a line, or a newline in
 * one would start a line of its own.)
 */
export function escapeControlKeepLines(text: string): string {
  return text.replace(CONTROL_BUT_LINES, escapeOne);
}

/** True when `text` holds a character `escapeControl` would escape. */
export function hasControl(text: string): boolean {
  CONTROL.lastIndex = 0;
  const found = CONTROL.test(text);
  CONTROL.lastIndex = 0;
  return found;
}
