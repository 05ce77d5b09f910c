import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DocModel } from '../core/doc-model';
import { parseBytes } from '../core/parse-bytes';
import type { DocParser } from '../core/ports';

interface Pending {
  resolve: (doc: DocModel) => void;
  reject: (error: Error) => void;
  path: string;
  bytes: Uint8Array;
}

/** Where the worker script is: next to the bundle (dist/parse-worker.js), or the TypeScript source under tsx. */
export function defaultWorkerScript(): string | undefined {
  for (const name of ['parse-worker.js', 'parse-worker.ts']) {
    const candidate = path.join(__dirname, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Parses documents on worker threads, so a large build uses every core and leaves the calling
 * thread (the extension host) free. Threads start on first use and stop when the build is idle.
 * When a worker cannot start, parsing continues on the calling thread and `fallbackReason` says why.
 */
export class WorkerPoolParser implements DocParser {
  private workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly load = new Map<Worker, number>();
  private nextId = 0;
  fallbackReason: string | undefined;

  constructor(
    private readonly script: string | undefined = defaultWorkerScript(),
    private readonly size = Math.max(1, Math.min(4, os.availableParallelism?.() ?? os.cpus().length)),
  ) {
    if (!script) this.fallbackReason = 'the parse worker script was not found next to the bundle';
  }

  parse(docPath: string, bytes: Uint8Array): Promise<DocModel> {
    if (this.fallbackReason) return Promise.resolve(parseBytes(docPath, bytes));
    if (this.workers.length === 0) this.start();
    if (this.fallbackReason) return Promise.resolve(parseBytes(docPath, bytes));
    const worker = [...this.load].sort((a, b) => a[1] - b[1])[0]![0];
    const id = this.nextId++;
    return new Promise<DocModel>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, path: docPath, bytes });
      const load = this.load.get(worker)! + 1;
      this.load.set(worker, load);
      if (load === 1) worker.ref();
      worker.postMessage({ id, path: docPath, bytes });
    });
  }

  /** Stops the threads once nothing is pending; the next parse starts them again. */
  idle(): void {
    if (this.pending.size === 0) this.stop();
  }

  /** Stops the threads now; pending parses finish on the calling thread. */
  stop(): void {
    const workers = this.workers;
    this.workers = [];
    this.load.clear();
    for (const worker of workers) void worker.terminate();
    this.drainInProcess();
  }

  private start(): void {
    try {
      for (let i = 0; i < this.size; i++) {
        const worker = this.script!.endsWith('.ts')
          ? // Under tsx (tests, benchmarks) the worker registers tsx itself before loading the TypeScript source.
            new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(this.script)});`, { eval: true })
          : new Worker(this.script!);
        worker.on('message', (message: { id: number; doc?: DocModel; error?: string }) => {
          const job = this.pending.get(message.id);
          if (!job) return;
          this.pending.delete(message.id);
          const load = Math.max(0, (this.load.get(worker) ?? 1) - 1);
          this.load.set(worker, load);
          // An idle worker must not keep the process alive; a busy one must (see parse()).
          if (load === 0) worker.unref();
          if (message.doc) job.resolve(message.doc);
          else job.reject(new Error(message.error ?? 'the parse worker failed'));
        });
        worker.on('error', (error) => this.fail(`a parse worker failed: ${error.message}`));
        worker.unref();
        this.workers.push(worker);
        this.load.set(worker, 0);
      }
    } catch (error) {
      this.fail(`parse workers could not start: ${(error as Error).message}`);
    }
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
