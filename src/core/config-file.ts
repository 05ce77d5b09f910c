import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { DocKind } from './doc-model';
import { RuleId, type Finding } from './findings';
import { parseReviewInterval } from './staleness/evidence/review';
import { DEFAULT_STALENESS_OPTIONS, type StalenessOptionsInput, type StalenessWeights } from './staleness/options';

export { CONFIG_FILE_NAMES, isConfigFilePath } from './config-file-names';

/** What a repository config file says, as far as it is valid. */
export interface RunbooksConfig {
  /**
   * The valid staleness settings. A setting with a problem is left out, so its default applies;
   * a file that is not valid YAML gives `{}`.
   */
  staleness: StalenessOptionsInput;
  /**
   * What is wrong, in file order: `config.invalid` errors on the line (and column, 1-based) to fix.
   * Empty when the file is valid.
   */
  problems: Finding[];
}

type WeightName = keyof StalenessWeights;
/**
 * The settings a config file may set: every engine option but the clock and the read-ahead, which
 * belong to whoever runs the engine. A new option fails to compile in `SETTINGS` until it is given a
 * check there or is left out here.
 */
type SettingName = Exclude<keyof StalenessOptionsInput, 'weights' | 'now' | 'readAhead'>;

/** A setting's check: its value, or what is wrong with it, to follow "`staleness.key` " (and the node to point at). */
type Check = (value: unknown, node: Node) => { value: unknown } | { problem: string; node?: Node };
type Locate = (node: Node | null | undefined) => { line: number; column: number };

const WEIGHT_NAMES: readonly WeightName[] = ['commit', 'line', 'maxLinesPerTarget', 'anchoredRange', 'uncommitted', 'incidentFeedback', 'brokenLink', 'reviewOverdue'];
const DOC_KINDS: readonly DocKind[] = ['runbook', 'architecture', 'other'];
const INTERVAL_EXAMPLES = 'write e.g. `90d`, `3 months`, `P90D` or `quarterly`';

const number = (what: string, ok: (n: number) => boolean): Check => (value) =>
  typeof value === 'number' && Number.isFinite(value) && ok(value) ? { value } : { problem: `must be ${what}, not ${describe(value)}` };
const boolean: Check = (value) => (typeof value === 'boolean' ? { value } : { problem: `must be true or false, not ${describe(value)}` });
const oneOf = (choices: readonly string[]): Check => (value) =>
  typeof value === 'string' && choices.includes(value) ? { value } : { problem: `must be ${listWords(choices, 'or')}, not ${describe(value)}` };

/** A list of strings (a single string is a list of one); `item` checks each. */
const stringList = (what: string, item: (text: string) => string | undefined): Check => (value, node) => {
  if (typeof value === 'string') {
    const problem = item(value);
    return problem ? { problem } : { value: [value] };
  }
  if (!Array.isArray(value) || !isSeq(node)) return { problem: `must be ${what}, not ${describe(value)}` };
  for (const [i, v] of value.entries()) {
    const itemNode = node.items[i] as Node | undefined;
    if (typeof v !== 'string') return { problem: `must be ${what}; item ${i + 1} is ${describe(v)}`, ...(itemNode ? { node: itemNode } : {}) };
    const problem = item(v);
    if (problem) return { problem, ...(itemNode ? { node: itemNode } : {}) };
  }
  return { value };
};

const weightCheck = (name: WeightName): Check => {
  const base = name === 'maxLinesPerTarget' ? number('a whole number of 0 or more', (n) => Number.isInteger(n) && n >= 0) : number('a number of 0 or more', (n) => n >= 0);
  return (value, node) => (typeof value === 'number' && value < 0 ? { problem: `cannot be negative (\`${value}\`); use 0 to leave this evidence out` } : base(value, node));
};

const SETTINGS: Record<SettingName, Check> = {
  staleThreshold: number('a number above 0', (n) => n > 0),
  bulkCommitFiles: number('a whole number of 1 or more', (n) => Number.isInteger(n) && n >= 1),
  useBlameIgnoreRevs: boolean,
  workingTree: boolean,
  codeSpans: oneOf(['runbooks', 'all', 'off']),
  trackDocLinks: boolean,
  alertRuleFiles: stringList('a list of globs (e.g. `[alerts/**/*.yml]`)', (glob) => (glob.trim() === '' ? 'holds an empty glob' : undefined)),
  maxAlertRuleFileBytes: number('a whole number of bytes, 0 or more', (n) => Number.isInteger(n) && n >= 0),
  defaultReviewInterval: (value) => {
    if (typeof value !== 'string' && typeof value !== 'number') return { problem: `must be a review interval (${INTERVAL_EXAMPLES}), not ${describe(value)}` };
    const text = String(value);
    return parseReviewInterval(text) ? { value: text } : { problem: `is \`${text}\`, which is not a duration; ${INTERVAL_EXAMPLES}` };
  },
  checkKinds: stringList(`a list of doc kinds (${listWords(DOC_KINDS, 'and')})`, (kind) =>
    (DOC_KINDS as readonly string[]).includes(kind) ? undefined : `holds \`${kind}\`, which is not a doc kind; use ${listWords(DOC_KINDS, 'or')}`,
  ),
};
const SETTING_NAMES = ['weights', ...Object.keys(SETTINGS)] as Array<SettingName | 'weights'>;

