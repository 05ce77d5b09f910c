/** A `runbook_url:` / `runbook:` annotation in an alert rule file. */
export interface RunbookAnnotation {
  /** 1-based line in the rule file. */
  line: number;
  /** The value without quotes. */
  value: string;
}

const ANNOTATION = /^\s*(?:-\s*)?["']?(runbook_url|runbook|runbookUrl|runbook-url)["']?\s*:\s*(.+?)\s*$/;

/**
 * Finds `runbook_url:` / `runbook:` annotations in YAML text (Prometheus and Alertmanager rules,
 * Grafana alerting, Datadog monitors exported as YAML). Line-based on purpose: rule files are often
 * Helm templates that are not valid YAML. Templated values (`{{ … }}`) are skipped. A value is cut
 * from `text`: a caller that keeps it for long owns it (`ownString`).
 */
export function findRunbookAnnotations(text: string): RunbookAnnotation[] {
  if (!/runbook/i.test(text)) return [];
  const found: RunbookAnnotation[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const match = ANNOTATION.exec(lines[i]!);
    if (!match) continue;
    let value = match[2]!.replace(/\s+#.*$/, '').trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) value = value.slice(1, -1).trim();
    if (!value || value.includes('{{') || value === '|' || value === '>') continue;
    found.push({ line: i + 1, value });
  }
  return found;
}
