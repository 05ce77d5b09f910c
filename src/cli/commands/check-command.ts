import type { Log } from 'sarif';
import { chooseBaseRef } from '../../core/base-ref';
import { childEnv } from '../../node/child-env';
import { readBaseRefFacts } from '../../node/git-default-branch';
import { changedAlertFindings } from '../../core/alerts/change-set';
import type { DocModel } from '../../core/doc-model';
import { definedFields } from '../../core/defined-fields';
import { formatGithub, GITHUB_ANNOTATION_LIMIT } from '../../core/findings/format-github';
import { formatJson } from '../../core/findings/format-json';
import { formatSarif } from '../../core/findings/format-sarif';
import { formatReportLine } from '../../core/findings/format-text';
import { rulesOf } from '../../core/findings/rule-table';
import { applySeverities } from '../../core/findings/severity';
import { DEFAULT_RULE_FILE_SETTINGS, type RuleFileSettings } from '../../core/alerts/rule-files';
import { loadAlertCoverage } from '../../node/alert-coverage';
import { checkFindingToFinding } from '../../core/staleness/as-findings';
import { changeSetDrift } from '../../core/commands/change-set-drift';
import { GitWorkspaceFiles } from '../../node/git-workspace-files';
import { CheckError, type CheckFinding, type CheckReport } from '../../core/staleness/check/check-changes';
import { STALENESS_RULES } from '../../core/staleness/rules/rule-table';
import { SimpleGitHistory } from '../../node/git-history';
import { openStalenessEngine } from '../../node/git-staleness';
import { GitCommitFiles } from '../../node/git-commit-files';
import { openCommitIndex, openWorkspaceIndex } from '../../node/open-index';
import type { WorkspaceFiles } from '../../core/repo/repo-ports';
import { UsageError, type CliArgs, type FindingsFormat } from '../args';
import type { CliIo } from '../io';
import { exitCodeFor } from './report-command';
import { loadSettings } from './staleness-config';
import { version } from '../../../package.json';

/** Options for rendering a check report. */
export interface RenderCheckOptions {
  /** What `--base` said, for the summary line. */
  baseName: string;
  /** The absolute root, for the JSON envelope. */
  root: string;
  /** Prefix of the root below the repository's top level (`ops/`): GitHub and SARIF paths are repository-relative. */
  repoPrefix?: string;
}

/**
 * Renders a check report as text, JSON (the findings envelope with `base`, `mergeBase` and `head`;
 * `head` left out when the working tree was checked), GitHub workflow commands or SARIF 2.1.0.
 */
export function renderCheck(report: CheckReport, format: FindingsFormat, options: RenderCheckOptions): string {
  switch (format) {
    case 'json':
      return formatJson(report.findings.map(checkFindingToFinding), {
        command: 'check',
        version,
        root: options.root,
        summary: { docsChecked: report.docsChecked, changedFiles: report.changedFiles },
        data: definedFields({ base: options.baseName, mergeBase: report.mergeBase, head: report.head }),
      });
    case 'github':
      return [...githubAnnotations(report.findings, options.repoPrefix ?? ''), summary(report, options.baseName)].join('\n');
    case 'sarif':
      return JSON.stringify(toSarif(report, options.repoPrefix ?? ''), null, 2);
    default: {
      const lines = report.findings.map((f) => formatReportLine(f));
      lines.push(...(lines.length ? [''] : []), summary(report, options.baseName));
      return lines.join('\n');
    }
  }
}

function summary(report: CheckReport, baseName: string): string {
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.filter((f) => f.severity === 'warning').length;
  const files = new Set(report.findings.map((f) => f.path)).size;
  const what = report.findings.length === 0 ? 'no findings' : `${report.findings.length} finding${report.findings.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}) in ${files} file${files === 1 ? '' : 's'}`;
  return `runbooks check: ${what}; ${report.docsChecked} docs checked against ${baseName} (merge base ${report.mergeBase.slice(0, 7)}, ${report.changedFiles} changed files${report.head ? '' : ', working tree included'}).`;
}

/** The check findings as GitHub workflow commands (see `formatGithub`). */
export function githubAnnotations(findings: CheckFinding[], repoPrefix = '', limit = GITHUB_ANNOTATION_LIMIT): string[] {
  return formatGithub(findings.map(checkFindingToFinding), { repoPrefix, limit, command: 'check' });
}

/** A SARIF 2.1.0 log of the check, with the staleness rules (and the alert and command rules that have findings) and one result per finding (see `formatSarif`). */
export function toSarif(report: CheckReport, repoPrefix = ''): Log {
  const used = new Set(report.findings.map((f) => f.ruleId as string));
  const rules = [...STALENESS_RULES, ...[...rulesOf('alerts'), ...rulesOf('commands')].filter((r) => used.has(r.id))];
  return formatSarif(report.findings.map(checkFindingToFinding), { version, rules, repoPrefix });
}

/**
 * The check's findings plus the alerts the change set adds or renames without a runbook (see
 * `changedAlertFindings`), by path and line. The coverage is that of `files` (the head commit's
 * with `--head`), else of the working tree.
 */
