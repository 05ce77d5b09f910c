import { definedFields } from '../defined-fields';
import { placeFinding, type PlacedFinding } from '../findings/finding';
import { applySeverities, type SeverityOverrides } from '../findings/severity';
import type { CheckFinding } from './model/check';
import type { StalenessReport } from './model/report';
import type { StalenessReason } from './model/evidence';

/** A staleness reason of the doc at `docPath` as a finding on that doc. */
export function reasonToFinding(docPath: string, reason: StalenessReason): PlacedFinding {
  const s = reason.suggestion;
  const lines = s?.lines ? `#L${s.lines.start}${s.lines.end !== s.lines.start ? `-L${s.lines.end}` : ''}` : '';
  const fix = s && { description: `Change the link to \`${s.path}${lines}\`.`, link: definedFields({ path: s.path, lines: s.lines && { start: s.lines.start, end: s.lines.end }, commit: s.commit }) };
  return placeFinding(docPath, definedFields({
    ruleId: reason.ruleId,
    severity: reason.severity,
    message: reason.message,
    line: reason.line,
    column: reason.column,
    target: reason.target,
    fix: reason.fix ?? fix,
    commits: reason.commits,
  }));
}

/** Every reason of a staleness report as findings, doc by doc in report order. */
export function reportFindings(report: StalenessReport): PlacedFinding[] {
  return report.docs.flatMap((doc) => doc.reasons.map((r) => reasonToFinding(doc.path, r)));
}

/** A change-set check finding as a finding: the docs that link to the change become related locations. */
export function checkFindingToFinding(f: CheckFinding): PlacedFinding {
  return definedFields({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    path: f.path,
    line: f.line,
    endLine: f.endLine,
    target: f.target,
    related: f.docs.map((d) => ({ path: d.path, line: d.line, message: `Linked from ${d.path}:${d.line}` })),
  });
}

/** The report with the configured rule severities applied to every doc's reasons (rules set to `off` left out); the verdicts and scores stay. */
export function applyReportSeverities(report: StalenessReport, overrides: SeverityOverrides): StalenessReport {
  if (Object.keys(overrides).length === 0) return report;
  return { ...report, docs: report.docs.map((doc) => ({ ...doc, reasons: applySeverities(doc.reasons, overrides) })) };
}
