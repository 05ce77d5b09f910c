import type { CommitRef, Severity } from '../../core/findings';
import { formatGithub } from '../../core/findings/format-github';
import { commitJson, formatJson } from '../../core/findings/format-json';
import { formatSarif } from '../../core/findings/format-sarif';
import { formatReportLine } from '../../core/findings/format-text';
import { rulesOf } from '../../core/findings/rule-table';
import { applySeverities } from '../../core/findings/severity';
import { withCommandFindings } from '../../core/commands/report-merge';
import { workspaceDrift } from '../../core/commands/workspace-drift';
import { applyReportSeverities, reasonToFinding, reportFindings } from '../../core/staleness/as-findings';
import { STALENESS_RULES } from '../../core/staleness/rules/rule-table';
import { escapeControl } from '../../core/terminal-text';
import type { StalenessReport } from '../../core/staleness/model/report';
import { selectDocs, worstFirst, type ReportFilter } from '../../core/staleness/model/report-order';
import { SimpleGitHistory } from '../../node/git-history';
import { GitWorkspaceFiles } from '../../node/git-workspace-files';
import { openStalenessEngine } from '../../node/git-staleness';
import { IncidentFeedbackSource } from '../../node/incident-feedback';
import { openWorkspaceIndex } from '../../node/open-index';
import type { CliArgs, FailOn, FindingsFormat } from '../args';
import type { CliIo } from '../io';
import { incidentsFolder } from './incidents-dir';
import { loadSettings } from './staleness-config';
import { version } from '../../../package.json';

/** One reason of a doc in `runbooks report --format json` (the envelope's `findings` hold the same, in the findings schema). */
export interface ReportReasonRow {
  ruleId: string;
  severity: Severity;
  /** Root-relative path or pattern; null for doc-level reasons. */
  target: string | null;
  line: number;
  message: string;
  /** Newest first; see `commitJson`. */
  commits: CommitRef[];
}

/** One row of `docs` in `runbooks report --format json`. */
export interface ReportDocRow {
  path: string;
  kind: string;
  level: string;
  score: number;
  reviewDue: boolean;
  /** ISO 8601; null when unknown. */
  referenceTime: string | null;
  reasons: ReportReasonRow[];
}

/** The `docs` rows of `runbooks report --format json`. */
export function reportJson(report: StalenessReport): { docs: ReportDocRow[] } {
  return {
    docs: report.docs.map((doc) => ({
      path: doc.path,
      kind: doc.kind,
      level: doc.level,
      score: doc.score,
      reviewDue: doc.reviewDue,
      referenceTime: doc.referenceTime ?? null,
      reasons: doc.reasons.map((r) => ({
        ruleId: r.ruleId,
        severity: r.severity,
        target: r.target ?? null,
        line: r.line,
        message: r.message,
        commits: r.commits.map(commitJson),
      })),
    })),
  };
}

/** Which docs a report lists (see `selectDocs`). */
export interface ReportSelection {
  only?: readonly ReportFilter[];
  quiet?: boolean;
}

/**
 * Renders a staleness report as text (the totals, then one block per doc, worst first; see
 * `worstFirst`), JSON (the findings envelope with `docs` by path; its summary counts every doc),
 * GitHub workflow commands (annotations on the docs' lines, then the totals) or SARIF 2.1.0, listing
 * the docs `selection` selects (the totals count every doc). `root`: the absolute root, for the
 * envelope; `repoPrefix`: the root below the repository's top level (`ops/`), for the
 * repository-relative GitHub and SARIF paths.
 */
