import type { DocKind } from './doc-model';
import { isTemplatePath } from './tree-sections';
import type { Finding, Severity } from './findings/finding';

/** The doc a finding is on: its root-relative posix path and its kind. */
export interface DocOfFinding {
  path: string;
  kind: DocKind;
}

/**
 * True when a doc's findings lead the Problems panel: runbooks and architecture docs that are not
 * templates to copy (see `isTemplatePath`). READMEs, contributor guides and templates do not.
 */
export function leadsProblems(doc: DocOfFinding): boolean {
  return doc.kind !== 'other' && !isTemplatePath(doc.path);
}

/**
 * The severity a finding is shown with in the Problems panel: its own for a doc that leads (see
 * `leadsProblems`) or when `allDocs` (the user opted in), else `info`, so that a contributor
 * guide's broken links never sit above a runbook's.
 */
export function problemSeverity(severity: Severity, doc: DocOfFinding, allDocs: boolean): Severity {
  return allDocs || leadsProblems(doc) ? severity : 'info';
}

/**
 * The findings of one doc with the severities the Problems panel shows (see `problemSeverity`),
 * in the same order. Returns `findings` itself when nothing changes.
 */
export function withProblemSeverities<F extends Finding>(findings: readonly F[], doc: DocOfFinding, allDocs: boolean): F[] {
  if (allDocs || leadsProblems(doc) || findings.every((f) => f.severity === 'info')) return findings as F[];
  return findings.map((f) => (f.severity === 'info' ? f : { ...f, severity: 'info' as const }));
}
