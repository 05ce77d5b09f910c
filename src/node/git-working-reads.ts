// Which working-tree files git would make differ from their blob, for SimpleGitHistory's
// `readWorkingFiles`: asked once per path and run, so a run can ask early (see `prepareWorkingReads`).
import type { SimpleGit } from 'simple-git';
import { chunkPathspecs, convertedPaths, type RepoLayout } from './git-invocation';

/**
 * Per working-tree path (root-relative), whether git may make its file differ from the blob even
 * when unchanged, as asked this run. Attributes: `check-attr` (filter, ident, working-tree-encoding).
 * Files whose changes git is told not to look at: `ls-files -v` (S for skip-worktree, lower case for
 * assume-unchanged), which may differ from HEAD while status calls them unchanged. (Paths that do
 * not fit one command line: the whole index below the root, in one process.)
 */
export class ConvertedPaths {
  private known = new Map<string, Promise<boolean>>();

  /** Forgets every answer: attributes and index flags may change between runs. */
  reset(): void {
    this.known = new Map();
  }

  /** For each of `paths`, whether git converts it: the paths not asked about yet are asked in one pair of processes (`git(input)`: a client, with `input` on stdin). */
  of(paths: string[], layout: RepoLayout, git: (input?: string) => SimpleGit): Promise<boolean[]> {
    const known = this.known;
    const unknown = [...new Set(paths.filter((p) => !known.has(p)))];
    if (unknown.length > 0) {
      const specs = chunkPathspecs(unknown, layout);
      const scope = specs.length === 1 ? specs[0]! : layout.prefix ? [`:(top,literal)${layout.prefix}`] : [];
      const asking = Promise.all([
        git(`${unknown.map((p) => layout.prefix + p).join('\0')}\0`).raw(['check-attr', '-z', '--stdin', 'filter', 'ident', 'working-tree-encoding']),
        git().raw(['ls-files', '-v', '-z', '--', ...scope]),
      ]).then(([attrs, listed]) => convertedPaths(attrs, listed));
      for (const p of unknown) {
        const entry = asking.then((converted) => converted.has(layout.prefix + p));
        known.set(p, entry);
        // A failed question is asked again by the next read.
        entry.catch(() => known.get(p) === entry && known.delete(p));
      }
    }
    return Promise.all(paths.map((p) => known.get(p)!));
  }
}
