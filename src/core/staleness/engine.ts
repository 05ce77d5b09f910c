import type { DocModel } from '../doc-model';
import { checkChanges, type CheckRange, type CheckReport } from './check/check-changes';
import { noiseFilter } from './history/commit-refs';
import type { DocTermsCache, EvidenceRun, WorkspaceContext } from './model/report-run';
import { loadContext } from './scan/workspace-context';
import { DetailBatch } from './diffs/diff-batch';
import { AHEAD_SHAPES, coveredFiles, MAX_READ_AHEAD, NO_SHAPES, ReadAhead } from './diffs/read-ahead';
import { collectDocEvidence, evidenceWithoutHistory, keptEvidence } from './evidence/doc-evidence';
import { fetchNewCommitsDetails, newCommitsTodo, planAndFetch } from './plan/fetch-details';
import { HistoryIndex } from './history/history-index';
import { docsNewCommitsConcern, docsToRedo, workingSignatures, type RunChanges, type RunMemory } from './plan/docs-to-redo';
import { loadFeedback, withFeedback } from './evidence/incident-feedback';
import type { FileChange, LogCommit, RepoState, StalenessDeps } from './ports';
import type { DocEvidence } from './model/evidence';
import type { RunControl } from './model/run-control';
import { resolveStalenessOptions, type StalenessOptions, type StalenessOptionsInput } from './options';
import { verdictOf } from './verdict/verdict-of';
import { VERDICT_RULES } from './rules/rule-table';
import { StreamReadAhead } from './diffs/stream-read-ahead';
import { syncHistory } from './history/sync-history';
import { readWorkingChanges, watchedScope, type SyncSeen } from './plan/watched-status';
import { DiffsFirst } from './plan/diffs-first';
import { HistoryWrites } from './history/history-journal';
import { askLikelyMergedChanges, askMergedChanges, nameMergedChanges, type MergedChangeCache } from './evidence/merged-changes';
import type { DocStaleness, StalenessReport } from './model/report';
import { MissingGitObjectError, missingObjectReason } from '../repo/missing-object';
import { unknownReason } from './history/repo-state-reason';
import { indexWorkingTree } from './history/working-tree';
import { loadWorkingDiff } from './history/working-diff';
import { ListingRun } from './plan/kept-listing';
import { compareWithDocs, readDocTexts, readRedoneDocTexts, type DocTexts } from './evidence/mentions';
import { checkPinned, checkPinnedKnowing, type PinnedVerdict } from './evidence/broken-links';

export type { StalenessDeps } from './ports';
export type { StalenessOptionsInput } from './options';
export type { RunControl, StalenessProgress } from './model/run-control';
export { commitRef, noiseFilter, reviewEndOfDay } from './history/commit-refs';

/**
 * Decides, for every doc, whether it can still be trusted: from the first-parent git history of the
 * files it links to, watches or is named by, after the later of its last content commit and its
 * review attestation. Keeps the history in memory between runs (and in the store between
 * processes), reading only new commits when HEAD moves on.
 */
export class StalenessEngine {
  /** The options in force, defaults filled in. */
  readonly options: StalenessOptions;
  private history: HistoryIndex | undefined;
  /** The last run's conclusions, which the next run reuses where nothing changed. */
  private memory: RunMemory | undefined;
  private readonly writes: HistoryWrites;
  /** Verdicts by the evidence they were scored from (evidence is never changed once made). */
  private readonly verdicts = new WeakMap<DocEvidence, DocStaleness>();
  /** Kept between runs: the commits behind merges found so far (see `nameMergedChanges`), and what docs say next to their links while their text is the same (see `compareWithDocs`). */
  private readonly kept: { mergedChanges: MergedChangeCache; docTerms: DocTermsCache } = { mergedChanges: new Map(), docTerms: new Map() };

  constructor(
    private readonly deps: StalenessDeps,
    options: StalenessOptionsInput = {},
  ) {
    this.options = resolveStalenessOptions(options);
    this.writes = new HistoryWrites(deps.store, this.kept.mergedChanges);
  }

