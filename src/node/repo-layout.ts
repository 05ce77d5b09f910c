import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { SimpleGit } from 'simple-git';
import { prefixMapper } from './git-parse';
import type { RepoLayout } from './git-invocation';
import { neutralisingEnv, readFilterDrivers } from './safe-git';

/**
 * Where the repository holding `root` is and the files git reads for it (one `git rev-parse`), or
 * a sentence saying why there is no history to compare against. `env` is the environment git is
 * given; the layout's own adds what switches off the repository's filter drivers. `client` runs
 * git at a folder with `env`.
 */
export async function detectLayout(root: string, env: Record<string, string>, client: (top: string) => SimpleGit): Promise<RepoLayout | string> {
  try {
    await fs.access(root);
  } catch {
    return `the folder ${root} does not exist.`;
  }
  let out: string;
  try {
    out = await client(root).raw(['rev-parse', '--show-toplevel', '--show-prefix', ...['shallow', 'index', 'info/attributes', 'config', 'config.worktree'].flatMap((p) => ['--git-path', p])]);
  } catch (error) {
    const message = (error as Error).message;
    if (/ENOENT|not found|spawn git/i.test(message)) return 'git is not installed (or not on PATH), so there is no history to compare against.';
    if (/dubious ownership/i.test(message)) return 'git refuses to read this repository (dubious ownership); mark it safe with `git config --global --add safe.directory <path>`.';
    return 'this folder is not in a git repository, so there is no history to compare against. Open the repository, or run `git init` and commit.';
  }
  // `--git-path` is relative to where git ran (the root) unless absolute.
  const [top = '', prefix = '', shallow = '', index = '', info = '', config = '', worktreeConfig = ''] = out.split('\n').map((line, i) => (i < 2 || !line ? line : path.resolve(root, line)));
  if (!top) return 'this folder is not in a git work tree, so there is no history to compare against.';
  const layoutEnv = { ...env, ...neutralisingEnv(await readFilterDrivers(top, env)) };
  return { top, prefix, map: prefixMapper(prefix), env: layoutEnv, ...(shallow ? { shallowFile: shallow } : {}), ...(index && info ? { indexFile: index, infoAttributes: info } : {}), ...(config && worktreeConfig ? { configFiles: [config, worktreeConfig] } : {}) };
}
