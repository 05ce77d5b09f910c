import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Severity } from '../../core/findings';
import { CheckError, type CheckFinding, type CheckReport } from '../../core/staleness/check';
import { STALENESS_RULES } from '../../core/staleness/rules';
import { SimpleGitHistory } from '../../node/git-history';
import { openStalenessEngine } from '../../node/git-staleness';
import { openWorkspaceIndex } from '../../node/open-index';
import { UsageError, type CheckFormat, type CliArgs } from '../args';
import type { CliIo } from '../io';
import { exitCodeFor } from './report-command';
import { loadStalenessSettings } from './staleness-config';
import { version } from '../../../package.json';

/** GitHub shows at most 10 warning (and 10 error) annotations per step; we stay within 10 in all. */
export const GITHUB_ANNOTATION_LIMIT = 10;

/** Options for rendering a check report. */
export interface RenderCheckOptions {
  /** What `--base` said, for the summary line. */
  baseName: string;
  /** Prefix of the root below the repository's top level (`ops/`): GitHub and SARIF paths are repository-relative. */
  repoPrefix?: string;
}

/** Renders a check report as text, JSON, GitHub workflow commands or SARIF 2.1.0. */
export function renderCheck(report: CheckReport, format: CheckFormat, options: RenderCheckOptions): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2);
    case 'github':
      return [...githubAnnotations(report.findings, options.repoPrefix ?? ''), summary(report, options.baseName)].join('\n');
    case 'sarif':
      return JSON.stringify(toSarif(report, options.repoPrefix ?? ''), null, 2);
    default: {
      const lines = report.findings.map((f) => `${f.severity} ${f.path}:${f.line} ${f.message} [${f.ruleId}]`);
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

/**
 * GitHub workflow commands (`::warning file=…,line=…::…`). At most `GITHUB_ANNOTATION_LIMIT`
 * warning/error annotations: past that, findings of the same rule in the same file merge into one
 * (on the first line, counting the others), errors come first, and whatever still does not fit is
 * summarised in one `::notice`.
 */
export function githubAnnotations(findings: CheckFinding[], repoPrefix = '', limit = GITHUB_ANNOTATION_LIMIT): string[] {
  let items = findings.map((f) => ({ finding: f, more: 0 }));
  if (items.length > limit) {
    const groups = new Map<string, { finding: CheckFinding; more: number }>();
    for (const item of items) {
      const key = `${item.finding.path}\u0000${item.finding.ruleId}`;
      const group = groups.get(key);
      if (group) group.more++;
      else groups.set(key, { ...item });
    }
    items = [...groups.values()];
  }
  const rank = (s: Severity) => (s === 'error' ? 0 : s === 'warning' ? 1 : 2);
  items.sort((a, b) => rank(a.finding.severity) - rank(b.finding.severity) || (a.finding.path < b.finding.path ? -1 : a.finding.path > b.finding.path ? 1 : a.finding.line - b.finding.line));
  const shown = items.length > limit ? items.slice(0, limit - 1) : items;
  const rest = items.slice(shown.length);
  const lines = shown.map(({ finding: f, more }) => {
    const props = [`file=${prop(repoPrefix + f.path)}`, `line=${f.line}`, ...(f.endLine !== undefined ? [`endLine=${f.endLine}`] : []), `title=${prop(`Runbooks: ${f.ruleId}`)}`];
    const extra = more ? ` (and ${more} more place${more === 1 ? '' : 's'} in this file)` : '';
    return `::${f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice'} ${props.join(',')}::${data(f.message + extra)}`;
  });
  if (rest.length > 0) {
    const count = rest.reduce((n, r) => n + 1 + r.more, 0);
    const places = rest.slice(0, 20).map((r) => `${repoPrefix}${r.finding.path}:${r.finding.line}`);
    const tail = rest.length > 20 ? `, and ${rest.length - 20} more files` : '';
    lines.push(`::notice title=${prop('Runbooks: more findings')}::${data(`${count} more finding${count === 1 ? '' : 's'} not annotated (GitHub shows at most ${limit} per step): ${places.join(', ')}${tail}. Run runbooks check locally or use --format sarif for all of them.`)}`);
  }
  return lines;
}

/** Escapes the message part of a workflow command. */
function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value of a workflow command. */
function prop(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** A SARIF 2.1.0 log of the check, with the staleness rules and one result per finding. */
export function toSarif(report: CheckReport, repoPrefix = ''): Log {
  const rules: ReportingDescriptor[] = STALENESS_RULES.map((rule) => ({
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.description },
    defaultConfiguration: { level: sarifLevel(rule.defaultSeverity) },
  }));
  const ruleIndex = new Map(STALENESS_RULES.map((rule, i) => [rule.id as string, i]));
  const results: Result[] = report.findings.map((f) => ({
    ruleId: f.ruleId,
    ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId)! } : {}),
    level: sarifLevel(f.severity),
    message: { text: f.message },
    locations: [location(repoPrefix + f.path, f.line, f.endLine)],
    relatedLocations: f.docs.map((d, i) => ({ id: i + 1, ...location(repoPrefix + d.path, d.line), message: { text: `Linked from ${d.path}:${d.line}` } })),
    partialFingerprints: { 'runbooksTarget/v1': `${f.ruleId}:${f.target}:${f.docs.map((d) => d.path).join(',')}` },
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'runbooks', fullName: 'Living Runbooks', version, semanticVersion: version, rules } },
        originalUriBaseIds: { SRCROOT: { description: { text: 'The repository root.' } } },
        results,
      },
    ],
  };
}

function location(path: string, line: number, endLine?: number): { physicalLocation: NonNullable<Result['locations']>[number]['physicalLocation'] } {
  return {
    physicalLocation: {
      artifactLocation: { uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' },
      region: { startLine: line, ...(endLine !== undefined ? { endLine } : {}) },
    },
  };
}

function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/**
 * `runbooks check --base REF [--head REF]`: the docs whose linked code changed in the change set
 * while they did not, with the settings of the config file. Default `--fail-on warning` (any
 * finding fails); 2 for unknown refs, a folder without a repository or an invalid config file.
 */
export async function runCheck(root: string, args: CliArgs, io: CliIo): Promise<number> {
  if (!args.base) throw new UsageError('check needs --base REF (e.g. --base origin/main)');
  const staleness = await loadStalenessSettings(root, args, io);
  if (!staleness) return 2;
  const index = openWorkspaceIndex(root, { cache: args.cache, env: io.env });
  await index.build();
  if (args.cache) await index.persist().catch((error: Error) => io.err(`runbooks: could not write the index cache: ${error.message}`));
  const engine = openStalenessEngine(root, { cache: args.cache, env: io.env, staleness });
  let report: CheckReport;
  try {
    report = await engine.check(index.all(), { base: args.base, ...(args.head !== undefined ? { head: args.head } : {}) });
  } catch (error) {
    if (error instanceof CheckError) {
      io.err(`runbooks: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const format = args.checkFormat ?? args.format;
  const repoPrefix = format === 'github' || format === 'sarif' ? await new SimpleGitHistory(root, io.env).rootPrefix() : '';
  io.out(renderCheck(report, format, { baseName: args.base, repoPrefix }));
  return exitCodeFor(report.findings.map((f) => f.severity), args.failOn ?? 'warning');
}
