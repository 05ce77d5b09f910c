import { lacksBlocks, lacksShape, type Blocks } from './diff-notes';
import { NoteCache, notedDiff, type DiffJob, type DiffSide } from './noted-diff';
import { nextTurn } from '../../next-turn';
import type { HistoryView } from '../history/history-types';
import { diffKey } from '../history/history-types';
import type { BlobContent, FileAt, GitHistory, TextDiffer } from '../ports';
import { MAX_DIFF_BYTES } from '../options';
import { missing, stateKey, type ReadAhead } from './read-ahead';
import { opaqueDiff, sameBlob } from './opaque-diff';

/** Longest stretch of diffs without letting the event loop read git's output. */
const SLICE_MS = 3;

/** Two file states to diff (undefined: the file does not exist); `linesOnly`: no verdict asked for their notes. */
interface Pair extends Pick<DiffJob, 'linesOnly'> {
  from?: FileAt;
  to?: FileAt;
  /** A verdict weighs this diff by data shape (see `withShape`): parse both sides. */
  shape?: boolean;
  /** A verdict needs which alert rules (`rules`) or make targets (`targets`) of the file changed (see `withBlocks`). */
  blocks?: Blocks;
}

/** A git blob id (SHA-1 or SHA-256): the same text wherever and whenever it is read. */
const GIT_OID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** Batches made so far in this process (see `DetailBatch.serial`). */
let batches = 0;

/** Pairs per read: small, so diffs start as soon as the first files arrive, and few texts are held at once. */
const PAIRS_PER_CHUNK = 64;

/**
 * Chunks whose texts are held at once (being read, waiting, or being diffed): a large generated
 * rule file has hundreds of versions of a few hundred KB each, so what is held is bounded by chunks,
 * not by the whole flush. Two: one is read while the other is diffed.
 */
const CHUNKS_HELD = 2;

/**
 * Collects the pairs of file states whose whitespace-insensitive diff the verdicts need and
 * computes the missing ones: git starts reading each full chunk's files while more pairs are
 * queued, and `flush` diffs each chunk as its files arrive (on a worker thread when there is a
 * `TextDiffer`). Results land in the `HistoryIndex`, so they are cached with it and never
 * computed twice.
 */
export class DetailBatch {
  private readonly pairs = new Map<string, Pair>();
  /** State → a later commit with the same content, to read it from (see `needDiff`). */
  private readonly readAt = new Map<string, string>();
  /** State → its content, once read (or undefined while it is being read, and for no file). */
  private readonly content = new Map<string, BlobContent | undefined>();
  /**
   * Pair → what it was fetched with in this run (`diff`, `shape`, a kind of blocks). A need asked
   * again after its fetch could not be met there (a side unreadable) and is not queued again, so
   * the plan ⇄ fetch loop ends.
   */
  private readonly asked = new Map<string, Set<string>>();
  /** Pairs queued and not yet being read. */
  private current: Pair[] = [];
  /** Chunks of pairs queued for the next flush; the first `CHUNKS_HELD` are read as soon as they are full. */
  private chunks: Array<{ pairs: Pair[]; reading?: Promise<void> }> = [];

  /** Data shapes and alert rules parsed from blobs, when diffs are computed on this thread (see `NoteCache`). */
  private readonly notes = new NoteCache();
  /** Makes the keys of working-tree files (whose ids are their paths) unique to this batch (see `DiffSide.key`). */
  private readonly serial = ++batches;

  /** Diffs computed by this batch so far (for logs and benchmarks). */
  fetched = 0;

  constructor(
    private readonly index: HistoryView,
    private readonly git: GitHistory,
    private readonly ahead?: ReadAhead,
    private readonly differ?: TextDiffer,
    private readonly signal?: AbortSignal,
    private readonly maxBytes = MAX_DIFF_BYTES,
  ) {}

