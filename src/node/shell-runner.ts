import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { ShellOutcome, ShellRequest, ShellRunner } from '../core/ports';

/** Output kept when a request does not say (head and tail together). */
export const DEFAULT_MAX_OUTPUT_CHARS = 1_000_000;

/** Exit code reported when the shell could not be started at all (as a shell reports "command not found"). */
export const SPAWN_FAILED_EXIT_CODE = 127;

/** Options of {@link NodeShellRunner}. */
export interface NodeShellRunnerOptions {
  /**
   * Absolute path of the shell. Default `/bin/bash`, or `/bin/sh` on systems without bash.
   * bash is started with `--noprofile --norc`, zsh with `-f`, any other shell with just `-c`.
   */
  shell?: string;
  /** Milliseconds between SIGTERM and SIGKILL when a run is stopped (default 2000). */
  killGraceMs?: number;
}

/**
 * Runs scripts with a POSIX shell as `SHELL [--noprofile --norc] -c SCRIPT NAME`.
 *
 * The script is one argv string, not fed on stdin: no quoting layer stands between the runbook and
 * the shell, `$0` is the shell's name (so errors read `bash: line 2: …`), and commands in the script
 * that read stdin (`ssh`, `kubectl exec -i`, `read`) cannot swallow the rest of the script. The price
 * is the kernel's limit on one argument (128 KiB on Linux): a longer script fails to start, reported
 * like any other start failure.
 *
 * Each run is a new session and process group (`detached`), with stdin on /dev/null and no
 * controlling terminal, so nothing can prompt. When the run is stopped (timeout, abort) the whole
 * group gets SIGTERM, then SIGKILL after the grace period. When the script's shell exits normally,
 * anything it left running in its group is stopped the same way: a run is over when its script is,
 * and background processes holding the output would otherwise keep it open. A process that wants
 * to outlive the run must leave the group itself (`setsid`). `BASH_ENV` in `request.env` is honoured
 * by bash, as always; callers that build the environment decide whether to pass it.
 *
 * POSIX only: process groups and signals have no Windows equivalent here.
 */
export class NodeShellRunner implements ShellRunner {
  private readonly shell: string;
  private readonly killGraceMs: number;

  constructor(options: NodeShellRunnerOptions = {}) {
    this.shell = options.shell ?? (isExecutable('/bin/bash') ? '/bin/bash' : '/bin/sh');
    this.killGraceMs = options.killGraceMs ?? 2000;
  }

  async run(request: ShellRequest): Promise<ShellOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    if (request.signal?.aborted) {
      return { exitCode: null, signal: null, durationMs: 0, timedOut: false, cancelled: true, output: '', truncated: false };
    }
    const cwdProblem = await checkCwd(request.cwd);
    if (cwdProblem) return startFailure(cwdProblem, elapsed());
    if (request.signal?.aborted) {
      return { exitCode: null, signal: null, durationMs: elapsed(), timedOut: false, cancelled: true, output: '', truncated: false };
    }

    let child: ChildProcess;
    try {
      child = spawn(this.shell, this.argsFor(request.script), {
        cwd: request.cwd,
        env: { ...request.env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
        windowsHide: true,
      });
    } catch (error) {
      return startFailure(`could not start ${this.shell}: ${describe(error)}`, elapsed());
    }
    return new Promise<ShellOutcome>((resolve) => {
      new Run(child, request, this.shell, this.killGraceMs, elapsed, resolve).start();
    });
  }

  private argsFor(script: string): string[] {
    const name = path.basename(this.shell);
    if (name === 'bash') return ['--noprofile', '--norc', '-c', script, name];
    if (name === 'zsh') return ['-f', '-c', script, name];
    return ['-c', script, name];
  }
}

/** One spawned run: collects output, enforces the timeout and the abort signal, stops the group. */
class Run {
  private readonly output: OutputBuffer;
  private exited = false;
  private exitCode: number | null = null;
  private exitSignal: string | null = null;
  private openStreams = 2;
  private timedOut = false;
  private cancelled = false;
  private stopping = false;
  private groupSettled = false;
  private leftoversStopped = false;
  private done = false;
  private timeoutTimer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private killTimer: NodeJS.Timeout | undefined;
  private forceTimer: NodeJS.Timeout | undefined;
  private readonly onAbort = () => this.stop('cancel');

