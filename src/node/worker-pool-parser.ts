import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DocModel } from '../core/doc-model';
import { parseBytes, unparseable } from '../core/parse-bytes';
import type { DocParser } from '../core/ports';

interface Pending {
  resolve: (doc: DocModel) => void;
  reject: (error: Error) => void;
  path: string;
  bytes: Uint8Array;
}

/** How long one document may take to parse on a worker, and how much memory a worker may use. */
export interface ParseBudget {
  /** Milliseconds for a document, plus `perMegabyteMs` for each MiB of it. Default 30 s. */
  baseMs: number;
  /** Default 10 s per MiB. */
  perMegabyteMs: number;
  /** Heap of one worker, in MiB (default 1024): past it the worker stops, not the host. */
  maxHeapMb: number;
}

export const DEFAULT_PARSE_BUDGET: Readonly<ParseBudget> = Object.freeze({ baseMs: 30_000, perMegabyteMs: 10_000, maxHeapMb: 1024 });

/** Where the worker script is: next to the bundle (dist/parse-worker.js), or the TypeScript source under tsx. */
export function defaultWorkerScript(): string | undefined {
  for (const name of ['parse-worker.js', 'parse-worker.ts']) {
    const candidate = path.join(__dirname, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

interface Slot {
  worker: Worker;
  /** Job ids posted to this worker, in order: it parses them one at a time, so the first is in progress. */
  queue: number[];
  /** Stops the worker when the job in progress runs past its budget. */
  timer?: NodeJS.Timeout;
  /** The worker has parsed a document: an error before that (other than running out of memory) means workers cannot run here at all. */
  proven: boolean;
}

/**
 * Parses documents on worker threads, so a large build uses every core and leaves the calling
 * thread (the extension host) free. Threads start on first use and stop when the build is idle.
 * Each document has a time budget and each worker a heap limit: a document past either (a
 * pathological file that slipped past the shape checks) becomes a `doc.unparseable` placeholder,
 * its worker is replaced, and the documents queued behind it are parsed by the others.
 * When a worker cannot start, parsing continues on the calling thread and `fallbackReason` says why.
 */
export class WorkerPoolParser implements DocParser {
  private slots: Slot[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  fallbackReason: string | undefined;

  constructor(
    private readonly script: string | undefined = defaultWorkerScript(),
    private readonly size = Math.max(1, Math.min(4, os.availableParallelism?.() ?? os.cpus().length)),
    private readonly budget: ParseBudget = DEFAULT_PARSE_BUDGET,
  ) {
    if (!script) this.fallbackReason = 'the parse worker script was not found next to the bundle';
  }

  parse(docPath: string, bytes: Uint8Array): Promise<DocModel> {
    if (this.fallbackReason) return Promise.resolve(parseBytes(docPath, bytes));
    if (this.slots.length === 0) this.start();
    if (this.fallbackReason) return Promise.resolve(parseBytes(docPath, bytes));
    const id = this.nextId++;
    return new Promise<DocModel>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, path: docPath, bytes });
      this.dispatch(id);
    });
  }

  /** Stops the threads once nothing is pending; the next parse starts them again. */
  idle(): void {
    if (this.pending.size === 0) this.stop();
  }

  /** Stops the threads now; pending parses finish on the calling thread. */
  stop(): void {
    const slots = this.slots;
    this.slots = [];
    for (const slot of slots) this.retire(slot);
    this.drainInProcess();
  }

  private dispatch(id: number): void {
    const job = this.pending.get(id)!;
    const slot = this.slots.reduce((a, b) => (b.queue.length < a.queue.length ? b : a));
    slot.queue.push(id);
    if (slot.queue.length === 1) {
      slot.worker.ref();
      this.arm(slot);
    }
    slot.worker.postMessage({ id, path: job.path, bytes: job.bytes });
  }

  private start(): void {
    try {
      for (let i = 0; i < this.size; i++) this.slots.push(this.spawn());
    } catch (error) {
      this.fail(`parse workers could not start: ${(error as Error).message}`);
    }
  }

  private spawn(): Slot {
    const resourceLimits = { maxOldGenerationSizeMb: this.budget.maxHeapMb };
    const worker = this.script!.endsWith('.ts')
      ? // Under tsx (tests, benchmarks) the worker registers tsx itself before loading the TypeScript source.
        new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(this.script)});`, { eval: true, resourceLimits })
      : new Worker(this.script!, { resourceLimits });
    const slot: Slot = { worker, queue: [], proven: false };
    worker.on('message', (message: { id: number; doc?: DocModel; error?: string }) => {
      slot.proven = true;
      if (slot.queue[0] !== message.id) return;
      slot.queue.shift();
      this.arm(slot);
      const job = this.pending.get(message.id);
      if (!job) return;
      this.pending.delete(message.id);
      // An idle worker must not keep the process alive; a busy one must (see dispatch()).
      if (slot.queue.length === 0) worker.unref();
      if (message.doc) job.resolve(message.doc);
      else job.reject(new Error(message.error ?? 'the parse worker failed'));
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (slot.proven || error.code === 'ERR_WORKER_OUT_OF_MEMORY') this.lose(slot, `the parser stopped: ${error.message}`);
      else this.fail(`a parse worker failed: ${error.message}`);
    });
    worker.on('exit', () => this.lose(slot, 'the parser stopped'));
    worker.unref();
    return slot;
  }

  /** (Re)starts the budget of the job at the head of `slot`'s queue. */
  private arm(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    const head = slot.queue[0];
    if (head === undefined) return;
    const bytes = this.pending.get(head)?.bytes.length ?? 0;
    const ms = Math.round(this.budget.baseMs + (this.budget.perMegabyteMs * bytes) / (1024 * 1024));
    slot.timer = setTimeout(() => this.lose(slot, `parsing it took longer than ${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`), ms);
    slot.timer.unref();
  }

  /**
   * The worker of `slot` stopped or ran past a budget: the job it was on becomes an unparseable
   * placeholder (`why`), the worker is replaced, and its other jobs go to the workers left.
   */
  private lose(slot: Slot, why: string): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    this.retire(slot);
    const [current, ...rest] = slot.queue;
    slot.queue = [];
    const job = current === undefined ? undefined : this.pending.get(current);
    if (job) {
      this.pending.delete(current!);
      job.resolve(unparseable(job.path, `This file could not be parsed within its budget: ${why}`, ''));
    }
    try {
      this.slots.push(this.spawn());
    } catch (error) {
      this.fail(`a parse worker could not restart: ${(error as Error).message}`);
      return;
    }
    for (const id of rest) if (this.pending.has(id)) this.dispatch(id);
  }

  private retire(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.worker.removeAllListeners('exit');
    slot.worker.removeAllListeners('error');
    slot.worker.on('error', () => undefined);
    void slot.worker.terminate();
  }

  private fail(reason: string): void {
    this.fallbackReason ??= reason;
    this.stop();
  }

  private drainInProcess(): void {
    for (const [id, job] of this.pending) {
      this.pending.delete(id);
      try {
        job.resolve(parseBytes(job.path, job.bytes));
      } catch (error) {
        job.reject(error as Error);
      }
    }
  }
}