/**
 * Reads a repository config file (`.runbooks.yml`): a YAML mapping whose `staleness:` section sets
 * the staleness rules (`weights`, `staleThreshold`, `bulkCommitFiles`, `useBlameIgnoreRevs`,
 * `workingTree`, `codeSpans`, `trackDocLinks`, `alertRuleFiles`, `maxAlertRuleFileBytes`,
 * `defaultReviewInterval`, `checkKinds`; see `StalenessOptions`). Never throws: invalid YAML, an
 * unknown key (with the closest known one suggested), a value of the wrong type or range (a
 * negative weight, an interval that is not a duration) each become a problem on its line, and the
 * setting is left out of `staleness`. An empty file, or one without a `staleness:` section, is
 * valid and sets nothing.
 */
export function parseConfigFile(text: string): RunbooksConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: Finding[] = [];
  const locate: Locate = (node) => {
    const pos = lineCounter.linePos(node?.range?.[0] ?? 0);
    return { line: pos.line, column: pos.col };
  };
  const problem = (message: string, at: { line: number; column: number }) => problems.push({ ruleId: RuleId.configInvalid, severity: 'error', message, ...at });

  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const reason = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      const pos = lineCounter.linePos(error.pos[0]);
      problem(`The config file is not valid YAML: ${reason}.`, { line: pos.line, column: pos.col });
    }
    return { staleness: {}, problems };
  }
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) return { staleness: {}, problems };
  if (!isMap(contents)) {
    problem('The config file must be a YAML mapping with a `staleness:` section; it was ignored.', locate(contents));
    return { staleness: {}, problems };
  }

  const staleness: StalenessOptionsInput = {};
  for (const pair of contents.items) {
    const key = keyName(pair);
    if (key === undefined) {
      problem('Keys must be names; the only section is `staleness`.', locate(pair.key as Node));
      continue;
    }
    if (key !== 'staleness') {
      problem(unknownKey(key, key, ['staleness'], 'section'), locate(pair.key as Node));
      continue;
    }
    const section = sectionOf(doc, pair, 'staleness', problem, locate);
    if (!section) continue;
    for (const item of section.items) {
      const name = keyName(item);
      const where = locate(item.key as Node);
      if (name === undefined) {
        problem('Keys of `staleness` must be names.', where);
        continue;
      }
      const path = `staleness.${name}`;
      if (name === 'weights') {
        const weights = sectionOf(doc, item, path, problem, locate);
        if (!weights) continue;
        const set: Partial<StalenessWeights> = {};
        for (const w of weights.items) {
          const wName = keyName(w);
          if (wName === undefined || !(WEIGHT_NAMES as readonly string[]).includes(wName)) {
            const movedUp = wName !== undefined && (SETTING_NAMES as string[]).includes(wName) ? ` \`${wName}\` belongs directly under \`staleness:\`, not under \`weights:\`.` : '';
            problem(movedUp ? `\`${path}.${wName}\` is not a weight.${movedUp}` : unknownKey(`${path}.${wName ?? String(w.key)}`, wName ?? '', WEIGHT_NAMES, 'weight'), locate(w.key as Node));
            continue;
          }
          const checked = checkValue(doc, w, `${path}.${wName}`, weightCheck(wName as WeightName), DEFAULT_STALENESS_OPTIONS.weights[wName as WeightName], locate);
          if ('problem' in checked) problem(checked.problem, checked.at);
          else set[wName as WeightName] = checked.value as number;
        }
        if (Object.keys(set).length > 0) staleness.weights = set;
        continue;
      }
      const check = Object.prototype.hasOwnProperty.call(SETTINGS, name) ? SETTINGS[name as SettingName] : undefined;
      if (!check) {
        const isWeight = (WEIGHT_NAMES as readonly string[]).includes(name);
        problem(isWeight ? `\`${path}\` is a weight: put it under \`weights:\` (\`staleness.weights.${name}\`).` : unknownKey(path, name, SETTING_NAMES, 'setting'), where);
        continue;
      }
      const checked = checkValue(doc, item, path, check, DEFAULT_STALENESS_OPTIONS[name as SettingName], locate);
      if ('problem' in checked) problem(checked.problem, checked.at);
      else (staleness as Record<string, unknown>)[name] = checked.value;
    }
  }
  problems.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
  return { staleness, problems };
}

