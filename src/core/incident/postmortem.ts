import * as path from 'node:path';
import { redactSecrets } from '../redact';
import { readFrontMatter } from './front-matter-block';
import { escapeLinkText, inlineCode, relativeLink } from './markdown-text';
import { formatDuration } from './timeline';
import { draftSections } from './postmortem-drafts';
import { inTimeOrder } from './timeline-order';
import type { IncidentFile, TimelineEntry } from './types';

/** Marks a drafted section: lines picked from the notes by their words, for a person to check and rewrite. */
export const DRAFT_NOTE = '*Draft from the incident notes and check runs (times UTC): check it, rewrite it as prose, delete what does not belong.*';

/**
 * The postmortem draft's file name for an incident file name or path: `<stem>-postmortem.md`, or
 * `<stem>-postmortem-<n>.md` for `n` above 1 (when an earlier draft exists and must not be overwritten).
 */
export function postmortemFileName(incidentFile: string, n = 1): string {
  const stem = path.posix.basename(incidentFile).replace(/\.md$/i, '');
  return `${stem}-postmortem${n > 1 ? `-${n}` : ''}.md`;
}

/** True for a file name made by {@link postmortemFileName}. */
export function isPostmortemFileName(fileName: string): boolean {
  return /-postmortem(?:-\d+)?\.md$/i.test(fileName);
}

/**
 * A postmortem draft in the structure of the Google SRE book's example postmortem: title, date,
 * authors, status (draft), Summary, Impact, Root Causes, Trigger, Resolution, Detection, Action
 * Items (a table: action, type, owner, bug), Lessons Learned (what went well, what went wrong,
 * where we got lucky), Timeline and Supporting information. Filled in from the incident: the
 * timeline entries with their UTC times, the incident's Summary and Follow-ups, runbook feedback
 * as action items, the runbooks used and the check runs, linked. Where a person must write, an
 * HTML comment says what belongs there. `text` is the incident file's text; the draft is meant to
 * sit next to it (links are relative to its folder). All of it passes through redaction.
 */
export function renderPostmortem(read: IncidentFile, text: string, resolvedAt: Date, redactionPatterns?: ReadonlyArray<RegExp | string>): string {
  // Files written before entries were placed in time order may hold back-dated notes late.
  const incident: IncidentFile = { ...read, timeline: inTimeOrder(read.timeline) };
  const meta = incident.meta;
  const stem = path.posix.basename(incident.path).replace(/\.md$/i, '');
  const title = meta?.title ?? stem;
  const opened = meta ? new Date(meta.started) : new Date(incident.timeline[0]?.at ?? resolvedAt);
  // The duration counts from the page when it is recorded (and came first), else from the start.
  const started = meta?.paged && Date.parse(meta.paged) < opened.getTime() ? new Date(meta.paged) : opened;
  const drafts = draftSections(meta, incident.timeline);
  const draft = (lines: string[], none: string) => (lines.length ? ['', DRAFT_NOTE, '', ...lines.map((l) => `- ${l}`)] : ['', `<!-- ${none} -->`]);
  const authors = unique([meta?.commander, ...incident.timeline.map((e) => e.author)]);
  const sections = sectionsOf(text);
  const summary = stripComments(sections.get('summary') ?? '');
  const followUps = listItems(stripComments(sections.get('follow-ups') ?? sections.get('follow ups') ?? ''));
  const feedback = incident.timeline.filter((e) => e.kind === 'feedback' && e.target);
  const checks = incident.timeline.filter((e) => e.kind === 'check');
  const runbooks = unique([...(meta?.runbooks ?? []), ...incident.timeline.map((e) => e.target?.path)]);
  const link = (target: { path: string; line?: number }) =>
    `[${escapeLinkText(target.line ? `${target.path}#L${target.line}` : target.path)}](${relativeLink(incident.path, target.path)}${target.line ? `#L${target.line}` : ''})`;

  const actionRows = [
    ...followUps.map((item) => `| ${cell(item)} |  |  |  |`),
    ...feedback.map((e) => `| Update ${link(e.target!)}: ${cell(e.summary)} | process |  |  |`),
  ];
  const lines = [
    `# Postmortem: ${title}`,
    '',
    `- **Date:** ${started.toISOString().slice(0, 10)}`,
    `- **Authors:** ${authors.length ? authors.join(', ') : ''} <!-- Everyone who writes this postmortem. -->`,
    '- **Status:** draft',
    `- **Incident:** [${escapeLinkText(stem)}](${relativeLink(incident.path, incident.path)})${meta ? `, severity ${meta.severity}` : ''}, ${utcTime(started)} – ${utcTime(resolvedAt)} (${duration(resolvedAt.getTime() - started.getTime())}${started !== opened ? ' from the page' : ''})`,
    ...(meta?.alert ? [`- **Alert:** ${inlineCode(meta.alert)}${meta.paged ? `, paged ${utcTime(new Date(meta.paged))}` : ''}`] : []),
    '',
    '## Summary',
    '',
    '<!-- Two or three sentences: what happened, to whom, for how long, and how it ended. -->',
    ...(summary ? ['', summary] : []),
    '',
    '## Impact',
    '',
    '<!-- Who and what was affected and how much: users, requests, revenue, data, other teams. Use numbers. -->',
    ...draft(drafts.impact, 'No note mentions the impact; write it here.'),
    '',
    '## Root Causes',
    '',
    '<!-- Why it happened: the conditions that made the trigger harmful. Blameless: systems and processes, not people. -->',
    '',
    '## Trigger',
    '',
    '<!-- The change or event that set it off (a deploy, a traffic spike, an expired certificate). -->',
    ...draft(drafts.trigger, 'No note names a trigger; write it here.'),
    '',
    '## Resolution',
    '',
    `<!-- What stopped the impact and what restored service (the mitigation). Resolved at ${utcTime(resolvedAt)}. -->`,
    ...draft(drafts.mitigation, 'No note names a mitigation; write it here.'),
    '',
    '## Detection',
    '',
    '<!-- How we found out (alert, customer report, a person noticing) and how long that took. -->',
    ...draft(drafts.detection, 'No page or note says how it was detected; write it here.'),
    '',
    '## Action Items',
    '',
    '<!-- One row per action. Type: mitigate, prevent, detect or process. Give every row an owner and a bug. -->',
    '',
    '| Action | Type | Owner | Bug |',
    '| --- | --- | --- | --- |',
    ...(actionRows.length ? actionRows : ['|  |  |  |  |']),
    '',
    '## Lessons Learned',
    '',
    '### What went well',
    '',
    '<!-- What worked: alerts, runbooks, tools, people. -->',
    '',
    '### What went wrong',
    '',
    '<!-- What made it worse or slower. -->',
    '',
    '### Where we got lucky',
    '',
    '<!-- What limited the damage by chance rather than by design. -->',
    '',
    '## Timeline',
    '',
    '<!-- Copied from the incident file (times in UTC). Add what happened before the incident was started. -->',
    '',
    ...(incident.timeline.length ? incident.timeline.map((e) => timelineLine(e, link)) : ['- no entries']),
    '',
    '## Supporting information',
    '',
    `- Incident file: [${escapeLinkText(path.posix.basename(incident.path))}](${relativeLink(incident.path, incident.path)})`,
    `- Runbooks used:${runbooks.length ? '' : ' none recorded'}`,
    ...runbooks.map((p) => `  - ${link({ path: p })}`),
    `- Check runs:${checks.length ? '' : ' none recorded'}`,
    ...checks.map((e) => `  - ${utcTime(new Date(e.at))}: ${checkText(e, link)}`),
    '',
  ];
  return redactSecrets(lines.join('\n'), redactionPatterns).text;
}

