import { execFile } from 'node:child_process';
import { BASE_REF_CANDIDATES, type BaseRefFacts } from '../core/base-ref';
import { safeGitArgs } from './safe-git';

/**
 * Reads what `chooseBaseRef` needs from the repository at `cwd`: where each remote's HEAD points
 * and which usual default branches exist. Git runs with `safeGitArgs` (nothing the repository
 * configures runs) and only reads refs. Empty facts when git fails.
 */
export async function readBaseRefFacts(cwd: string, env: Record<string, string>, signal?: AbortSignal): Promise<BaseRefFacts> {
  const git = (args: string[]) =>
    new Promise<string>((resolve) => {
      execFile('git', [...safeGitArgs(), ...args], { cwd, env, windowsHide: true, ...(signal ? { signal } : {}) }, (error, stdout) => resolve(error ? '' : stdout));
    });
  const heads = (await git(['for-each-ref', '--format=%(refname)%00%(symref:short)', 'refs/remotes/*/HEAD']))
    .split('\n')
    .map((line) => line.split('\0'))
    .filter((parts): parts is [string, string] => parts.length === 2 && parts[1] !== '')
    .map(([name, target]) => ({ remote: name.replace(/^refs\/remotes\//, '').replace(/\/HEAD$/, ''), target }));
  const refs = BASE_REF_CANDIDATES.map((ref) => (ref.includes('/') ? `refs/remotes/${ref}` : `refs/heads/${ref}`));
  const existing = (await git(['for-each-ref', '--format=%(refname:short)', ...refs])).split('\n').filter(Boolean);
  return { remoteHeads: heads, existing };
}