  constructor(
    private readonly child: ChildProcess,
    private readonly request: ShellRequest,
    private readonly shell: string,
    private readonly killGraceMs: number,
    private readonly elapsed: () => number,
    private readonly resolve: (outcome: ShellOutcome) => void,
  ) {
    const max = request.maxOutputChars;
    this.output = new OutputBuffer(max !== undefined && max >= 0 ? max : DEFAULT_MAX_OUTPUT_CHARS);
  }

  start(): void {
    const { child, request } = this;
    child.on('error', (error) => {
      // Only a failed start matters: once there is a pid, kill errors are handled where we kill.
      if (child.pid === undefined && !this.done) {
        this.finishWith(startFailure(`could not start ${this.shell}: ${describe(error)}`, this.elapsed()));
      }
    });
    if (child.pid === undefined) return; // the 'error' event follows
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) {
        this.openStreams--;
        continue;
      }
      // One decoder per stream: a character split across reads of one pipe must not meet the other pipe's bytes.
      const decoder = new StringDecoder('utf8');
      stream.on('data', (bytes: Buffer) => this.emit(decoder.write(bytes)));
      stream.once('end', () => this.emit(decoder.end()));
      stream.once('close', () => {
        this.openStreams--;
        this.maybeFinish();
      });
    }
    child.once('exit', (code, signal) => {
      this.exited = true;
      this.exitCode = code;
      this.exitSignal = signal;
      clearTimeout(this.timeoutTimer);
      this.request.signal?.removeEventListener('abort', this.onAbort);
      if (!this.stopping && groupAlive(child.pid!)) this.stop('leftovers');
      this.maybeFinish();
    });
    const timeout = request.timeoutMs;
    // Non-positive or absurd timeouts mean none: setTimeout would turn anything past 2^31-1 ms into 1 ms.
    if (Number.isFinite(timeout) && timeout > 0 && timeout <= 2_147_483_647) {
      this.timeoutTimer = setTimeout(() => this.stop('timeout'), timeout);
    }
    request.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  private emit(text: string): void {
    if (!text) return;
    this.output.append(text);
    try {
      this.request.onOutput?.(text);
    } catch {
      // A broken display must not leave a process tree running unobserved; the output is still kept.
    }
  }

  private stop(reason: 'timeout' | 'cancel' | 'leftovers'): void {
    if (this.stopping || this.done) return;
    this.stopping = true;
    if (reason === 'timeout') this.timedOut = true;
    else if (reason === 'cancel') this.cancelled = true;
    else this.leftoversStopped = true;
    clearTimeout(this.timeoutTimer);
    const pgid = this.child.pid!;
    signalGroup(pgid, 'SIGTERM');
    this.pollTimer = setInterval(() => {
      if (!groupAlive(pgid)) {
        this.groupSettled = true;
        clearInterval(this.pollTimer);
        this.maybeFinish();
      }
    }, 50);
    this.killTimer = setTimeout(() => {
      signalGroup(pgid, 'SIGKILL');
      this.groupSettled = true;
      clearInterval(this.pollTimer);
      this.maybeFinish();
    }, this.killGraceMs);
    // Something that escaped the group (or cannot die) may still hold the pipes: stop waiting for it.
    this.forceTimer = setTimeout(() => {
      this.child.stdout?.destroy();
      this.child.stderr?.destroy();
      this.openStreams = 0;
      this.exited = true;
      this.maybeFinish();
    }, this.killGraceMs + 1000);
  }

  private maybeFinish(): void {
    if (this.done || !this.exited || this.openStreams > 0) return;
    if (this.stopping && !this.groupSettled) return;
    const { text, truncated } = this.output.result();
    const note = this.leftoversStopped ? `${text && !text.endsWith('\n') ? '\n' : ''}${LEFTOVERS_NOTE}\n` : '';
    this.finishWith({
      exitCode: this.exitCode,
      signal: this.exitSignal,
      durationMs: this.elapsed(),
      timedOut: this.timedOut,
      cancelled: this.cancelled,
      output: text + note,
      truncated,
    });
  }

  private finishWith(outcome: ShellOutcome): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.timeoutTimer);
    clearTimeout(this.killTimer);
    clearTimeout(this.forceTimer);
    clearInterval(this.pollTimer);
    this.request.signal?.removeEventListener('abort', this.onAbort);
    this.resolve(outcome);
  }
}

