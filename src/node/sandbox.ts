import { execFile } from 'node:child_process';
import { accessSync, constants as fsConstants, statSync } from 'node:fs';
import * as path from 'node:path';
import type { SandboxReport } from '../core/ports';

/** Where bubblewrap is looked for, in order, when no path is given. */
const BWRAP_CANDIDATES = ['/usr/bin/bwrap', '/usr/local/bin/bwrap', '/bin/bwrap'];

/** Folders under the home folder that read-only tools write caches to; each gets a private, empty tmpfs. */
const HOME_CACHES = ['.cache', '.kube/cache', '.kube/http-cache'];

/**
 * The read-only sandbox for check blocks: bubblewrap (`bwrap`) with the whole file system
 * mounted read-only, a private tmpfs on `/tmp` (and on `$TMPDIR` and the cache folders above),
 * a fresh minimal `/dev`, and its own PID namespace so everything the block starts ends with it.
 * The network is shared: checks query clusters and endpoints. `/proc` stays the host's (read-only),
 * so `ps`/`pgrep` checks see the machine's processes.
 */
export class Sandbox {
  private probed: Promise<SandboxReport> | undefined;

  /** @param bwrap path of the bwrap binary, `false` for none; default the first of the usual places that exists. */
  constructor(private readonly bwrap: string | false = findBwrap() ?? false) {}

  /** Whether the sandbox works on this machine, checked once by starting `true` in it. */
  status(): Promise<SandboxReport> {
    this.probed ??= this.probe();
    return this.probed;
  }

  /** The command line that runs `argv` in the sandbox, in `cwd`, with `env` (for `$HOME`/`$TMPDIR`). */
  wrap(argv: string[], cwd: string, env: Record<string, string>): { file: string; args: string[] } {
    if (!this.bwrap) throw new Error('bubblewrap is not available');
    return { file: this.bwrap, args: [...sandboxArgs(cwd, env), '--', ...argv] };
  }

  private async probe(): Promise<SandboxReport> {
    if (process.platform !== 'linux') return { active: false, reason: `the read-only sandbox needs Linux (this is ${process.platform})` };
    if (!this.bwrap) return { active: false, reason: 'bubblewrap (bwrap) is not installed' };
    const bwrap = this.bwrap;
    const args = [...sandboxArgs('/', {}), '--', 'true'];
    return new Promise((resolve) => {
      execFile(bwrap, args, { timeout: 10_000, env: {} }, (error, _stdout, stderr) => {
        if (!error) resolve({ active: true });
        else {
          const why = String(stderr).trim().split('\n')[0] || (error as Error).message;
          resolve({ active: false, reason: `bubblewrap cannot start here: ${why}` });
        }
      });
    });
  }
}

/** The bwrap options, without the command. Exported for tests. */
export function sandboxArgs(cwd: string, env: Record<string, string>): string[] {
  const args = ['--ro-bind', '/', '/', '--dev', '/dev', '--tmpfs', '/tmp'];
  const writable = new Set<string>();
  const tmpdir = env.TMPDIR;
  if (tmpdir && path.isAbsolute(tmpdir) && isDirectory(tmpdir) && path.resolve(tmpdir) !== '/tmp') writable.add(path.resolve(tmpdir));
  const home = env.HOME;
  if (home && path.isAbsolute(home)) {
    for (const cache of HOME_CACHES) {
      const dir = path.join(home, cache);
      if (isDirectory(dir)) writable.add(dir);
    }
  }
  // A working directory or home under one of those tmpfs (a workspace in /tmp) is put back, read-only.
  const hidden = [...writable, '/tmp'];
  const back = new Set<string>();
  for (const dir of [path.resolve(cwd), ...(home && path.isAbsolute(home) && isDirectory(home) ? [path.resolve(home)] : [])]) {
    if (hidden.some((tmpfs) => isInside(dir, tmpfs) && !isInside(tmpfs, dir))) back.add(dir);
  }
  // Shallower mounts first: a deeper one must lie on top (a cache tmpfs inside a home put back).
  const mounts = [...[...writable].map((dir) => ['--tmpfs', dir]), ...[...back].map((dir) => ['--ro-bind', dir, dir])];
  mounts.sort((a, b) => depth(a[1]!) - depth(b[1]!));
  for (const mount of mounts) args.push(...mount);
  args.push('--unshare-pid', '--die-with-parent', '--chdir', cwd);
  return args;
}

/** The first usual bwrap path that is executable, or undefined. */
export function findBwrap(candidates: readonly string[] = BWRAP_CANDIDATES): string | undefined {
  for (const candidate of candidates) {
    try {
      accessSync(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function depth(dir: string): number {
  return dir.split('/').filter(Boolean).length;
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
