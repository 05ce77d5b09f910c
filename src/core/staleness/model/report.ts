import type { DocKind } from '../../doc-kind';
import type { CommitRef, RuleIdValue, Severity, SuggestedFix } from '../../findings/finding';
import type { LineRange } from './line-ranges';
import type { RepoState } from './repo-state';

export type { RepoState } from './repo-state';

export type { CommitRef } from '../../findings/finding';

/** How far a doc can be trusted. */
export type StalenessLevel = 'fresh' | 'stale' | 'broken' | 'unknown';

/** How a doc came to depend on a target. */
export type TargetVia = 'link' | 'url' | 'watches' | 'code-span' | 'alert-rule' | 'command';

/** Where in the doc a target is named. */
export interface TargetOccurrence {
  line: number;
  column?: number;
  /** The link, pattern or code span as written. */
  raw: string;
}

/** A file, folder or glob a doc depends on, resolved to the workspace root. */
export interface LinkedTarget {
  /** Root-relative posix path ('' for the root) or, for `glob`, the pattern. */
  path: string;
  /** `missing`: a file or folder that does not exist in the working tree now. */
  kind: 'file' | 'directory' | 'glob' | 'missing';
  via: TargetVia;
  /** Linked line range (`#L10-L20`), in the file as it was when the doc was last changed or reviewed. */
  lines?: LineRange;
  /** Links to a commit or tag (history on purpose) or to another branch than the one checked out: only checked for existence there. */
  pinned?: { ref: string; kind: 'commit' | 'tag' | 'branch' };
  /** False for links to other markdown docs: they are checked for existence but their edits do not age this doc. */
  tracked: boolean;
  /** First place the doc names it. */
  line: number;
  column?: number;
  raw: string;
  /** Every place the doc names it (same path, lines and pin), in order. */
  occurrences: TargetOccurrence[];
  /** For `alert-rule`: the line of the `runbook_url:` annotation in the rule file. */
  ruleLine?: number;
  /** For a missing link of a docs-site page: the site's generator, the source files tried and the files that declare redirects. */
  site?: { generator: string; tried: string[]; redirectSources: string[] };
}

/** One reason behind a verdict, placed on a line of the doc. */
export interface StalenessReason {
  ruleId: RuleIdValue;
  severity: Severity;
  /** Root-relative path (or pattern) the reason is about; undefined for doc-level reasons. */
  target?: string;
  /** 1-based line in the doc. */
  line: number;
  column?: number;
  /** What is wrong and what to do about it. */
  message: string;
  /** The commits behind the reason, newest first. */
  commits: CommitRef[];
  /** For `link.renamed-target` and `link.anchor-drifted`: what to replace the link with. */
  suggestion?: { path: string; lines?: LineRange; commit?: CommitRef };
  /** A fix made by the rule itself (command drift's `command.*` reasons); used as is instead of one made from `suggestion`. */
  fix?: SuggestedFix;
  /** Line counts behind a `stale.*` reason (whitespace ignored). */
  added?: number;
  deleted?: number;
  /** For `stale.linked-code-changed`: files over the diff size cap changed, with their sizes in bytes before and after (summed over the target's files). */
  tooLarge?: { before: number; after: number };
}

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

/** A doc's targets, and the problems found while resolving them. */
export interface ResolvedDoc {
  targets: LinkedTarget[];
  problems: StalenessReason[];
}
