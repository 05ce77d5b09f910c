import * as path from 'node:path';
import { readFrontMatter } from './front-matter-block';
import { unescapeMarkdown } from './markdown-text';
import { ENTRY_MARKERS, type IncidentFile, type IncidentMeta, type IncidentStatus, type TimelineEntry } from './types';

/** The front matter marker of the incident files we create (`type: incident`). */
export const INCIDENT_TYPE = 'incident';

/** A timeline entry's first line: `- **<ISO UTC>** (<local>) — <rest>`; the local part and dash are optional for hand-written entries. */
const ENTRY_LINE = /^[-*+] \*\*(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z)\*\*(?:\s+\(([^)]*)\))?(?:\s+[—–-]{1,2})?(?:\s+(.*))?$/;
const AUTHOR = /^\*((?:\\.|[^*\\])+)\*:\s?(.*)$/;
const CHECK = /^(`+) ?(.*?) ?\1 in \[((?:\\.|[^\]\\])*)\]\([^)]*\)(?: — (.*))?$/;
const FEEDBACK = /^\[((?:\\.|[^\]\\])*)\]\([^)]*\):? ?(.*)$/;

/**
 * Reads an incident file leniently: the front matter (see {@link IncidentFile.meta}) and every
 * timeline entry, recognised by its stamp line at the start of a line, anywhere after the front
 * matter and outside fenced code. Content that is not an entry is ignored, never an error.
 * Problems with the front matter are described in `problems` (with the line); `meta` is undefined
 * only when the front matter is missing or broken, or `status`/`started` are unusable, since those
 * decide whether the incident is active. Never throws.
 */
export function parseIncident(filePath: string, text: string): IncidentFile {
  const problems: string[] = [];
  const stem = path.posix.basename(filePath).replace(/\.md$/i, '');
  const fm = readFrontMatter(text);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const bodyStart = fm.ok ? fm.block.close + 1 : 0;
  let meta: IncidentMeta | undefined;
  if (fm.ok) {
    meta = toMeta(fm.data, stem, headingTitle(lines, bodyStart), (p) => problems.push(p));
  } else {
    problems.push(`${filePath}:${fm.line}: ${fm.problem} Fix it by hand: until then the incident's status and times are unknown (entries are still appended).`);
  }
  const timeline = parseTimeline(lines, bodyStart);
  const marked = fm.ok && fm.data.type === INCIDENT_TYPE;
  const incidentLike = fm.ok && fm.data.status !== undefined && fm.data.started !== undefined;
  if (!marked && timeline.length === 0 && !incidentLike) return { path: filePath, timeline, problems: [], foreign: true };
  return { path: filePath, ...(meta ? { meta } : {}), timeline, problems };
}

/**
 * The status the front matter gives, read from the start of a file only (`head`: whole lines), as
 * `parseIncident(path, text).meta?.status` would give it; undefined when that cannot be told from
 * `head` (the front matter does not close in it) or the front matter gives no usable status and
 * start (then the timeline decides, see `isClosed`). Lets an append check the status without
 * reading the whole file.
 */
export function headStatus(head: string): IncidentStatus | undefined {
  const fm = readFrontMatter(head);
  return fm.ok ? toMeta(fm.data, '', undefined, () => undefined)?.status : undefined;
}

/**
 * {@link headStatus} with the start of `head` it depends on: the front matter up to and with the
 * line break of its closing line. Any text that starts with `prefix` gives the same status, so a
 * writer can parse the front matter before taking the lock and under it only compare. Undefined
 * when there is no status, or the closing line has no line break (the file ends there).
 */
export function headStatusPrefix(head: string): { status: IncidentStatus; prefix: string } | undefined {
  const fm = readFrontMatter(head);
  const status = fm.ok ? toMeta(fm.data, '', undefined, () => undefined)?.status : undefined;
  if (!fm.ok || !status) return undefined;
  // Line i of `fm.block.lines` ends at the (i+1)-th "\n" of `head` (a BOM is no line break).
  let at = -1;
  for (let i = 0; i <= fm.block.close; i++) {
    at = head.indexOf('\n', at + 1);
    if (at < 0) return undefined;
  }
  return { status, prefix: head.slice(0, at + 1) };
}

/**
 * The incident to append to: the one with status `active` that started last (by `started`; a
 * tie goes to the later path), or undefined when none is active or none has readable front matter.
 */
export function pickActiveIncident(files: IncidentFile[]): IncidentFile | undefined {
  let best: IncidentFile | undefined;
  let bestTime = -Infinity;
  for (const file of files) {
    if (file.foreign || file.meta?.status !== 'active') continue;
    const time = Date.parse(file.meta.started);
    const t = Number.isNaN(time) ? -Infinity : time;
    if (!best || t > bestTime || (t === bestTime && file.path > best.path)) {
      best = file;
      bestTime = t;
    }
  }
  return best;
}