async function withChangedAlerts(root: string, docs: DocModel[], report: CheckReport, io: CliIo, settings: RuleFileSettings, files?: WorkspaceFiles): Promise<CheckReport> {
  const coverage = await loadAlertCoverage(root, docs, { env: io.env, settings, ...(files ? { files } : {}) });
  if (coverage.ruleFiles.length === 0) return report;
  const alerts = await changedAlertFindings(new SimpleGitHistory(root, io.env), coverage, { mergeBase: report.mergeBase, ...(report.head !== undefined ? { head: report.head } : {}) });
  if (alerts.length === 0) return report;
  const added: CheckFinding[] = alerts.map((f) => ({ ruleId: f.ruleId as CheckFinding['ruleId'], severity: f.severity, path: f.path, line: f.line, message: f.message, target: f.target ?? f.path, docs: (f.related ?? []).map((r) => ({ path: r.path, line: r.line })) }));
  const findings = [...report.findings, ...added].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  return { ...report, findings };
}

/**
 * The check's findings plus the commands of runnable blocks that the change set breaks (see
 * `changeSetDrift`): `docs` and `files` are those of the head commit with `--head`, else of the
 * working tree.
 */
async function withCommandDrift(root: string, docs: DocModel[], report: CheckReport, io: CliIo, rules: Parameters<typeof applySeverities>[1], files?: GitCommitFiles): Promise<CheckReport> {
  const git = new SimpleGitHistory(root, io.env);
  const changes = await git.changedFiles(report.mergeBase, files?.commit);
  const drift = applySeverities(await changeSetDrift(docs, files ?? new GitWorkspaceFiles(root, io.env), git, report.mergeBase, changes), rules);
  git.dispose();
  if (drift.length === 0) return report;
  const added: CheckFinding[] = drift.map((f) => ({ ruleId: f.ruleId as CheckFinding['ruleId'], severity: f.severity, path: f.path, line: f.line, message: f.message, target: f.target ?? f.path, docs: [] }));
  const findings = [...report.findings, ...added].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  return { ...report, findings };
}

/**
 * `runbooks check [--base REF] [--head REF]`: the docs whose linked code changed in the change set
 * while they did not, with the settings of the config file; one warning per changed file and rule;
 * and the runbook commands the change set breaks (`command.*`). With `--head REF` the docs, the
 * files their links and commands reach and the alert rules are read as they are at REF; else from
 * the working tree.
 * Without `--base`, compares with the repository's default branch as the editor does (see
 * `chooseBaseRef`) and says which on stderr. Default `--fail-on warning` (any finding fails); 2 for
 * unknown refs, no default branch to compare with, a folder without a repository or an invalid
 * config file.
 */
export async function runCheck(root: string, args: CliArgs, io: CliIo): Promise<number> {
  let base = args.base;
  if (!base) {
    const chosen = chooseBaseRef(await readBaseRefFacts(root, childEnv(io.env)));
    if (!chosen) throw new UsageError('check needs --base REF: the repository has no origin/HEAD, origin/main, origin/master, main or master to compare with');
    io.err(`runbooks: comparing with ${chosen.ref} (${chosen.why}); pass --base REF to choose another branch.`);
    base = chosen.ref;
  }
  const settings = await loadSettings(root, args, io);
  if (!settings) return 2;
  const blobs = new SimpleGitHistory(root, io.env);
  try {
    return await checkRange(root, args, io, base, settings, blobs);
  } finally {
    blobs.dispose();
  }
}

/** The check of `base`…`--head` (or the working tree) once the settings are read; `blobs` reads files in commits. */
async function checkRange(root: string, args: CliArgs, io: CliIo, base: string, settings: NonNullable<Awaited<ReturnType<typeof loadSettings>>>, blobs: SimpleGitHistory): Promise<number> {
  const { staleness } = settings;
  // With --head, the docs and files of that commit (an unknown ref is the engine's error to report).
  const headCommit = args.head !== undefined ? await blobs.resolve(args.head).catch(() => undefined) : undefined;
  const headFiles = headCommit !== undefined ? new GitCommitFiles(root, headCommit, blobs, io.env) : undefined;
  const index = headFiles ? openCommitIndex(headFiles, blobs) : openWorkspaceIndex(root, { cache: args.cache, env: io.env });
  await index.build();
  if (args.cache && !headFiles) await index.persist().catch((error: Error) => io.err(`runbooks: could not write the index cache: ${error.message}`));
  const docs = index.all();
  const engine = openStalenessEngine(root, { cache: args.cache, env: io.env, staleness, ...(headFiles ? { files: headFiles } : {}) });
  let report: CheckReport;
  try {
    report = await engine.check(docs, { base, ...(args.head !== undefined ? { head: args.head } : {}), mergeHunks: true });
    report = { ...report, findings: applySeverities(report.findings, settings.rules) };
  } catch (error) {
    if (error instanceof CheckError) {
      io.err(`runbooks: ${error.message}`);
      return 2;
    }
    throw error;
  }
  report = await withChangedAlerts(root, docs, report, io, { ...DEFAULT_RULE_FILE_SETTINGS, ...settings.alerts }, headFiles);
  report = await withCommandDrift(root, docs, report, io, settings.rules, headFiles);
  const format = args.findingsFormat ?? args.format;
  const repoPrefix = format === 'github' || format === 'sarif' ? await new SimpleGitHistory(root, io.env).rootPrefix() : '';
  io.out(renderCheck(report, format, { baseName: base, root, repoPrefix }));
  return exitCodeFor(report.findings.map((f) => f.severity), args.failOn ?? 'warning');
}
