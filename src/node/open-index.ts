import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE } from '../core/doc-filter';
import { WorkspaceIndex } from '../core/workspace-index';
import type { ChangeSetFiles } from '../core/repo/repo-ports';
import { cliIndexCacheFile } from './cache-location';
import { GitCommitDocSource, type GitCommitFiles } from './git-commit-files';
import { JsonIndexStore } from './json-index-store';
import { NodeDocSource } from './node-doc-source';
import { WorkerPoolParser } from './worker-pool-parser';

/** How the CLI (and benchmarks) open the index of one folder. */
export interface OpenIndexOptions {
  /** Read and write the persisted index (default true); false is a cold run that touches no cache. */
  cache?: boolean;
  include?: string[];
  exclude?: string[];
  useGitignore?: boolean;
  maxFileBytes?: number;
  /** Environment used to find the cache folder (passed explicitly, never read from the process). */
  env: Record<string, string | undefined>;
  /** Overrides the cache file location. */
  cacheFile?: string;
  /** Parse on worker threads when a build has many files (default true). */
  parallel?: boolean;
}

/** A `WorkspaceIndex` over a folder on disk, not yet built. */
export function openWorkspaceIndex(root: string, options: OpenIndexOptions): WorkspaceIndex {
  const source = new NodeDocSource(root, {
    include: options.include ?? DEFAULT_INCLUDE,
    exclude: options.exclude ?? DEFAULT_EXCLUDE,
    useGitignore: options.useGitignore ?? true,
  });
  const store = options.cache === false ? undefined : new JsonIndexStore(options.cacheFile ?? cliIndexCacheFile(root, options.env));
  return new WorkspaceIndex(source, {
    ...(store ? { store } : {}),
    ...(options.parallel === false ? {} : { parser: new WorkerPoolParser() }),
    ...(options.maxFileBytes ? { maxFileBytes: options.maxFileBytes } : {}),
  });
}

/**
 * A `WorkspaceIndex` of the docs as they are in one commit (`files`), with the default doc filter
 * and no cache, not yet built: what `runbooks check --head REF` checks.
 */
export function openCommitIndex(files: GitCommitFiles, blobs: Pick<ChangeSetFiles, 'readFiles'>): WorkspaceIndex {
  return new WorkspaceIndex(new GitCommitDocSource(files, blobs, { include: DEFAULT_INCLUDE, exclude: DEFAULT_EXCLUDE }));
}
