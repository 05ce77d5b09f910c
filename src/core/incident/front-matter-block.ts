import { isMap, parseDocument } from 'yaml';
import { firstProblemLine } from '../yaml-problem';

/** Where the front matter of a markdown file is, by lines (0-based indexes into `lines`). */
export interface FrontMatterBlock {
  /** The file's lines without their line breaks. */
  lines: string[];
  /** The line break the file uses (`\r\n` when its first line ends so). */
  eol: string;
  /** A byte order mark the file starts with, or ''. */
  bom: string;
  /** Index of the closing `---` (or `...`) line; the YAML is lines 1 … close-1. */
  close: number;
}

/** The parsed front matter mapping, or why it could not be read (with the 1-based file line). */
export type FrontMatterRead =
  | { ok: true; block: FrontMatterBlock; data: Record<string, unknown> }
  | { ok: false; problem: string; line: number };

/**
 * Finds and parses the YAML front matter at the top of `text` (a first line `---`, a BOM allowed,
 * up to a `---` or `...` line). Returns the mapping, or a problem: no front matter, no closing
 * line, invalid YAML, or YAML that is not a mapping. Never throws.
 */
export function readFrontMatter(text: string): FrontMatterRead {
  const eol = /\r\n/.test(text.slice(0, text.indexOf('\n') + 1)) ? '\r\n' : '\n';
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trimEnd() !== '---') return { ok: false, problem: 'The file does not start with a `---` front matter line.', line: 1 };
  const close = lines.findIndex((line, i) => i > 0 && /^(?:---|\.\.\.)\s*$/.test(line));
  if (close < 0) return { ok: false, problem: 'The front matter has no closing `---` line.', line: 1 };
  const yamlText = lines.slice(1, close).join('\n');
  const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // Where a YAML problem starts as the docs' front matter reader says it (an unclosed quote: where it opened).
    const line = firstProblemLine(yamlText, 2);
    const reason = doc.errors[0]!.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    return { ok: false, problem: `The front matter is not valid YAML (line ${line}): ${reason}.`, line };
  }
  if (!isMap(doc.contents)) return { ok: false, problem: 'The front matter is not a mapping of `key: value` lines.', line: 2 };
  let data: Record<string, unknown>;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  } catch (error) {
    return { ok: false, problem: `The front matter could not be read: ${(error as Error).message}.`, line: 2 };
  }
  return { ok: true, block: { lines, eol, close, bom: text.startsWith('\uFEFF') ? '\uFEFF' : '' }, data };
}
