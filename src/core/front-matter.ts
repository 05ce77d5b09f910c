import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { problemStart, TEMPLATE_EXPRESSION, UNQUOTED_TEMPLATE } from './yaml-problem';
import type { DocMeta, ReviewMeta } from './doc-model';
import { RuleId, type Finding } from './findings/finding';

/** Result of reading a YAML front matter block. */
export interface FrontMatterResult {
  /** The parsed mapping; undefined when the block failed to parse or is not a mapping. */
  data?: Record<string, unknown>;
  /** Normalised fields; empty lists when absent or unusable. */
  meta: DocMeta;
  /** Parse errors and field-shape problems, with file line numbers. */
  findings: Finding[];
}

/**
 * Parses YAML front matter. `firstLine` is the file line (1-based) of the first YAML line, i.e. the
 * line after the opening `---`, so findings point at the right line of the file.
 * A block that fails to parse yields a finding and `data: undefined`, never an empty object; one
 * that fails because it holds template expressions (`{{ .Name }}`, a site template) yields
 * `data: undefined` and no finding.
 */
export function parseFrontMatter(yamlText: string, firstLine: number): FrontMatterResult {
  const findings: Finding[] = [];
  // A site template (Hugo archetype, Jekyll or Middleman layout) holds `{{ … }}` expressions its
  // generator fills in: not YAML yet, and not a doc with bad front matter.
  if (UNQUOTED_TEMPLATE.test(yamlText)) return { meta: emptyMeta(), findings };
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number | undefined): number =>
    offset === undefined ? firstLine : firstLine + lineCounter.linePos(offset).line - 1;

  if (doc.errors.length > 0) {
    if (TEMPLATE_EXPRESSION.test(yamlText)) return { meta: emptyMeta(), findings };
    for (const error of doc.errors) {
      const reason = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      const offset = problemStart(doc, error);
      findings.push({
        ruleId: RuleId.frontMatterInvalid,
        severity: 'error',
        message: `Front matter is not valid YAML: ${reason}. Fix the YAML between the \`---\` lines; until then owner, service and alerts of this doc are unknown.`,
        line: lineOf(offset),
        column: lineCounter.linePos(offset).col,
      });
    }
    return { meta: emptyMeta(), findings };
  }

  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    return { data: {}, meta: emptyMeta(), findings };
  }
  if (!isMap(contents)) {
    findings.push({
      ruleId: RuleId.frontMatterNotMapping,
      severity: 'error',
      message: 'Front matter must be a YAML mapping of `key: value` lines (e.g. `owner: team-db`); it was ignored.',
      line: firstLine,
    });
    return { meta: emptyMeta(), findings };
  }

  let data: Record<string, unknown>;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  } catch (error) {
    // An alias bomb ("excessive alias count") or an alias to no anchor: the block is unusable.
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/\.$/, '');
    findings.push({
      ruleId: RuleId.frontMatterInvalid,
      severity: 'error',
      message: `Front matter cannot be read: ${reason}. Remove the YAML aliases (\`*name\`) between the \`---\` lines; until then owner, service and alerts of this doc are unknown.`,
      line: firstLine,
    });
    return { meta: emptyMeta(), findings };
  }
  const keyLine = (key: string): number => {
    const pair = contents.items.find((p) => isScalar(p.key) && p.key.value === key);
    return lineOf(pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined);
  };
  const meta = extractMeta(data, (key, expected) =>
    findings.push({
      ruleId: RuleId.frontMatterFieldType,
      severity: 'warning',
      message: `Front matter \`${key}\` should be ${expected}; it was ignored.`,
      line: keyLine(key),
    }),
  );
  return { data, meta, findings };
}

/** An empty `DocMeta`: no owner, no services, no alerts, no review data. */
export function emptyMeta(): DocMeta {
  return { services: [], tags: [], alerts: [], review: {} };
}

type ShapeProblem = (key: string, expected: string) => void;