/** The line added to the output when background processes had to be stopped after the script ended. */
export const LEFTOVERS_NOTE = '… processes the script left running were stopped when it ended …';

/**
 * Keeps the first and last `max / 2` characters of a stream of text and counts the rest.
 * The cut is moved to a line boundary when one is near (within a quarter of each half, at most
 * 1,000 characters), so the marker sits on its own line between whole lines.
 */
export class OutputBuffer {
  private head = '';
  private tailChunks: string[] = [];
  private tailLength = 0;
  /** The last character dropped from the front of the tail, to tell whether the kept tail starts a line. */
  private lastDropped = '';
  private total = 0;
  private readonly headLimit: number;
  private readonly tailLimit: number;

  constructor(private readonly max: number) {
    this.headLimit = Math.ceil(max / 2);
    this.tailLimit = Math.floor(max / 2);
  }

  append(text: string): void {
    this.total += text.length;
    if (this.head.length < this.headLimit) {
      const room = this.headLimit - this.head.length;
      this.head += text.slice(0, room);
      text = text.slice(room);
      if (!text) return;
    }
    this.tailChunks.push(text);
    this.tailLength += text.length;
    // Drop whole chunks that lie entirely before the tail window; joining happens once, at the end.
    while (this.tailChunks.length > 1 && this.tailLength - this.tailChunks[0].length >= this.tailLimit) {
      const dropped = this.tailChunks.shift()!;
      this.tailLength -= dropped.length;
      this.lastDropped = dropped[dropped.length - 1];
    }
  }

  /** The kept text, with a marker line where the middle was cut. */
  result(): { text: string; truncated: boolean } {
    const tailAll = this.tailChunks.join('');
    if (this.total <= this.max) return { text: this.head + tailAll, truncated: false };
    let head = this.head;
    let tail = tailAll.slice(tailAll.length - this.tailLimit);
    const headWindow = Math.min(1000, Math.floor(head.length / 4));
    const lastNewline = head.lastIndexOf('\n');
    if (lastNewline >= 0 && head.length - (lastNewline + 1) <= headWindow) head = head.slice(0, lastNewline + 1);
    else if (isHighSurrogate(head.charCodeAt(head.length - 1))) head = head.slice(0, -1);
    const tailWindow = Math.min(1000, Math.floor(tail.length / 4));
    const firstNewline = tail.indexOf('\n');
    const before = tailAll.length > tail.length ? tailAll[tailAll.length - tail.length - 1] : this.lastDropped || this.head.slice(-1);
    const tailStartsLine = before === '\n';
    if (!tailStartsLine && firstNewline >= 0 && firstNewline < tailWindow) tail = tail.slice(firstNewline + 1);
    else if (isLowSurrogate(tail.charCodeAt(0))) tail = tail.slice(1);
    const cut = this.total - head.length - tail.length;
    const marker = `… ${formatCount(cut)} characters cut …\n`;
    return { text: `${head}${head && !head.endsWith('\n') ? '\n' : ''}${marker}${tail}`, truncated: true };
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function startFailure(message: string, durationMs: number): ShellOutcome {
  return {
    exitCode: SPAWN_FAILED_EXIT_CODE,
    signal: null,
    durationMs,
    timedOut: false,
    cancelled: false,
    output: `${message}\n`,
    truncated: false,
  };
}

async function checkCwd(cwd: string): Promise<string | undefined> {
  if (!path.isAbsolute(cwd)) return `the working directory must be an absolute path, got ${JSON.stringify(cwd)}`;
  try {
    const stat = await fs.stat(cwd);
    return stat.isDirectory() ? undefined : `the working directory ${cwd} is not a directory`;
  } catch (error) {
    return `the working directory ${cwd} cannot be used: ${describe(error)}`;
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** True while any process (a zombie included) is still in the group. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone, which is what we wanted.
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
