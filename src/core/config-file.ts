import { compileBoundedGlob, isGlobRefusal } from './bounded-glob';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { DocKind } from './doc-model';
import { readAlertsSection, type AlertsConfig } from './alerts/config-section';
import { RuleId, type Finding } from './findings/finding';
import type { SeverityOverrides } from './findings/severity';
import { parseReviewInterval } from './staleness/evidence/review';
import { DEFAULT_STALENESS_OPTIONS, type StalenessOptionsInput, type StalenessWeights } from './staleness/options';
import { parseRulesSection } from './config-rules';
import { parseSiteSection } from './config-site';
import { describe, listWords, unknownKey } from './config-words';

export { closest } from './config-words';

export { CONFIG_FILE_NAMES, isConfigFilePath } from './config-file-names';

/** What a repository config file says, as far as it is valid. */
export interface RunbooksConfig {
  /**
   * The valid staleness settings. A setting with a problem is left out, so its default applies;
   * a file that is not valid YAML gives `{}`.
   */
  staleness: StalenessOptionsInput;
  /** The valid entries of the `rules:` section: rule id → severity or `off` (see `severityFor`); undefined when it sets none. */
  rules?: SeverityOverrides;
  /** The valid `alerts:` settings (which files are alert rule files); absent when the file has no `alerts:` section. */
  alerts?: AlertsConfig;
  /** The valid entries of the `problems:` section (how findings are shown); undefined when it sets none. */
  problemsOptions?: ProblemsConfig;
  /**
   * What is wrong, in file order: `config.invalid` errors on the line (and column, 1-based) to fix.
   * Empty when the file is valid.
   */
  problems: Finding[];
}

/** The `problems:` section: how findings are shown. */
export interface ProblemsConfig {
  /** Findings on every doc at their rule's severity; false (the default): docs that are neither runbooks nor architecture docs at `info`. */
  allDocs?: boolean;
}

type WeightName = keyof StalenessWeights;
/**
 * The settings a config file may set: every engine option but the clock and the read-ahead, which
 * belong to whoever runs the engine. A new option fails to compile in `SETTINGS` until it is given a
 * check there or is left out here.
 */
type SettingName = Exclude<keyof StalenessOptionsInput, 'weights' | 'now' | 'readAhead' | 'site' | 'maxDiffBytes'>;

/** A setting's check: its value, or what is wrong with it, to follow "`staleness.key` " (and the node to point at). */
type Check = (value: unknown, node: Node) => { value: unknown } | { problem: string; node?: Node };
type Locate = (node: Node | null | undefined) => { line: number; column: number };

const WEIGHT_NAMES: readonly WeightName[] = ['commit', 'line', 'maxCommitsPerTarget', 'maxLinesPerTarget', 'minorChange', 'anchoredRange', 'uncommitted', 'incidentFeedback', 'brokenLink', 'reviewOverdue'];
const SECTIONS: readonly string[] = ['staleness', 'rules', 'alerts', 'problems', 'site'];
const PROBLEMS_SETTINGS: readonly string[] = ['allDocs'];
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

/** Largest weight a config may set, and largest threshold or line count. */
const MAX_WEIGHT = 1000;
const MAX_SETTING = 1_000_000;

/** `check`, and a number above `max` refused: bounded so that a score stays a number (a weight of 1e308 made scores overflow to null in JSON). */
const atMost = (max: number, check: Check): Check => (value, node) =>
  typeof value === 'number' && value > max ? { problem: `is \`${value}\`, over the largest value allowed, ${max.toLocaleString('en-US')}` } : check(value, node);

