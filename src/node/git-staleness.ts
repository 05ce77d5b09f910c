import * as os from 'node:os';
import { commandLinks } from '../core/commands/command-links';
import { StalenessEngine, type StalenessOptionsInput } from '../core/staleness/engine';
import type { FeedbackSource, WorkspaceFiles } from '../core/staleness/ports';
import { SimpleGitHistory } from './git-history';
import { cliHistoryCacheFile, JsonHistoryStore } from './git-history-store';
import { GitWorkspaceFiles } from './git-workspace-files';
import { WorkerTextDiffer } from './worker-text-differ';

/** How the CLI (and benchmarks) open the staleness engine of one folder. */
export interface OpenStalenessOptions {
  /** Read and write the persisted history (default true); false is a cold run that touches no cache. */
  cache?: boolean;
  /** Environment for git and for finding the cache folder (passed explicitly, never read from the process). */
  env: Record<string, string | undefined>;
  /** Overrides the history cache file location. */
  cacheFile?: string;
  /** Rule settings; defaults in `DEFAULT_STALENESS_OPTIONS`. */
  staleness?: StalenessOptionsInput;
  /** More fence languages whose blocks are runnable (`runbooks.run.extraLanguages`): their commands are links too. */
  extraLanguages?: readonly string[];
  /** The files to read instead of the working tree's (`GitCommitFiles` for `check --head REF`). */
  files?: WorkspaceFiles;
  /** Incident feedback to count as evidence (e.g. an `IncidentFeedbackSource`); none: feedback is left out. */
  feedback?: FeedbackSource;
}

/** One diff thread for every engine of the process (it idles without holding the process up). */
let sharedDiffer: WorkerTextDiffer | undefined;

/** A `StalenessEngine` over a folder on disk, with git through simple-git and line diffs on a worker thread. */
export function openStalenessEngine(root: string, options: OpenStalenessOptions): StalenessEngine {
  const store = options.cache === false ? undefined : new JsonHistoryStore(options.cacheFile ?? cliHistoryCacheFile(root, options.env));
  return new StalenessEngine(
    {
      git: new SimpleGitHistory(root, options.env),
      files: options.files ?? new GitWorkspaceFiles(root, options.env),
      differ: (sharedDiffer ??= new WorkerTextDiffer()),
      ...(store ? { store } : {}),
      ...(options.feedback ? { feedback: options.feedback } : {}),
      // What runbooks' commands call (scripts, Makefiles, workflows) ages them like a link.
      commandLinks: options.extraLanguages?.length ? (doc, files) => commandLinks(doc, files, options.extraLanguages) : commandLinks,
    },
    { readAhead: os.availableParallelism() >= 4, ...options.staleness },
  );
}
