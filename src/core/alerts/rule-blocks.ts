import { parseAllDocuments } from 'yaml';
import { findRunbookAnnotations } from './runbook-annotations';

/** Annotation keys that couple a rule to a runbook (as `findRunbookAnnotations` reads them). */
const RUNBOOK_KEY = /^(runbook_url|runbook|runbookUrl|runbook-url)$/;

/**
 * Whether a YAML text is a promtool unit-test file (top-level `rule_files:` and `tests:`): its
 * `exp_annotations` repeat the rules' `runbook_url`, but it is a test of the rules, not a rule file.
 */
export function isPromtoolTestFile(text: string): boolean {
  return /^rule_files\s*:/m.test(text) && /^tests\s*:/m.test(text);
}

/**
 * The runbook values whose rules differ between two versions of a rule file (undefined: the file
 * does not exist), sorted: a rule holding that `runbook_url` was changed (any key: `expr`, `for`,
 * labels, annotations, its name), added or removed. A rule is the list item that holds the
 * annotation (an `- alert:` entry, a Grafana rule, any YAML list item), or the whole document when
 * no list holds it. Comments, quoting and layout do not count. A version that is not valid YAML (a
 * Helm template) is cut into list items by indentation instead.
 */
export function changedRunbookRules(before: string | undefined, after: string | undefined): string[] {
  return runbookRuleChanges(before, after).map((c) => c.value);
}

/** The rules of one runbook value that differ between two versions of a rule file (see `changedRunbookRules`). */
export interface RunbookRuleChange {
  value: string;
  /** The canonical text of each rule holding the value, before and after, sorted. */
  before: string[];
  after: string[];
}

/** Like `changedRunbookRules`, with the canonical texts of the rules of each value on both sides. */
export function runbookRuleChanges(before: string | undefined, after: string | undefined): RunbookRuleChange[] {
  const a = runbookRules(before ?? '');
  const b = runbookRules(after ?? '');
  const changed: RunbookRuleChange[] = [];
  for (const value of new Set([...a.keys(), ...b.keys()])) {
    const was = (a.get(value) ?? []).sort();
    const is = (b.get(value) ?? []).sort();
    if (was.join('\u0000') !== is.join('\u0000')) changed.push({ value, before: was, after: is });
  }
  return changed.sort((x, y) => (x.value < y.value ? -1 : x.value > y.value ? 1 : 0));
}

/** Runbook value → the canonical text of each rule holding it. */
function runbookRules(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!/runbook/i.test(text)) return out;
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(text, { uniqueKeys: false });
  } catch {
    return lineRules(text);
  }
  const list = Array.isArray(docs) ? docs : [];
  if (list.some((d) => d.errors.length > 0)) return lineRules(text);
  for (const doc of list) {
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch {
      return lineRules(text);
    }
    walk(value, value, out);
  }
  return out;
}

/** Records every runbook annotation under `node` with the innermost list item (`item`) holding it. */
function walk(node: unknown, item: unknown, out: Map<string, string[]>): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, child !== null && typeof child === 'object' ? child : item, out);
    return;
  }
  if (typeof node === 'string') {
    // A rule file embedded as a block string (a ConfigMap's `alerts.yaml: |`).
    if (node.includes('\n') && /runbook/i.test(node) && /^\s*-?\s*(alert|record)\s*:/m.test(node)) {
      for (const [value, rules] of runbookRules(node)) out.set(value, [...(out.get(value) ?? []), ...rules]);
    }
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
    if (RUNBOOK_KEY.test(key) && (typeof child === 'string' || typeof child === 'number')) {
      const value = String(child).trim();
      if (value && !value.includes('{{')) out.set(value, [...(out.get(value) ?? []), canonical(item)]);
      continue;
    }
    walk(child, item, out);
  }
}

/** JSON with sorted keys: the same rule written in another order or quoting gives the same text. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

const indentOf = (line: string): number => /^\s*/.exec(line)![0].length;
const isBlank = (line: string): boolean => /^\s*(#.*)?$/.test(line);

/**
 * Rules of a file that is not YAML, by indentation: the innermost list item (`- `) above each
 * annotation with less indentation than every line between, up to the next line indented no
 * deeper than its dash; the whole file when no list item holds it. Blank and comment lines and
 * trailing spaces do not count.
 */
function lineRules(text: string): Map<string, string[]> {
  const lines = text.split(/\r\n|\n|\r/);
  const out = new Map<string, string[]>();
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
    const block = lines.slice(Math.max(start, 0), end).filter((l) => !isBlank(l)).map((l) => l.trimEnd()).join('\n');
    out.set(value, [...(out.get(value) ?? []), block]);
  }
  return out;
}
