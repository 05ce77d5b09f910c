import { stringify } from 'yaml';
import { slugForFileName } from '../file-name';
import { redactSecrets } from '../redact';
import { formatStatus, type EntryOptions } from './timeline';
import { utcStamp } from './zoned-time';
import { INCIDENT_TYPE } from './incident-parser';
import type { IncidentMeta } from './types';

/**
 * The file name of a new incident: `YYYY-MM-DD-<slug>.md`, the date of `started` in UTC. A slug
 * that would end in `postmortem` gets `-incident` appended, so the file is never mistaken for a
 * postmortem draft (`<stem>-postmortem.md`). The title is redacted first (built-in rules and
 * `redactionPatterns`), so a secret pasted into it never becomes part of a file name.
 */
export function incidentFileName(started: Date, title: string, redactionPatterns?: ReadonlyArray<RegExp | string>): string {
  let slug = slugForFileName(redactSecrets(title, redactionPatterns).text, 'incident');
  if (/(?:^|-)postmortem(?:-\d+)?$/.test(slug)) slug += '-incident';
  return `${started.toISOString().slice(0, 10)}-${slug}.md`;
}

/**
 * The front matter of an incident: a YAML mapping written by the `yaml` library (so colons,
 * quotes and `#` in titles are safe), fields redacted one by one before serialising. Ends with
 * the closing `---` and a newline.
 */
export function renderFrontMatter(meta: IncidentMeta, options: EntryOptions = {}): string {
  const r = (text: string) => redactSecrets(text, options.redactionPatterns).text;
  const data: Record<string, unknown> = {
    type: INCIDENT_TYPE,
    id: r(meta.id),
    title: r(meta.title),
    severity: r(meta.severity),
    status: meta.status,
    started: normaliseStamp(meta.started),
    ...(meta.resolved ? { resolved: normaliseStamp(meta.resolved) } : {}),
    runbooks: meta.runbooks.map(r),
    ...(meta.commander ? { commander: r(meta.commander) } : {}),
    ...(meta.alert ? { alert: r(meta.alert) } : {}),
    ...(meta.paged ? { paged: normaliseStamp(meta.paged) } : {}),
  };
  return `---\n${stringify(data, { lineWidth: 0 })}---\n`;
}

/**
 * A new incident file: front matter (with the `type: incident` marker), the title, then Summary,
 * Actions, Follow-ups, and Timeline LAST with its first entry "Incident started (severity …)" by
 * the commander (after "Paged: ALERT" when the page came first). Timeline is last on purpose:
 * entries are appended to the end of the file, so they land in the Timeline section; only a
 * back-dated entry is placed before later ones (an atomic rewrite, see `placeEntry`).
 */
export function renderIncident(meta: IncidentMeta, options: EntryOptions = {}): string {
  const title = redactSecrets(meta.title.replace(/\s+/g, ' ').trim(), options.redactionPatterns).text;
  return [
    renderFrontMatter(meta, options),
    `# ${title}`,
    '',
    '## Summary',
    '',
    '<!-- One or two sentences: what is broken, for whom, since when. Keep it current while the incident runs. -->',
    '',
    '## Actions',
    '',
    '<!-- Who is doing what right now: one line each, with a name. -->',
    '',
    '## Follow-ups',
    '',
    '<!-- Work for after the incident, one "- " line each; they become action items in the postmortem draft. -->',
    '',
    '## Timeline',
    '',
    '<!-- In time order (an entry with an earlier time is placed before later ones). Add entries with "Runbooks: Add Incident Note" or `runbooks note TEXT` (start it with HH:MM for an earlier time); keep this section last. -->',
    '',
    [
      ...(meta.paged && Date.parse(meta.paged) <= Date.parse(meta.started) ? [formatStatus(pagedStatus(meta.alert), new Date(meta.paged), undefined, options)] : []),
      formatStatus(`Incident started (severity ${meta.severity})`, new Date(meta.started), meta.commander, options),
      ...(meta.paged && Date.parse(meta.paged) > Date.parse(meta.started) ? [formatStatus(pagedStatus(meta.alert), new Date(meta.paged), undefined, options)] : []),
    ].join(''),
  ].join('\n');
}

/** The status entry of a page: `Paged: KubePodCrashLooping`, or `Paged` when the alert is not known. */
export function pagedStatus(alert: string | undefined): string {
  return alert ? `Paged: ${alert.replace(/\s+/g, ' ').trim()}` : 'Paged';
}

/** An ISO 8601 time as `YYYY-MM-DDTHH:MM:SSZ` (the timeline's form); text that is not a date is kept. */
function normaliseStamp(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : utcStamp(date);
}
