import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { StoredDiff } from '../core/staleness/history/history-types';
import type { TextDiffer } from '../core/staleness/ports';
import { NoteCache, notedDiff, type DiffJob } from '../core/staleness/diffs/noted-diff';
import { toWire } from './diff-wire';

/** Where the worker script is: next to the bundle (dist/diff-worker.js), or the TypeScript source under tsx. */
function defaultScript(): string | undefined {
  for (const name of ['diff-worker.js', 'diff-worker.ts']) {
    const candidate = path.join(__dirname, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

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
 * Computes noted line diffs (see `notedDiff`) on one worker thread, so the thread that reads git's
 * output (the extension host) is not held up by them, nor by parsing the alert rules and data
 * shapes of large generated files: on a cold staleness report the reading and the diffing then
 * run side by side. The thread starts on first use (or `prepare`) and never keeps the process alive while idle.
 * When it cannot start or fails, diffs are computed on the calling thread.
 */
export class WorkerTextDiffer implements TextDiffer {
  private worker: Worker | undefined;
  private failed = false;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  /** What parsing blobs gave, for diffs computed on the calling thread. */
  private readonly notes = new NoteCache();

  constructor(private readonly script: string | undefined = defaultScript()) {}

  diff(jobs: DiffJob[], signal?: AbortSignal): Promise<StoredDiff[]> {
    signal?.throwIfAborted();
    const worker = this.start();
    if (!worker) return Promise.resolve(this.inProcess(jobs));
    const id = this.nextId++;
    return new Promise<StoredDiff[]>((resolve, reject) => {
      this.pending.set(id, { jobs, resolve, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, ...toWire(jobs) });
    });
  }

  /**
   * Starts the thread now (its modules load while the caller goes on: a cold run asks at its start,
   * beside the history pass) and has it work out the data shapes of `shapes` (see
   * `NoteCache.prepareShape`) before the diffs asked after this. Nothing on the calling thread.
   */
  prepare(shapes: string[]): void {
    const worker = this.start();
    if (worker && shapes.length > 0) worker.postMessage({ shapes });
  }

  /** The heap limits of the running thread (see `DIFF_WORKER_LIMITS`); undefined when none runs. */
  get threadLimits(): ResourceLimits | undefined {
    return this.worker?.resourceLimits;
  }

  /** Stops the thread; pending diffs finish on the calling thread. */
  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    this.drain();
  }

  private start(): Worker | undefined {
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
      worker.on('message', (message: { id: number; diffs?: StoredDiff[]; error?: string }) => {
        const pending = this.pending.get(message.id);
        if (!pending) return;
        this.pending.delete(message.id);
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

  private fail(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.failed = true;
    this.drain();
  }

  private inProcess(jobs: DiffJob[]): StoredDiff[] {
    return jobs.map((job) => notedDiff(job, this.notes));
  }

  /** Finishes pending diffs on the calling thread. */
  private drain(): void {
    for (const [id, pending] of [...this.pending]) {
      this.pending.delete(id);
      try {
        pending.resolve(this.inProcess(pending.jobs));
      } catch (error) {
        pending.reject(error as Error);
      }
    }
  }
}
