import type { DocKind } from '../../doc-kind';
import type { CommitRef } from '../../findings/finding';
import type { LinkedTarget, StalenessReason } from './evidence';
import type { RepoState } from './repo-state';

export type { RepoState } from './repo-state';

export type { CommitRef } from '../../findings/finding';
export type { LinkedTarget, ResolvedDoc, StalenessReason, TargetOccurrence, TargetVia } from './evidence';

/** How far a doc can be trusted. */
export type StalenessLevel = 'fresh' | 'stale' | 'broken' | 'unknown';

/** The verdict on one doc. */
export interface DocStaleness {
  path: string;
  kind: DocKind;
  level: StalenessLevel;
  /** Weighted evidence (see `StalenessWeights`); 0 for a fresh doc without findings. */
  score: number;
  /** The review interval has passed; independent of `level`. */
  reviewDue: boolean;
  /** The later of the doc's last content commit and its review attestation, ISO 8601; undefined when unknown. */
  referenceTime?: string;
  /** What `referenceTime` is: the last content commit, a review attestation, or uncommitted edits. */
  referenceSource?: 'commit' | 'review' | 'working-tree';
  /** The doc's last content commit, when known. */
  lastContentCommit?: CommitRef;
  owner?: string;
  /** Reasons, errors first, then by line. */
  reasons: StalenessReason[];
  /** What the doc depends on (for CodeLens, hovers and "referenced by"). */
  targets: LinkedTarget[];
}

/** The verdicts on every doc of a workspace. */
export interface StalenessReport {
  repo: RepoState;
  docs: DocStaleness[];
  /** How the history was read, for logs and benchmarks; undefined without a usable repository. */
  history?: { head: string; commits: number; mode: 'memory' | 'cache' | 'incremental' | 'full'; commitsRead: number };
  /** Problems that did not change the verdicts (e.g. the cache could not be written). */
  warnings?: string[];
}
