import * as path from 'node:path';

/**
 * A fenced code block whose fence is longer than any backtick run in `text`, so nothing in the
 * text can close it early. Line breaks are normalised to `\n`; one trailing line break is dropped.
 */
export function fencedBlock(text: string, info = ''): string {
  const body = normaliseNewlines(text).replace(/\n$/, '');
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  return `${fence}${info}\n${body}${body ? '\n' : ''}${fence}`;
}

/** Inline code that shows `text` exactly, whatever backticks it holds; line breaks become spaces. */
export function inlineCode(text: string): string {
  const flat = normaliseNewlines(text).replace(/\n/g, ' ');
  const ticks = '`'.repeat(longestRun(flat, '`') + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ') && flat.trim() !== '') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/** `\r\n` and lone `\r` as `\n`. */
export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Escapes the characters that would end or nest link text. */
export function escapeLinkText(text: string): string {
  return text.replace(/[\\[\]]/g, (c) => `\\${c}`);
}

/** Undoes backslash escapes of ASCII punctuation. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/**
 * The link from the markdown file `fromFile` to `toFile` (both workspace-relative, posix), each
 * path segment percent-encoded so spaces and parentheses are safe in a link destination.
 */
export function relativeLink(fromFile: string, toFile: string): string {
  const relative = path.posix.relative(path.posix.dirname(fromFile), toFile) || path.posix.basename(toFile);
  return relative
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let current = 0;
  for (const c of text) {
    current = c === char ? current + 1 : 0;
    if (current > longest) longest = current;
  }
  return longest;
}
