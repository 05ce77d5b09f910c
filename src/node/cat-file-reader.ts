import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { CatFileParser, type CatFileRecord } from './cat-file-batch';

/** Readers stop after this long without a request, so no git process lingers (see `CatFileReader.idleMs`). */
export const READER_IDLE_MS = 5000;

/**
 * How long the editor keeps its readers between re-checks: a re-check after a commit minutes after
 * the last then starts no process (its HEAD, new commits and files are all read through the reader).
 */
export const EDITOR_READER_IDLE_MS = 10 * 60_000;

interface Request {
  left: number;
  /** Aborted by its caller: its records are still read (the stream stays in step) and dropped. */
  aborted?: boolean;
  records: CatFileRecord[];
  resolve: (records: CatFileRecord[]) => void;
  reject: (error: Error) => void;
}

/**
 * One long-lived `git cat-file --batch` process: object names go in on stdin as they are asked
 * for, records come back in the same order and are matched to their request. Thousands of file
 * reads then cost one process start instead of one per batch (each start blocks the extension
 * host for milliseconds), and content over the size limit is skipped as it streams, never
 * buffered. Not simple-git: it runs one command per process with stdin written once.
 */
export class CatFileReader {
  private child: ChildProcessWithoutNullStreams | undefined;
  private readonly queue: Request[] = [];
  private idle: NodeJS.Timeout | undefined;
  /** How long the process runs without a request (from the end of the last read). */
  idleMs = READER_IDLE_MS;

  constructor(
    private readonly cwd: string,
    private readonly env: Record<string, string>,
    /** `-c key=value` settings, without the `-c`. */
    private readonly config: string[],
    private readonly maxBytes: number,
  ) {}

  /** The records for `names` (`<rev>:<path>` or blob ids, no newlines), in order. Rejects when aborted or when git fails. */
  read(names: string[], signal?: AbortSignal): Promise<CatFileRecord[]> {
    if (names.length === 0) return Promise.resolve([]);
    signal?.throwIfAborted();
    const child = this.process();
    return new Promise<CatFileRecord[]>((resolve, reject) => {
      const request: Request = { left: names.length, records: [], resolve, reject };
      this.queue.push(request);
      // Only this read is given up: its records are still read and dropped, so the reads queued
      // behind it (other callers') get theirs. With none left waiting, the process is stopped.
      const onAbort = () => {
        const error = new DOMException('The operation was aborted.', 'AbortError');
        request.reject(error);
        request.aborted = true;
        request.resolve = request.reject = () => undefined;
        if (this.queue.every((r) => r.aborted)) this.fail(error, child);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      request.resolve = (records) => (done(), resolve(records));
      request.reject = (error) => (done(), reject(error));
      this.hold(child, true);
      child.stdin.write(`${names.join('\n')}\n`);
    });
  }

  /** Names asked for and not yet answered. */
  get queued(): number {
    let n = 0;
    for (const request of this.queue) n += request.left;
    return n;
  }

  /** Whether its process is running (a read then starts none). */
  get running(): boolean {
    return this.child !== undefined;
  }

  /** Stops the process (pending reads reject). */
  close(): void {
    this.fail(new Error('git cat-file was closed'));
  }

  private process(): ChildProcessWithoutNullStreams {
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    if (this.child) return this.child;
    const args = [...this.config.flatMap((c) => ['-c', c]), 'cat-file', '--batch'];
    const child = spawn('git', args, { cwd: this.cwd, env: this.env, windowsHide: true });
    this.child = child;
    // A stopped process may still have output on its way: it must never reach the next process's reads.
    const parser = new CatFileParser(true, this.maxBytes, (record) => this.child === child && this.deliver(record));
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => parser.feed(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => this.fail(error, child));
    child.on('close', (code) => this.fail(new Error(`git cat-file exited with ${code}${stderr ? `: ${stderr.trim()}` : ''}`), child));
    return child;
  }

  private deliver(record: CatFileRecord): void {
    const request = this.queue[0];
    if (!request) return;
    if (!request.aborted) request.records.push(record);
    if (--request.left > 0) return;
    this.queue.shift();
    request.resolve(request.records);
    if (this.queue.length === 0) {
      if (this.child) this.hold(this.child, false);
      this.idle = setTimeout(() => this.close(), this.idleMs).unref();
    }
  }

  /** While reads are pending the process keeps Node running; idle, it never holds a CLI back from exiting. */
  private hold(child: ChildProcessWithoutNullStreams, ref: boolean): void {
    for (const handle of [child, child.stdin, child.stdout, child.stderr] as Array<{ ref?: () => void; unref?: () => void }>) {
      if (ref) handle.ref?.();
      else handle.unref?.();
    }
  }

  private fail(error: Error, child = this.child): void {
    if (!child || child !== this.child) return;
    this.child = undefined;
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    child.stdin.end();
    if (child.exitCode === null) child.kill();
    for (const request of this.queue.splice(0)) request.reject(error);
  }
}
