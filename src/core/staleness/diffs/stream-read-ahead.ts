import type { ReadAhead } from './read-ahead';
import type { FileAt, LogCommit } from '../ports';

/** Files per read started while the history streams: big enough to keep process starts rare. */
const BATCH = 1000;

/** Where a doc's last content change seems to be, as the history streams past it. */
interface SeenRef {
  sha: string;
  parent: string | undefined;
  /** The doc's path before that commit (differs across a rename); undefined when the commit added it. */
  before: string | undefined;
  /** Stream position of the commit (0 = HEAD). */
  position: number;
}

/**
 * Reads ahead, while the history pass streams (newest first), the older side of the diffs a cold
 * report will need: when the stream reaches a doc's newest content commit, every file it links
 * to that a newer commit touched is read as it was at that commit, and the doc itself before and
 * after it. These are guesses (a whitespace-only or noise commit moves the real reference); a
 * wrong guess costs a read, never a wrong verdict, because `DetailBatch` reads whatever it does
 * not find here.
 */
export class StreamReadAhead {
  private position = 0;
  /** Path → stream position of its newest touch. */
  private readonly firstSeen = new Map<string, number>();
  private readonly refs = new Map<string, SeenRef>();
  /** Doc → the files its targets cover now; undefined until the links are resolved. */
  private targets: Map<string, string[]> | undefined;

  constructor(
    private readonly ahead: ReadAhead,
    private readonly docPaths: Set<string>,
    private readonly bulkCommitFiles: number,
  ) {}

  /** The files each doc's targets cover; requests the docs already seen. */
  setTargets(targets: Map<string, string[]>): void {
    this.targets = targets;
    for (const doc of this.refs.keys()) this.request(doc);
  }

  /** Call for every commit, newest first. */
  onCommit(commit: LogCommit): void {
    const position = this.position++;
    const bulk = commit.fileCount > this.bulkCommitFiles;
    for (const change of commit.changes) {
      if (!this.firstSeen.has(change.path)) this.firstSeen.set(change.path, position);
      if (change.from !== undefined && !this.firstSeen.has(change.from)) this.firstSeen.set(change.from, position);
      if (bulk || !this.docPaths.has(change.path) || this.refs.has(change.path)) continue;
      if (change.status === 'D' || (change.status === 'R' && change.similarity === 100)) continue;
      const added = change.status === 'A' || change.status === 'C';
      this.refs.set(change.path, { sha: commit.sha, parent: commit.parents[0], before: added ? undefined : (change.from ?? change.path), position });
      if (this.targets) this.request(change.path);
    }
  }

  /** Starts whatever is still queued (the stream has ended). */
  end(): void {
    this.ahead.drain();
  }

  private request(doc: string): void {
    const ref = this.refs.get(doc)!;
    const files: FileAt[] = [{ sha: ref.sha, path: doc }];
    if (ref.parent && ref.before !== undefined) files.push({ sha: ref.parent, path: ref.before });
    for (const path of this.targets?.get(doc) ?? []) {
      const seen = this.firstSeen.get(path);
      if (seen !== undefined && seen < ref.position) files.push({ sha: ref.sha, path });
    }
    this.ahead.queue(files, BATCH);
  }
}
