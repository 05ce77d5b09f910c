/** Output after capping: the text to keep, and whether anything was cut. */
export interface CappedOutput {
  text: string;
  truncated: boolean;
}

/**
 * Caps output at `maxChars` characters (UTF-16 code units) by keeping its head and its tail with
 * one line between them that says what was cut: `[… 12345 characters (210 lines) cut …]`.
 * Cuts fall on line breaks when that keeps at least half of each side, and never split a
 * surrogate pair. The result, marker line included, is at most `maxChars` long, except that the
 * marker line is always kept whole. Text within the cap comes back unchanged with `truncated: false`.
 */
export function capOutput(text: string, maxChars: number): CappedOutput {
  if (text.length <= maxChars) return { text, truncated: false };
  // Reserve room for the longest marker this text can need (both counts as long as the text), with its two line breaks.
  const widest = marker(text.length, text.length).length + 2;
  const budget = Math.max(0, Math.floor(maxChars) - widest);
  const head = lineBoundary(text, Math.ceil(budget / 2), 'head');
  const tail = lineBoundary(text, text.length - Math.floor(budget / 2), 'tail');
  const cut = text.slice(head, tail);
  const lines = cut.split('\n').length - (cut.endsWith('\n') ? 1 : 0);
  const before = head > 0 && text[head - 1] !== '\n' ? '\n' : '';
  const after = tail < text.length ? '\n' : '';
  return { text: text.slice(0, head) + before + marker(cut.length, lines) + after + text.slice(tail), truncated: true };
}

function marker(chars: number, lines: number): string {
  return `[… ${chars} characters (${lines} ${lines === 1 ? 'line' : 'lines'}) cut …]`;
}

/** Moves a cut to a line break when that keeps at least half of the side; otherwise keeps it, off any surrogate pair. */
function lineBoundary(text: string, at: number, side: 'head' | 'tail'): number {
  if (side === 'head') {
    if (at <= 0) return 0;
    const newline = text.lastIndexOf('\n', at - 1);
    if (newline >= 0 && newline + 1 >= at / 2) return newline + 1;
  } else {
    if (at >= text.length) return text.length;
    const newline = text.indexOf('\n', at - 1);
    if (newline >= 0 && text.length - (newline + 1) >= (text.length - at) / 2) return newline + 1;
  }
  const code = text.charCodeAt(at);
  // A low surrogate at the cut: move the cut off the pair (backwards for the head, forwards for the tail).
  if (at > 0 && code >= 0xdc00 && code <= 0xdfff) return side === 'head' ? at - 1 : at + 1;
  return at;
}
