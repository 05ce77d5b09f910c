import { spawn, type ChildProcess } from 'node:child_process';
import { OUTSIDE_WHERE, resolveInside } from './workspace-boundary';
import { accessSync, constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { SandboxReport, ShellOutcome, ShellRequest, ShellRunner } from '../core/ports';
import { DEFAULT_MAX_OUTPUT_CHARS, OutputBuffer } from '../core/runner/output-cap';
import { fdLink } from './process-tree';
import { Sandbox } from './sandbox';
import { ShellRun } from './shell-run';
import { REPORT_FD, strictPrelude } from './shell-prelude';

export { LEFTOVERS_NOTE } from './shell-run';

export { DEFAULT_MAX_OUTPUT_CHARS, OutputBuffer };

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
  /** The read-only sandbox for `readOnly` requests; `false` never uses one. Default: bubblewrap when installed. */
  sandbox?: Sandbox | false;
}

/**
 * Runs scripts with a POSIX shell as `SHELL [--noprofile --norc] -c SCRIPT NAME`.
 *
 * The script is one argv string, not fed on stdin: no quoting layer stands between the runbook and
 * the shell, `$0` is the shell's name (so errors read `bash: line 2: …`), and commands in the script
 * that read stdin (`ssh`, `kubectl exec -i`, `read`) cannot swallow the rest of the script. The price
 * is the kernel's limit on one argument (128 KiB on Linux): a longer script fails to start, reported
 * like any other start failure. Strict requests (`pipefail`, `stopOnError`) get a prelude on the
 * script's first line (see {@link strictPrelude}).
 *
 * Each run is a new session and process group (`detached`), with stdin on /dev/null and no
 * controlling terminal, so nothing can prompt. Descriptor 3 is a socket to the runner: bash reports
 * failing commands on it, and every process the run starts inherits it, which is how the runner
 * finds them again (see {@link ProcessTree}). When the run is stopped (timeout, abort) every one
 * of them gets SIGTERM, then SIGKILL after the grace period, whether it stayed in the group or left
 * with `setsid`, `nohup`, `set -m` or a double fork. When the script's shell exits normally,
 * anything it left running is stopped the same way: a run is over when its script is. `readOnly`
 * requests run inside the {@link Sandbox} when it works here, in their own PID namespace as well.
 * `BASH_ENV` in `request.env` is honoured by bash, as always; callers that build the environment
 * decide whether to pass it.
 *
 * POSIX only: process groups and signals have no Windows equivalent here. Without `/proc` (macOS)
 * only the process group is stopped.
 */
export class NodeShellRunner implements ShellRunner {
  private readonly shell: string;
  private readonly killGraceMs: number;
  private readonly sandbox: Sandbox | undefined;

  constructor(options: NodeShellRunnerOptions = {}) {
    this.shell = options.shell ?? (isExecutable('/bin/bash') ? '/bin/bash' : '/bin/sh');
    this.killGraceMs = options.killGraceMs ?? 2000;
    this.sandbox = options.sandbox === false ? undefined : (options.sandbox ?? new Sandbox());
  }

  /** Whether `readOnly` requests get the sandbox here, or why not. */
  sandboxStatus(): Promise<SandboxReport> {
    return this.sandbox ? this.sandbox.status() : Promise.resolve({ active: false, reason: 'the sandbox is turned off' });
  }

  async run(request: ShellRequest): Promise<ShellOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    if (request.signal?.aborted) {
      return { exitCode: null, signal: null, durationMs: 0, timedOut: false, cancelled: true, output: '', truncated: false };
    }
    const cwdProblem = await checkCwd(request.cwd, request.root);
    if (cwdProblem) return startFailure(cwdProblem, elapsed());
    const sandbox = request.readOnly ? await this.sandboxStatus() : undefined;
    const extra = sandbox ? { sandbox } : {};
    if (request.signal?.aborted) {
      return { exitCode: null, signal: null, durationMs: elapsed(), timedOut: false, cancelled: true, output: '', truncated: false, ...extra };
    }

    const strict = { pipefail: request.pipefail ?? false, stopOnError: request.stopOnError ?? false };
    const argv = [this.shell, ...this.argsFor(strictPrelude(this.shell, strict) + request.script)];
    const command = sandbox?.active ? this.sandbox!.wrap(argv, request.cwd, request.env) : { file: argv[0]!, args: argv.slice(1) };
    const failedStart = (error: unknown) => ({ ...startFailure(`could not start ${this.shell}: ${describe(error)}`, elapsed()), ...extra });
    let child: ChildProcess;
    try {
      child = spawn(command.file, command.args, {
        cwd: request.cwd,
        env: { ...request.env },
        stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
        detached: true,
        windowsHide: true,
      });
    } catch (error) {
      return failedStart(error);
    }
    // Read at once, before the script can move its descriptor 3 elsewhere.
    const tracker = child.pid === undefined ? undefined : fdLink(child.pid, REPORT_FD);
    const max = request.maxOutputChars;
    return new Promise<ShellOutcome>((resolve) => {
      new ShellRun(
        child,
        request,
        {
          output: new OutputBuffer(max !== undefined && max >= 0 ? max : DEFAULT_MAX_OUTPUT_CHARS),
          tracker,
          killGraceMs: this.killGraceMs,
          elapsed,
          extra,
          keepFailure: strict.stopOnError ? 'first' : 'last',
          startFailure: failedStart,
        },
        resolve,
      ).start();
    });
  }

  private argsFor(script: string): string[] {
    const name = path.basename(this.shell);
    if (name === 'bash') return ['--noprofile', '--norc', '-c', script, name];
    if (name === 'zsh') return ['-f', '-c', script, name];
    return ['-c', script, name];
  }
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

async function checkCwd(cwd: string, root: string | undefined): Promise<string | undefined> {
  if (!path.isAbsolute(cwd)) return `the working directory must be an absolute path, got ${JSON.stringify(cwd)}`;
  if (root !== undefined) {
    const resolved = await resolveInside(root, cwd).catch(() => undefined);
    if (resolved?.kind !== 'inside') return `the working directory ${path.relative(root, cwd) || '.'} ${resolved?.kind === 'missing' ? 'does not exist' : OUTSIDE_WHERE}; nothing was run`;
  }
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

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
