import { constants as fsConstants, promises as fs, type promises as fsp } from 'node:fs';
import { IncidentClosedError, isClosed } from '../core/incident/incident-log';
import { headStatus, headStatusPrefix, parseIncident } from '../core/incident/incident-parser';
import type { IncidentStatus } from '../core/incident/types';
import { needsPlacing, placeEntry } from '../core/incident/timeline-order';
import { appendLocked, rewriteLocked, writeAtEnd, type AppendWrite, type PhaseTimer } from './incident-file-io';

/** How much of the start of an incident file is read for its front matter (ours take a few hundred bytes). */
export const HEAD_BYTES = 64 * 1024;
/** How much of the end of an incident file is read to tell whether an entry goes at the end (it holds the last entries). */
export const TAIL_BYTES = 64 * 1024;

/** Options of {@link appendEntryLocked}. */
export interface AppendEntryOptions {
  /** Refuse (with `IncidentClosedError`) when the incident is resolved. */
  onlyIfActive?: boolean;
  /** The write port (tests simulate a full disk with it). */
  write?: AppendWrite;
  /** Told how long each step took (`inspect`, `write`, `fsync`). */
  onPhase?: PhaseTimer;
  /** The front matter read before the lock was taken (see {@link readFrontMatterAhead}): used when the file still starts with it. */
  ahead?: FrontMatterAhead;
}

/** A front matter and the status it gives (see `headStatusPrefix`). */
export interface FrontMatterAhead {
  prefix: string;
  status: IncidentStatus;
}

/**
 * The front matter of an incident file and the status it gives, read before taking the lock, so
 * that under the lock an unchanged front matter is only compared, not parsed again (parsing YAML
 * takes milliseconds in a process that just started, as `runbooks incident note` does). Undefined
 * when the file cannot be read or its front matter gives no usable status.
 */
export async function readFrontMatterAhead(absolute: string): Promise<FrontMatterAhead | undefined> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fs.open(absolute, 'r');
    return headStatusPrefix(await readHead(handle, (await handle.stat()).size));
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}

/**
 * Adds a timeline entry (`text`, ending with a newline) to the incident file `absolute`, reading only
 * its start and its end, so the time under the lock does not grow with the file: with
 * `onlyIfActive` the status comes from the front matter in the first {@link HEAD_BYTES} (see
 * `headStatus`; the one read `ahead` when the file still starts with it; a front matter that does
 * not close there or gives no usable status means reading the whole file, and the timeline
 * decides, see `isClosed`), and a resolved incident is refused; the
 * entry goes at the end unless the last {@link TAIL_BYTES} hold a later stamp (see `needsPlacing`),
 * in which case the whole file is read and the entry placed in time order by an atomic rewrite
 * (see `placeEntry`, `rewriteLocked`). The append is one write on the O_APPEND descriptor the parts
 * were read from, then fsync, after a newline when the file does not end with one, truncated back
 * on failure (see `writeAtEnd`). Nothing is ever rewritten in place. The caller holds the file's lock.
 */
export async function appendEntryLocked(absolute: string, relative: string, text: string, options: AppendEntryOptions = {}): Promise<void> {
  const started = performance.now();
  let handle: fsp.FileHandle | undefined = await fs.open(absolute, fsConstants.O_RDWR | fsConstants.O_APPEND);
  try {
    const { size } = await handle.stat();
    const tail = await readTail(handle, size);
    let whole = tail.whole ? tail.text : undefined;
    const readWhole = async () => (whole ??= (await readRange(handle!, 0, size)).toString('utf8'));
    if (options.onlyIfActive) {
      const head = whole ?? (await readHead(handle, size));
      const status = options.ahead && head.startsWith(options.ahead.prefix) ? options.ahead.status : headStatus(head);
      const closed = status ? status === 'resolved' : isClosed(parseIncident(relative, await readWhole()));
      if (closed) throw new IncidentClosedError(relative);
    }
    if (needsPlacing(tail.text, text, tail.whole) && placeEntry(relative, await readWhole(), text)) {
      await handle.close();
      handle = undefined;
      options.onPhase?.('inspect', performance.now() - started);
      const placed = await rewriteLocked(absolute, (now) => placeEntry(relative, now, text) ?? { text: `${now}${now.endsWith('\n') ? '' : '\n'}${text}` }, 'written');
      if (!placed.updated) await appendLocked(absolute, text, options.write);
      return;
    }
    options.onPhase?.('inspect', performance.now() - started);
    await writeAtEnd(handle, size, tail.endsWithNewline, text, options.write, options.onPhase);
  } finally {
    await handle?.close();
  }
}

/** Bytes `from` … `to` of the file. */
async function readRange(handle: fsp.FileHandle, from: number, to: number): Promise<Buffer> {
  const buffer = Buffer.alloc(to - from);
  let read = 0;
  while (read < buffer.length) {
    const { bytesRead } = await handle.read(buffer, read, buffer.length - read, from + read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  return buffer.subarray(0, read);
}

/** The first {@link HEAD_BYTES} of a file of `size` bytes, as whole lines. */
async function readHead(handle: fsp.FileHandle, size: number): Promise<string> {
  const bytes = await readRange(handle, 0, Math.min(size, HEAD_BYTES));
  if (size <= HEAD_BYTES) return bytes.toString('utf8');
  return bytes.subarray(0, bytes.lastIndexOf(0x0a) + 1).toString('utf8');
}

/** The last {@link TAIL_BYTES} of a file of `size` bytes, as whole lines; `whole` when that is the file; whether the file ends with a newline (or is empty). */
async function readTail(handle: fsp.FileHandle, size: number): Promise<{ text: string; whole: boolean; endsWithNewline: boolean }> {
  const from = Math.max(0, size - TAIL_BYTES);
  const bytes = await readRange(handle, from, size);
  const endsWithNewline = bytes.length === 0 || bytes[bytes.length - 1] === 0x0a;
  // A cut inside a line (or inside a character): start after the first line break; a line break is never part of a character.
  const firstBreak = bytes.indexOf(0x0a);
  const text = from === 0 ? bytes.toString('utf8') : firstBreak < 0 ? '' : bytes.subarray(firstBreak + 1).toString('utf8');
  return { text, whole: from === 0, endsWithNewline };
}