/** Normalises the known fields of a front matter mapping, reporting fields of the wrong shape. */
export function extractMeta(data: Record<string, unknown>, problem: ShapeProblem = () => {}): DocMeta {
  const meta = emptyMeta();
  meta.owner = firstString(data, ['owner', 'owners', 'maintainer', 'maintainers'], problem);
  meta.team = firstString(data, ['team'], problem);
  meta.severity = firstString(data, ['severity', 'priority'], problem);
  meta.type = firstString(data, ['type', 'kind', 'doc_type'], problem);
  meta.services = unique([...stringList(data, 'service', problem), ...stringList(data, 'services', problem)]);
  meta.tags = unique([...stringList(data, 'tags', problem), ...stringList(data, 'keywords', problem)]);
  meta.alerts = unique([...alertList(data, 'alerts', problem), ...alertList(data, 'alert', problem)]);
  meta.review = reviewMeta(data);
  if (!meta.owner) {
    const freshnessOwner = nested(data, ['freshness', 'owner']);
    if (typeof freshnessOwner === 'string') meta.owner = freshnessOwner;
  }
  return meta;
}

function firstString(data: Record<string, unknown>, keys: string[], problem: ShapeProblem): string | undefined {
  for (const key of keys) {
    if (!(key in data) || data[key] === null || data[key] === undefined) continue;
    const value = data[key];
    if (typeof value === 'string' || typeof value === 'number') return String(value).trim() || undefined;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ') || undefined;
    problem(key, 'a string');
  }
  return undefined;
}

function stringList(data: Record<string, unknown>, key: string, problem: ShapeProblem): string[] {
  const value = data[key];
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean);
  if (typeof value === 'number') return [String(value)];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    return value.map((v) => String(v).trim()).filter(Boolean);
  }
  problem(key, 'a string or a list of strings');
  return [];
}

/** Alerts may be written as names or as `{ name: X }` / `{ alert: X }` objects. */
function alertList(data: Record<string, unknown>, key: string, problem: ShapeProblem): string[] {
  const value = data[key];
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  const names: string[] = [];
  for (const item of items) {
    if (typeof item === 'string' && item.trim()) names.push(item.trim());
    else if (item && typeof item === 'object' && !Array.isArray(item)) {
      const name = (item as Record<string, unknown>).name ?? (item as Record<string, unknown>).alert;
      if (typeof name === 'string' && name.trim()) names.push(name.trim());
      else return problem(key, 'a list of alert names'), [];
    } else return problem(key, 'a list of alert names'), [];
  }
  return names;
}

/** Review attestation fields from the conventions we honour, latest date wins. */
const REVIEW_DATE_FIELDS: Array<[string, string[]]> = [
  ['reviewed', ['reviewed']],
  ['last_reviewed', ['last_reviewed']],
  ['last_reviewed_on', ['last_reviewed_on']],
  ['lastReviewed', ['lastReviewed']],
  ['ms.date', ['ms.date']],
  ['last_update.date', ['last_update', 'date']],
  ['freshness.reviewed', ['freshness', 'reviewed']],
];
const REVIEW_INTERVAL_FIELDS = ['review_interval', 'review_in', 'review-every', 'review_every', 'reviewInterval'];

function reviewMeta(data: Record<string, unknown>): ReviewMeta {
  const review: ReviewMeta = {};
  for (const [field, path] of REVIEW_DATE_FIELDS) {
    const date = toIsoDate(nested(data, path));
    if (date && (!review.reviewed || date > review.reviewed)) {
      review.reviewed = date;
      review.reviewedField = field;
    }
  }
  for (const field of REVIEW_INTERVAL_FIELDS) {
    const value = data[field];
    if (typeof value === 'string' || typeof value === 'number') {
      review.interval = String(value);
      break;
    }
  }
  return review;
}

function nested(data: Record<string, unknown>, path: string[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (!current || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * Reads a date written as `2025-03-02`, `2025-03-02T10:00:00Z`, a YAML timestamp, or the
 * Microsoft Docs form `03/02/2025`. Returns `YYYY-MM-DD`, or undefined when it is not a date.
 */
export function toIsoDate(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  let match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(text);
  if (match) return validDate(match[1]!, match[2]!, match[3]!);
  match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (match) return validDate(match[3]!, match[1]!.padStart(2, '0'), match[2]!.padStart(2, '0'));
  return undefined;
}

function validDate(y: string, m: string, d: string): string | undefined {
  const iso = `${y}-${m}-${d}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : undefined;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
