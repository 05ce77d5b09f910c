import type { CommitRef, PlacedFinding, RelatedLocation, SuggestedFix } from './finding';

/** A finding in the JSON the CLI prints (version 1 of the findings schema, see the README). */
export interface FindingJson {
  ruleId: string;
  severity: string;
  message: string;
  path: string;
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  target?: string;
  related?: RelatedLocation[];
  fix?: SuggestedFix;
  commits?: CommitRef[];
}

/** A finding as a plain JSON object, its keys in schema order, absent fields left out. */
export function findingToJson(f: PlacedFinding): FindingJson {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    path: f.path,
    line: f.line,
    ...(f.column !== undefined ? { column: f.column } : {}),
    ...(f.endLine !== undefined ? { endLine: f.endLine } : {}),
    ...(f.endColumn !== undefined ? { endColumn: f.endColumn } : {}),
    ...(f.target !== undefined ? { target: f.target } : {}),
    ...(f.related?.length ? { related: f.related.map((r) => ({ path: r.path, line: r.line, ...(r.column !== undefined ? { column: r.column } : {}), ...(r.message !== undefined ? { message: r.message } : {}) })) } : {}),
    ...(f.fix ? { fix: f.fix } : {}),
    ...(f.commits?.length ? { commits: f.commits.map((c) => ({ sha: c.sha, date: c.date, subject: c.subject })) } : {}),
  };
}

/** Findings as the JSON document `{ "findings": [...] }`, indented by two spaces. */
export function formatJson(findings: readonly PlacedFinding[]): string {
  return JSON.stringify({ findings: findings.map(findingToJson) }, null, 2);
}