/** The mapping under a section key; undefined (with a problem unless it is empty) when it is not one. */
function sectionOf(doc: Document, pair: Pair, path: string, problem: (message: string, at: { line: number; column: number }) => void, locate: Locate): YAMLMap | undefined {
  const value = resolve(doc, pair.value);
  if (value === null || (isScalar(value) && value.value === null)) return undefined;
  if (isMap(value)) return value;
  problem(`\`${path}\` must be a mapping of settings (\`key: value\` lines indented below it), not ${describe(value.toJSON())}.`, locate(value));
  return undefined;
}

function checkValue(doc: Document, pair: Pair, path: string, check: Check, fallback: unknown, locate: Locate): { value: unknown } | { problem: string; at: { line: number; column: number } } {
  const node = resolve(doc, pair.value);
  const defaults = `the default is ${fallback === undefined ? 'none' : `\`${Array.isArray(fallback) ? `[${fallback.join(', ')}]` : String(fallback)}\``}`;
  if (node === null || (isScalar(node) && node.value === null)) {
    return { problem: `\`${path}\` has no value; set one or remove the line (${defaults}).`, at: locate(pair.key as Node) };
  }
  const result = check(node.toJSON(), node);
  if ('value' in result) return result;
  return { problem: `\`${path}\` ${result.problem} (${defaults}).`, at: locate(result.node ?? node) };
}

/** The node behind an alias, or the node itself; null for none. */
function resolve(doc: Document, node: unknown): Node | null {
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return (node.resolve(doc) as Node | undefined) ?? null;
  return node as Node;
}

function keyName(pair: Pair): string | undefined {
  return isScalar(pair.key) && typeof pair.key.value === 'string' ? pair.key.value : undefined;
}

function unknownKey(path: string, name: string, known: readonly string[], noun: string): string {
  const near = closest(name, known);
  if (near) return `\`${path}\` is not a ${noun}; did you mean \`${near}\`?`;
  if (known.length === 1) return `\`${path}\` is not a ${noun}; the only ${noun} is \`${known[0]}\`.`;
  return `\`${path}\` is not a ${noun}; the ${noun}s are ${listWords(known.map((k) => `\`${k}\``), 'and')}.`;
}

/**
 * The known key `name` was most likely meant to be: the same up to case, `_` and `-`; else the
 * nearest by edit distance (within a third of the key's length); else the nearest whose run of
 * camelCase words is that close (`treshold` → `staleThreshold`); else one containing it or contained
 * in it (4 characters or more). Undefined when none is close.
 */
export function closest(name: string, known: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  const n = norm(name);
  if (n === '') return undefined;
  const same = known.find((k) => norm(k) === n);
  if (same) return same;
  const nearest = (candidates: (key: string) => string[]) => {
    let best: { key: string; distance: number } | undefined;
    for (const key of known) {
      for (const c of candidates(key)) {
        const distance = editDistance(n, c);
        if (distance <= Math.max(1, Math.floor(c.length / 3)) && (!best || distance < best.distance)) best = { key, distance };
      }
    }
    return best?.key;
  };
  return (
    nearest((key) => [norm(key)]) ??
    nearest((key) => wordRuns(key).filter((run) => run.length >= 5)) ??
    (n.length >= 4 ? known.find((k) => norm(k).includes(n) || n.includes(norm(k))) : undefined)
  );
}

/** Every run of consecutive camelCase words of `key`, lower case (`staleThreshold` → stale, stalethreshold, threshold). */
function wordRuns(key: string): string[] {
  const words = key.split(/(?=[A-Z])/).map((w) => w.toLowerCase());
  const runs: string[] = [];
  for (let i = 0; i < words.length; i++) for (let j = i + 1; j <= words.length; j++) runs.push(words.slice(i, j).join(''));
  return runs;
}

/** Levenshtein distance, with a swap of two neighbours counting as one edit. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** How a wrong value is shown in a message. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return `\`${JSON.stringify(shown).slice(1, -1)}\``;
  }
  return `\`${String(value)}\``;
}

/** `a, b or c`. */
function listWords(words: readonly string[], last: 'and' | 'or'): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ${last} ${words.at(-1)}`;
}
