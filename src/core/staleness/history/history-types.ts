import type { MinorKind } from '../model/minor-kind';
import type { Vocabulary } from '../model/vocabulary';
import type { FileAt } from '../../repo/repo-ports';
import type { Hunk } from '../model/line-ranges';
import type { CallChange } from '../model/call-change';

export type { CallChange } from '../model/call-change';

/** Bump when `HistorySnapshot` changes shape, or what its diff notes mean changes: older caches are then rebuilt. */
export const HISTORY_FORMAT_VERSION = 19;

/** How a path was touched by a commit. Packed with the commit index as `index * 8 + code`. */
export const Touch = {
  added: 0,
  modified: 1,
  deleted: 2,
  /** The new side of a rename that also changed the content. */
  renamedTo: 3,
  /** The old side of a rename: the path stopped existing here. */
  renamedFrom: 4,
  /** The new side of a copy. */
  copiedTo: 5,
  typeChanged: 6,
  /** The new side of a rename with identical content (`R100`): not a content change. */
  movedTo: 7,
} as const;

export type TouchCode = (typeof Touch)[keyof typeof Touch];

/** One commit as the index keeps it. `index` counts from the oldest first-parent commit (0). */
export interface IndexedCommit {
  index: number;
  sha: string;
  /** Committer time, Unix seconds. */
  time: number;
  subject: string;
  /** Files touched in the whole repository. */
  fileCount: number;
  /** A merge (more than one parent): its changes came in from the merged side. */
  merge?: boolean;
}

/** A rename found in the history: `from` became `to` in commit `commit` (an index). */
export interface RenameRecord {
  from: string;
  to: string;
  commit: number;
}

/**
 * How a file differs between two of its states, whitespace ignored: line counts and zero-context
 * hunks; `binary` (or too large to diff) when only "changed or not" is known.
 */
export interface StoredDiff {
  added: number;
  deleted: number;
  hunks: Hunk[];
  binary?: boolean;
  /**
   * Set when a side was over the diff size cap (`StalenessOptions.maxDiffBytes`): the sizes in
   * bytes before and after (0 for no file), so a message can say more than "changed". `binary` is set too.
   */
  tooLarge?: { before: number; after: number };
  /** Set when git could not read a side (a submodule's commit, or an object missing from this clone). `binary` is set too. */
  unreadable?: boolean;
  /**
   * For YAML and JSON whose shape a verdict needed: `same` when both sides have the same shape
   * (see `compareShapes`), `none` when a side is not parseable data; undefined when not compared.
   */
  shape?: 'same' | 'changed' | 'none';
  /** Per hunk, what it is when it is not a real change (see `minorHunks`); absent when every hunk is real. */
  minor?: Array<MinorKind | undefined>;
  /** Versions removed by the version-only hunks, for "does the doc quote them". */
  oldVersions?: string[];
  /** The words the change took out of the file or brought in (see `vocabularyChange`); absent for a change of over 20,000 words either way, a binary file or a side that does not exist. */
  vocabulary?: Vocabulary;
  /** For YAML and JSON compared by shape: top-level keys removed (see `removedSections`), when any. */
  sections?: string[];
  /** Those of `sections` whose content left the file with a substantial part of what it said (see `sectionsGone`), when any. */
  sectionsGone?: string[];
  /** For alert rule files: the runbook values whose rules changed (see `changedRunbookRules`); undefined when not computed. */
  rules?: RuleChange[];
  /** For a Makefile a command runs: the targets whose rules changed, `''` for the default goal (see `changedMakeRules`); undefined when not computed. */
  targets?: string[];
  /**
   * For a script or a Makefile a doc calls: how the way it is called changed (see `CallChange`),
   * one entry per make target whose rule changed, or one (named '') for a script whose interface
   * changed; `false` for a file that is not a script; undefined when not computed.
   */
  calls?: CallChange[] | false;
  /**
   * Set when only the lines were worked out (see `DiffJob.linesOnly`): the counts and hunks are
   * those of the whole diff, `minor`, `oldVersions` and `vocabulary` were never computed. A verdict
   * that weighs them asks for the diff again (see `DetailBatch.needDiff`).
   */
  linesOnly?: true;
}

/**
 * The rules of one runbook value changed by a diff of an alert rule file: the words of those rules
 * the change took out or brought in (see `wordsOf`); no words for a rewrite (over
 * `MAX_VOCABULARY_WORDS` either way), which counts whatever the doc says.
 */
export interface RuleChange {
  value: string;
  words?: { lost: string[]; gained: string[] };
}

/** What a snapshot keeps of a diff beyond its counts: minor hunks (`null`: a real hunk), words, removed sections. */
export interface DiffNotes {
  minor?: Array<MinorKind | null>;
  oldVersions?: string[];
  vocabulary?: Vocabulary;
  sections?: string[];
  sectionsGone?: string[];
  rules?: RuleChange[];
  targets?: string[];
  calls?: CallChange[] | false;
}

/**
 * What the stages read of the history (`HistoryIndex` implements it): commits, the touches and
 * renames of each path, file states, and the diffs stored so far.
 */
export interface HistoryView {
  /** The commit the history ends at. */
  readonly head: string;
  readonly size: number;
  commitBySha(sha: string): IndexedCommit | undefined;
  commit(index: number): IndexedCommit;
  paths(): IterableIterator<string>;
  hasPath(path: string): boolean;
  touchesOf(path: string): Array<{ commit: number; code: TouchCode }>;
  renamesFromPath(path: string): RenameRecord[];
  renameInto(path: string, commit: number): RenameRecord | undefined;
  fileAt(path: string, commitIndex: number): FileAt | undefined;
  blobOf(state: FileAt): string | undefined;
  diff(from: FileAt | undefined, to: FileAt | undefined): StoredDiff | undefined;
  diffByKey(key: string): StoredDiff | undefined;
  setDiff(from: FileAt | undefined, to: FileAt | undefined, diff: StoredDiff): void;
}

/**
 * The serialisable form of a `HistoryIndex`. Columnar so that a 100k-commit history stays a few
 * megabytes of JSON; the diffs computed so far are kept too, keyed by the two file states (a
 * commit and a path each), because they never change.
 */
export interface HistorySnapshot {
  format: number;
  head: string;
  /** `merges`: the indexes of merge commits. */
  commits: { sha: string[]; time: number[]; subject: string[]; files: number[]; merges: number[] };
  /** path → packed touches (`index * 8 + code`), oldest first. */
  paths: Record<string, number[]>;
  /** path → the blob after each touch (same order; '' for deletions and when unknown), joined by ','. */
  oids: Record<string, string>;
  renames: Array<[string, string, number]>;
  /** `diffKey(from, to)` → [added, deleted, flags, oldStart, oldLines, newStart, newLines, …]; flags: 1 binary, 2/4/8 shape same/changed/none, 16 too large (then the two sizes come instead of hunks), 32 unreadable. */
  diffs: Record<string, number[]>;
  /** `diffKey(from, to)` → its minor hunks, words and removed sections, for the diffs that have any. */
  notes: Record<string, DiffNotes>;
}

/** The cache key of the diff between two file states (undefined: the file does not exist). */
export function diffKey(from: FileAt | undefined, to: FileAt | undefined): string {
  return `${from ? `${from.sha}:${from.path}` : ''}\u0000${to ? `${to.sha}:${to.path}` : ''}`;
}
