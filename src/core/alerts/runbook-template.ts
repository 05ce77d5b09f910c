import { posix } from 'node:path';
import { stringify } from 'yaml';
import type { AlertRule } from './types';

/**
 * The markdown of a new runbook for an alert: front matter (`title`, `alerts:` with the alert,
 * `severity` when the rule sets one), a title, and the usual sections, the Meaning section started
 * from the rule itself (where it is defined, its expression, `for:`, and its labels). The other
 * sections hold one line each saying what belongs there. `runbookPath` (root-relative) is where the
 * runbook will live, for the link to the rule.
 */
export function alertRunbookMarkdown(alert: AlertRule, runbookPath: string): string {
  const meta: Record<string, unknown> = { title: alert.name, alerts: [alert.name] };
  if (alert.severity) meta.severity = alert.severity;
  const labels = Object.entries(alert.labels).map(([k, v]) => `\`${k}=${v}\``);
  const lines = [
    '---',
    stringify(meta, { lineWidth: 0 }).trimEnd(),
    '---',
    '',
    `# ${alert.name}`,
    '',
    '## Meaning',
    '',
    `Fires when this expression${alert.for ? ` holds for ${alert.for}` : ' holds'} (rule \`${alert.name}\`${alert.group ? ` in group \`${alert.group}\`` : ''}, [${alert.file}](${relativeLink(runbookPath, alert.file)}#L${alert.line})):`,
    '',
    '```promql',
    alert.expr ?? '(the expression could not be read from the rule file)',
    '```',
    '',
    ...(labels.length ? [`Labels: ${labels.join(', ')}.`, ''] : []),
    'What it means for users, in one or two sentences.',
    '',
    '## Impact',
    '',
    'Who or what is affected, and how badly. When does this become an incident?',
    '',
    '## Diagnosis',
    '',
    'What to look at first.',
    '',
    '## Mitigation',
    '',
    'Steps that stop the bleeding, safest first.',
    '',
    '## Escalation',
    '',
    'Who to page when the steps above do not help, and how.',
    '',
  ];
  return lines.join('\n');
}

/** A relative link from the doc at `from` to the root-relative `to`, each segment URL-encoded. */
function relativeLink(from: string, to: string): string {
  return posix.relative(posix.dirname(from), to).split('/').map(encodeURIComponent).join('/');
}
