import { parseAllDocuments } from 'yaml';
import { findRunbookAnnotations } from './runbook-annotations';
import { ownString } from '../own-string';

export { isPromtoolTestFile } from './promtool-tests';

/** Annotation keys that couple a rule to a runbook (as `findRunbookAnnotations` reads them). */
const RUNBOOK_KEY = /^(runbook_url|runbook|runbookUrl|runbook-url)$/;

/**
 * The runbook values whose rules changed between two versions of a rule file (undefined: the file
 * does not exist), sorted. Rules are matched by name (`alert`, `record`, else `title`, `uid`); a
 * rule holding the value counts when it is in both versions and changed (any key: `expr`, `for`,
 * labels, annotations), or when its name is gone from the file (deleted or renamed). A rule that
 * only started or stopped pointing at the value, or that is new in the file, does not: the doc was
 * not written against it, or is no longer its runbook. A rule is the list item that holds the
 * annotation (an `- alert:` entry, a Grafana rule, any YAML list item), or the whole document when
 * no list holds it. Comments, quoting and layout do not count. A version that is not valid YAML (a
 * Helm template) is cut into list items by indentation instead.
 */
export function changedRunbookRules(before: string | undefined, after: string | undefined): string[] {
  return runbookRuleChanges(before, after).map((c) => c.value);
}

/** The rules of one runbook value that changed (see `changedRunbookRules`). */
export interface RunbookRuleChange {
  value: string;
  /**
   * What each of those rules says, before and after (a deleted rule has no after): its name,
   * `expr`, `for` and label values, one per line, sorted; annotations, routing labels (see
   * `ROUTING_LABEL`) and keys are left out.
   */
  before: string[];
  after: string[];
  /**
   * Routing label values of those rules before that none of them has after (`team: delivery →
   * release` loses `delivery`): a doc that names the old team is made wrong; the new one says
   * nothing about the rule.
   */
  lostRoutes: string[];
}

/** Like `changedRunbookRules`, with what the changed rules say on both sides. */
export function runbookRuleChanges(before: string | undefined, after: string | undefined): RunbookRuleChange[] {
  return compareRunbookRules(runbookRulesOf(before), runbookRulesOf(after));
}

/**
 * The rules of one version of a rule file that hold runbook annotations, reduced to what
 * `compareRunbookRules` looks at: each rule's name, runbook value, canonical text and what it says.
 * Holds nothing of the file's text (a rule file has hundreds of versions, each parsed once).
 */
export interface RunbookRules {
  readonly rules: readonly Rule[];
  /** The rules by name, in file order. */
  readonly byName: ReadonlyMap<string, readonly Rule[]>;
}

/** The runbook rules of a rule file's text (undefined: the file does not exist, which has none). */
export function runbookRulesOf(text: string | undefined): RunbookRules {
  const rules = runbookRules(text ?? '').rules.map((r) => ({ name: ownString(r.name), value: r.value === undefined ? undefined : ownString(r.value), canonical: ownString(r.canonical), says: ownString(r.says), routes: r.routes.map(ownString) }));
  const byName = new Map<string, Rule[]>();
  for (const rule of rules) {
    const same = byName.get(rule.name);
    if (same) same.push(rule);
    else byName.set(rule.name, [rule]);
  }
  return { rules, byName };
}

/** `runbookRuleChanges` of two versions already reduced by `runbookRulesOf`. */
export function compareRunbookRules(a: RunbookRules, b: RunbookRules): RunbookRuleChange[] {
  const out = new Map<string, RunbookRuleChange>();
  const routes = new Map<string, { had: Set<string>; has: Set<string> }>();
  const entry = (value: string) => {
    let e = out.get(value);
    if (!e) out.set(value, (e = { value, before: [], after: [], lostRoutes: [] }));
    let r = routes.get(value);
    if (!r) routes.set(value, (r = { had: new Set(), has: new Set() }));
    return { e, r };
  };
  for (const rule of a.rules) {
    if (rule.value === undefined) continue;
    const now = b.byName.get(rule.name) ?? [];
    const same = now.filter((r) => r.value === rule.value);
    if (now.length === 0) {
      const { e, r } = entry(rule.value);
      e.before.push(rule.says);
      for (const v of rule.routes) r.had.add(v);
    } else if (same.length > 0 && !same.some((r) => r.canonical === rule.canonical)) {
      const { e, r } = entry(rule.value);
      e.before.push(rule.says);
      e.after.push(same[0]!.says);
      for (const v of rule.routes) r.had.add(v);
      for (const v of same[0]!.routes) r.has.add(v);
    }
  }
  for (const [value, r] of routes) out.get(value)!.lostRoutes = [...r.had].filter((v) => !r.has.has(v)).sort();
  return [...out.values()].sort((x, y) => (x.value < y.value ? -1 : x.value > y.value ? 1 : 0));
}

/** One rule of a rule file: its name, the runbook value it holds, its canonical text, what it says and where it routes. */
export interface Rule {
  name: string;
  value: string | undefined;
  canonical: string;
  says: string;
  /** The values of its routing labels (see `ROUTING_LABEL`). */
  routes: string[];
}

/**
 * Labels that say who gets the alert, not what it means (`team: delivery → release`): a runbook
 * explains the condition, and names the team only when it says who is paged.
 */
const ROUTING_LABEL = /^(?:team|teams|owner|owners|owning_team|pager|paging|tier|oncall|on_call|routing_key|receiver|slack_channel|channel|escalation|escalation_policy|product_stage|product_group|product_category|stage_group)$/;

