import { parseIncident } from './incident-parser';
import { RESOLVED_STATUS, type IncidentFile, type TimelineEntry } from './types';

/** The stamp at the start of a formatted entry block (`- **2026-11-22T14:05:00Z** …`). */
const BLOCK_STAMP = /^[-*+] \*\*(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z)\*\*/;

/**
 * Where a timeline entry goes so the timeline stays in time order: `text` with `block` inserted
 * before the first entry that happened after it, or undefined when it belongs at the end (the
 * common case, an append) or must go there: the block has no stamp, or the file's front matter
 * cannot be read (a file we cannot fully read is never rewritten, only appended to); nothing goes
 * before an "Incident resolved" entry, since the postmortem was drawn from what precedes it. Entries at
 * the same time keep the order they were written in. Keeps the file's line breaks.
 */
export function placeEntry(filePath: string, text: string, block: string, parsed?: IncidentFile): { text: string; beforeLine: number } | undefined {
  const stamp = BLOCK_STAMP.exec(block);
  if (!stamp) return undefined;
  const at = Date.parse(stamp[1]!);
  // The common case, a note at or after every stamp in the file, is decided without parsing it.
  if (!hasLaterStamp(text, at)) return undefined;
  const incident = parsed ?? parseIncident(filePath, text);
  if (!incident.meta) return undefined;
  // Never before "Incident resolved": the postmortem was drawn up from what came before it.
  let from = 0;
  incident.timeline.forEach((entry, i) => {
    if (entry.kind === 'status' && entry.summary === RESOLVED_STATUS) from = i + 1;
  });
  const later = incident.timeline.slice(from).find((entry) => Date.parse(entry.at) > at);
  if (!later) return undefined;
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const body = block.endsWith('\n') ? block : `${block}\n`;
  const lines = text.split(/\r?\n/);
  const index = later.line - 1;
  const before = lines.slice(0, index).join(eol);
  const after = lines.slice(index).join(eol);
  return { text: `${before}${index > 0 ? eol : ''}${body.replace(/\n/g, eol)}${after}`, beforeLine: later.line };
}

/**
 * Whether `block` may have to go before an entry already in the file, judged from `tail`, the last
 * part of the file (whole lines): it has a stamp and `tail` holds a later one, or `tail` holds no
 * stamp at all and is not the whole file (`tailIsWhole`). False means it is appended without reading
 * the rest: the entries we write are kept in time order, so the latest is at the end (an older part
 * of a hand-edited file out of order is not searched). True means: read the whole file and ask
 * {@link placeEntry}.
 */
export function needsPlacing(tail: string, block: string, tailIsWhole: boolean): boolean {
  const stamp = BLOCK_STAMP.exec(block);
  if (!stamp) return false;
  if (hasLaterStamp(tail, Date.parse(stamp[1]!))) return true;
  return !tailIsWhole && !/^[-*+] \*\*\d{4}-\d{2}-\d{2}T/m.test(tail);
}

const ANY_STAMP = /^[-*+] \*\*(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z)\*\*/gm;

function hasLaterStamp(text: string, at: number): boolean {
  for (const match of text.matchAll(ANY_STAMP)) if (Date.parse(match[1]!) > at) return true;
  return false;
}

/** The timeline in time order (stable: entries at the same time keep file order); for reading files written before entries were placed in order. */
export function inTimeOrder(timeline: readonly TimelineEntry[]): TimelineEntry[] {
  return timeline
    .map((entry, i) => ({ entry, i, t: Date.parse(entry.at) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.entry);
}
