import { STOP_WORDS } from '../../stop-words';
import type { Hunk } from '../model/line-ranges';
import type { Vocabulary } from '../model/vocabulary';
import { factsOf, rawLines, type Text, type TextFacts } from './text-facts';

export type { Vocabulary } from '../model/vocabulary';

/** Above this many lost or gained words the change is a rewrite: its words are kept without checksums, up to `MAX_REWRITE_WORDS`. */
export const MAX_VOCABULARY_WORDS = 300;

/** A change with more words than this either way (hash-like words left out) has no vocabulary: it counts whatever the doc says. */
const MAX_REWRITE_WORDS = 20_000;

/** Added blocks longer than this are not compared with their siblings (entries are short). */
const MAX_ENTRY_LINES = 40;

/**
 * Words that say nothing about what a file holds: of URLs, of filler prose, and the keywords and
 * built-in types of the usual languages (a Go file losing its last `type` or `make(` is not a doc
 * saying "type assertions" or "make" made wrong).
 */
const NOISE = new Set(
  `http https www com org io eg ie etc todo note example
  type func struct interface return import package const var let def class self nil null none true false
  string int int64 bool error err map make new else elif switch case default`.split(/\s+/),
);

/** Identifier-like tokens: letters, digits, `_` and `-`, with dotted version tails (`v1.21.3`). */
const TOKEN = /[A-Za-z0-9_-]+(?:\.\d+)*/g;

/**
 * A token as compared: lower case, without `-` and `_` (so `metrics-server`, `metricsServer` and
 * `metrics_server` are one word), without a plural `s`; undefined for stop words, URL noise and
 * one-character tokens.
 */
export function normalWord(token: string): string | undefined {
  let word = token.toLowerCase().replace(/[-_]/g, '');
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) word = word.slice(0, -1);
  // A bare `v1` is an API or schema version in a path (`trace.v1.TracesData`), not a name.
  if (word.length < 2 || STOP_WORDS.has(word) || NOISE.has(word) || /^v\d+$/.test(word)) return undefined;
  return word;
}

/** The normalised words of a text (see `normalWord`), each with its first spelling in the text. */
export function wordsOf(text: string): Map<string, string> {
  const out = new Map<string, string>();
  // A token met before gives the same word (or none), whose first spelling is kept already: each
  // distinct token is normalised once (a file repeats most of its tokens many times).
  const met = new Set<string>();
  for (const token of text.match(TOKEN) ?? []) {
    if (met.has(token)) continue;
    met.add(token);
    const word = normalWord(token);
    if (word && !out.has(word)) out.set(word, token);
  }
  return out;
}

/**
 * The vocabulary change from `before` to `after` given the hunks of their line diff, comment lines
 * left out. A rewrite (over `MAX_VOCABULARY_WORDS` words lost or gained: regenerated entries, a
 * generated file, code written anew) is weighed by its words like a small change, checksums and
 * object ids left out: what a doc can have relied on is what went away (issue 18). Undefined over
 * `MAX_REWRITE_WORDS` either way: then it counts whatever the doc says.
 */
export function vocabularyChange(before: Text, after: Text, hunks: Hunk[]): Vocabulary | undefined {
  const [factsA, factsB] = [factsOf(before), factsOf(after)];
  const had = factsA.of(codeWords);
  const has = factsB.of(codeWords);
  let lost = [...had].filter(([w]) => !has.has(w)).map(([, token]) => token);
  let gained = [...has].filter(([w]) => !had.has(w)).map(([, token]) => token);
  if (lost.length > MAX_VOCABULARY_WORDS || gained.length > MAX_VOCABULARY_WORDS) {
    [lost, gained] = [lost.filter((w) => !HASH_LIKE.test(w)), gained.filter((w) => !HASH_LIKE.test(w))];
    if (lost.length > MAX_REWRITE_WORDS || gained.length > MAX_REWRITE_WORDS) return undefined;
  }
  return { lost: lost.sort(), gained: gained.sort(), copies: copiedEntries(factsB, hunks) };
}

/** Checksums and object ids (`a74f3071…`): no doc names one as a word. */
const HASH_LIKE = /^[0-9a-f]{12,}$/i;

/** A YAML or JSON line's key (`  name:`, `- name:`, `"name":`), when it has one; keys with spaces are taken for prose. */
const KEY = /^\s*(?:-\s+)?["']?([^\s"'#:{}[\],]+)["']?\s*:(?:\s|$)/;

/**
 * The vocabulary change of a YAML or JSON file whose shape changed: like `vocabularyChange`, but
 * only the words of keys (each key whole and, for `trivy-scan-fs`, each of its words) and of `settings` (the values of settings outside lists and collections,
 * one text per side, from `settingValues`) count. Values of entries are the entries' business (a
 * description that now says "code" does not concern a doc about what the file means).
 */
export function keyVocabularyChange(before: string, after: string, hunks: Hunk[], settings: [string, string] = ['', '']): Vocabulary | undefined {
  // A key is a name made of words (`trivy-scan-fs`): the key and each of its words.
  const keys = (text: string) =>
    text
      .split('\n')
      .map((line) => {
        const key = line.match(KEY)?.[1] ?? '';
        return /[-_]/.test(key) ? `${key} ${key.replace(/[-_]+/g, ' ')}` : key;
      })
      .join('\n');
  const words = vocabularyChange(`${keys(before)}\n${settings[0]}`, `${keys(after)}\n${settings[1]}`, []);
  return words && { ...words, copies: copiedEntries(after, hunks) };
}