/** The rules holding runbook annotations in a rule file's text. */
function runbookRules(text: string): { rules: Rule[] } {
  const rules: Rule[] = [];
  if (!/runbook/i.test(text)) return { rules };
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(text, { uniqueKeys: false });
  } catch {
    return { rules: lineRules(text) };
  }
  const list = Array.isArray(docs) ? docs : [];
  if (list.some((d) => d.errors.length > 0)) return { rules: lineRules(text) };
  const found = new Map<unknown, Set<string>>();
  for (const doc of list) {
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch {
      return { rules: lineRules(text) };
    }
    walk(value, value, found, rules);
  }
  for (const [item, values] of found) for (const value of values) rules.push(ruleOf(item, value));
  return { rules };
}

/** A rule item with the runbook value it holds. */
function ruleOf(item: unknown, value: string): Rule {
  const map = item !== null && typeof item === 'object' && !Array.isArray(item) ? (item as Record<string, unknown>) : {};
  const name = ['alert', 'record', 'title', 'uid', 'name'].map((k) => map[k]).find((v) => typeof v === 'string') as string | undefined;
  const { annotations: _annotations, labels, ...rest } = map;
  const routes: string[] = [];
  let kept: unknown = labels;
  if (labels !== null && typeof labels === 'object' && !Array.isArray(labels)) {
    const entries = Object.entries(labels as Record<string, unknown>);
    for (const [k, v] of entries) if (ROUTING_LABEL.test(k) && (typeof v === 'string' || typeof v === 'number')) routes.push(String(v));
    kept = Object.fromEntries(entries.filter(([k]) => !ROUTING_LABEL.test(k)));
  }
  return { name: name ?? '', value, canonical: canonical(item), says: [...leaves(rest), ...leaves(kept)].sort().join('\n'), routes };
}

/**
 * PromQL label lists that carry series through an expression (`sum by (env)`, `and on (instance)`):
 * plumbing, not what a runbook says about the rule.
 */
const LABEL_LIST = /\s*\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)/g;

/** The string and number values under `value` (PromQL label lists left out), keys left out. */
function leaves(value: unknown): string[] {
  if (typeof value === 'string') return [value.replace(LABEL_LIST, '')];
  if (typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(leaves);
  return [];
}

/** Records every runbook annotation under `node` with the innermost list item (`item`) holding it. */
function walk(node: unknown, item: unknown, found: Map<unknown, Set<string>>, embedded: Rule[]): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, child !== null && typeof child === 'object' ? child : item, found, embedded);
    return;
  }
  if (typeof node === 'string') {
    // A rule file embedded as a block string (a ConfigMap's `alerts.yaml: |`).
    if (node.includes('\n') && /runbook/i.test(node) && /^\s*-?\s*(alert|record)\s*:/m.test(node)) embedded.push(...runbookRules(node).rules);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
    if (RUNBOOK_KEY.test(key) && (typeof child === 'string' || typeof child === 'number')) {
      const value = String(child).trim();
      if (value && !value.includes('{{')) found.set(item, (found.get(item) ?? new Set()).add(value));
      continue;
    }
    walk(child, item, found, embedded);
  }
}

/** JSON with sorted keys: the same rule written in another order or quoting gives the same text. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

const ANNOTATION_LINE = /^\s*(?:-\s*)?["']?(?:runbook_url|runbook|runbookUrl|runbook-url)["']?\s*:/;
/** A routing label's line (`team: delivery`), its key and value (see `ROUTING_LABEL`). */
const ROUTE_LINE = /^\s*["']?([A-Za-z_]+)["']?\s*:\s*["']?([^"'#\s]*)["']?\s*(?:#.*)?$/;
const indentOf = (line: string): number => /^\s*/.exec(line)![0].length;
const isBlank = (line: string): boolean => /^\s*(#.*)?$/.test(line);

/**
 * Rules of a file that is not YAML, by indentation: the innermost list item (`- `) above each
 * annotation with less indentation than every line between, up to the next line indented no
 * deeper than its dash; the whole file when no list item holds it. Blank and comment lines and
 * trailing spaces do not count; the name is that of its `alert:`/`record:` line; what it says is
 * every line but the annotation.
 */
function lineRules(text: string): Rule[] {
  const lines = text.split(/\r\n|\n|\r/);
  const out: Rule[] = [];
  for (const { line, value } of findRunbookAnnotations(text)) {
    const at = line - 1;
    let start = /^\s*-\s/.test(lines[at]!) ? at : -1;
    let least = indentOf(lines[at]!);
    for (let j = at - 1; j >= 0 && start < 0; j--) {
      const l = lines[j]!;
      if (isBlank(l) || indentOf(l) >= least) continue;
      if (/^\s*-\s/.test(l)) start = j;
      else least = indentOf(l);
    }
    let end = lines.length;
    if (start >= 0) {
      const dash = indentOf(lines[start]!);
      end = start + 1;
      while (end < lines.length && (isBlank(lines[end]!) || indentOf(lines[end]!) > dash)) end++;
    }
    const block = lines.slice(Math.max(start, 0), end).filter((l) => !isBlank(l)).map((l) => l.trimEnd());
    const name = block.map((l) => /^\s*-?\s*(?:alert|record)\s*:\s*["']?([^"'\s]+)/.exec(l)?.[1]).find((n) => n !== undefined) ?? '';
    const route = (l: string) => {
      const m = ROUTE_LINE.exec(l);
      return m && ROUTING_LABEL.test(m[1]!) ? m : undefined;
    };
    const routes = block.map((l) => route(l)?.[2]).filter((v): v is string => v !== undefined && v !== '');
    out.push({ name, value, canonical: block.join('\n'), says: block.filter((l) => !ANNOTATION_LINE.test(l) && !route(l)).join('\n'), routes });
  }
  return out;
}
