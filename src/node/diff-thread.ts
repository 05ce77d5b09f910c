import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { StoredDiff } from '../core/staleness/history/history-types';
import type { DiffJob } from '../core/staleness/diffs/noted-diff';
import { toWire } from './diff-wire';

/**
 * The diff worker's heap limits: a young generation of 8 MiB (V8's default is up to 48) keeps its
 * share of a cold report's peak memory down (on gitlab-com runbooks the worker's heap went from
 * 112 to 60 MiB, the process's peak from 381 to 330 MiB, CPU time unchanged): parsing YAML makes
 * much short-lived garbage, which small scavenges collect as well as large ones.
 */
export const DIFF_WORKER_LIMITS: Readonly<ResourceLimits> = Object.freeze({ maxYoungGenerationSizeMb: 8 });

interface Pending {
  jobs: DiffJob[];
  resolve: (diffs: StoredDiff[]) => void;
  reject: (error: Error) => void;
}

/**
 * One diff worker thread (see `diff-worker.ts`): batches are posted as they come and answered in
 * turn. It starts on first use (or `start`), says when its modules have loaded (`ready`), and never
 * keeps the process alive while idle. When it cannot start or fails, its batches (pending and
 * later) are computed by `fallback` on the calling thread.
 */
export class DiffThread {
  private worker: Worker | undefined;
  private failed = false;
  private loaded = false;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  /** Jobs this thread was given (for benchmarks and tests). */
  jobs = 0;

  constructor(
    private readonly script: string | undefined,
    private readonly fallback: (jobs: DiffJob[]) => StoredDiff[],
  ) {}

  diff(jobs: DiffJob[]): Promise<StoredDiff[]> {
    const worker = this.start();
    if (!worker) return Promise.resolve(this.fallback(jobs));
    this.jobs += jobs.length;
    const id = this.nextId++;
    return new Promise<StoredDiff[]>((resolve, reject) => {
      this.pending.set(id, { jobs, resolve, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, ...toWire(jobs) });
    });
  }

  /** Has the thread work out the data shapes of `shapes` before the diffs posted after them (see `NoteCache.prepareShape`). */
  prepare(shapes: string[]): void {
    const worker = this.start();
    if (worker && shapes.length > 0) worker.postMessage({ shapes });
  }

  /** Whether the thread runs and has loaded its modules: a batch posted now starts at once. */
  get ready(): boolean {
    return this.loaded && this.worker !== undefined;
  }

  /** Whether the thread failed or could not start (its batches run on the calling thread). */
  get down(): boolean {
    return this.failed;
  }

  /** The heap limits of the running thread; undefined when none runs. */
  get limits(): ResourceLimits | undefined {
    return this.worker?.resourceLimits;
  }

  /** Starts the thread unless it runs or failed; the running worker, or undefined. */
  start(): Worker | undefined {
    if (this.worker || this.failed) return this.worker;
    if (!this.script) {
      this.failed = true;
      return undefined;
    }
    try {
      const worker = this.script.endsWith('.ts')
        ? // Under tsx (tests, benchmarks) the worker registers tsx itself before loading the TypeScript source.
          new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(this.script)});`, { eval: true, resourceLimits: DIFF_WORKER_LIMITS })
        : new Worker(this.script, { resourceLimits: DIFF_WORKER_LIMITS });
      worker.on('message', (message: { id?: number; ready?: true; diffs?: StoredDiff[]; error?: string }) => {
        if (message.ready) this.loaded = true;
        const pending = message.id === undefined ? undefined : this.pending.get(message.id);
        if (!pending) return;
        this.pending.delete(message.id!);
        if (this.pending.size === 0) worker.unref();
        if (message.diffs) pending.resolve(message.diffs);
        else pending.reject(new Error(message.error ?? 'the diff worker failed'));
      });
      worker.on('error', () => this.fail(worker));
      worker.on('exit', () => this.fail(worker));
      worker.unref();
      this.worker = worker;
      return worker;
    } catch {
      this.failed = true;
      return undefined;
    }
  }

  /** Stops the thread; pending diffs finish on the calling thread. A later batch starts it again. */
  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.loaded = false;
    void worker?.terminate();
    this.drain();
  }

  private fail(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.loaded = false;
    this.failed = true;
    this.drain();
  }

  /** Finishes pending diffs on the calling thread. */
  private drain(): void {
    for (const [id, pending] of [...this.pending]) {
      this.pending.delete(id);
      try {
        pending.resolve(this.fallback(pending.jobs));
      } catch (error) {
        pending.reject(error as Error);
      }
    }
  }
}
