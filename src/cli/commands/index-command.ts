import type { DocModel } from '../../core/doc-model';
import { escapeControl } from '../../core/terminal-text';
import type { WorkspaceIndex } from '../../core/workspace-index';
import { placeFinding, type PlacedFinding } from '../../core/findings';
import { formatGithub } from '../../core/findings/format-github';
import { formatJson } from '../../core/findings/format-json';
import { formatSarif } from '../../core/findings/format-sarif';
import { formatReportLine } from '../../core/findings/format-text';
import { rulesOf } from '../../core/findings/rule-table';
import { applySeverities, type SeverityOverrides } from '../../core/findings/severity';
import type { FindingsFormat } from '../args';
import { version } from '../../../package.json';

/** One row of `docs` in `runbooks index --format json` (its `findings` restate the envelope's, in their earlier short form). */
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

/** Every finding of the index, doc by doc. */
export function indexFindings(index: WorkspaceIndex, rules: SeverityOverrides = {}): PlacedFinding[] {
  return index.all().flatMap((doc) => applySeverities(doc.findings, rules).map((f) => placeFinding(doc.path, f)));
}

/** How `renderIndex` renders. */
export interface RenderIndexOptions {
  /** The absolute root, for the JSON envelope. */
  root: string;
  /** The root below the repository's top level (`ops/`), for the repository-relative GitHub and SARIF paths. */
  repoPrefix?: string;
  /** The configured rule severities. */
  rules?: SeverityOverrides;
}

/**
 * Renders the documents of a built index as text, JSON (the findings envelope with `docs`), GitHub
 * workflow commands (annotations, then the totals) or SARIF 2.1.0.
 */
export function renderIndex(index: WorkspaceIndex, format: FindingsFormat, options: RenderIndexOptions): string {
  const { root, repoPrefix = '', rules = {} } = options;
  if (format === 'sarif') return JSON.stringify(formatSarif(indexFindings(index, rules), { version, rules: rulesOf('index'), repoPrefix }), null, 2);
  const rows: IndexRow[] = index.all().map((doc) => ({
    path: doc.path,
    kind: doc.kind,
    title: doc.title,
    owner: doc.meta.owner ?? null,
    services: doc.meta.services,
    alerts: doc.meta.alerts,
    headings: doc.headings.length,
    codeBlocks: doc.codeBlocks.length,
    findings: applySeverities(doc.findings, rules).map((f) => ({ ruleId: f.ruleId, severity: f.severity, line: f.line, message: f.message })),
  }));
  if (format === 'json') {
    const count = (kind: string) => rows.filter((r) => r.kind === kind).length;
    const summary = { documents: rows.length, runbooks: count('runbook'), architecture: count('architecture'), other: count('other') };
    return formatJson(indexFindings(index, rules), { command: 'index', version, root, summary, data: { docs: rows } });
  }
  if (format === 'github') return [...formatGithub(indexFindings(index, rules), { repoPrefix, command: 'index' }), totals(rows)].join('\n');
  if (rows.length === 0) return 'No markdown documents found.';
  const lines: string[] = [];
  for (const row of rows) {
    const who = escapeControl([row.owner, row.services.join(', ')].filter(Boolean).join(' · '));
    lines.push(`${row.kind.padEnd(12)} ${escapeControl(row.path)}  "${escapeControl(row.title)}"${who ? `  (${who})` : ''}`);
    const details = [`${row.headings} headings`, `${row.codeBlocks} code blocks`];
    if (row.alerts.length) details.unshift(`alerts: ${escapeControl(row.alerts.join(', '))}`);
    lines.push(`${''.padEnd(12)} ${details.join(' · ')}`);
    for (const finding of row.findings) lines.push(`${''.padEnd(12)} ${formatReportLine({ ...finding, path: row.path } as PlacedFinding)}`);
  }
  lines.push('', totals(rows));
  return lines.join('\n');
}

function totals(rows: IndexRow[]): string {
  const counts = rows.reduce<Record<string, number>>((acc, r) => ((acc[r.kind] = (acc[r.kind] ?? 0) + 1), acc), {});
  const findings = rows.reduce((n, r) => n + r.findings.length, 0);
  // `report` finds broken links and stale docs too: say that these are not counted here.
  return `${rows.length} documents: ${counts.runbook ?? 0} runbooks, ${counts.architecture ?? 0} architecture, ${counts.other ?? 0} other; ${findings} findings (front matter, encoding, blocks; links and staleness: runbooks report).`;
}
