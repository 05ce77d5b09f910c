import { normalizeAlertName } from '../alert-name';
import { RuleId, type PlacedFinding } from '../findings/finding';
import type { ChangeSetFiles, FileChange } from '../repo/repo-ports';
import type { CoverageReport } from './coverage';
import { nearestAlertName } from './near-name';
import { parseRuleFile } from './parse-rules';
import { MAX_RULE_FILE_BYTES } from './types';

/** Severities of alerts that never page anyone (as in `coverageFindings`). */
const QUIET_SEVERITIES = new Set(['info', 'none', 'informational', 'debug']);

/**
 * The code-review side of alert coverage: the alerts a change set adds or renames (names defined in
 * a changed rule file that no rule file changed by the set defined at the merge base) that have no
 * runbook, as `alert.no-runbook` findings on the rule's line. A renamed alert names the old name and
 * the runbooks that still list it. `report` is the coverage of the end of the change set.
 */
export async function changedAlertFindings(
  git: ChangeSetFiles,
  report: CoverageReport,
  range: { mergeBase: string; head?: string },
  signal?: AbortSignal,
): Promise<PlacedFinding[]> {
  const changes = await git.changedFiles(range.mergeBase, range.head, signal);
  const ruleFiles = new Set(report.ruleFiles);
  const changedNow = new Set(changes.filter((c) => c.status !== 'D' && ruleFiles.has(c.path)).map((c) => c.path));
  if (changedNow.size === 0) return [];
  const { names: before, byFile } = await namesBefore(git, changes, range.mergeBase, signal);
  // Rule files the change set does not touch are as they were at the merge base.
  const touched = new Set(changes.flatMap((c) => (c.from ? [c.from, c.path] : [c.path])));
  for (const { alert } of report.alerts) if (!touched.has(alert.file)) before.set(normalizeAlertName(alert.name), alert.name);
  const now = new Set(report.alerts.map((a) => normalizeAlertName(a.alert.name)));
  const gone = [...before.values()].filter((name) => !now.has(normalizeAlertName(name)));
  const added = (file: string) => report.alerts.filter((a) => a.alert.file === file && !before.has(normalizeAlertName(a.alert.name)));
  const findings: PlacedFinding[] = [];
  for (const { alert, status } of report.alerts) {
    if (status !== 'uncovered' || !changedNow.has(alert.file) || before.has(normalizeAlertName(alert.name))) continue;
    // A rename: a near name that is gone, or the one alert gone from the file where the one new alert appeared.
    const change = changes.find((c) => c.path === alert.file);
    const goneHere = (byFile.get(change?.from ?? alert.file) ?? []).filter((n) => !now.has(normalizeAlertName(n)));
    const old = nearestAlertName(alert.name, gone) ?? (goneHere.length === 1 && added(alert.file).length === 1 ? goneHere[0] : undefined);
    const listing = old ? report.missing.filter((m) => normalizeAlertName(m.alert) === normalizeAlertName(old)) : [];
    const renamed = old
      ? ` It looks renamed from \`${old}\`${listing.length ? `, which ${listing.map((m) => `\`${m.doc}\``).join(', ')} still list${listing.length === 1 ? 's' : ''} in \`alerts:\`: update ${listing.length === 1 ? 'that entry' : 'those entries'}` : ''}.`
      : '';
    const quiet = alert.severity !== undefined && QUIET_SEVERITIES.has(alert.severity.toLowerCase());
    findings.push({
      ruleId: RuleId.alertNoRunbook,
      severity: quiet ? 'info' : 'warning',
      message: `This change adds alert \`${alert.name}\`${alert.severity ? ` (severity ${alert.severity})` : ''} without a runbook.${renamed} Add a runbook_url annotation or a runbook that lists it in \`alerts:\` before it pages someone.`,
      path: alert.file,
      line: alert.line,
      target: alert.file,
      ...(listing.length ? { related: listing.map((m) => ({ path: m.doc, line: m.line, message: `Still lists \`${m.alert}\`` })) } : {}),
    });
  }
  return findings;
}

/** Normalized name → name of every alert in the merge-base version of the YAML files the change set touches, and the names by file. */
async function namesBefore(git: Pick<ChangeSetFiles, 'readFiles'>, changes: FileChange[], mergeBase: string, signal?: AbortSignal): Promise<{ names: Map<string, string>; byFile: Map<string, string[]> }> {
  const paths = [...new Set(changes.filter((c) => c.status !== 'A').map((c) => c.from ?? c.path).filter((p) => /\.ya?ml$/i.test(p)))];
  const blobs = await git.readFiles(
    paths.map((path) => ({ sha: mergeBase, path })),
    MAX_RULE_FILE_BYTES,
    signal,
  );
  const names = new Map<string, string>();
  const byFile = new Map<string, string[]>();
  blobs.forEach((blob, i) => {
    if (blob?.text === undefined || !/alert/.test(blob.text)) return;
    const alerts = parseRuleFile(blob.text, paths[i]!).alerts;
    byFile.set(paths[i]!, alerts.map((a) => a.name));
    for (const alert of alerts) names.set(normalizeAlertName(alert.name), alert.name);
  });
  return { names, byFile };
}