  /**
   * Scores every doc. Never rejects for repository trouble (no git, shallow clone, no commits):
   * those docs come back `unknown` (or `broken`) with a `staleness.unknown` reason. Rejects when
   * aborted, and when git fails unexpectedly.
   */
  async report(docs: DocModel[], run: RunControl = {}): Promise<StalenessReport> {
    const { signal, onProgress } = run;
    const { git, files } = this.deps;
    // The memory holds for the history at its head. A run that failed after the history moved
    // on (it is synced in place) left them apart: the commits between would never be looked at.
    if (this.memory && this.history && this.memory.head !== this.history.head) this.memory = undefined;
    // The state starts a run: every git process after it switches off the filter drivers the
    // repository configures now (a driver added since the last run included).
    const state = await git.state(signal, { watched: run.watched !== undefined });
    const unknown = unknownReason(state);
    // The working tree's status is the longest git process of a re-check (a whole-tree scan):
    // it starts before the others, which the main thread starts one after another.
    // (Of the few paths that can have changed, when the caller watched the working tree.)
    let synced: (sync: Promise<SyncSeen>) => void = () => undefined;
    const syncSeen = new Promise<SyncSeen>((resolve) => (synced = resolve));
    const workingRead = unknown === undefined && this.options.workingTree ? readWorkingChanges(git, watchedScope(this.memory, run.watched), syncSeen, signal) : Promise.resolve([] as FileChange[]);
    workingRead.catch(() => undefined);
    onProgress?.({ phase: 'links', message: 'Resolving links' });
    // Independent phases run side by side: listing and resolving, the history pass, the working tree.
    // What changed since the last run (new commits, uncommitted changes then and now) lets the
    // context reuse its scan of alert rule files; the history and working tree are read below.
    let changed: (value: Set<string> | undefined) => void = () => undefined;
    const changedSince = new Promise<Set<string> | undefined>((resolve) => (changed = resolve));
    const listing = new ListingRun(this.memory && { list: this.memory.context.list, key: this.memory.listKey }, files, this.options.workingTree, signal);
    const contextRead = loadContext(docs, git, files, state, this.options, signal, this.memory?.context, this.memory ? changedSince : undefined, this.deps.commandLinks, listing.listing, run.watched?.refs === false);
    const feedbackRead = loadFeedback(this.deps.feedback, signal);
    feedbackRead.catch(() => undefined);
    if (unknown !== undefined) {
      changed(undefined);
      listing.seen(undefined);
      const context = await contextRead;
      return { repo: state, docs: docs.map((doc) => verdictOf(evidenceWithoutHistory(doc, context, unknown, this.options), this.options, VERDICT_RULES)) };
    }
    const head = (state as { head: string }).head;
    try {
      return await this.reportFromHistory(docs, run, state, head, contextRead, feedbackRead, changed, listing, workingRead, synced);
    } catch (error) {
      if (!(error instanceof MissingGitObjectError)) throw error;
      // What was read of the history is incomplete: nothing of it is kept for the next run.
      this.history = undefined;
      this.memory = undefined;
      const context = await contextRead;
      const reason = missingObjectReason(error);
      return { repo: state, docs: docs.map((doc) => verdictOf(evidenceWithoutHistory(doc, context, reason, this.options), this.options, VERDICT_RULES)) };
    }
  }

