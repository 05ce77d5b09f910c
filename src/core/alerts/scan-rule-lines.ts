import type { AlertRule, RunbookAnnotationValue, RunbookKey } from './types';

const ALERT_LINE = /^(\s*)(?:-\s+)?["']?alert["']?\s*:\s*["']?([^"'#\s{}][^"'#\s]*)["']?\s*(?:#.*)?$/;
const RULE_START = /^(\s*)-\s+["']?(?:alert|record)["']?\s*:/;
const SEVERITY_LINE = /^\s*["']?severity["']?\s*:\s*["']?([^"'#\s]+)["']?/;
const RUNBOOK_LINE = /^\s*["']?(runbook_url_template|runbook_url|runbookUrl|runbook-url|runbook)["']?\s*:\s*(.+?)\s*$/;

/**
 * Reads alerting rules line by line, for rule files that are not valid YAML (Helm templates, a
 * file being edited): each `alert: Name` line starts a rule that runs to the next rule of the list;
 * its `severity:` and runbook annotation are taken from those lines. Expressions are not read.
 */
export function scanRuleLines(text: string, file: string): AlertRule[] {
  const lines = text.split(/\r\n|\n|\r/);
  const alerts: AlertRule[] = [];
  let current: AlertRule | undefined;
  let indent = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const alert = ALERT_LINE.exec(line);
    if (alert) {
      current = { name: alert[2]!, file, line: i + 1, labels: {}, approximate: true };
      indent = alert[1]!.length;
      alerts.push(current);
      continue;
    }
    if (!current) continue;
    const start = RULE_START.exec(line);
    if (start && start[1]!.length <= indent) {
      current = undefined;
      continue;
    }
    const severity = SEVERITY_LINE.exec(line);
    if (severity && current.severity === undefined && !severity[1]!.includes('{{')) {
      current.severity = severity[1]!;
      current.labels.severity = severity[1]!;
      continue;
    }
    const runbook = RUNBOOK_LINE.exec(line);
    if (runbook && !current.runbook) {
      let value = runbook[2]!.replace(/\s+#.*$/, '').trim();
      const quote = value[0];
      if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) value = value.slice(1, -1).trim();
      if (!value || value === '|' || value === '>') continue;
      const key = runbook[1] as RunbookKey;
      const annotation: RunbookAnnotationValue = { key, value, line: i + 1, templated: key === 'runbook_url_template' || /\{\{|%s|%v|\$\{/.test(value) };
      current.runbook = annotation;
    }
  }
  return alerts;
}
