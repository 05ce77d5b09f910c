import { definedFields } from '../defined-fields';
import type { CommitRef, PlacedFinding, Severity } from './finding';

/**
 * A finding in the JSON the CLI prints: the `Finding` itself with its file placed, keys in schema
 * order, absent fields left out (see `findingToJson` and the README's JSON schema).
 */
export type FindingJson = PlacedFinding;

/** The version of the JSON envelope below; raised when a field changes meaning or goes away. */
export const JSON_SCHEMA_VERSION = 1;

/** What a command adds to the envelope: its name, its root, its counts and its own data. */
export interface EnvelopeInput {
  /** The CLI command (`index`, `report`, `check`, `coverage`, `blocks`). */
  command: string;
  /** The version of the tool (`package.json`). */
  version: string;
  /** The absolute root the command ran in. */
  root: string;
  /** The command's own counts, after the finding counts in `summary`. */
  summary?: Record<string, unknown>;
  /** The command's own data (`docs`, `alerts`, …), after `findings`. */
  data?: Record<string, unknown>;
}

/**
 * The one JSON document every command that emits findings prints:
 * `{ schemaVersion, tool: { name, version }, command, root, summary: { findings, errors, warnings,
 * infos, …the command's counts }, findings: FindingJson[], …the command's data }`.
 */
export interface FindingsEnvelope {
  schemaVersion: number;
  tool: { name: 'runbooks'; version: string };
  command: string;
  root: string;
  summary: { findings: number; errors: number; warnings: number; infos: number } & Record<string, unknown>;
  findings: FindingJson[];
  [data: string]: unknown;
}

/** A commit as JSON, keys in schema order: `sha`, `date`, `subject`, and `mergedBy` for a commit that came in through a merge. */
export function commitJson(c: CommitRef): CommitRef {
  return { sha: c.sha, date: c.date, subject: c.subject, ...(c.mergedBy ? { mergedBy: { sha: c.mergedBy.sha, date: c.mergedBy.date, subject: c.mergedBy.subject } } : {}) };
}

/** A finding as a plain JSON object, its keys in schema order, absent fields left out. */
export function findingToJson(f: PlacedFinding): FindingJson {
  return definedFields({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    path: f.path,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    target: f.target,
    related: f.related?.length ? f.related.map((r) => definedFields({ path: r.path, line: r.line, column: r.column, message: r.message })) : undefined,
    fix: f.fix,
    commits: f.commits?.length ? f.commits.map(commitJson) : undefined,
  });
}

/** The envelope of a command's findings (see `FindingsEnvelope`). */
export function findingsEnvelope(findings: readonly PlacedFinding[], input: EnvelopeInput): FindingsEnvelope {
  const count = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: 'runbooks', version: input.version },
    command: input.command,
    root: input.root,
    summary: { findings: findings.length, errors: count('error'), warnings: count('warning'), infos: count('info'), ...input.summary },
    findings: findings.map(findingToJson),
    ...input.data,
  };
}

/** The envelope as JSON, indented by two spaces. */
export function formatJson(findings: readonly PlacedFinding[], input: EnvelopeInput): string {
  return JSON.stringify(findingsEnvelope(findings, input), null, 2);
}
