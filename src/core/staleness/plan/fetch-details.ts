import type { DocModel } from '../../doc-model';
import { queueTargetDetails } from '../evidence/target-changes';
import type { DocReference } from '../model/doc-reference';
import type { DiffQueue, EvidenceRun } from '../model/report-run';
import type { StalenessOptions } from '../options';
import type { LogCommit } from '../ports';
import type { HistoryIndex } from '../history/history-index';
import { planDocReferences } from './doc-references';
import { docsToRedo, type RunMemory } from './docs-to-redo';

/**
 * The plan ⇄ fetch loop of a report: plans every doc's reference from the diffs known so far (a
 * missing one is asked for and its commit taken for now), asks for its targets' diffs after it,
 * and fetches all of it in one git round; until a plan asks for nothing (usually two rounds, three
 * for docs whose last change turned out whitespace-only). Then the file texts read for the diffs
 * are let go of. Returns the final plan.
 */
export async function planAndFetch(run: EvidenceRun, todo: DocModel[], signal?: AbortSignal): Promise<Map<string, DocReference | string>> {
  let references = planDocReferences(run, todo);
  for (;;) {
    queueTargetDetails(run, todo, references);
    if (run.details.pending === 0) break;
    await run.details.flush(signal);
    references = planDocReferences(run, todo);
  }
  run.details.release();
  return references;
}

/**
 * The docs a re-check after `newCommits` redoes because of them, as the last run would see it (its
 * context and uncommitted changes): what it works on early (see `fetchNewCommitsDetails`).
 */
export function newCommitsTodo(memory: RunMemory, newCommits: readonly LogCommit[], docs: DocModel[]): DocModel[] {
  if (newCommits.length === 0) return [];
  const redo = docsToRedo(memory, { head: '', ignoreKey: memory.ignoreKey, context: memory.context, working: memory.working, newCommits: [...newCommits] }, docs);
  return docs.filter((doc) => redo.has(doc.path) && memory.context.resolved.has(doc.path));
}

/** What a re-check fetches early with (see `fetchNewCommitsDetails`). */
export interface EarlyDetails {
  memory: RunMemory;
  /** The docs to plan (see `newCommitsTodo`). */
  todo: DocModel[];
  index: HistoryIndex;
  /** A queue of its own (a `DetailBatch` on the index), counting the diffs it computed. */
  details: DiffQueue & { readonly fetched: number };
  options: StalenessOptions;
  signal: AbortSignal | undefined;
}

/**
 * A re-check after new commits: the diffs they bring to the docs they concern, fetched while the
 * working tree's status (the longest git process of a re-check) is still being read. Planned as
 * the last run would plan them now: with its workspace context, uncommitted changes and ignored
 * revisions. A diff is a fact about two committed file states, stored in the history index
 * whoever asked for it, so the run's own plan after the status finds these known; where the guess
 * was wrong (the working tree or context changed meanwhile) it asks for what it needs, and the
 * early work only cost time. Resolves to the number of diffs computed (never rejects).
 */
export async function fetchNewCommitsDetails(early: EarlyDetails): Promise<number> {
  const { memory, index, details, options, signal } = early;
  const { planned } = memory;
  const { todo } = early;
  if (!planned || todo.length === 0) return 0;
  const run: EvidenceRun = {
    index,
    context: memory.context,
    working: planned.working,
    isNoise: planned.isNoise,
    details,
    options,
    matches: new Map(),
  };
  try {
    await planAndFetch(run, todo, signal);
  } catch {
    // Only time was lost: the run's own plan asks again.
  }
  return details.fetched;
}
