import type { DocModel } from '../../core/doc-model';
import type { WorkspaceIndex } from '../../core/workspace-index';
import type { OutputFormat } from '../args';

/** One row of `runbooks index --format json`. */
export interface IndexRow {
  path: string;
  kind: DocModel['kind'];
  title: string;
  owner: string | null;
  services: string[];
  alerts: string[];
  headings: number;
  codeBlocks: number;
  findings: Array<{ ruleId: string; severity: string; line: number; message: string }>;
}

/** Renders the documents of a built index as text or JSON. */
export function renderIndex(index: WorkspaceIndex, format: OutputFormat): string {
  const rows: IndexRow[] = index.all().map((doc) => ({
    path: doc.path,
    kind: doc.kind,
    title: doc.title,
    owner: doc.meta.owner ?? null,
    services: doc.meta.services,
    alerts: doc.meta.alerts,
    headings: doc.headings.length,
    codeBlocks: doc.codeBlocks.length,
    findings: doc.findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, line: f.line, message: f.message })),
  }));
  if (format === 'json') return JSON.stringify(rows, null, 2);
  if (rows.length === 0) return 'No markdown documents found.';
  const lines: string[] = [];
  for (const row of rows) {
    const who = [row.owner, row.services.join(', ')].filter(Boolean).join(' · ');
    lines.push(`${row.kind.padEnd(12)} ${row.path}  "${row.title}"${who ? `  (${who})` : ''}`);
    const details = [`${row.headings} headings`, `${row.codeBlocks} code blocks`];
    if (row.alerts.length) details.unshift(`alerts: ${row.alerts.join(', ')}`);
    lines.push(`${''.padEnd(12)} ${details.join(' · ')}`);
    for (const finding of row.findings) {
      lines.push(`${''.padEnd(12)} ${finding.severity} ${row.path}:${finding.line} ${finding.message} [${finding.ruleId}]`);
    }
  }
  const counts = rows.reduce<Record<string, number>>((acc, r) => ((acc[r.kind] = (acc[r.kind] ?? 0) + 1), acc), {});
  const findings = rows.reduce((n, r) => n + r.findings.length, 0);
  lines.push('', `${rows.length} documents: ${counts.runbook ?? 0} runbooks, ${counts.architecture ?? 0} architecture, ${counts.other ?? 0} other; ${findings} findings.`);
  return lines.join('\n');
}
