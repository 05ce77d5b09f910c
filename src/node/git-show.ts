import { execFile } from 'node:child_process';
import { safeGitArgs } from './safe-git';

/**
 * The content of `path` at commit `ref` in the repository at `cwd` (`git show --no-textconv ref:path`, running nothing the repository configures), or
 * undefined when the file did not exist there. `env` is passed explicitly; no shell is involved.
 */
export function gitShow(cwd: string, ref: string, path: string, env: Record<string, string | undefined>): Promise<string | undefined> {
  if (!/^[0-9a-f]{7,64}$/i.test(ref) || path.startsWith('-')) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    execFile('git', [...safeGitArgs(), 'show', '--no-textconv', `${ref}:${path}`], { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => resolve(error ? undefined : stdout));
  });
}