/** Comment lines of the usual languages (`#`, `//`, `/*`, ` * `, `<!--`); not `--` or `;`, which start flags and settings too. */
const COMMENT = /^\s*(?:#(?!!)|\/\/|\/\*|\*(?:\s|\/|$)|<!--)/;

/** The text without its comment lines: a word in a comment explains the code, it is not something the code has. */
const withoutComments = (lines: readonly string[]): string => lines.filter((line) => !COMMENT.test(line)).join('\n');

/** The words of a text outside its comment lines (see `wordsOf`); shared: never change them. */
const codeWords = (facts: TextFacts): ReadonlyMap<string, string> => wordsOf(withoutComments(facts.of(rawLines)));

const indentOf = (line: string): number => line.length - line.trimStart().length;
const squeeze = (line: string): string => line.replace(/\s+/g, '');

/** The name of an entry from its first line, as spelt: the first token, or for `- key: value` the value's; undefined when it is no word. */
function entryKey(line: string): string | undefined {
  const text = line.trim().replace(/^[-*]\s+/, '');
  const listValue = line.trim().startsWith('- ') ? text.match(/^[\w.-]+:\s*["']?([A-Za-z0-9_-]+)/)?.[1] : undefined;
  const token = listValue ?? text.match(/[A-Za-z0-9_-]+/)?.[0];
  return token && normalWord(token) ? token : undefined;
}

/** The body of the entry starting at `start`: the following lines indented deeper, squeezed; blank lines left out. */
function entryBody(lines: readonly string[], start: number): string[] {
  const indent = indentOf(lines[start]!);
  const body: string[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    if (indentOf(line) <= indent) break;
    body.push(squeeze(line));
  }
  return body;
}

/**
 * What `copiedEntries` asks of a text's lines (blank or not, indentation, entry key and its
 * normal word, entry body), each worked out once per line: a Makefile's added targets are compared
 * with every other target of the file, hunk after hunk.
 */
class EntryLines {
  // By line number, only for the lines asked about (a hunk's siblings are few in a nested file).
  private readonly indents = new Map<number, number>();
  private readonly keys = new Map<number, { key: string | undefined; word: string | undefined }>();
  private readonly bodies = new Map<number, string[]>();

  constructor(readonly lines: readonly string[]) {}

  /** The indentation of line `i`; -1 when it is blank (or past the end). */
  indent(i: number): number {
    let indent = this.indents.get(i);
    if (indent === undefined) {
      const line = this.lines[i];
      indent = line?.trim() ? indentOf(line) : -1;
      this.indents.set(i, indent);
    }
    return indent;
  }

  /** The entry key of line `i` (see `entryKey`) and its normal word. */
  key(i: number): { key: string | undefined; word: string | undefined } {
    let kept = this.keys.get(i);
    if (!kept) {
      const key = entryKey(this.lines[i]!);
      kept = { key, word: key === undefined ? undefined : normalWord(key) };
      this.keys.set(i, kept);
    }
    return kept;
  }

  /** The entry body of line `i` (see `entryBody`). */
  body(i: number): string[] {
    let body = this.bodies.get(i);
    if (!body) this.bodies.set(i, (body = entryBody(this.lines, i)));
    return body;
  }
}

/** The entry lines of a text (see `EntryLines`); shared. */
const entryLines = (facts: TextFacts): EntryLines => new EntryLines(facts.of(rawLines));

/**
 * For every hunk that only adds lines: when its first line opens an entry (a key with a deeper
 * indented body), the sibling entries (same indentation, same parent) with the same body. A new
 * `metricsServer+: { podAntiAffinity: 'soft' }` next to `alertmanager+:` and `prometheus+:` with
 * that body is a new member of the list a doc may enumerate.
 */
function copiedEntries(text: Text, hunks: Hunk[]): Vocabulary['copies'] {
  const out: Vocabulary['copies'] = [];
  let entries: EntryLines | undefined;
  for (const h of hunks) {
    if (h.oldLines !== 0 || h.newLines === 0 || h.newLines > MAX_ENTRY_LINES) continue;
    const at = (entries ??= factsOf(text).of(entryLines));
    const count = at.lines.length;
    // The first added line that opens an entry (a diff that ignores whitespace may start the hunk
    // with the closing line of the entry before).
    let first = h.newStart - 1;
    const end = h.newStart - 1 + h.newLines;
    while (first < end && !(at.indent(first) >= 0 && at.key(first).key && at.body(first).length > 0)) first++;
    if (first >= end) continue;
    const { key, word } = at.key(first);
    const body = at.body(first);
    const indent = at.indent(first);
    const like = new Set<string>();
    for (const step of [-1, 1]) {
      for (let i = first + step; i >= 0 && i < count; i += step) {
        const other = at.indent(i);
        if (other < 0) continue;
        if (other < indent) break;
        if (other !== indent) continue;
        const sibling = at.key(i);
        if (!sibling.key || sibling.word === word) continue;
        const otherBody = at.body(i);
        if (otherBody.length === body.length && otherBody.every((l, j) => l === body[j])) like.add(sibling.key);
      }
    }
    if (like.size > 0) out.push({ key: key!, like: [...like].sort() });
  }
  return out;
}
