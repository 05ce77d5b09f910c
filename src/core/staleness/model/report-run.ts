import type { AlertRuleLink } from '../../alerts/types';
import type { DocModel } from '../../doc-model';
import type { BlobContent, FileAt, GitRefs, RepoLocation } from '../../repo/repo-ports';
import type { SiteContext } from '../../site/site-model';
import type { HistoryView, IndexedCommit } from '../history/history-types';
import type { StalenessOptions } from '../options';
import type { FileSet } from '../targets/file-set';
import type { ResolvedDoc } from './evidence';
import type { WorkingTree } from './git-records';

// What the stages of one report run share: the workspace as scanned and resolved (scan/, targets/),
// and what the evidence stages work from (the history, the working tree, the diff queue, caches).
// Types only, importing files that import only leaves, so that every stage can take them.

/** The working tree as resolution sees it: files, forge locations, refs, and every doc's targets. */
export interface WorkspaceContext {
  files: FileSet;
  /** Every file, as listed. */
  list: string[];
  repos: RepoLocation[];
  refs: GitRefs;
  /** doc path → alert rule files pointing at it. */
  alertRules: Map<string, AlertRuleLink[]>;
  /** doc path → its targets and resolution problems. */
  resolved: Map<string, ResolvedDoc>;
  /** The docs resolved (to tell a changed doc from the same one next time). */
  docs: Map<string, DocModel>;
  /** The docs sites detected, whose URLs links are resolved against. */
  site: SiteContext;
  /** The files read to detect `site` (see `keptSites`). */
  siteReads: string[];
  /** What resolution depended on besides the docs and `list` (remotes, refs, alert rules, sites), as one string. */
  key: string;
}

/**
 * What docs say next to their links, kept between runs (by an engine): doc path → the text it was
 * worked out from and, by what was asked (the links' lines and target, or the whole doc for alert
 * rules), the terms. A doc whose text is unchanged is not parsed again when a new commit changes
 * one of its targets.
 */
export type DocTermsCache = Map<string, { text: string; terms: Map<string, Map<string, string>> }>;

/**
 * The queue of diffs a run needs (implemented by `DetailBatch` in diffs/): stages ask for the diff
 * of two file states, and the plan flushes the queue, which stores the diffs in the history index.
 */
export interface DiffQueue {
  /**
   * Queues the diff from one state to another (undefined: no file) unless it is known; `read` names
   * later commits where each side is the same; `shape`: a verdict weighs whether a YAML or JSON
   * file kept its shape; `blocks`: a verdict needs which alert rules or make targets of the file
   * changed; `linesOnly`: only the line diff is wanted, not its notes (see `DiffJob.linesOnly`).
   */
  needDiff(from: FileAt | undefined, to: FileAt | undefined, read?: { from?: string; to?: string }, shape?: boolean, blocks?: 'rules' | 'targets' | 'calls', linesOnly?: boolean): void;
  /** Diffs queued and not computed yet. */
  readonly pending: number;
  /** Diffs computed so far (the history cache is saved again when some were). */
  readonly fetched: number;
  /** Computes every queued diff. */
  flush(signal?: AbortSignal): Promise<void>;
  /** Lets go of the file texts read for diffs: no more diffs will be asked for. */
  release(): void;
}

/** What the evidence phases of one report share: the history, the workspace, and the per-run caches. */
export interface EvidenceRun {
  index: HistoryView;
  context: WorkspaceContext;
  working: WorkingTree;
  isNoise: (commit: IndexedCommit) => boolean;
  /** Line counts and hunks queued for the next git round. */
  details: DiffQueue;
  options: StalenessOptions;
  /** `kind\0path` of a folder or glob target → the paths it covers (cached per run). */
  matches: Map<string, string[]>;
  /** Target and reference → the paths changed after it (cached per run; see `target-changes.ts`). */
  pathChanges?: Map<string, unknown>;
  /** What docs say next to their links, kept by the engine between runs (see `compareWithDocs`). */
  docTerms?: DocTermsCache;
  /** Docs' texts read ahead for `compareWithDocs` (see `readDocTexts`). */
  docTexts?: Map<string, Promise<BlobContent | undefined>>;
}

/** A re-check redoing at most this many docs reads their text beside the diffs (see `readRedoneDocTexts`). */
export const EARLY_DOC_READS = 64;
