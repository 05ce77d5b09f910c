import { spawn } from 'node:child_process';
import { gitFailure } from './git-errors';
import { STABLE_CONFIG, type RepoLayout } from './git-invocation';

/** How much of git's standard error a failure message keeps. */
const MAX_STDERR_CHARS = 8192;

/**
 * Runs one git command at the repository's top level with the stable, safe config (`STABLE_CONFIG`)
 * and the layout's environment, handing each chunk of its standard output to `onChunk` as git
 * writes it; resolves when git exits with 0. For commands whose output is large and read once as
 * it streams (the history pass writes tens of megabytes on a large repository): the output is
 * never gathered into one buffer nor decoded as a whole. Rejects with git's error (a
 * `MissingGitObjectError` when it names a missing object, see `gitFailure`) or, when `signal`
 * aborts, with the abort reason after stopping git.
 */
export function streamGit(layout: Pick<RepoLayout, 'top' | 'env'>, args: string[], onChunk: (chunk: Buffer) => void, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const child = spawn('git', [...STABLE_CONFIG.flatMap((c) => ['-c', c]), ...args], { cwd: layout.top, env: layout.env, windowsHide: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let failed: unknown;
    const fail = (error: unknown) => {
      if (failed !== undefined) return;
      failed = error;
      if (child.exitCode === null) child.kill();
    };
    const onAbort = () => fail(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      if (failed !== undefined) return;
      try {
        onChunk(chunk);
      } catch (error) {
        fail(error);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_STDERR_CHARS) stderr += chunk.toString('utf8');
    });
    child.on('error', fail);
    child.on('close', (code, killedBy) => {
      signal?.removeEventListener('abort', onAbort);
      if (failed !== undefined) reject(failed);
      else if (code === 0) resolve();
      else reject(gitFailure(new Error(stderr.trim() || `git ${args[0]} exited with ${code ?? killedBy}`)));
    });
  });
}
