import type { DocModel } from '../../doc-model';
import type { WorkspaceContext } from '../model/report-run';
import { MAX_DIFF_BYTES } from '../options';
import type { BlobContent, FileAt, GitHistory, TextDiffer } from '../ports';
import { isStructuredPath } from './data-shape';

/** The key of a file state: `sha:path`. */
export function stateKey(state: FileAt): string {
  return `${state.sha}:${state.path}`;
}

/**
 * Files read ahead of the diffs that will need them, while the history pass runs (`DetailBatch`
 * takes them from here instead of asking git again). A failed read ahead is simply read again.
 */
export class ReadAhead {
  /** `sha:path` → its content once read (undefined: no such file), or the read under way. */
  private readonly reads = new Map<string, BlobContent | undefined | Promise<BlobContent | undefined>>();
  private readonly failed = new Set<string>();
  /** Files asked for and not yet started (see `queue`). */
  private queued: FileAt[] = [];

  /** Characters of text still to hand to the differ for shapes worked out ahead (see `prepareShapes`). */
  private shapeChars: number;

  /**
   * A read ahead is a cold run's, whose diffs all come after its history pass: `differ` (when
   * given) is started now, so it is ready by then (see `TextDiffer.prepare`), and works out the
   * data shapes of the large structured files read at HEAD (`shapes.min` characters or more)
   * while the history is read, the largest first, up to `shapes.chars` characters of text.
   */
  constructor(
    private readonly git: GitHistory,
    private readonly signal?: AbortSignal,
    private readonly maxBytes = MAX_DIFF_BYTES,
    private readonly differ?: TextDiffer,
    private readonly shapes: Readonly<{ chars: number; min: number }> = AHEAD_SHAPES,
  ) {
    this.shapeChars = shapes.chars;
    differ?.prepare?.([]);
  }

  /** Starts reading `files` (in one `readFiles` call); returns at once. */
  start(files: FileAt[]): void {
    const asked = files.filter((f) => !this.reads.has(stateKey(f)));
    if (asked.length === 0) return;
    // A read let go of (see `release`, `clear`) before it finished is not put back.
    const reading = this.git.readFiles(asked, this.maxBytes, this.signal).then(
      (blobs) => asked.forEach((f, i) => this.reads.has(stateKey(f)) && this.reads.set(stateKey(f), blobs[i])),
      () => asked.map((f) => this.failed.add(stateKey(f))),
    );
    for (const f of asked) {
      const key = stateKey(f);
      this.reads.set(key, reading.then(() => (this.failed.has(key) ? undefined : (this.reads.get(key) as BlobContent | undefined))));
    }
  }

  /**
   * Starts reading `paths` from the working tree as their content at `head` (they must be
   * unchanged since); paths the working tree cannot stand in for are left for git.
   */
  startWorking(head: string, paths: string[], maxBytes = this.maxBytes): void {
    const asked = paths.filter((p) => !this.reads.has(`${head}:${p}`));
    if (asked.length === 0) return;
    const reading = this.git.readWorkingFiles(asked, maxBytes, this.signal).catch(() => asked.map(() => undefined));
    reading.then((blobs) => this.prepareShapes(asked, blobs), () => undefined);
    asked.forEach((path, i) => {
      const key = `${head}:${path}`;
      this.reads.set(
        key,
        reading.then((blobs) => {
          const blob = blobs[i];
          if (blob) {
            if (this.reads.has(key)) this.reads.set(key, blob);
          } else {
            this.reads.delete(key);
            this.failed.add(key);
          }
          return blob;
        }),
      );
    });
  }

