import { compareCodeUnits } from '../compare';
import { RuleId, type PlacedFinding } from '../findings/finding';
import type { AlertCoverage, MissingAlert, RuleFileResult } from './types';

/** A coverage finding, placed in its file (a rule file or a runbook). */
export type AlertFinding = PlacedFinding;

/** Severities of alerts that never page anyone: a missing runbook is worth knowing, not a warning. */
const QUIET_SEVERITIES = new Set(['info', 'none', 'informational', 'debug']);

/**
 * The findings of a coverage run, by file then line: `alert.rule-file-invalid` on each YAML error
 * of a rule file; `alert.no-runbook` on each uncovered alert (info for `severity: info|none`,
 * warning otherwise); `alert.runbook-url-broken` on each annotation that leads to a missing doc or
 * anchor of this repository; `runbook.alert-missing` on each `alerts:` entry no rule defines
 * (info when the repository has no rule files, warning otherwise).
 */
export function coverageFindings(ruleFiles: Array<{ path: string; result: RuleFileResult }>, alerts: AlertCoverage[], missing: MissingAlert[]): AlertFinding[] {
  const findings: AlertFinding[] = [];
  for (const { path, result } of ruleFiles) {
    for (const p of result.problems) {
      findings.push({
        ruleId: RuleId.alertRuleFileInvalid,
        severity: 'error',
        message: `This alert rule file is not valid YAML: ${p.reason}. Prometheus will refuse it; its alerts were read line by line until it is fixed.`,
        path,
        line: p.line,
        column: p.column,
      });
    }
  }
  for (const a of alerts) {
    const { alert, target } = a;
    if (target?.kind === 'doc' && target.missingAnchor !== undefined && alert.runbook) {
      findings.push({
        ruleId: RuleId.alertRunbookUrlBroken,
        severity: 'warning',
        message: `The ${alert.runbook.key} of alert \`${alert.name}\` leads to \`${target.path}\`, which has no heading for \`#${target.missingAnchor}\`: on-call lands at the top of the page. Add a heading for the alert or fix the anchor.`,
        path: alert.file,
        line: alert.runbook.line,
      });
    }
    if (target?.kind === 'broken' && alert.runbook) {
      const also = a.runbook ? ` (\`${a.runbook.path}\` ${a.runbook.via === 'heading' ? 'has a heading for it' : a.runbook.via === 'file-name' ? 'is named after it' : 'lists it'}; point the annotation there)` : '';
      findings.push({
        ruleId: RuleId.alertRunbookUrlBroken,
        severity: 'error',
        message: `The ${alert.runbook.key} of alert \`${alert.name}\` is broken: ${target.reason}. Fix the link so on-call lands on the runbook${also}.`,
        path: alert.file,
        line: alert.runbook.line,
        target: target.path,
      });
    }
    if (a.status === 'uncovered') {
      const quiet = alert.severity !== undefined && QUIET_SEVERITIES.has(alert.severity.toLowerCase());
      const hint = alert.runbook && target?.kind !== 'broken' ? ` Its ${alert.runbook.key} \`${alert.runbook.value}\` leads to no doc.` : '';
      findings.push({
        ruleId: RuleId.alertNoRunbook,
        severity: quiet ? 'info' : 'warning',
        message: `Alert \`${alert.name}\`${alert.severity ? ` (severity ${alert.severity})` : ''} has no runbook: no runbook_url leads to one and no doc lists it in \`alerts:\`, has a heading or a file named after it.${hint} Write one (Runbooks: New Runbook for This Alert) or add a runbook_url annotation.`,
        path: alert.file,
        line: alert.line,
      });
    }
  }
  const noRules = ruleFiles.length === 0;
  for (const m of missing) {
    const did = m.suggestion ? ` Did you mean \`${m.suggestion}\` (renamed)?` : '';
    const where = noRules ? ' No alert rule files were found in this repository, so the rules may live elsewhere.' : '';
    findings.push({
      ruleId: RuleId.runbookAlertMissing,
      severity: noRules ? 'info' : 'warning',
      message: `This runbook is for alert \`${m.alert}\`, which no alert rule file defines.${did}${where} Update or remove the entry if the alert was renamed or deleted.`,
      path: m.doc,
      line: m.line,
    });
  }
  return findings.sort((a, b) => compareCodeUnits(a.path, b.path) || a.line - b.line || compareCodeUnits(a.ruleId, b.ruleId));
}
