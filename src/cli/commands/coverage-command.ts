import type { CoverageReport } from '../../core/alerts/coverage';
import { RuleId } from '../../core/findings';
import { formatGithub } from '../../core/findings/format-github';
import { formatJson } from '../../core/findings/format-json';
import { formatSarif } from '../../core/findings/format-sarif';
import { formatReportLine } from '../../core/findings/format-text';
import { rulesOf } from '../../core/findings/rule-table';
import { applySeverities } from '../../core/findings/severity';
import { DEFAULT_RULE_FILE_SETTINGS } from '../../core/alerts/rule-files';
import { loadAlertCoverage } from '../../node/alert-coverage';
import { SimpleGitHistory } from '../../node/git-history';
import { openWorkspaceIndex } from '../../node/open-index';
import type { CliArgs } from '../args';
import type { CliIo } from '../io';
import { exitCodeFor } from './report-command';
import { loadSettings } from './staleness-config';
import { version } from '../../../package.json';

/** The summary line: `312 alerts, 287 with a runbook (92%), 25 without; 4 runbooks for missing alerts`. */
export function coverageSummary(report: CoverageReport): string {
  const { alerts, withRunbook, without, missingAlerts } = report.summary;
  let percent = alerts === 0 ? 100 : Math.round((withRunbook / alerts) * 100);
  if (percent === 100 && without > 0) percent = 99;
  const missing = `${missingAlerts} runbook${missingAlerts === 1 ? '' : 's'} for missing alerts`;
  if (alerts === 0) return `0 alerts in ${report.ruleFiles.length} rule files; ${missing}`;
  return `${alerts} alert${alerts === 1 ? '' : 's'}, ${withRunbook} with a runbook (${percent}%), ${without} without; ${missing}`;
}

/** One row of `runbooks coverage --format json`. */
export interface CoverageRow {
  alert: string;
  file: string;
  line: number;
  group: string | null;
  severity: string | null;
  status: 'covered' | 'external' | 'uncovered';
  /** The doc, when covered. */
  runbook: { path: string; line: number; via: string } | null;
  /** The runbook annotation as written. */
  runbookUrl: string | null;
  /** Where the annotation leads: doc, broken, external or unresolved (null without one). */
  runbookUrlTarget: string | null;
}

/** The JSON document of `runbooks coverage --format json`: the findings envelope with `ruleFiles`, `alerts` and `missing`. */
export function coverageJson(report: CoverageReport, root: string): string {
  const alerts: CoverageRow[] = report.alerts.map((a) => ({
    alert: a.alert.name,
    file: a.alert.file,
    line: a.alert.line,
    group: a.alert.group ?? null,
    severity: a.alert.severity ?? null,
    status: a.status,
    runbook: a.runbook ?? null,
    runbookUrl: a.alert.runbook?.value ?? null,
    runbookUrlTarget: a.target?.kind ?? null,
  }));
  return formatJson(report.findings, { command: 'coverage', version, root, summary: report.summary, data: { ruleFiles: report.ruleFiles, alerts, missing: report.missing } });
}

/** The text report: one row per alert (status, name, severity, where, runbook), other findings, the summary line. */
export function renderCoverageText(report: CoverageReport): string {
  const rows = report.alerts.map((a) => [
    a.status === 'uncovered' ? 'NONE' : a.status,
    a.alert.name,
    a.alert.severity ?? '-',
    `${a.alert.file}:${a.alert.line}`,
    a.runbook ? `${a.runbook.path}${a.runbook.line > 1 ? `:${a.runbook.line}` : ''} (${a.runbook.via})` : (a.url ?? '-'),
  ]);
  const widths = [0, 1, 2, 3].map((i) => Math.min(48, Math.max(0, ...rows.map((r) => r[i]!.length))));
  const lines = rows.map((r) => r.map((cell, i) => (i < 4 ? cell.padEnd(widths[i]!) : cell)).join('  ').trimEnd());
  const others = report.findings.filter((f) => f.ruleId !== RuleId.alertNoRunbook);
  if (others.length > 0) lines.push(...(lines.length ? [''] : []), ...others.map(formatReportLine));
  if (report.ruleFiles.length === 0) lines.push(...(lines.length ? [''] : []), 'No alert rule files found (Prometheus, Thanos, Mimir or Cortex rules: `groups: - rules: - alert:`).');
  lines.push(...(lines.length ? [''] : []), coverageSummary(report));
  return lines.join('\n');
}

/**
 * `runbooks coverage`: indexes the root, reads its alert rule files and prints which alerts have
 * a runbook and which runbooks name alerts that no longer exist, with the rule files (`alerts:`) and
 * rule severities (`rules:`) of the config file. Default `--fail-on none`; 2 when the config file is invalid.
 */
export async function runCoverage(root: string, args: CliArgs, io: CliIo): Promise<number> {
  const settings = await loadSettings(root, args, io);
  if (!settings) return 2;
  const index = openWorkspaceIndex(root, { cache: args.cache, env: io.env });
  await index.build();
  if (args.cache) await index.persist().catch((error: Error) => io.err(`runbooks: could not write the index cache: ${error.message}`));
  const loaded = await loadAlertCoverage(root, index.all(), { env: io.env, settings: { ...DEFAULT_RULE_FILE_SETTINGS, ...settings.alerts } });
  const report = { ...loaded, findings: applySeverities(loaded.findings, settings.rules) };
  const format = args.findingsFormat ?? args.format;
  const repoPrefix = format === 'github' || format === 'sarif' ? await new SimpleGitHistory(root, io.env).rootPrefix().catch(() => '') : '';
  if (format === 'json') io.out(coverageJson(report, root));
  else if (format === 'github') io.out([...formatGithub(report.findings, { repoPrefix, command: 'coverage' }), coverageSummary(report)].join('\n'));
  else if (format === 'sarif') io.out(JSON.stringify(formatSarif(report.findings, { version, rules: rulesOf('alerts'), repoPrefix }), null, 2));
  else io.out(renderCoverageText(report));
  return exitCodeFor(report.findings.map((f) => f.severity), args.failOn ?? 'none');
}