  /**
   * Hands the differ the texts of the large structured files among `blobs` (at `paths`), the
   * largest first, while they fit in what is left of the budget: a large YAML file's parse is what
   * a cold run's last diffs wait for (moby's api/swagger.yaml, 460 KB: 0.3-0.8 s a side), while a
   * small one's is short among the other diffs, and may never be asked for.
   */
  private prepareShapes(paths: string[], blobs: Array<BlobContent | undefined>): void {
    if (!this.differ?.prepare) return;
    const texts: string[] = [];
    const large = (text: string | undefined): text is string => text !== undefined && text.length >= this.shapes.min;
    const structured = paths.flatMap((path, i) => (isStructuredPath(path) && large(blobs[i]?.text) ? [blobs[i]!.text!] : []));
    for (const text of structured.sort((a, b) => b.length - a.length)) {
      if (text.length > this.shapeChars) continue;
      this.shapeChars -= text.length;
      texts.push(text);
    }
    if (texts.length > 0) this.differ.prepare(texts);
  }

  /** Adds files to the next read, started once `batch` of them are waiting (or on `drain`). */
  queue(files: FileAt[], batch: number): void {
    for (const f of files) if (!this.reads.has(stateKey(f))) this.queued.push(f);
    if (this.queued.length >= batch) this.drain();
  }

  /** Starts reading whatever `queue` holds. */
  drain(): void {
    const files = this.queued;
    this.queued = [];
    this.start(files);
  }

  /**
   * The content of `sha:path` read ahead: the value, or a promise while the read is under way;
   * `missing` when it was never asked for or its read failed.
   */
  get(key: string): BlobContent | undefined | Promise<BlobContent | undefined> | typeof missing {
    if (this.failed.has(key) || !this.reads.has(key)) return missing;
    return this.reads.get(key);
  }

  /** Lets go of the content of `sha:path` (a later `get` says `missing`, and it is read again). */
  release(key: string): void {
    this.reads.delete(key);
  }

  /** Lets go of everything read ahead, and of what is queued. */
  clear(): void {
    this.reads.clear();
    this.queued = [];
  }
}

/** What `ReadAhead.get` returns for a file it does not have. */
export const missing = Symbol('missing');

/**
 * Which structured files' shapes a cold run's read ahead has the differ work out ahead (see
 * `ReadAhead`): files of `min` characters or more (a parse of ~30 ms or more on a warm parser;
 * loki's 14 structured files at HEAD were 210 KB, one of them 175 KB), up to `chars` in all.
 */
export const AHEAD_SHAPES: Readonly<{ chars: number; min: number }> = Object.freeze({ chars: 2_000_000, min: 64_000 });

/** No shapes worked out ahead (the diff worker is only started). */
export const NO_SHAPES: Readonly<{ chars: number; min: number }> = Object.freeze({ chars: 0, min: Number.POSITIVE_INFINITY });

/** Read ahead at most this many files: a `watches: **` on a huge repository is left to the diffs that need it. */
export const MAX_READ_AHEAD = 20_000;

/** Per doc, the files its tracked, unpinned targets cover now (file targets, and the files below folder targets). */
export function coveredFiles(docs: DocModel[], context: WorkspaceContext): Map<string, string[]> {
  const folders = new Map<string, string[]>();
  for (const doc of docs) {
    for (const target of context.resolved.get(doc.path)?.targets ?? []) {
      if (target.kind === 'directory' && target.tracked && !target.pinned) folders.set(target.path === '' ? '' : `${target.path}/`, []);
    }
  }
  if (folders.size > 0) {
    for (const file of context.files.all()) {
      for (let slash = file.lastIndexOf('/'); ; slash = file.lastIndexOf('/', slash - 1)) {
        folders.get(file.slice(0, slash + 1))?.push(file);
        if (slash < 0) break;
      }
    }
  }
  const out = new Map<string, string[]>();
  for (const doc of docs) {
    const paths: string[] = [];
    for (const target of context.resolved.get(doc.path)?.targets ?? []) {
      if (!target.tracked || target.pinned) continue;
      if (target.kind === 'file') paths.push(target.path);
      else if (target.kind === 'directory') paths.push(...(folders.get(target.path === '' ? '' : `${target.path}/`) ?? []));
    }
    out.set(doc.path, paths);
  }
  return out;
}

