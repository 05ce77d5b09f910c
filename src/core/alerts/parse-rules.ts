import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, Scalar, type Node, type YAMLMap } from 'yaml';
import type { AlertRule, RuleFileProblem, RuleFileResult, RunbookAnnotationValue, RunbookKey } from './types';
import { scanRuleLines } from './scan-rule-lines';

/** Annotation keys that name a runbook, in the order they are preferred when a rule has several. */
export const RUNBOOK_KEYS: readonly RunbookKey[] = ['runbook_url', 'runbook', 'runbookUrl', 'runbook-url', 'runbook_url_template'];

/** Template syntax in an annotation value: Go templates, printf verbs, shell-style variables. */
export function isTemplated(value: string): boolean {
  return /\{\{|%s|%v|\$\{/.test(value);
}

/**
 * Helm and other Go-template directives that make a file invalid YAML on purpose (`{{- if …}}`,
 * `{{ .Values.x }}`, `{{ include … }}`). Prometheus' own `{{ $labels.x }}` inside quoted values is not one.
 */
const GO_TEMPLATE_DIRECTIVE = /\{\{-|-\}\}|\{\{\s*(?:\.Values|\.Release|\.Chart|\$\.|include\b|template\b|if\b|else\b|end\b|range\b|with\b|define\b|toYaml\b|tpl\b|printf\b)/;

/**
 * Reads every alerting rule in a rule file's text: `groups: - rules: - alert:` at the top, inside a
 * Kubernetes `PrometheusRule` (`spec.groups`), in any document of a multi-document file, and in
 * rule files embedded as block strings (a ConfigMap's `data:`). Recording rules are left out.
 * A file that is not valid YAML gives its problems, and its alerts read line by line; a Helm
 * template is read line by line without problems. Never throws.
 */
export function parseRuleFile(text: string, file: string): RuleFileResult {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [];
  const problems: RuleFileProblem[] = [];
  for (const doc of list) {
    for (const error of doc.errors) {
      const pos = lineCounter.linePos(error.pos[0]);
      problems.push({ file, line: pos.line, column: pos.col, reason: error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '') });
    }
  }
  if (problems.length > 0) {
    const template = GO_TEMPLATE_DIRECTIVE.test(text);
    return { alerts: scanRuleLines(text, file), problems: template ? [] : problems, readAs: 'lines' };
  }
  const alerts: AlertRule[] = [];
  const lineOf = (node: Node | null | undefined) => lineCounter.linePos(node?.range?.[0] ?? 0).line;
  for (const doc of list) walk(doc.contents as Node | null, undefined, { file, lineOf, alerts });
  alerts.sort((a, b) => a.line - b.line);
  return { alerts, problems: [], readAs: 'yaml' };
}

interface WalkState {
  file: string;
  lineOf: (node: Node | null | undefined) => number;
  alerts: AlertRule[];
}

function walk(node: Node | null, group: string | undefined, state: WalkState): void {
  if (!node) return;
  if (isSeq(node)) {
    for (const item of node.items) walk(item as Node, group, state);
    return;
  }
  if (isScalar(node)) {
    embedded(node, state);
    return;
  }
  if (!isMap(node)) return;
  const alert = stringAt(node, 'alert');
  if (alert !== undefined) {
    state.alerts.push(ruleOf(node, alert, group, state));
    return;
  }
  const groupName = pairOf(node, 'rules') ? (stringAt(node, 'name') ?? group) : group;
  for (const pair of node.items) walk(pair.value as Node | null, groupName, state);
}

/** A rules file written as a block string (`alerts.yaml: |`), read with its lines placed in the outer file. */
function embedded(node: Scalar, state: WalkState): void {
  if (typeof node.value !== 'string' || node.type !== Scalar.BLOCK_LITERAL) return;
  if (!/^\s*-?\s*alert\s*:/m.test(node.value)) return;
  const offset = state.lineOf(node);
  const inner = parseRuleFile(node.value, state.file);
  for (const rule of inner.alerts) {
    state.alerts.push({ ...rule, line: rule.line + offset, ...(rule.runbook ? { runbook: { ...rule.runbook, line: rule.runbook.line + offset } } : {}) });
  }
}

function ruleOf(node: YAMLMap, name: string, group: string | undefined, state: WalkState): AlertRule {
  const labels = scalarMap(mapAt(node, 'labels'));
  const annotations = mapAt(node, 'annotations');
  let runbook: RunbookAnnotationValue | undefined;
  for (const key of RUNBOOK_KEYS) {
    const pair = annotations ? pairOf(annotations, key) : undefined;
    const value = pair && isScalar(pair.value) && pair.value.value !== null ? String(pair.value.value).trim() : '';
    if (!pair || !value) continue;
    runbook = { key, value, line: state.lineOf(pair.key as Node), templated: key === 'runbook_url_template' || isTemplated(value) };
    break;
  }
  const expr = stringAt(node, 'expr');
  const forValue = stringAt(node, 'for');
  return {
    name,
    file: state.file,
    line: state.lineOf(pairOf(node, 'alert')!.key as Node),
    ...(group !== undefined ? { group } : {}),
    ...(expr !== undefined ? { expr: expr.replace(/\n+$/, '') } : {}),
    ...(forValue !== undefined ? { for: forValue } : {}),
    ...(labels.severity !== undefined ? { severity: labels.severity } : {}),
    labels,
    ...(runbook ? { runbook } : {}),
  };
}

function pairOf(map: YAMLMap, key: string) {
  return map.items.find((p) => isScalar(p.key) && p.key.value === key);
}

function stringAt(map: YAMLMap, key: string): string | undefined {
  const value = pairOf(map, key)?.value;
  if (!isScalar(value) || value.value === null || typeof value.value === 'object') return undefined;
  const text = String(value.value);
  return text.trim() ? text : undefined;
}

function mapAt(map: YAMLMap, key: string): YAMLMap | undefined {
  const value = pairOf(map, key)?.value;
  return isMap(value) ? value : undefined;
}

function scalarMap(map: YAMLMap | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of map?.items ?? []) {
    if (isScalar(pair.key) && isScalar(pair.value) && pair.value.value !== null) out[String(pair.key.value)] = String(pair.value.value);
  }
  return out;
}
