import type { ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import type { ShellOutcome, ShellRequest } from '../core/ports';
import { ProcessTree } from './process-tree';
import { parseFailureReports } from './shell-prelude';

/** The line added to the output when background processes had to be stopped after the script ended. */
export const LEFTOVERS_NOTE = '… processes the script left running were stopped when it ended …';

/** How often the run's processes are noted while it goes on, so those that later cut every link are still stopped. */
const REMEMBER_EVERY_MS = 500;

/** How long processes still there when the shell exits may take to end on their own, before they count as left running. */
const SETTLE_MS = 200;
const SETTLE_POLL_MS = 20;

/** The most report text kept (failure records are short; a script spamming the descriptor gets cut). */
const MAX_REPORT_CHARS = 65_536;

/** What a run needs besides the child: how to collect output, and the rest of the outcome. */
export interface RunSetup {
  /** Appends output and returns the kept text when the run is over. */
  output: { append(text: string): void; result(): { text: string; truncated: boolean } };
  /** The socket link every descendant inherits (see {@link ProcessTree}). */
  tracker: string | undefined;
  killGraceMs: number;
  elapsed: () => number;
  /** Added to the outcome as it is (the sandbox report). */
  extra: Pick<ShellOutcome, 'sandbox'>;
  /** Which failure report to keep: the first (the run stopped there) or the last. */
  keepFailure: 'first' | 'last';
  /** Says the start failed: the outcome of a run that never ran. */
  startFailure: (error: unknown) => ShellOutcome;
}

/**
 * One spawned run: collects output and failure reports, enforces the timeout and the abort signal,
 * and stops every process the run started (see {@link ProcessTree}): on timeout or cancel with
 * SIGTERM, then SIGKILL after the grace period; when the script ends, whatever it left running.
 */
export class ShellRun {
  private exited = false;
  private exitCode: number | null = null;
  private exitSignal: string | null = null;
  private openStreams = 0;
  private report = '';
  private timedOut = false;
  private cancelled = false;
  private stopping = false;
  private treeSettled = false;
  private leftoversStopped = false;
  /** The shell exited and the run waits a moment to see whether what is left ends on its own. */
  private settling = false;
  private done = false;
  private readonly tree: ProcessTree;
  private timeoutTimer: NodeJS.Timeout | undefined;
  private rememberTimer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private settleTimer: NodeJS.Timeout | undefined;
  private killTimer: NodeJS.Timeout | undefined;
  private forceTimer: NodeJS.Timeout | undefined;
  private readonly onAbort = () => this.stop('cancel');

  constructor(
    private readonly child: ChildProcess,
    private readonly request: ShellRequest,
    private readonly setup: RunSetup,
    private readonly resolve: (outcome: ShellOutcome) => void,
  ) {
    this.tree = new ProcessTree(child.pid ?? -1, setup.tracker);
  }

  start(): void {
    const { child, request } = this;
    child.on('error', (error) => {
      // Only a failed start matters: once there is a pid, kill errors are handled where we kill.
      if (child.pid === undefined && !this.done) this.finishWith(this.setup.startFailure(error));
    });
    if (child.pid === undefined) return; // the 'error' event follows
    for (const stream of [child.stdout, child.stderr, child.stdio[3]]) {
      if (!stream) continue;
      this.openStreams++;
      const isReport = stream === child.stdio[3];
      // One decoder per stream: a character split across reads of one pipe must not meet the other pipe's bytes.
      const decoder = new StringDecoder('utf8');
      const take = isReport ? (text: string) => this.takeReport(text) : (text: string) => this.emit(text);
      stream.on('data', (bytes: Buffer) => take(decoder.write(bytes)));
      stream.once('end', () => take(decoder.end()));
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
      clearInterval(this.rememberTimer);
      this.request.signal?.removeEventListener('abort', this.onAbort);
      if (this.stopping || !this.tree.alive()) {
        this.maybeFinish();
        return;
      }
      // Processes ending with the shell (a sandbox tearing down, a pipeline's last reader) get a moment first.
      let waited = 0;
      this.settling = true;
      this.settleTimer = setInterval(() => {
        waited += SETTLE_POLL_MS;
        const gone = !this.tree.alive();
        if (!gone && waited < SETTLE_MS) return;
        clearInterval(this.settleTimer);
        this.settling = false;
        if (gone) this.maybeFinish();
        else this.stop('leftovers');
      }, SETTLE_POLL_MS);
    });
    const timeout = request.timeoutMs;
    // Non-positive or absurd timeouts mean none: setTimeout would turn anything past 2^31-1 ms into 1 ms.
    if (Number.isFinite(timeout) && timeout > 0 && timeout <= 2_147_483_647) {
      this.timeoutTimer = setTimeout(() => this.stop('timeout'), timeout);
    }
    this.rememberTimer = setInterval(() => this.tree.remember(), REMEMBER_EVERY_MS);
    request.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  private emit(text: string): void {
    if (!text) return;
    this.setup.output.append(text);
    try {
      this.request.onOutput?.(text);
    } catch {
      // A broken display must not leave a process tree running unobserved; the output is still kept.
    }
  }

  private takeReport(text: string): void {
    if (this.report.length < MAX_REPORT_CHARS) this.report += text.slice(0, MAX_REPORT_CHARS - this.report.length);
  }

  private stop(reason: 'timeout' | 'cancel' | 'leftovers'): void {
    if (this.stopping || this.done) return;
    this.stopping = true;
    if (reason === 'timeout') this.timedOut = true;
    else if (reason === 'cancel') this.cancelled = true;
    else this.leftoversStopped = true;
    clearTimeout(this.timeoutTimer);
    clearInterval(this.rememberTimer);
    const grace = this.setup.killGraceMs;
    this.tree.signal('SIGTERM');
    this.pollTimer = setInterval(() => {
      if (!this.tree.alive()) {
        this.treeSettled = true;
        clearInterval(this.pollTimer);
        this.maybeFinish();
      }
    }, 50);
    this.killTimer = setTimeout(() => {
      this.tree.signal('SIGKILL');
      this.treeSettled = true;
      clearInterval(this.pollTimer);
      this.maybeFinish();
    }, grace);
    // Something that escaped every link to the run (or cannot die) may still hold the pipes: stop waiting for it.
    this.forceTimer = setTimeout(() => {
      this.child.stdout?.destroy();
      this.child.stderr?.destroy();
      this.child.stdio[3]?.destroy();
      this.openStreams = 0;
      this.exited = true;
      this.maybeFinish();
    }, grace + 1000);
  }

  private maybeFinish(): void {
    if (this.done || !this.exited || this.openStreams > 0 || this.settling) return;
    if (this.stopping && !this.treeSettled) return;
    const { text, truncated } = this.setup.output.result();
    const note = this.leftoversStopped ? `${text && !text.endsWith('\n') ? '\n' : ''}${LEFTOVERS_NOTE}\n` : '';
    const failures = parseFailureReports(this.report);
    const failure = this.setup.keepFailure === 'first' ? failures[0] : failures[failures.length - 1];
    this.finishWith({
      exitCode: this.exitCode,
      signal: this.exitSignal,
      durationMs: this.setup.elapsed(),
      timedOut: this.timedOut,
      cancelled: this.cancelled,
      output: text + note,
      truncated,
      ...(failure && this.exitCode !== 0 ? { failure } : {}),
      ...this.setup.extra,
    });
  }

  private finishWith(outcome: ShellOutcome): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.timeoutTimer);
    clearTimeout(this.killTimer);
    clearTimeout(this.forceTimer);
    clearInterval(this.pollTimer);
    clearInterval(this.rememberTimer);
    clearInterval(this.settleTimer);
    this.request.signal?.removeEventListener('abort', this.onAbort);
    this.resolve(outcome);
  }
}
