// Questions about paths at given commits, for SimpleGitHistory: which paths exist at a commit, and
// which commit on a merge's merged side last changed a path.
import type { SimpleGit } from 'simple-git';
import type { MergedChange } from '../core/staleness/ports';
import { chunkArgs, chunkPathspecs, isSafeRev, type RepoLayout } from './git-invocation';

const RECORD = '\u001e';
const FIELD = '\u001f';

/** Which of `paths` (root-relative, '' for the root) exist in the tree of commit `sha`. */
export async function pathsAtCommit(git: SimpleGit, layout: RepoLayout, sha: string, paths: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  // The top folder exists at every commit, and `ls-tree` takes no empty path.
  if (!layout.prefix && paths.includes('')) found.add('');
  for (const chunk of chunkArgs(paths.filter((p) => layout.prefix + p !== '').map((p) => layout.prefix + p))) {
    const out = await git.raw(['ls-tree', '--full-tree', '--name-only', '-z', sha, '--', ...chunk]);
    for (const top of out.split('\0')) {
      const mapped = top ? layout.map(top) : undefined;
      if (mapped === undefined) continue;
      found.add(mapped);
      // Asked about `manifests` and `manifests/ha` at once, ls-tree lists what is inside `manifests`, not it.
      for (let slash = mapped.lastIndexOf('/'); slash > 0; slash = mapped.lastIndexOf('/', slash - 1)) found.add(mapped.slice(0, slash));
    }
  }
  return found;
}

/**
 * Per path, the newest commit of `merge^1..merge` other than the merge itself that changed it
 * (`git log --name-only`, newest first, limited to the paths): the commit on the merged side.
 * Empty for a commit that is not a merge (its range holds only itself).
 */
export async function mergedChangesOf(git: SimpleGit, layout: RepoLayout, merge: string, paths: string[]): Promise<Map<string, MergedChange>> {
  const out = new Map<string, MergedChange>();
  if (!isSafeRev(merge) || !/^[0-9a-f]{40,64}$/.test(merge)) return out;
  for (const chunk of chunkPathspecs(paths, layout)) {
    const text = await git.raw(['log', `--format=${RECORD}%H${FIELD}%at${FIELD}%s`, '--name-only', '-z', '--no-ext-diff', `${merge}^1..${merge}`, '--', ...chunk]);
    let current: MergedChange | undefined;
    for (const raw of text.split('\0')) {
      const token = raw.replace(/^\n+/, '');
      if (token.startsWith(RECORD)) {
        const [sha = '', time = '0', ...subject] = token.slice(1).split(FIELD);
        current = sha === merge ? undefined : { sha, authorTime: Number(time), subject: subject.join(FIELD) };
        continue;
      }
      const path = token && current ? layout.map(token) : undefined;
      if (path !== undefined && !out.has(path)) out.set(path, current!);
    }
  }
  return out;
}

/**
 * The remote-tracking ref of a branch a fresh clone has only there (`release-1.7` →
 * `refs/remotes/origin/release-1.7`): `origin` first, else the first remote that has it.
 */
export async function remoteBranchRef(git: SimpleGit, branch: string): Promise<string | undefined> {
  if (branch.startsWith('refs/') || branch.startsWith('-')) return undefined;
  const out = await git.raw(['for-each-ref', '--format=%(refname)', 'refs/remotes/']).catch(() => '');
  const names = out.split('\n').filter((r) => r.endsWith(`/${branch}`) && r.split('/').length === 3 + branch.split('/').length);
  return names.find((r) => r.startsWith('refs/remotes/origin/')) ?? names[0];
}
