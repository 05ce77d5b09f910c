/**
 * Timeline entries: the markdown blocks appended to an incident file, one list item each.
 *
 * Every entry starts with a machine-readable stamp, then the wall-clock time for people, then who
 * wrote it (italic, so a note's own `word:` is never taken for an author):
 *
 *     - **2026-11-22T14:05:00Z** (15:05 local) — *Alice*: paged the DB team
 *
 * Further lines of the text are indented two spaces, inside the same list item. Check runs start
 * with `▶ check`, runbook feedback with `✎ feedback on`, status changes with `⚑`; anything else
 * is a note. Every text that ends up in an entry goes through {@link redactSecrets} first.
 */
import { redactSecrets } from '../redact';
import { ENTRY_MARKERS, type CheckRunInput, type FeedbackInput, type NoteInput } from './types';
import { escapeLinkText, fencedBlock, inlineCode, normaliseNewlines, relativeLink } from './markdown-text';
import { clockTime, hostTimeZone, instantOfWallTime, utcStamp, wallTimeAt } from './zoned-time';

/** Options shared by the formatters. */
export interface EntryOptions {
  /** IANA zone for the local time shown next to the UTC stamp; default the host's zone. */
  timeZone?: string;
  /** User-configured redaction patterns (`runbooks.redaction.patterns`), applied before the built-in ones. */
  redactionPatterns?: ReadonlyArray<RegExp | string>;
}

/** Where an incident file is assumed to be when a formatter is not told: the default folder. */
export const DEFAULT_INCIDENT_PATH = 'incidents/incident.md';

/**
 * A note entry. The time is `input.at` when given (an explicit time), else `now`. `timeZone` is an
 * IANA zone or an {@link EntryOptions}. Returns the block, ending with a newline.
 */
export function formatNote(input: NoteInput, now: Date, timeZone?: string | EntryOptions): string {
  const options = typeof timeZone === 'string' ? { timeZone } : (timeZone ?? {});
  return entry(input.at ?? now, input.author, redact(input.text, options).trim(), options);
}

/**
 * A check run: which block of which runbook (linked from the incident file `incidentPath`,
 * workspace-relative; default {@link DEFAULT_INCIDENT_PATH}), the result, exit code and duration,
 * the working directory and command, and the output in a collapsed `<details>` block.
 */
export function formatCheckRun(input: CheckRunInput, incidentPath: string = DEFAULT_INCIDENT_PATH, options: EntryOptions = {}): string {
  const r = (text: string) => redact(text, options);
  const result = input.passed ? '✓ passed' : '✗ failed';
  const exit = input.exitCode === null ? 'no exit code' : `exit ${input.exitCode}`;
  const why = !input.passed && input.failure ? `: ${r(input.failure).replace(/\s*\n\s*/g, ' ')}` : '';
  const head = `${ENTRY_MARKERS.check}${inlineCode(r(input.blockName))} in ${runbookLink(r(input.runbookPath), input.line, incidentPath)} — ${result}, ${exit}, ${formatDuration(input.durationMs)}${why}`;
  const output = normaliseNewlines(r(input.output)).replace(/\n$/, '');
  const lines = output === '' ? 0 : output.split('\n').length;
  const body = [
    `cwd: ${inlineCode(r(input.cwd))}`,
    '',
    fencedBlock(r(input.command), 'sh'),
    '',
    ...(lines === 0
      ? ['no output']
      : [`<details><summary>output (${lines} ${lines === 1 ? 'line' : 'lines'})</summary>`, '', fencedBlock(output, 'text'), '', '</details>']),
  ];
  return entry(input.finishedAt, input.author, [head, ...body].join('\n'), options, true);
}

/** Feedback on a runbook line, linked as `path#Lnn` from the incident file `incidentPath` (default {@link DEFAULT_INCIDENT_PATH}). */
export function formatFeedback(input: FeedbackInput, incidentPath: string = DEFAULT_INCIDENT_PATH, options: EntryOptions = {}): string {
  const text = redact(input.text, options).trim();
  return entry(input.at, input.author, `${ENTRY_MARKERS.feedback}${runbookLink(redact(input.runbookPath, options), input.line, incidentPath)}: ${text}`, options);
}

/** A status change (`Incident started (severity SEV2)`, `Incident resolved`), marked `⚑`. */
export function formatStatus(text: string, at: Date, author?: string, options: EntryOptions = {}): string {
  return entry(at, author, `${ENTRY_MARKERS.status}${redact(text, options).trim()}`, options);
}

/**
 * Reads an explicit time at the start of a note: `HH:MM`, `H:MM` or `HH:MM:SS`, then a space or
 * the end. It means that time today in `timeZone` (default the host's zone), or yesterday when
 * today's would be after `now`. Returns the instant and the rest of the text (trimmed; may be
 * empty), or undefined when the text does not start with a valid time. DST: a time repeated when
 * clocks go back means the first one; a skipped time is moved forward by the gap (see zoned-time.ts).
 */
export function resolveExplicitTime(text: string, now: Date, timeZone?: string): { at: Date; text: string } | undefined {
  const match = /^\s*([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?(?=\s|$)/.exec(text);
  if (!match) return undefined;
  const zone = timeZone ?? hostTimeZone();
  const today = wallTimeAt(now, zone);
  const wall = { year: today.year, month: today.month, day: today.day, hour: Number(match[1]), minute: Number(match[2]), second: Number(match[3] ?? 0) };
  let at = instantOfWallTime(wall, zone);
  if (at.getTime() > now.getTime()) at = instantOfWallTime({ ...wall, day: wall.day - 1 }, zone);
  return { at, text: text.slice(match[0].length).trim() };
}

/** `340 ms`, `1.2 s`, `2 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** Escapes an author for the `*author*:` slot. */
export function escapeAuthor(author: string): string {
  return author.replace(/\s+/g, ' ').trim().replace(/[\\*]/g, (c) => `\\${c}`);
}

function runbookLink(runbookPath: string, line: number, incidentPath: string): string {
  return `[${escapeLinkText(`${runbookPath}#L${line}`)}](${relativeLink(incidentPath, runbookPath)}#L${line})`;
}

function redact(text: string, options: EntryOptions): string {
  return redactSecrets(text, options.redactionPatterns).text;
}

/**
 * One list item: the stamp line with the first line of `text`, the rest indented two spaces
 * (blank lines left empty). `blankAfterHead` separates the head from block content.
 */
function entry(at: Date, author: string | undefined, text: string, options: EntryOptions, blankAfterHead = false): string {
  const zone = options.timeZone ?? hostTimeZone();
  const who = author?.trim() ? `*${escapeAuthor(redact(author, options))}*: ` : '';
  const [first = '', ...rest] = normaliseNewlines(text).split('\n');
  // Without an author, a note starting with `*x*:` would read as one.
  const head = !who && first.startsWith('*') ? `\\${first}` : first;
  const more = rest.map((line) => (line.trim() === '' ? '' : `  ${line}`));
  if (blankAfterHead && more.length > 0 && more[0] !== '') more.unshift('');
  return [`- **${utcStamp(at)}** (${clockTime(at, zone)} local) — ${who}${head}`, ...more].join('\n') + '\n';
}
