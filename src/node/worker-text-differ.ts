import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { ResourceLimits } from 'node:worker_threads';
import { LRUCache } from 'lru-cache';
import type { StoredDiff } from '../core/staleness/history/history-types';
import type { TextDiffer } from '../core/staleness/ports';
import { NoteCache, notedDiff, type DiffJob } from '../core/staleness/diffs/noted-diff';
import { DiffThread } from './diff-thread';

export { DIFF_WORKER_LIMITS } from './diff-thread';

/** Where the worker script is: next to the bundle (dist/diff-worker.js), or the TypeScript source under tsx. */
function defaultScript(): string | undefined {
  for (const name of ['diff-worker.js', 'diff-worker.ts']) {
    const candidate = path.join(__dirname, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Content keys remembered with the thread their jobs went to (see `spreadDiff`). */
const PLACED_KEYS = 4096;

/**
 * Computes noted line diffs (see `notedDiff`) on worker threads, so the thread that reads git's
 * output (the extension host) is not held up by them, nor by parsing the alert rules and data
 * shapes of large generated files: on a cold staleness report the reading and the diffing then
 * run side by side, on one diff thread (`diff`). A run that waits on its diffs alone (a re-check
 * after new commits) spreads its batch over a second thread as well (`spreading`), started by
 * its first such batch. Threads start on first use (or `prepare`) and never keep the process
 * alive while idle. When a thread cannot start or fails, its diffs are computed on the calling
 * thread.
 */
export class WorkerTextDiffer implements TextDiffer {
  /** What parsing blobs gave, for diffs computed on the calling thread. */
  private readonly notes = new NoteCache();
  private readonly first: DiffThread;
  private readonly second: DiffThread;
  /** Per older side's content key, the thread (0, 1) its last spread job went to: there its text's facts are kept. */
  private readonly placed = new LRUCache<string, 0 | 1>({ max: PLACED_KEYS });
  private view: TextDiffer | undefined;

  constructor(script: string | undefined = defaultScript()) {
    const inProcess = (jobs: DiffJob[]): StoredDiff[] => jobs.map((job) => notedDiff(job, this.notes));
    this.first = new DiffThread(script, inProcess);
    this.second = new DiffThread(script, inProcess);
  }

  diff(jobs: DiffJob[], signal?: AbortSignal): Promise<StoredDiff[]> {
    signal?.throwIfAborted();
    return this.first.diff(jobs);
  }

  /**
   * Starts the first thread now (its modules load while the caller goes on: a cold run asks at its
   * start, beside the history pass) and has it work out the data shapes of `shapes` (see
   * `NoteCache.prepareShape`) before the diffs asked after this. Nothing on the calling thread.
   */
  prepare(shapes: string[]): void {
    this.first.prepare(shapes);
  }

  spreading(): TextDiffer {
    return (this.view ??= { diff: (jobs, signal) => this.spreadDiff(jobs, signal) });
  }

  /**
   * A batch split over both threads once the second has loaded (until then, and for a single job,
   * on the first alone; the second starts with the first batch that could use it). A job goes to
   * the thread its older side's last job went to, so the facts kept of that text (see
   * `NoteCache.factsOf`) are used again: a re-check diffs the versions several docs last saw
   * against the new HEAD, and again at the next one. Sides not placed yet go to the thread with
   * less text of this batch. Same diffs, same order, as one thread.
   */
  spreadDiff(jobs: DiffJob[], signal?: AbortSignal): Promise<StoredDiff[]> {
    signal?.throwIfAborted();
    if (jobs.length < 2 || this.first.down) return this.first.diff(jobs);
    if (!this.second.ready) {
      this.second.start();
      return this.first.diff(jobs);
    }
    const groups: [number[], number[]] = [[], []];
    const load = [0, 0];
    const keyOf = (job: DiffJob) => job.from?.key ?? job.to?.key ?? '';
    const size = (job: DiffJob) => (job.from?.text.length ?? 0) + (job.to?.text.length ?? 0);
    // Placed keys first, so the rest even out what they leave.
    const order = jobs.map((_, i) => i).sort((a, b) => Number(!this.placed.has(keyOf(jobs[a]!))) - Number(!this.placed.has(keyOf(jobs[b]!))));
    for (const i of order) {
      const job = jobs[i]!;
      const thread = this.placed.get(keyOf(job)) ?? (load[0]! <= load[1]! ? 0 : 1);
      this.placed.set(keyOf(job), thread);
      groups[thread].push(i);
      load[thread] += size(job);
    }
    const threads = [this.first, this.second];
    return Promise.all(groups.map((group, t) => (group.length > 0 ? threads[t]!.diff(group.map((i) => jobs[i]!)) : Promise.resolve([])))).then((parts) => {
      const out: StoredDiff[] = new Array(jobs.length);
      groups.forEach((group, t) => group.forEach((i, k) => (out[i] = parts[t]![k]!)));
      return out;
    });
  }

  /** The heap limits of the first thread while it runs (see `DIFF_WORKER_LIMITS`); undefined when none runs. */
  get threadLimits(): ResourceLimits | undefined {
    return this.first.limits;
  }

  /** Jobs each thread was given so far (for benchmarks and tests). */
  get jobsByThread(): [number, number] {
    return [this.first.jobs, this.second.jobs];
  }

  /** Stops the threads; pending diffs finish on the calling thread. */
  dispose(): void {
    this.first.dispose();
    this.second.dispose();
  }
}