  /**
   * Queues the diff from one state of a file to another (undefined: the file does not exist)
   * unless it is known. `readFrom`/`readTo` name later commits where the file is still the same:
   * reading many files at a few commits (HEAD, a doc's last change) walks far fewer trees than
   * reading each at the commit that last touched it. `shape`: a verdict compares the two sides
   * by data shape (parsing a large YAML file costs far more than diffing it, so only then).
   * `blocks`: a verdict needs which alert rules or make targets of the file changed. `linesOnly`:
   * the line diff alone (see `DiffJob.linesOnly`); one known so is asked again when needed whole.
   */
  needDiff(from: FileAt | undefined, to: FileAt | undefined, read: { from?: string; to?: string } = {}, shape = false, blocks?: Blocks, linesOnly = false): void {
    const key = diffKey(from, to);
    const queued = this.pairs.get(key);
    if (queued) {
      if (shape) queued.shape = true;
      // A pair holds one kind of blocks: another kind asked in the same round is queued in the next.
      if (blocks) queued.blocks ??= blocks;
      if (!linesOnly) delete queued.linesOnly;
      return;
    }
    const known = this.index.diffByKey(key);
    const lacksNotes = !linesOnly && known?.linesOnly === true;
    if (known && !(shape && lacksShape(known, from, to)) && !(blocks && lacksBlocks(known, from, to, blocks)) && !lacksNotes) return;
    const asked = this.asked.get(key);
    if (known && asked && (!shape || asked.has('shape')) && (!blocks || asked.has(blocks)) && (!lacksNotes || asked.has('notes'))) return;
    const pair: Pair = { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(shape ? { shape } : {}), ...(blocks ? { blocks } : {}), ...(linesOnly && !shape && !blocks ? { linesOnly } : {}) };
    this.pairs.set(key, pair);
    if (from && read.from) this.readAt.set(stateKey(from), read.from);
    if (to && read.to) this.readAt.set(stateKey(to), read.to);
    // Git starts reading a chunk's files while the rest is still being queued.
    this.current.push(pair);
    if (this.current.length >= PAIRS_PER_CHUNK) this.startChunk();
  }

  private startChunk(): void {
    const pairs = this.current;
    this.current = [];
    if (pairs.length === 0) return;
    this.chunks.push({ pairs });
    if (this.chunks.length <= CHUNKS_HELD) this.read(this.chunks.at(-1)!);
  }

  /** Starts reading a chunk's files, unless under way. */
  private read(chunk: { pairs: Pair[]; reading?: Promise<void> }): Promise<void> {
    if (!chunk.reading) {
      chunk.reading = this.readChunk(chunk.pairs);
      chunk.reading.catch(() => undefined);
    }
    return chunk.reading;
  }

  private where(state: FileAt): FileAt {
    return { sha: this.readAt.get(stateKey(state)) ?? state.sha, path: state.path };
  }

  get pending(): number {
    return this.pairs.size;
  }

  /**
   * Computes everything queued: the file states are read in chunks (by blob id where the history
   * pass reported it, else by commit and path), each chunk's diffs computed while git reads the next.
   */
  async flush(signal = this.signal): Promise<void> {
    this.startChunk();
    const chunks = this.chunks;
    this.chunks = [];
    for (const [key, { shape, blocks, linesOnly }] of this.pairs) {
      const asked = this.asked.get(key) ?? new Set<string>();
      asked.add('diff');
      if (!linesOnly) asked.add('notes');
      if (shape) asked.add('shape');
      if (blocks) asked.add(blocks);
      this.asked.set(key, asked);
    }
    this.pairs.clear();
    if (chunks.length === 0) return;
    const content = this.content;
    const pairCount = chunks.reduce((n, c) => n + c.pairs.length, 0);
    // A file's text is let go of as soon as the last diff of this flush that reads it is done (a
    // large rule file has hundreds of versions), and what was read ahead and not taken when the
    // flush ends (the history pass is over by then): a later round that needs it reads it again.
    const uses = new Map<string, number>();
    for (const chunk of chunks) for (const { from, to } of chunk.pairs) for (const state of [from, to]) if (state) uses.set(stateKey(state), (uses.get(stateKey(state)) ?? 0) + 1);
    const done = ({ from, to }: Pair): void => {
      for (const state of [from, to]) {
        if (!state) continue;
        const key = stateKey(state);
        const left = uses.get(key)! - 1;
        if (left > 0) uses.set(key, left);
        else {
          uses.delete(key);
          content.delete(key);
          this.ahead?.release(stateKey(this.where(state)));
        }
      }
    };
    // A state the history says exists but git cannot read (a submodule: its commits are not in
    // this repository) is compared by id only, never taken for a missing file.
    const read = (state: FileAt | undefined): BlobContent | undefined =>
      state && (content.get(stateKey(state)) ?? { oid: `unreadable:${stateKey(state)}`, size: 0, unreadable: true });
    // Diffs on another thread (when there is a differ): each chunk is handed over as soon as its
    // files have arrived, and this thread goes on reading git's output.
    if (this.differ) {
      const differ = this.differ;
      const handed: Array<Promise<void>> = [];
      for (let c = 0; c < chunks.length; c++) {
        // Another chunk's texts are read once the oldest of those held has come back diffed.
        if (c >= CHUNKS_HELD) await handed[c - CHUNKS_HELD];
        await this.read(chunks[c]!);
        const texts: Pair[] = [];
        for (const pair of chunks[c]!.pairs) {
          const { from, to } = pair;
          const early = from && to && sameBlob(this.index, from, to) ? { added: 0, deleted: 0, hunks: [] } : opaqueDiff(read(from), read(to));
          if (early) {
            this.index.setDiff(from, to, early);
            done(pair);
          } else texts.push(pair);
        }
        if (texts.length === 0) {
          handed.push(Promise.resolve());
          continue;
        }
        // The notes (minor hunks, words, shapes, alert rules) are worked out there too: this thread only stores them.
        const sent = differ.diff(texts.map((pair) => this.jobOf(pair, read)), signal).then((diffs) => {
          texts.forEach((pair, i) => {
            this.index.setDiff(pair.from, pair.to, diffs[i]!);
            done(pair);
          });
        });
        sent.catch(() => undefined);
        handed.push(sent);
      }
      await Promise.all(handed);
      this.fetched += pairCount;
      this.ahead?.clear();
      return;
    }
    // On this thread, while diffs run nothing drains git's output pipe, and git stops writing once
    // it is full (64 KiB, a few dozen files): so the diffs give the event loop a turn every few ms.
    let slice = Date.now();
    for (let c = 0; c < chunks.length; c++) {
      await this.read(chunks[c]!);
      // The next chunk is read while this one is diffed.
      if (c + 1 < chunks.length) void this.read(chunks[c + 1]!);
      for (const pair of chunks[c]!.pairs) {
        const { from, to } = pair;
        if (Date.now() - slice >= SLICE_MS) {
          await nextTurn();
          slice = Date.now();
        }
        signal?.throwIfAborted();
        const same = from && to && sameBlob(this.index, from, to) ? { added: 0, deleted: 0, hunks: [] } : undefined;
        this.index.setDiff(from, to, same ?? opaqueDiff(read(from), read(to)) ?? notedDiff(this.jobOf(pair, read), this.notes));
        done(pair);
        this.fetched++;
      }
    }
    this.ahead?.clear();
  }