export function renderReport(full: StalenessReport, format: FindingsFormat, root: string, repoPrefix = '', selection: ReportSelection = {}): string {
  const report = { ...full, docs: selectDocs(full.docs, selection) };
  if (format === 'json') return formatJson(reportFindings(report), { command: 'report', version, root, summary: reportSummary(full), data: reportJson(report) });
  if (format === 'sarif') return JSON.stringify(formatSarif(reportFindings(report), { version, rules: [...STALENESS_RULES, ...rulesOf('commands')], repoPrefix }), null, 2);
  if (format === 'github') return [...formatGithub(reportFindings(report), { repoPrefix, command: 'report' }), totals(full)].join('\n');
  if (full.docs.length === 0) return 'No markdown documents found.';
  const hidden = full.docs.length - report.docs.length;
  const lines: string[] = [totals(full)];
  if (hidden > 0) lines.push(`${report.docs.length} listed below (${[selection.only?.length ? `--only ${selection.only.join(',')}` : '', selection.quiet ? '--quiet: fresh docs left out' : ''].filter(Boolean).join('; ')}).`);
  if (report.docs.length > 0) lines.push('');
  for (const doc of worstFirst(report.docs)) {
    const since = doc.referenceTime ? `  (${doc.referenceSource === 'review' ? 'reviewed' : doc.referenceSource === 'working-tree' ? 'edited' : 'changed'} ${doc.referenceTime.slice(0, 10)})` : '';
    const due = doc.reviewDue ? '  review due' : '';
    lines.push(`${doc.level.padEnd(8)} ${escapeControl(doc.path)}  score ${doc.score}${since}${due}`);
    for (const r of doc.reasons) lines.push(`${''.padEnd(8)} ${formatReportLine(reasonToFinding(doc.path, r))}`);
  }
  return lines.join('\n');
}

/** The counts of the report: documents, by level, and reviews overdue. */
function reportSummary(report: StalenessReport): { documents: number; fresh: number; stale: number; broken: number; unknown: number; reviewsOverdue: number } {
  const count = (level: string) => report.docs.filter((d) => d.level === level).length;
  return { documents: report.docs.length, fresh: count('fresh'), stale: count('stale'), broken: count('broken'), unknown: count('unknown'), reviewsOverdue: report.docs.filter((d) => d.reviewDue).length };
}

function totals(report: StalenessReport): string {
  const s = reportSummary(report);
  return `${s.documents} documents: ${s.fresh} fresh, ${s.stale} stale, ${s.broken} broken, ${s.unknown} unknown; ${s.reviewsOverdue} review${s.reviewsOverdue === 1 ? '' : 's'} overdue.`;
}

const RANK: Record<Severity, number> = { error: 2, warning: 1, info: 0 };

/** 1 when any severity reaches `failOn`, else 0. */
export function exitCodeFor(severities: Iterable<Severity>, failOn: FailOn): number {
  if (failOn === 'none') return 0;
  for (const s of severities) if (RANK[s] >= RANK[failOn]) return 1;
  return 0;
}

/**
 * `runbooks report`: indexes the root, scores every doc (open feedback in the incidents of
 * `--incidents-dir` counting too) with the settings of the config file, adds command drift
 * (`command.*`: what the runnable blocks call that the repository no longer has), prints the verdicts
 * of the docs `--only` and `--quiet` select. Default `--fail-on none` (judged on the docs listed); 2
 * when the config file is invalid.
 */
export async function runReport(root: string, args: CliArgs, io: CliIo): Promise<number> {
  const settings = await loadSettings(root, args, io);
  if (!settings) return 2;
  const { staleness } = settings;
  const index = openWorkspaceIndex(root, { cache: args.cache, env: io.env });
  await index.build();
  if (args.cache) await index.persist().catch((error: Error) => io.err(`runbooks: could not write the index cache: ${error.message}`));
  const feedback = new IncidentFeedbackSource((await incidentsFolder(root, args)).absolute, root);
  const engine = openStalenessEngine(root, { cache: args.cache, env: io.env, feedback, staleness });
  const verdicts = applyReportSeverities(await engine.report(index.all()), settings.rules);
  // Command drift: what the runbooks' commands call, checked against the working tree.
  const drift = await workspaceDrift(index.all(), new GitWorkspaceFiles(root, io.env), { ...(engine.currentHistory ? { history: engine.currentHistory } : {}) });
  const report = withCommandFindings(verdicts, applySeverities(drift, settings.rules));
  for (const warning of report.warnings ?? []) io.err(`runbooks: ${escapeControl(warning)}`);
  const format = args.findingsFormat ?? args.format;
  const repoPrefix = format === 'github' || format === 'sarif' ? await new SimpleGitHistory(root, io.env).rootPrefix() : '';
  const selection: ReportSelection = { ...(args.only ? { only: args.only } : {}), ...(args.quiet ? { quiet: true } : {}) };
  io.out(renderReport(report, format, root, repoPrefix, selection));
  return exitCodeFor(selectDocs(report.docs, selection).flatMap((d) => d.reasons.map((r) => r.severity)), args.failOn ?? 'none');
}