  /** The report once the repository has commits: the history pass, the plan ⇄ fetch loop, the verdicts. */
  private async reportFromHistory(
    docs: DocModel[],
    run: RunControl,
    state: RepoState,
    head: string,
    contextRead: Promise<WorkspaceContext>,
    feedbackRead: ReturnType<typeof loadFeedback>,
    changed: (value: Set<string> | undefined) => void,
    listing: ListingRun,
    /** The uncommitted changes (`changedFiles('HEAD')`, none without `workingTree`), being read. */
    workingRead: Promise<FileChange[]>,
    synced: (sync: Promise<SyncSeen>) => void,
  ): Promise<StalenessReport> {
    const { signal, onProgress } = run;
    const { git } = this.deps;

    // Without any history yet (a cold run), the files at HEAD that links point to are read while
    // the history pass runs: the diffs after it then only wait for the older side.
    const stored = this.history ? undefined : await this.writes.restore();
    const cold = !this.history && !stored;
    // Whether a pinned link's target exists at its ref needs the links, not the history: on a run
    // that works out every doc (no memory of the last one) it is asked while the history is read.
    const pinnedEarly = this.memory ? undefined : contextRead.then((context) => checkPinned(docs, context, git, signal));
    pinnedEarly?.catch(() => undefined);
    // Shapes worked out during the history pass take CPU from it: only with cores to spare, as reading ahead.
    const ahead = cold ? new ReadAhead(git, signal, this.options.maxDiffBytes, this.deps.differ, this.options.readAhead ? AHEAD_SHAPES : NO_SHAPES) : undefined;
    const stream = ahead && this.options.readAhead ? new StreamReadAhead(ahead, new Set(docs.map((d) => d.path)), this.options.bulkCommitFiles) : undefined;

    const syncRead = syncHistory(git, head, {
        ...(this.history ? { current: this.history } : {}),
        ...(stored ? { stored } : {}),
        ...(signal ? { signal } : {}),
        ...(stream ? { onCommit: (commit: LogCommit) => stream.onCommit(commit) } : {}),
        onProgress: (n) => onProgress?.({ phase: 'history', message: `Reading history: ${n} commits` }),
      });
    const first = new DiffsFirst(); // the status of watched paths waits for the early diffs to be handed over
    synced(first.after(syncRead));
    // A cold run compares the docs it finds changes for with them at its end, reading their texts
    // from the working tree: their reads are prepared with the linked files' read ahead (below), in
    // the same git processes. (Elsewhere preparing them would cost processes a run without such
    // changes never starts.)
    const docPaths = ahead && this.options.mentions ? docs.map((d) => d.path) : [];
    if (ahead) {
      // A cold run reads, while the history streams, the linked files as they are now: from disk
      // where they are unchanged since HEAD (cheap), with git otherwise (with `readAhead` only:
      // on two cores git's reads slow the history pass as much as they save). Which files are
      // unchanged must be known even when uncommitted changes do not count.
      const changedRead = this.options.workingTree ? workingRead : git.changedFiles('HEAD', undefined, signal);
      Promise.all([contextRead, changedRead]).then(([context, now]) => {
        const covered = coveredFiles(docs, context);
        const changedNow = new Set(now.flatMap((c) => [c.path, ...(c.from !== undefined ? [c.from] : [])]));
        const atHead = [...new Set([...covered.values()].flat())];
        const unchanged = atHead.length <= MAX_READ_AHEAD ? atHead.filter((p) => !changedNow.has(p)) : [];
        if (docPaths.length > 0) git.prepareWorkingReads([...unchanged, ...docPaths], signal);
        if (atHead.length <= MAX_READ_AHEAD) {
          ahead.startWorking(head, unchanged);
          if (stream) ahead.start(atHead.filter((p) => changedNow.has(p)).map((path) => ({ sha: head, path })));
        }
        stream?.setTargets(covered);
      }, () => undefined);
    }
    // A re-check after new commits works on the docs they concern as soon as the commits are known,
    // while the working tree's status (the longest process of a re-check) is still being read: it
    // reads the texts it compares at its end, asks about their pinned links and fetches the diffs
    // the commits bring (see `fetchNewCommitsDetails`).
    const memory = this.memory;
    const early: Promise<{ texts?: DocTexts; pinned?: Promise<Map<string, PinnedVerdict> | undefined>; fetched: number }> = first.until(memory ? syncRead.then(async (sync) => {
      const added = sync.mode === 'incremental' ? sync.added ?? [] : [];
      const paths = this.options.mentions ? docsNewCommitsConcern(memory, added, docs) : [];
      const texts = paths.length > 0 ? readDocTexts(git, paths, signal, first.handed) : undefined;
      const todo = newCommitsTodo(memory, added, docs);
      const pinned = todo.length > 0 ? checkPinned(todo, memory.context, git, signal).catch(() => undefined) : undefined;
      const fetched = todo.length === 0 ? 0 : await fetchNewCommitsDetails({ memory, todo, index: sync.index, details: new DetailBatch(sync.index, git, undefined, first.differ(this.deps.differ), signal, this.options.maxDiffBytes), options: this.options, signal });
      return { texts, pinned, fetched };
    }, () => ({ fetched: 0 })) : Promise.resolve({ fetched: 0 }));
    const previousWorking = [...(this.memory?.working.keys() ?? [])];
    Promise.all([syncRead, workingRead]).then(
      ([sync, now]) => {
        listing.seen({ mode: sync.mode, added: sync.added, now });
        changed(sync.mode === 'full' ? undefined : new Set([...(sync.added ?? []).flatMap((c) => c.changes.flatMap((ch) => [ch.path, ...(ch.from !== undefined ? [ch.from] : [])])), ...now.map((ch) => ch.path), ...previousWorking]));
      },
      () => void (listing.seen(undefined), changed(undefined)),
    );
    const [context, sync, ignoreList, working] = await Promise.all([
      contextRead,
      syncRead,
      this.options.useBlameIgnoreRevs ? git.ignoreRevs(signal).catch(() => [] as string[]) : Promise.resolve([] as string[]),
      workingRead,
    ]);
    stream?.end();
    const index = sync.index;
    if (sync.mode === 'incremental' || sync.mode === 'full') this.writes.changed = true;
    this.history = index;
    const evidenceRun: EvidenceRun = {
      index,
      context,
      working: indexWorkingTree(working),
      isNoise: noiseFilter(ignoreList, this.options.bulkCommitFiles),
      details: new DetailBatch(index, git, ahead, this.deps.differ, signal, this.options.maxDiffBytes),
      options: this.options,
      matches: new Map(),
      docTerms: this.kept.docTerms,
    };

    onProgress?.({ phase: 'details', message: 'Reading changes of linked files' });
    await loadWorkingDiff(evidenceRun.working, docs, context, git, signal);
    // What the early fetch stored in the index is not asked again below, so it is saved from here.
    const started = await early;
    if (started.fetched > 0) this.writes.changed = true;
    const changes: RunChanges = {
      head,
      ignoreKey: ignoreList.join(','),
      context,
      working: workingSignatures(evidenceRun.working),
      newCommits: sync.mode === 'incremental' ? sync.added : sync.mode === 'full' ? undefined : [],
    };
    // Only the docs something happened to are worked out again; the rest keep their evidence.
    const redo = docsToRedo(this.memory, changes, docs);
    const todo = docs.filter((doc) => redo.has(doc.path));
    const computed = new Map<string, DocEvidence>();
    if (this.options.mentions) evidenceRun.docTexts = readRedoneDocTexts(git, changes.newCommits, todo, signal, started.texts);
    if (todo.length > 0) {
      // A re-check asks about the pinned links of the docs it redoes beside the diffs.
      const pinned = pinnedEarly ?? checkPinnedKnowing(started.pinned, todo, context, git, signal);
      pinned.catch(() => undefined);
      // On a cold run the commits behind merges the reasons will most likely name are asked while the
      // diffs are read; later runs have most of them from the cache, and a guess costs a process.
      const likelyMerged = cold ? askLikelyMergedChanges(evidenceRun, todo, git, this.kept.mergedChanges, signal).catch(() => undefined) : Promise.resolve();
      const references = await planAndFetch(evidenceRun, todo, signal);
      const collected = await collectDocEvidence(evidenceRun, todo, references, await pinned, signal);
      // The commits behind merges are asked while the docs are compared with the changes: neither
      // needs the other (the comparison changes no commit a reason names).
      const merged = likelyMerged.then(() => askMergedChanges(evidenceRun, collected, git, this.kept.mergedChanges, signal));
      merged.catch(() => undefined);
      await compareWithDocs(collected, this.options.mentions ? git : undefined, signal, evidenceRun.docTerms, evidenceRun.docTexts);
      await merged;
      nameMergedChanges(evidenceRun, collected, this.kept.mergedChanges);
      for (const e of collected) computed.set(e.path, e);
    }
    if (evidenceRun.details.fetched > 0) this.writes.changed = true;
    const evidence = docs.map((doc) => computed.get(doc.path) ?? keptEvidence(doc, this.memory!.evidence.get(doc.path)!, this.options));
    const planned = { working: evidenceRun.working, isNoise: evidenceRun.isNoise };
    this.memory = { ...changes, evidence: new Map(evidence.map((e) => [e.path, e])), planned, ...(listing.key !== undefined ? { listKey: listing.key } : {}) };

    onProgress?.({ phase: 'score', message: 'Scoring' });
    const feedback = await feedbackRead;
    const scored = evidence.map((e) => {
      const withNotes = withFeedback(e, feedback.index);
      let verdict = this.verdicts.get(withNotes);
      if (!verdict) this.verdicts.set(withNotes, (verdict = verdictOf(withNotes, this.options, VERDICT_RULES)));
      return verdict;
    });
    const warnings: string[] = [...feedback.warnings];
    const saving = this.writes.write(index);
    // A cache that cannot be written costs the next run time, not this run its result.
    if (saving && run.saveInBackground) saving.catch(() => undefined);
    else if (saving) await saving.catch((error: Error) => warnings.push(`could not write the history cache: ${error.message}`));
    return {
      repo: state,
      docs: scored,
      history: { head, commits: index.size, mode: sync.mode, commitsRead: sync.commitsRead },
      ...(warnings.length ? { warnings } : {}),
    };
  }

  /**
   * The code-review check over `base...head` (or the working tree when `head` is undefined); see
   * `checkChanges`. Rejects with `CheckError` for unknown refs or a folder without a repository.
   */
  check(docs: DocModel[], range: CheckRange, run: RunControl = {}): Promise<CheckReport> {
    return checkChanges(docs, range, this.deps, this.options, run.signal, (checked, state) => loadContext(checked, this.deps.git, this.deps.files, state, this.options, run.signal, undefined, undefined, this.deps.commandLinks));
  }

  /** Waits for the history cache writes started by reports run with `saveInBackground`; rejects with the last write's error. */
  persist(): Promise<void> {
    return this.writes.settled();
  }

  /** The history read by the last run, for callers that want commit details. */
  get currentHistory(): HistoryIndex | undefined {
    return this.history;
  }
}