function timelineLine(entry: TimelineEntry, link: (target: { path: string; line?: number }) => string): string {
  const who = entry.author ? `${entry.author}: ` : '';
  let body: string;
  if (entry.kind === 'check') body = checkText(entry, link);
  else if (entry.kind === 'feedback') body = `feedback on ${entry.target ? link(entry.target) : 'a runbook'}: ${entry.summary}`;
  else if (entry.kind === 'status') body = `**${entry.summary}**`;
  else body = entry.text;
  const [first, ...rest] = body.split('\n');
  return [`- ${utcTime(new Date(entry.at))} — ${who}${first}`, ...rest.map((l) => (l.trim() ? `  ${l}` : ''))].join('\n');
}

function checkText(entry: TimelineEntry, link: (target: { path: string; line?: number }) => string): string {
  const outcome = / — (.*)$/.exec(entry.summary)?.[1];
  return `check ${inlineCode(entry.blockName ?? '?')}${entry.target ? ` in ${link(entry.target)}` : ''}${outcome ? ` — ${outcome}` : ''}`;
}

function utcTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function duration(ms: number): string {
  if (ms < 60_000) return formatDuration(Math.max(0, ms));
  const minutes = Math.round(ms / 60_000);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** `## Heading` sections of the body (lower-cased heading → text), outside fenced code. */
function sectionsOf(text: string): Map<string, string> {
  const fm = readFrontMatter(text);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).slice(fm.ok ? fm.block.close + 1 : 0);
  const sections = new Map<string, string>();
  let current: string | undefined;
  let body: string[] = [];
  let fence: string | undefined;
  const flush = () => {
    if (current !== undefined && !sections.has(current)) sections.set(current, body.join('\n').trim());
  };
  for (const line of lines) {
    const fenceMatch = /^(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) fence = fence ? (line.trim().startsWith(fence) ? undefined : fence) : fenceMatch[1];
    const heading = fence ? undefined : /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      flush();
      current = heading[1]!.toLowerCase();
      body = [];
    } else if (/^#\s/.test(line) && !fence) {
      flush();
      current = undefined;
    } else body.push(line);
  }
  flush();
  return sections;
}

function stripComments(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, '').trim();
}

/** The top-level `- ` / `* ` / `1. ` items of a list, with their continuation lines joined. */
function listItems(text: string): string[] {
  const items: string[] = [];
  for (const line of text.split('\n')) {
    const item = /^(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.*)$/.exec(line);
    if (item) items.push(item[1]!.trim());
    else if (line.trim() && items.length && /^\s/.test(line)) items[items.length - 1] += ` ${line.trim()}`;
  }
  return items.filter(Boolean);
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

function unique(values: Array<string | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => !!v && v.trim() !== ''))];
}
