import { scanCoverage } from '../core/alerts/scan';
import type { CoverageReport } from '../core/alerts/coverage';
import { DEFAULT_RULE_FILE_SETTINGS, type RuleFileSettings } from '../core/alerts/rule-files';
import type { DocModel } from '../core/doc-model';
import { SimpleGitHistory } from './git-history';
import type { WorkspaceFiles } from '../core/repo/repo-ports';
import { GitWorkspaceFiles } from './git-workspace-files';

/** Options of `loadAlertCoverage`. */
export interface AlertCoverageOptions {
  /** Environment for git (passed explicitly, never read from the process). */
  env: Record<string, string | undefined>;
  /** Which files are rule files; default `DEFAULT_RULE_FILE_SETTINGS`. */
  settings?: RuleFileSettings;
  signal?: AbortSignal;
  /** False in an untrusted workspace: files are found by walking the folder, no git process starts, and no remote is known. */
  useGit?: boolean;
  /** The files to read instead of the working tree's (`GitCommitFiles` for `check --head REF`). */
  files?: WorkspaceFiles;
}

/**
 * Alert coverage of a folder on disk: its files as git lists them (or a walk outside a repository),
 * its remotes and refs for blob URLs into it (none outside a repository), and the indexed docs.
 */
export async function loadAlertCoverage(root: string, docs: DocModel[], options: AlertCoverageOptions): Promise<CoverageReport> {
  const useGit = options.useGit !== false;
  const git = new SimpleGitHistory(root, options.env);
  const state = useGit ? await git.state(options.signal).catch(() => undefined) : undefined;
  const inRepo = state?.kind === 'git';
  const [remotes, refs] = await Promise.all([
    inRepo ? git.remotes(options.signal).catch(() => []) : Promise.resolve([]),
    inRepo ? git.refs(options.signal).catch(() => ({ branches: [], tags: [] })) : Promise.resolve({ branches: [], tags: [] }),
  ]);
  return scanCoverage(docs, {
    files: options.files ?? new GitWorkspaceFiles(root, options.env, { useGit }),
    remotes,
    refs,
    settings: options.settings ?? DEFAULT_RULE_FILE_SETTINGS,
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
