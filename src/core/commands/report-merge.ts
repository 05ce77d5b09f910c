import type { PlacedFinding } from '../findings/finding';
import type { StalenessReason, StalenessReport } from '../staleness/model/report';

const RANK = { error: 0, warning: 1, info: 2 } as const;

/**
 * The report with command drift findings added to their docs' reasons (errors first, then by line,
 * as the engine orders them). A doc with a command error is `broken`, as one with a broken link is
 * (an `unknown` doc stays unknown); scores are left as they are. Findings on paths the report does
 * not list are dropped.
 */
export function withCommandFindings(report: StalenessReport, findings: readonly PlacedFinding[]): StalenessReport {
  if (findings.length === 0) return report;
  const byDoc = new Map<string, StalenessReason[]>();
  for (const f of findings) {
    const reasons = byDoc.get(f.path) ?? [];
    reasons.push({
      ruleId: f.ruleId as StalenessReason['ruleId'],
      severity: f.severity,
      ...(f.target !== undefined ? { target: f.target } : {}),
      line: f.line,
      ...(f.column !== undefined ? { column: f.column } : {}),
      message: f.message,
      commits: f.commits ?? [],
      ...(f.fix ? { fix: f.fix } : {}),
    });
    byDoc.set(f.path, reasons);
  }
  return {
    ...report,
    docs: report.docs.map((doc) => {
      const added = byDoc.get(doc.path);
      if (!added) return doc;
      const reasons = [...doc.reasons, ...added].sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.line - b.line);
      const broken = added.some((r) => r.severity === 'error') && doc.level !== 'unknown';
      return { ...doc, reasons, level: broken ? 'broken' : doc.level };
    }),
  };
}