function toMeta(data: Record<string, unknown>, stem: string, heading: string | undefined, problem: (text: string) => void): IncidentMeta | undefined {
  const text = (key: string): string | undefined => {
    const value = data[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
    if (typeof value === 'number') return String(value);
    if (value !== undefined && value !== null) problem(`Front matter \`${key}\` should be text; it was ignored.`);
    return undefined;
  };
  const time = (key: string): string | undefined => {
    const value = data[key];
    const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
    if (value === undefined || value === null) return undefined;
    if (!date || Number.isNaN(date.getTime())) {
      problem(`Front matter \`${key}\` is not a date and time (write it as 2026-11-22T14:05:00Z).`);
      return undefined;
    }
    return date.toISOString().replace(/\.000Z$/, 'Z');
  };

  const statusText = text('status')?.toLowerCase();
  const status: IncidentStatus | undefined = statusText === 'active' || statusText === 'resolved' ? statusText : undefined;
  if (!status) problem(`Front matter \`status\` must be active or resolved${statusText ? `, not "${statusText}"` : ''}; the incident's state is unknown.`);
  const started = time('started');
  if (!started && data.started === undefined) problem('Front matter has no `started` time; the incident cannot be ordered or made active.');
  const resolved = time('resolved');

  let runbooks: string[] = [];
  const rb = data.runbooks;
  if (typeof rb === 'string') runbooks = [rb];
  else if (Array.isArray(rb) && rb.every((r) => typeof r === 'string')) runbooks = rb as string[];
  else if (rb !== undefined && rb !== null) problem('Front matter `runbooks` should be a list of paths; it was ignored.');

  const id = text('id') ?? stem;
  const title = text('title') ?? heading ?? stem;
  const severity = text('severity') ?? 'unknown';
  const commander = text('commander');
  const alert = text('alert');
  const paged = time('paged');
  if (!status || !started) return undefined;
  return { id, title, severity, status, started, ...(resolved ? { resolved } : {}), runbooks, ...(commander ? { commander } : {}), ...(alert ? { alert } : {}), ...(paged ? { paged } : {}) };
}

function headingTitle(lines: string[], from: number): string | undefined {
  for (let i = from; i < lines.length; i++) {
    const match = /^#\s+(.+?)\s*#*\s*$/.exec(lines[i]!);
    if (match) return match[1];
  }
  return undefined;
}

function parseTimeline(lines: string[], from: number): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  let fence: string | undefined;
  let current: { entry: TimelineEntry; more: string[] } | undefined;
  const finish = () => {
    if (!current) return;
    while (current.more.length && current.more[current.more.length - 1]!.trim() === '') current.more.pop();
    if (current.more.length) current.entry.text += `\n${current.more.join('\n')}`;
    entries.push(current.entry);
    current = undefined;
  };
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence) {
      const close = /^(`+|~+)\s*$/.exec(line);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length) fence = undefined;
      continue;
    }
    const open = /^(`{3,}|~{3,})/.exec(line);
    if (open) {
      finish();
      fence = open[1];
      continue;
    }
    const match = ENTRY_LINE.exec(line);
    if (match) {
      finish();
      current = { entry: toEntry(match, i + 1), more: [] };
      continue;
    }
    if (!current) continue;
    if (line.trim() === '') current.more.push('');
    else if (/^\s/.test(line)) current.more.push(line.replace(/^ {1,2}|^\t/, ''));
    else finish();
  }
  finish();
  return entries;
}

function toEntry(match: RegExpExecArray, line: number): TimelineEntry {
  const at = new Date(match[1]!).toISOString().replace(/\.000Z$/, 'Z');
  let rest = match[3] ?? '';
  let author: string | undefined;
  const byAuthor = AUTHOR.exec(rest);
  if (byAuthor) {
    author = unescapeMarkdown(byAuthor[1]!);
    rest = byAuthor[2]!;
  }
  const base = { at, ...(author ? { author } : {}), line, text: rest, ...(match[2] ? { localTime: match[2] } : {}) };
  if (rest.startsWith(ENTRY_MARKERS.check)) {
    const check = CHECK.exec(rest.slice(ENTRY_MARKERS.check.length));
    if (check) {
      const target = toTarget(check[3]!);
      const outcome = check[4] ?? '';
      const blockName = check[2]!;
      return {
        ...base,
        kind: 'check',
        summary: `check ${blockName}${target ? ` in ${target.path}#L${target.line}` : ''}${outcome ? ` — ${outcome}` : ''}`,
        blockName,
        ...(target ? { target } : {}),
        ...(/^✓/.test(outcome) ? { passed: true } : /^✗/.test(outcome) ? { passed: false } : {}),
      };
    }
    return { ...base, kind: 'check', summary: rest.slice(2) };
  }
  if (rest.startsWith(ENTRY_MARKERS.feedback)) {
    const feedback = FEEDBACK.exec(rest.slice(ENTRY_MARKERS.feedback.length));
    const target = feedback ? toTarget(feedback[1]!) : undefined;
    return { ...base, kind: 'feedback', summary: feedback ? feedback[2]! : rest.slice(2), ...(target ? { target } : {}) };
  }
  if (rest.startsWith(ENTRY_MARKERS.status)) return { ...base, kind: 'status', summary: rest.slice(ENTRY_MARKERS.status.length) };
  const note = rest.replace(/^\\\*/, '*');
  return { ...base, text: note, kind: 'note', summary: note };
}

function toTarget(linkText: string): { path: string; line: number } | undefined {
  const match = /^(.*)#L(\d+)$/.exec(unescapeMarkdown(linkText));
  return match ? { path: match[1]!, line: Number(match[2]) } : undefined;
}
