import type { DocModel } from '../../doc-model';
import type { WorkspaceContext } from '../model/report-run';
import { MAX_DIFF_BYTES } from '../options';
import type { BlobContent, FileAt, GitHistory } from '../ports';

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

  constructor(
    private readonly git: GitHistory,
    private readonly signal?: AbortSignal,
    private readonly maxBytes = MAX_DIFF_BYTES,
  ) {}

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