  /** Lets go of every file text read for diffs, and of what was read ahead: call when no more diffs will be asked for. */
  release(): void {
    this.content.clear();
    this.ahead?.clear();
  }

  /** The diff job of a pair whose existing sides both have text (see `opaqueDiff`). */
  private jobOf({ from, to, shape, blocks, linesOnly }: Pair, read: (state: FileAt | undefined) => BlobContent | undefined): DiffJob {
    const side = (state: FileAt): DiffSide => {
      const blob = read(state)!;
      return { path: state.path, key: GIT_OID.test(blob.oid) ? blob.oid : `${this.serial}\u0000${blob.oid}`, text: blob.text! };
    };
    return { ...(from ? { from: side(from) } : {}), ...(to ? { to: side(to) } : {}), ...(shape ? { shape } : {}), ...(blocks ? { blocks } : {}), ...(linesOnly ? { linesOnly } : {}) };
  }

  /** Reads the files of a chunk of pairs (blob ids where known), taking what was read ahead. */
  private async readChunk(chunk: Pair[]): Promise<void> {
    // What was read ahead (or is being read) is taken, never asked of git twice; the rest, and what
    // a read ahead could not answer (failed, or a working-tree file git must convert), is asked
    // of git in one call: by blob id where the history pass reported it, else by commit and path.
    const toAsk: Array<{ key: string; at: FileAt; oid: string | undefined }> = [];
    const early: Array<Promise<void>> = [];
    for (const { from, to } of chunk) {
      if (from && to && sameBlob(this.index, from, to)) continue;
      for (const state of [from, to]) {
        if (!state || this.content.has(stateKey(state))) continue;
        const key = stateKey(state);
        const at = this.where(state);
        const ahead = this.ahead ? this.ahead.get(stateKey(at)) : missing;
        const oid = this.index.blobOf(state);
        this.content.set(key, undefined);
        if (ahead === missing) toAsk.push({ key, at, oid });
        else if (!(ahead instanceof Promise)) this.content.set(key, ahead);
        else {
          early.push(
            ahead.then((blob) => {
              if (blob !== undefined || this.ahead!.get(stateKey(at)) !== missing) this.content.set(key, blob);
              else toAsk.push({ key, at, oid });
            }),
          );
        }
      }
    }
    await Promise.all(early);
    const byName = new Map<string, { at: FileAt; states: string[] }>();
    const byBlob = new Map<string, string[]>();
    for (const { key, at, oid } of toAsk) {
      if (oid) byBlob.set(oid, [...(byBlob.get(oid) ?? []), key]);
      else byName.set(stateKey(at), { at, states: [...(byName.get(stateKey(at))?.states ?? []), key] });
    }
    const names = [...byName.values()];
    const oids = [...byBlob.keys()];
    const [named, blobs] = await Promise.all([
      names.length > 0 ? this.git.readFiles(names.map((n) => n.at), this.maxBytes, this.signal) : [],
      oids.length > 0 ? this.git.readBlobs(oids, this.maxBytes, this.signal) : [],
    ]);
    names.forEach((n, i) => n.states.forEach((key) => this.content.set(key, named[i])));
    oids.forEach((oid, i) => byBlob.get(oid)!.forEach((key) => this.content.set(key, blobs[i])));
  }
}