const weightCheck = (name: WeightName): Check => {
  const base = atMost(
    name === 'maxLinesPerTarget' || name === 'maxCommitsPerTarget' ? MAX_SETTING : MAX_WEIGHT,
    name === 'maxLinesPerTarget' || name === 'maxCommitsPerTarget' ? number('a whole number of 0 or more', (n) => Number.isInteger(n) && n >= 0) : number('a number of 0 or more', (n) => n >= 0),
  );
  return (value, node) => (typeof value === 'number' && value < 0 ? { problem: `cannot be negative (\`${value}\`); use 0 to leave this evidence out` } : base(value, node));
};

const SETTINGS: Record<SettingName, Check> = {
  staleThreshold: atMost(MAX_SETTING, number('a number above 0', (n) => n > 0)),
  bulkCommitFiles: number('a whole number of 1 or more', (n) => Number.isInteger(n) && n >= 1),
  useBlameIgnoreRevs: boolean,
  workingTree: boolean,
  codeSpans: oneOf(['runbooks', 'all', 'off']),
  trackDocLinks: boolean,
  mentions: boolean,
  alertRuleFiles: stringList('a list of globs (e.g. `[alerts/**/*.yml]`)', (glob) => {
    if (glob.trim() === '') return 'holds an empty glob';
    const compiled = compileBoundedGlob(glob);
    return isGlobRefusal(compiled) ? `holds a glob that is refused because ${compiled.reason}; it was ignored` : undefined;
  }),
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
 * `workingTree`, `codeSpans`, `trackDocLinks`, `mentions`, `alertRuleFiles`, `maxAlertRuleFileBytes`,
 * `defaultReviewInterval`, `checkKinds`; see `StalenessOptions`). Never throws: invalid YAML, an
 * unknown key (with the closest known one suggested), a value of the wrong type or range (a
 * negative weight, an interval that is not a duration) each become a problem on its line, and the
 * setting is left out of `staleness`. The `rules:` section sets the severity of rules (see
 * `parseRulesSection`); the `problems:` section's `allDocs: true` shows findings on every doc at their
 * rule's severity (see `problemSeverity`). An empty file, or one without sections, is valid and sets nothing.
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
  let rules: SeverityOverrides | undefined;
  let alerts: AlertsConfig | undefined;
  let problemsSection: ProblemsConfig | undefined;
  for (const pair of contents.items) {
    const key = keyName(pair);
    if (key === undefined) {
      problem('Keys must be names; the sections are `staleness`, `rules`, `alerts`, `problems` and `site`.', locate(pair.key as Node));
      continue;
    }
    if (key === 'rules') {
      const section = sectionOf(doc, pair, 'rules', problem, locate);
      const set = section ? parseRulesSection(doc, section, problem, locate) : {};
      if (Object.keys(set).length > 0) rules = set;
      continue;
    }
    if (key === 'alerts') {
      const section = sectionOf(doc, pair, 'alerts', problem, locate);
      if (section) alerts = readAlertsSection(section, problem, locate);
      continue;
    }
    if (key === 'problems') {
      const section = sectionOf(doc, pair, 'problems', problem, locate);
      for (const item of section?.items ?? []) {
        const name = keyName(item);
        if (name !== 'allDocs') {
          problem(unknownKey(`problems.${name ?? String(item.key)}`, name ?? '', PROBLEMS_SETTINGS, 'setting'), locate(item.key as Node));
          continue;
        }
        const checked = checkValue(doc, item, 'problems.allDocs', boolean, false, locate);
        if ('problem' in checked) problem(checked.problem, checked.at);
        else problemsSection = { allDocs: checked.value as boolean };
      }
      continue;
    }
    if (key === 'site') {
      const section = sectionOf(doc, pair, 'site', problem, locate);
      if (section) staleness.site = parseSiteSection(doc, section, problem, locate);
      continue;
    }
    if (key !== 'staleness') {
      problem(unknownKey(key, key, SECTIONS, 'section'), locate(pair.key as Node));
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
  return { staleness, ...(rules ? { rules } : {}), ...(alerts ? { alerts } : {}), ...(problemsSection ? { problemsOptions: problemsSection } : {}), problems };
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
