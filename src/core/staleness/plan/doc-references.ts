import type { DocModel } from '../../doc-model';
import { RuleId } from '../../findings/finding';
import { reviewEndOfDay } from '../history/commit-refs';
import type { EvidenceRun } from '../model/report-run';
import { Touch, type HistoryView, type IndexedCommit } from '../history/history-types';
import type { FileAt } from '../ports';
import { NAME_NOT_UTF8, type DocReference } from '../model/doc-reference';

export type { DocReference } from '../model/doc-reference';
import { workingChangeCounts } from '../history/working-tree';

/** A commit that may be a doc's last content change. */
interface Candidate {
  commit: IndexedCommit;
  path: string;
  /** For renames: the old path (what the whitespace check compares with). */
  from?: string;
  /** Additions and copies are content; everything else needs the whitespace check. */
  definitive: boolean;
}

/** Findings of a doc listed without being parsed (`placeholderDoc`): its links were never read. */
const NOT_PARSED: ReadonlySet<string> = new Set([RuleId.docUnparseable, RuleId.docUnreadable, RuleId.docTooLarge]);
const NOT_COMMITTED = 'this doc is not committed yet. Commit it to start tracking the files it links to.';

/** How many of a doc's older candidate commits are asked for along with the one whose diff is missing. */
const LOOK_AHEAD = 3;

/**
 * One planning step of the report's plan ⇄ fetch loop: every doc's reference from the diffs known
 * so far (last content commit, whitespace-only, bulk and ignored commits skipped; review; working
 * tree), a string being the `staleness.unknown` reason when there is none. Where a candidate
 * commit's diff is not known yet, it is queued in `run.details` (with the next few candidates,
 * in case it is whitespace-only) and taken as the reference for now: it nearly always is one, so
 * the caller can queue the diffs of the doc's targets after it in the same git round. The plan is
 * final when it queued nothing.
 */
export function planDocReferences(run: EvidenceRun, docs: DocModel[]): Map<string, DocReference | string> {
  const { index, working, details } = run;
  const result = new Map<string, DocReference | string>();
  for (const doc of docs) {
    if (doc.findings.some((f) => f.ruleId === RuleId.pathNotUtf8)) {
      result.set(doc.path, NAME_NOT_UTF8);
      continue;
    }
    const notParsed = doc.findings.find((f) => NOT_PARSED.has(f.ruleId));
    if (notParsed) {
      // "fresh" would only mean that the parse ran out of budget or the file could not be read.
      result.set(doc.path, `this doc was not parsed, so the files it links to are not known (see its ${notParsed.ruleId} finding).`);
      continue;
    }
    const reviewTime = reviewEndOfDay(doc.meta.review.reviewed, run.options.now());
    const wt = working.byPath.get(doc.path);
    if (wt && wt.status !== 'R' && wt.status !== 'D' && !index.hasPath(doc.path)) {
      result.set(doc.path, NOT_COMMITTED);
      continue;
    }
    if (wt && workingChangeCounts(working, doc.path, run.options)) {
      result.set(doc.path, { workingTree: true, ...(reviewTime !== undefined ? { reviewTime } : {}) });
      continue;
    }
    const historyPath = wt?.status === 'R' && wt.from !== undefined ? wt.from : doc.path;
    if (!index.hasPath(historyPath)) {
      result.set(doc.path, NOT_COMMITTED);
      continue;
    }
    const commit = lastContentCommit(index, contentCandidates(index, historyPath, run.isNoise), details);
    result.set(
      doc.path,
      commit
        ? { commitIndex: commit.index, commit, ...(reviewTime !== undefined ? { reviewTime } : {}) }
        : 'no commit changed the content of this doc (only bulk or ignored commits touched it).',
    );
  }
  return result;
}

/** Whether a doc's change was more than whitespace is all that is read of its diff: its notes are not worked out (see `DiffJob.linesOnly`). */
const LINES_ONLY = true;

/**
 * The newest candidate that changed more than whitespace, as far as the known diffs tell; the
 * first one whose diff is unknown is taken for now and its diff queued (with the next few when a
 * whitespace-only commit was passed already: there may be more).
 */
function lastContentCommit(index: HistoryView, candidates: Generator<Candidate>, details: EvidenceRun['details']): IndexedCommit | undefined {
  let passed = false;
  for (let next = nextOf(candidates); next; next = nextOf(candidates)) {
    if (next.definitive) return next.commit;
    const diff = index.diff(...candidateStates(index, next));
    if (diff) {
      if (diff.binary || diff.added + diff.deleted > 0) return next.commit;
      passed = true;
      continue;
    }
    details.needDiff(...candidateStates(index, next), candidateReads(index, next), false, undefined, LINES_ONLY);
    for (let n = 0; passed && n < LOOK_AHEAD; n++) {
      const more = nextOf(candidates);
      if (!more || more.definitive) break;
      if (!index.diff(...candidateStates(index, more))) details.needDiff(...candidateStates(index, more), candidateReads(index, more), false, undefined, LINES_ONLY);
    }
    return next.commit;
  }
  return undefined;
}

/** The doc before and after a candidate commit (before a rename: under its old path). */
function candidateStates(index: HistoryView, candidate: Candidate): [FileAt | undefined, FileAt | undefined] {
  return [index.fileAt(candidate.from ?? candidate.path, candidate.commit.index - 1), index.fileAt(candidate.path, candidate.commit.index)];
}

/** Where to read the doc before a candidate commit: at its parent, which a read ahead may have fetched already. */
function candidateReads(index: HistoryView, candidate: Candidate): { from?: string } {
  return candidate.commit.index > 0 ? { from: index.commit(candidate.commit.index - 1).sha } : {};
}

function nextOf(gen: Generator<Candidate>): Candidate | undefined {
  const next = gen.next();
  return next.done ? undefined : next.value;
}

/**
 * The commits that may hold a doc's last content change, newest first: following pure renames back
 * to the old path, skipping noise commits (except the one that created the file).
 */
function* contentCandidates(index: HistoryView, path: string, isNoise: (commit: IndexedCommit) => boolean): Generator<Candidate> {
  let current = path;
  let before = Number.POSITIVE_INFINITY;
  for (let hops = 0; hops < 100; hops++) {
    const touches = index.touchesOf(current);
    let next: { path: string; before: number } | undefined;
    for (let i = touches.length - 1; i >= 0 && !next; i--) {
      const touch = touches[i]!;
      if (touch.commit >= before) continue;
      const commit = index.commit(touch.commit);
      switch (touch.code) {
        case Touch.added:
        case Touch.copiedTo:
          yield { commit, path: current, definitive: true };
          return;
        case Touch.deleted:
        case Touch.renamedFrom:
          return;
        case Touch.movedTo: {
          const from = index.renameInto(current, touch.commit)?.from;
          if (from === undefined) return;
          next = { path: from, before: touch.commit };
          break;
        }
        case Touch.renamedTo: {
          const from = index.renameInto(current, touch.commit)?.from;
          if (!isNoise(commit)) yield { commit, path: current, ...(from !== undefined ? { from } : {}), definitive: false };
          if (from === undefined) return;
          next = { path: from, before: touch.commit };
          break;
        }
        default:
          if (!isNoise(commit)) yield { commit, path: current, definitive: false };
      }
    }
    if (!next) return;
    current = next.path;
    before = next.before;
  }
}
