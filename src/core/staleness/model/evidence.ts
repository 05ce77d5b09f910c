import type { DocKind } from '../../doc-kind';
import type { CommitRef, RuleIdValue, Severity, SuggestedFix } from '../../findings/finding';
import type { FeedbackRecord } from '../../incident/feedback-record';
import type { LineRange } from './line-ranges';
import type { MinorKind } from './minor-kind';
import type { ReviewStatus } from './review-status';

// What the rules read: the targets a doc depends on, what happened to them, and the reasons found
// while resolving them. Imports only leaf files, so every stage and rule can use it (the verdict
// made from it is in report.ts).

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


/** A doc's targets, and the problems found while resolving them. */
export interface ResolvedDoc {
  targets: LinkedTarget[];
  problems: StalenessReason[];
}

/** Changes of one target (file, folder or glob) after the doc's reference time. */
export interface ChangeEvidence {
  target: LinkedTarget;
  /** Qualifying commits, newest first (bulk, ignored and whitespace-only commits already left out). */
  commits: CommitRef[];
  added: number;
  deleted: number;
  /** Files of a folder or glob target that changed. */
  files: number;
  /** Changed files over the diff size cap (not counted in `added`/`deleted`): how many, and their sizes in bytes before and after, summed. */
  tooLarge?: { files: number; before: number; after: number };
  /** Changed files known only to have changed (not counted in `added`/`deleted`): binary ones, and ones git could not read (a submodule, a missing object). */
  opaque?: { binary: number; unreadable: number };
  /** Uncommitted, non-whitespace changes in the working tree. */
  uncommitted?: { added: number; deleted: number; files: number };
  /** The net change is only versions, comments or moved lines (the kinds found), and the doc quotes none of the old versions. */
  minor?: MinorKind[];
  /** The versions the version-only changes replaced. */
  oldVersions?: string[];
  /** An old version the doc quotes, when the net change is otherwise only versions: then it counts. */
  quoted?: string;
  /**
   * What the net change did to the words of the target's files, to compare with what the doc says
   * (see `mentionsOf`); absent when it cannot be told (a file appeared or went, over 20,000 words either way, a binary
   * file, uncommitted changes) and for targets every change of which counts (alert rule files,
   * watched files). Dropped once compared.
   */
  vocabulary?: ChangeVocabulary;
  /** Why the change concerns what the doc says: words it names that the change removed, entries added like ones it names, sections removed. */
  mentions?: string[];
  /** The change touches nothing the doc says about the target: `stale.unmentioned-change` (info). */
  unmentioned?: boolean;
  /** With `unmentioned`: words the doc says next to the link that the change brought into the file, as the doc spells them (what a file gains does not make a doc wrong; shown only). */
  brought?: string[];
  /** For a script or make target the doc calls: how the way it is called changed (phrases for the message). */
  calls?: string[];
  /** The file did not exist at the doc's reference and was written since (with `unmentioned`): the doc cannot have relied on it. */
  created?: boolean;
  /** For a script or make target the doc calls: only its insides changed (with `unmentioned`). */
  internal?: boolean;
}

/** The words a change of a target's files took out or brought in, entries copied, top-level data sections removed. */
export interface ChangeVocabulary {
  lost: string[];
  gained: string[];
  copies: Array<{ key: string; like: string[] }>;
  sections: string[];
  /** Those of `sections` whose content left the file with a substantial part of what it said (see `sectionsGone`): a reason whatever the doc says. */
  sectionsGone: string[];
}

/** What happened to a linked line range after the doc's reference time. */
export interface AnchorEvidence {
  target: LinkedTarget & { lines: LineRange };
  /** When the range changed: the commits that changed the file since the reference, newest first. */
  touchedBy: CommitRef[];
  /** When the range only moved: the commits that changed the file since the reference, newest first. */
  movedBy: CommitRef[];
  /** Where the range is now (estimated when touched); undefined when its lines were all removed. */
  now: LineRange | undefined;
  /** Uncommitted changes touch the range. */
  uncommittedTouch: boolean;
  /** The hunks that touch the range are only versions, comments or moved lines, and the doc quotes none of the old versions. */
  minor?: MinorKind[];
  /** The versions the version-only changes replaced. */
  oldVersions?: string[];
  /** An old version the doc quotes, when the range changed only in versions: then it counts. */
  quoted?: string;
  /** The file did not exist at the doc's reference and was written since (`touchedBy` wrote it): the doc cannot have relied on its lines. */
  created?: boolean;
}

/** A link whose target does not exist. */
export interface BrokenEvidence {
  target: LinkedTarget;
  /** Followed renames end here, at a path that exists. */
  renamedTo?: { path: string; commit?: CommitRef; uncommitted?: boolean };
  /** The commit that deleted it (or `uncommitted` for a working-tree deletion). */
  deletedIn?: CommitRef;
  deletedUncommitted?: boolean;
  /** For pinned links: the ref where it is missing. */
  pinnedAt?: string;
}

/** Everything known about one doc, gathered by the engine, ready to be scored. */
export interface DocEvidence {
  path: string;
  kind: DocKind;
  owner?: string;
  /** Why no verdict is possible (no repository, shallow clone, uncommitted doc), when that is so. */
  unknown?: string;
  reference?: {
    /** Unix seconds. */
    time: number;
    source: 'commit' | 'review' | 'working-tree';
    commit?: CommitRef;
    reviewed?: string;
    reviewedField?: string;
  };
  targets: LinkedTarget[];
  changes: ChangeEvidence[];
  anchors: AnchorEvidence[];
  broken: BrokenEvidence[];
  /** Reasons found while resolving (outside the repository, bad `watches`, unverifiable pins). */
  problems: StalenessReason[];
  /** Open incident feedback on the doc (see `withFeedback`), oldest first; undefined when there is none. */
  feedback?: FeedbackRecord[];
  review: ReviewStatus;
  /** Line for doc-level review reasons (the front matter's first line, else 1). */
  reviewLine?: number;
}
