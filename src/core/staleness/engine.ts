import picomatch from 'picomatch';
import type { DocModel } from '../doc-model';
import { RuleId } from '../findings';
import { checkChanges, type CheckReport } from './check';
import { loadContext, type WorkspaceContext } from './context';
import { DetailBatch } from './details';
import { Touch, type HistoryIndex, type IndexedCommit, type TouchCode } from './history-index';
import { mapRangeForward, type LineRange } from './line-ranges';
import type { FileChange, FileHunks, GitHistory, RepoState, StalenessDeps } from './ports';
import { reviewStatus } from './review';
import {
  resolveStalenessOptions,
  scoreDoc,
  type AnchorEvidence,
  type BrokenEvidence,
  type ChangeEvidence,
  type DocEvidence,
  type StalenessOptions,
  type StalenessWeights,
} from './score';
import { syncHistory } from './sync-history';
import type { CommitRef, DocStaleness, LinkedTarget, StalenessReason, StalenessReport } from './types';

export type { StalenessDeps } from './ports';

/** Partial options: anything left out takes its default from `DEFAULT_STALENESS_OPTIONS`. */
export type StalenessOptionsInput = Partial<Omit<StalenessOptions, 'weights'>> & { weights?: Partial<StalenessWeights> };

/** Where a long run is. */
export interface StalenessProgress {
  phase: 'history' | 'links' | 'details' | 'score';
  message: string;
}

/** Cancellation and progress for one run. */
export interface RunControl {
  signal?: AbortSignal;
  onProgress?: (progress: StalenessProgress) => void;
}

/** A touch of a path by a commit, as evidence candidates are collected. */
interface Use {
  commit: IndexedCommit;
  path: string;
  code: TouchCode;
}

/** When a doc was last changed or reviewed, as the rules compare it. */
interface DocReference {
  /** Index of the last content commit. */
  commitIndex?: number;
  commit?: IndexedCommit;
  /** End of the review day, Unix seconds. */
  reviewTime?: number;
  /** The doc has uncommitted, non-whitespace edits: everything committed is older. */
  workingTree?: boolean;
}

const STRUCTURAL = new Set<TouchCode>([Touch.added, Touch.deleted, Touch.copiedTo, Touch.renamedFrom, Touch.movedTo]);
const FILE_CODES = new Set<TouchCode>([Touch.added, Touch.modified, Touch.deleted, Touch.renamedTo, Touch.copiedTo, Touch.typeChanged]);

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
  private historyChanged = false;

  constructor(
    private readonly deps: StalenessDeps,
    options: StalenessOptionsInput = {},
  ) {
    this.options = resolveStalenessOptions(options);
  }

  /**
   * Scores every doc. Never rejects for repository trouble (no git, shallow clone, no commits):
   * those docs come back `unknown` (or `broken`) with a `staleness.unknown` reason. Rejects when
   * aborted, and when git fails unexpectedly.
   */
  async report(docs: DocModel[], run: RunControl = {}): Promise<StalenessReport> {
    const { signal, onProgress } = run;
    const { git, files } = this.deps;
    const state = await git.state(signal);
    onProgress?.({ phase: 'links', message: 'Resolving links' });
    // Independent phases run side by side: listing and resolving, the history pass, the working tree.
    const contextRead = loadContext(docs, git, files, state, this.options, signal);
    const unknown = unknownReason(state);
    if (unknown !== undefined) {
      const context = await contextRead;
      return { repo: state, docs: docs.map((doc) => this.scoreWithoutHistory(doc, context, unknown)) };
    }
    const head = (state as { head: string }).head;

    const [context, sync, ignoreList, working] = await Promise.all([
      contextRead,
      syncHistory(git, head, {
        ...(this.history ? { current: this.history } : {}),
        ...(this.deps.store ? { store: this.deps.store } : {}),
        ...(signal ? { signal } : {}),
        onProgress: (n) => onProgress?.({ phase: 'history', message: `Reading history: ${n} commits` }),
      }),
      this.options.useBlameIgnoreRevs ? git.ignoreRevs(signal).catch(() => [] as string[]) : Promise.resolve([] as string[]),
      this.options.workingTree ? git.changedFiles('HEAD', undefined, signal) : Promise.resolve([] as FileChange[]),
    ]);
    const index = sync.index;
    if (sync.mode === 'incremental' || sync.mode === 'full') this.historyChanged = true;
    this.history = index;
    const isNoise = noiseFilter(ignoreList, this.options.bulkCommitFiles);
    const gather = new Gatherer(index, context, working, isNoise, new DetailBatch(index, git), this.options);

    onProgress?.({ phase: 'details', message: 'Reading changes of linked files' });
    await gather.loadWorkingDiff(docs, git, signal);
    // One round of git calls for the docs' last changes and their targets' changes together; a doc
    // whose guessed last change turns out whitespace-only costs another round.
    gather.queueEvidence(docs, await gather.references(docs, signal, true));
    await gather.details.flush(signal);
    const references = await gather.references(docs, signal);
    gather.queueEvidence(docs, references);
    if (gather.details.pending > 0) await gather.details.flush(signal);
    const evidence = await gather.evidence(docs, references, git, signal);
    if (gather.details.fetched > 0) this.historyChanged = true;

    onProgress?.({ phase: 'score', message: 'Scoring' });
    const scored = evidence.map((e) => scoreDoc(e, this.options));
    const warnings: string[] = [];
    if (this.deps.store && this.historyChanged) {
      // A cache that cannot be written costs the next run time, not this run its result.
      await this.deps.store.save(index.toSnapshot()).then(
        () => (this.historyChanged = false),
        (error: Error) => warnings.push(`could not write the history cache: ${error.message}`),
      );
    }
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
  check(docs: DocModel[], range: { base: string; head?: string }, run: RunControl = {}): Promise<CheckReport> {
    return checkChanges(docs, range, this.deps, this.options, run.signal);
  }

  /** The history read by the last run, for callers that want commit details. */
  get currentHistory(): HistoryIndex | undefined {
    return this.history;
  }

  private scoreWithoutHistory(doc: DocModel, context: WorkspaceContext, unknown: string): DocStaleness {
    const resolved = context.resolved.get(doc.path)!;
    const reviewTime = reviewEndOfDay(doc.meta.review.reviewed);
    const evidence: DocEvidence = {
      path: doc.path,
      kind: doc.kind,
      ...(doc.meta.owner ? { owner: doc.meta.owner } : {}),
      unknown,
      targets: resolved.targets,
      changes: [],
      anchors: [],
      broken: resolved.targets.filter((t) => t.kind === 'missing' && !t.pinned).map((target) => ({ target })),
      problems: resolved.problems,
      review: reviewStatus(doc.meta.review.interval, reviewTime ? new Date(reviewTime * 1000) : undefined, this.options.now(), this.options.defaultReviewInterval),
      reviewLine: doc.frontMatterLines?.start ?? 1,
    };
    return scoreDoc(evidence, this.options);
  }
}

/** The `staleness.unknown` reason for a repository state, or undefined when history can be used. */
export function unknownReason(state: RepoState): string | undefined {
  if (state.kind === 'none') return state.reason;
  if (state.shallow) {
    return 'this is a shallow clone, so the history is cut off. Fetch the full history (`git fetch --unshallow`, or `fetch-depth: 0` for actions/checkout).';
  }
  if (state.head === undefined) return 'the repository has no commits yet. Commit the runbooks and the files they link to.';
  return undefined;
}

/** Commits that never count as changes: too many files, or listed in `.git-blame-ignore-revs`. */
export function noiseFilter(ignoreRevs: string[], bulkFiles: number): (commit: IndexedCommit) => boolean {
  const full = new Set(ignoreRevs.filter((r) => r.length === 40).map((r) => r.toLowerCase()));
  const short = ignoreRevs.filter((r) => r.length < 40).map((r) => r.toLowerCase());
  return (commit) => commit.fileCount > bulkFiles || full.has(commit.sha) || short.some((s) => commit.sha.startsWith(s));
}

/** End of a review day (`YYYY-MM-DD`, UTC) in Unix seconds: a review on a day covers that day's commits. */
export function reviewEndOfDay(day: string | undefined): number | undefined {
  if (!day) return undefined;
  const ms = Date.parse(`${day}T23:59:59Z`);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

/** A commit as evidence. */
export function commitRef(commit: IndexedCommit): CommitRef {
  return { sha: commit.sha, date: new Date(commit.time * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'), subject: commit.subject };
}

/** Collects the evidence of one run; holds the per-run caches (working-tree diff, glob matches). */
class Gatherer {
  readonly details: DetailBatch;
  private readonly wtByPath = new Map<string, FileChange>();
  private readonly wtRenamedFrom = new Map<string, FileChange>();
  private readonly wtDiff = new Map<string, FileHunks>();
  private readonly matches = new Map<string, string[]>();

  constructor(
    private readonly index: HistoryIndex,
    private readonly context: WorkspaceContext,
    working: FileChange[],
    private readonly isNoise: (commit: IndexedCommit) => boolean,
    details: DetailBatch,
    private readonly options: StalenessOptions,
  ) {
    this.details = details;
    for (const change of working) {
      this.wtByPath.set(change.path, change);
      if (change.status === 'R' && change.from !== undefined) this.wtRenamedFrom.set(change.from, change);
    }
  }

  /** One `git diff -w -U0 HEAD` over the docs and targets with uncommitted changes. */
  async loadWorkingDiff(docs: DocModel[], git: GitHistory, signal?: AbortSignal): Promise<void> {
    if (this.wtByPath.size === 0) return;
    const paths = new Set<string>();
    for (const doc of docs) {
      if (this.wtByPath.has(doc.path)) paths.add(doc.path);
      for (const target of this.context.resolved.get(doc.path)!.targets) {
        if (!target.tracked || target.pinned) continue;
        for (const path of this.workingPathsOf(target)) paths.add(path);
      }
    }
    const changed = [...paths].filter((p) => this.wtByPath.get(p)!.status !== 'D');
    if (changed.length === 0) return;
    for (const file of await git.diffHunks('HEAD', undefined, changed, signal)) this.wtDiff.set(file.path, file);
  }

  /**
   * Every doc's reference: last content commit (whitespace-only, bulk and ignored commits skipped),
   * review, working tree. `speculative`: fetch nothing; where a candidate's line counts are unknown,
   * queue them and take the candidate as the reference for now (it nearly always is one), so the
   * caller can fetch the counts of the docs and of their targets in the same git call.
   */
  async references(docs: DocModel[], signal?: AbortSignal, speculative = false): Promise<Map<string, DocReference | string>> {
    const result = new Map<string, DocReference | string>();
    interface Cursor {
      doc: DocModel;
      gen: Generator<Candidate>;
      buffer: Candidate[];
    }
    const open: Cursor[] = [];
    for (const doc of docs) {
      const reviewTime = reviewEndOfDay(doc.meta.review.reviewed);
      const wt = this.wtByPath.get(doc.path);
      if (wt && wt.status !== 'R' && wt.status !== 'D' && !this.index.hasPath(doc.path)) {
        result.set(doc.path, 'this doc is not committed yet. Commit it to start tracking the files it links to.');
        continue;
      }
      if (wt && this.workingChangeCounts(doc.path)) {
        result.set(doc.path, { workingTree: true, ...(reviewTime !== undefined ? { reviewTime } : {}) });
        continue;
      }
      const historyPath = wt?.status === 'R' && wt.from !== undefined ? wt.from : doc.path;
      if (!this.index.hasPath(historyPath)) {
        result.set(doc.path, 'this doc is not committed yet. Commit it to start tracking the files it links to.');
        continue;
      }
      open.push({ doc, gen: contentCandidates(this.index, historyPath, this.isNoise), buffer: [] });
    }
    while (open.length > 0) {
      signal?.throwIfAborted();
      for (let i = open.length - 1; i >= 0; i--) {
        const cursor = open[i]!;
        const reviewTime = reviewEndOfDay(cursor.doc.meta.review.reviewed);
        const done = (commit: IndexedCommit | undefined) => {
          open.splice(i, 1);
          result.set(
            cursor.doc.path,
            commit
              ? { commitIndex: commit.index, commit, ...(reviewTime !== undefined ? { reviewTime } : {}) }
              : 'no commit changed the content of this doc (only bulk or ignored commits touched it).',
          );
        };
        for (;;) {
          const next = cursor.buffer.shift() ?? nextOf(cursor.gen);
          if (!next) {
            done(undefined);
            break;
          }
          if (next.definitive) {
            done(next.commit);
            break;
          }
          const stat = this.index.stat(next.commit.sha, next.path);
          if (stat) {
            if (stat.binary || stat.added + stat.deleted > 0) {
              done(next.commit);
              break;
            }
            continue;
          }
          // Unknown: fetch it, with a few of the next candidates, in this round's single git call.
          this.details.needStat(next.commit.sha, next.path, next.from);
          if (speculative) {
            done(next.commit);
            break;
          }
          cursor.buffer.unshift(next);
          while (cursor.buffer.length < 4) {
            const more = nextOf(cursor.gen);
            if (!more) break;
            cursor.buffer.push(more);
            if (!more.definitive) this.details.needStat(more.commit.sha, more.path, more.from);
            else break;
          }
          break;
        }
      }
      if (!speculative && this.details.pending > 0) await this.details.flush(signal);
    }
    return result;
  }

  /** Queues every line count and hunk the verdicts need, given the references. */
  queueEvidence(docs: DocModel[], references: Map<string, DocReference | string>): void {
    for (const doc of docs) {
      const ref = references.get(doc.path);
      if (!ref || typeof ref === 'string' || ref.workingTree) continue;
      for (const target of this.context.resolved.get(doc.path)!.targets) {
        if (!target.tracked || target.pinned || target.kind === 'missing') continue;
        const anchored = target.lines !== undefined && target.kind === 'file';
        for (const use of this.usesAfter(target, ref)) {
          // Moves carry no lines; additions and deletions of an anchored file touch its range whatever the hunks.
          if (use.code === Touch.renamedFrom || use.code === Touch.movedTo) continue;
          if (anchored && STRUCTURAL.has(use.code)) continue;
          const from = use.code === Touch.renamedTo ? this.index.renameInto(use.path, use.commit.index)?.from : undefined;
          if (anchored) this.details.needHunks(use.commit.sha, use.path, from);
          else this.details.needStat(use.commit.sha, use.path, from);
        }
      }
    }
  }

  /** Evidence per doc: changes after the reference, anchored ranges, broken links, pinned links (everything queued is fetched). */
  async evidence(docs: DocModel[], references: Map<string, DocReference | string>, git: GitHistory, signal?: AbortSignal): Promise<DocEvidence[]> {
    const pinned = await this.checkPinned(docs, git, signal);
    const out: DocEvidence[] = [];
    for (const doc of docs) {
      signal?.throwIfAborted();
      const resolved = this.context.resolved.get(doc.path)!;
      const ref = references.get(doc.path);
      const problems: StalenessReason[] = [...resolved.problems];
      const changes: ChangeEvidence[] = [];
      const anchors: AnchorEvidence[] = [];
      const broken: BrokenEvidence[] = [];
      for (const target of resolved.targets) {
        if (target.pinned) {
          const verdict = pinned.get(`${target.pinned.ref}\u0000${target.path}`);
          if (verdict === 'missing') broken.push({ target, pinnedAt: target.pinned.ref });
          else if (verdict === 'unverifiable') {
            problems.push({
              ruleId: RuleId.linkPinnedUnverifiable,
              severity: 'info',
              target: target.path,
              line: target.line,
              ...(target.column !== undefined ? { column: target.column } : {}),
              message: `This link is pinned to ${target.pinned.kind === 'tag' ? 'tag' : 'commit'} ${target.pinned.ref.slice(0, 12)}, which is not in this clone, so \`${target.path}\` cannot be checked there. Fetch it (\`git fetch --tags\`) or fix the link.`,
              commits: [],
            });
          }
          continue;
        }
        if (target.kind === 'missing') {
          broken.push(this.brokenEvidence(target));
          continue;
        }
        if (target.kind === 'glob' && this.matching(target).length === 0) {
          problems.push({
            ruleId: RuleId.watchesNoMatch,
            severity: 'warning',
            target: target.path,
            line: target.line,
            message: `\`watches: ${target.raw}\` matches no file, now or in the history. Fix the pattern.`,
            commits: [],
          });
          continue;
        }
        if (!target.tracked || !ref || typeof ref === 'string' || ref.workingTree) continue;
        if (target.lines && target.kind === 'file') {
          const anchor = this.anchorEvidence(target as LinkedTarget & { lines: LineRange }, ref);
          if (anchor) anchors.push(anchor);
        } else {
          const change = this.changeEvidence(target, ref);
          if (change) changes.push(change);
        }
      }
      const reference = typeof ref === 'object' ? this.referenceOut(ref) : undefined;
      const reviewTime = reviewEndOfDay(doc.meta.review.reviewed);
      const reviewSince = reference ? reference.time : reviewTime;
      out.push({
        path: doc.path,
        kind: doc.kind,
        ...(doc.meta.owner ? { owner: doc.meta.owner } : {}),
        ...(typeof ref === 'string' ? { unknown: ref } : {}),
        ...(reference ? { reference } : {}),
        targets: resolved.targets,
        changes,
        anchors,
        broken,
        problems,
        review: reviewStatus(
          doc.meta.review.interval,
          reviewSince !== undefined ? new Date(reviewSince * 1000) : undefined,
          this.options.now(),
          this.options.defaultReviewInterval,
        ),
        reviewLine: doc.frontMatterLines?.start ?? 1,
      });
    }
    return out;
  }

  private referenceOut(ref: DocReference): DocEvidence['reference'] {
    const now = this.options.now().getTime() / 1000;
    if (ref.workingTree) return { time: now, source: 'working-tree' };
    const commitTime = ref.commit?.time;
    if (ref.reviewTime !== undefined && (commitTime === undefined || ref.reviewTime > commitTime)) {
      return { time: ref.reviewTime, source: 'review', ...(ref.commit ? { commit: commitRef(ref.commit) } : {}) };
    }
    if (ref.commit) return { time: ref.commit.time, source: 'commit', commit: commitRef(ref.commit) };
    return undefined;
  }

  /** Touches of the target's paths after the reference that are not noise, oldest first. */
  private usesAfter(target: LinkedTarget, ref: DocReference): Use[] {
    const paths = target.kind === 'file' ? [target.path] : this.matching(target);
    const uses: Use[] = [];
    for (const path of paths) {
      for (const touch of this.index.touchesOf(path)) {
        if (ref.commitIndex !== undefined && touch.commit <= ref.commitIndex) continue;
        const commit = this.index.commit(touch.commit);
        if (ref.reviewTime !== undefined && commit.time <= ref.reviewTime) continue;
        if (target.kind === 'file' && !FILE_CODES.has(touch.code)) continue;
        if (this.isNoise(commit)) continue;
        uses.push({ commit, path, code: touch.code });
      }
    }
    return uses.sort((a, b) => a.commit.index - b.commit.index);
  }

  /** Whether a use is a real change: structural, binary, or non-whitespace lines. */
  private counts(use: Use): boolean {
    if (STRUCTURAL.has(use.code)) return true;
    const stat = this.index.stat(use.commit.sha, use.path);
    return !stat || !!stat.binary || stat.added + stat.deleted > 0;
  }

  private changeEvidence(target: LinkedTarget, ref: DocReference): ChangeEvidence | undefined {
    const commits = new Map<number, IndexedCommit>();
    const files = new Set<string>();
    let added = 0;
    let deleted = 0;
    for (const use of this.usesAfter(target, ref)) {
      if (!this.counts(use)) continue;
      commits.set(use.commit.index, use.commit);
      files.add(use.path);
      const stat = this.index.stat(use.commit.sha, use.path);
      if (stat && !stat.binary) {
        added += stat.added;
        deleted += stat.deleted;
      }
    }
    const uncommitted = this.uncommitted(target);
    if (commits.size === 0 && !uncommitted) return undefined;
    return {
      target,
      commits: [...commits.values()].sort((a, b) => b.index - a.index).map(commitRef),
      added,
      deleted,
      files: files.size,
      ...(uncommitted ? { uncommitted } : {}),
    };
  }

  private anchorEvidence(target: LinkedTarget & { lines: LineRange }, ref: DocReference): AnchorEvidence | undefined {
    let range: LineRange | undefined = target.lines;
    const touchedBy: IndexedCommit[] = [];
    const movedBy: IndexedCommit[] = [];
    for (const use of this.usesAfter(target, ref)) {
      if (!range) break;
      if (use.code === Touch.added || use.code === Touch.deleted || use.code === Touch.copiedTo) {
        touchedBy.push(use.commit);
        continue;
      }
      const hunks = this.index.hunksOf(use.commit.sha, use.path) ?? [];
      if (hunks.length === 0) continue;
      const mapped = mapRangeForward(range, hunks);
      if (mapped.touched) touchedBy.push(use.commit);
      else if (mapped.range && (mapped.range.start !== range.start || mapped.range.end !== range.end)) movedBy.push(use.commit);
      range = mapped.range;
    }
    let uncommittedTouch = false;
    const wt = this.options.workingTree ? this.wtDiff.get(target.path) : undefined;
    if (wt && range && wt.hunks.length > 0) {
      const mapped = mapRangeForward(range, wt.hunks);
      uncommittedTouch = mapped.touched;
      range = mapped.range;
    }
    const moved = !range || range.start !== target.lines.start || range.end !== target.lines.end;
    if (touchedBy.length === 0 && !uncommittedTouch && !moved) return undefined;
    return {
      target,
      touchedBy: touchedBy.reverse().map(commitRef),
      movedBy: movedBy.reverse().map(commitRef),
      now: range,
      uncommittedTouch,
    };
  }

  private uncommitted(target: LinkedTarget): ChangeEvidence['uncommitted'] {
    if (!this.options.workingTree) return undefined;
    let added = 0;
    let deleted = 0;
    let files = 0;
    for (const path of this.workingPathsOf(target)) {
      const change = this.wtByPath.get(path)!;
      const diff = this.wtDiff.get(path);
      if (change.status === 'A' && target.kind === 'file') continue;
      if (diff) {
        if (!diff.binary && diff.added + diff.deleted === 0) continue;
        added += diff.added;
        deleted += diff.deleted;
        files++;
      } else if (change.status === 'A' || change.status === 'D' || (change.status === 'R' && change.similarity !== 100)) files++;
    }
    return files > 0 ? { added, deleted, files } : undefined;
  }

  /** Uncommitted changes of a doc that count: anything but whitespace. */
  private workingChangeCounts(path: string): boolean {
    const change = this.wtByPath.get(path);
    if (!change || !this.options.workingTree) return false;
    if (change.status === 'D') return false;
    const diff = this.wtDiff.get(path);
    if (!diff) return change.status === 'A';
    return !!diff.binary || diff.added + diff.deleted > 0;
  }

  /** Paths with uncommitted changes that a target covers. */
  private workingPathsOf(target: LinkedTarget): string[] {
    if (target.kind === 'missing') return [];
    if (target.kind === 'file') return this.wtByPath.has(target.path) ? [target.path] : [];
    const out: string[] = [];
    const isMatch = target.kind === 'glob' ? picomatch(target.path, { dot: true }) : undefined;
    const prefix = target.path === '' ? '' : `${target.path}/`;
    for (const path of this.wtByPath.keys()) {
      if (isMatch ? isMatch(path) : path.startsWith(prefix)) out.push(path);
    }
    return out;
  }

  /** History and current paths under a folder target or matching a glob target (cached per run). */
  private matching(target: LinkedTarget): string[] {
    const key = `${target.kind}\u0000${target.path}`;
    const cached = this.matches.get(key);
    if (cached) return cached;
    const isMatch = target.kind === 'glob' ? picomatch(target.path, { dot: true }) : undefined;
    const prefix = target.path === '' ? '' : `${target.path}/`;
    const test = (path: string) => (isMatch ? isMatch(path) : path.startsWith(prefix));
    const found = new Set<string>();
    for (const path of this.index.paths()) if (test(path)) found.add(path);
    for (const path of this.context.files.all()) if (test(path)) found.add(path);
    const list = [...found].sort();
    this.matches.set(key, list);
    return list;
  }

  private brokenEvidence(target: LinkedTarget): BrokenEvidence {
    const wtRename = this.wtRenamedFrom.get(target.path);
    if (wtRename) return { target, renamedTo: { path: wtRename.path, uncommitted: true } };
    if (this.wtByPath.get(target.path)?.status === 'D') return { target, deletedUncommitted: true };
    const touches = this.index.touchesOf(target.path);
    const last = touches[touches.length - 1];
    if (!last) return { target };
    if (last.code === Touch.renamedFrom) {
      // Follow the chain of renames forward to where the file lives now.
      let path = target.path;
      let after = -1;
      let lastRename: { to: string; commit: number } | undefined;
      for (let hops = 0; hops < 20; hops++) {
        const rename = this.index.renamesFromPath(path).filter((r) => r.commit > after).pop();
        if (!rename) break;
        lastRename = rename;
        path = rename.to;
        after = rename.commit;
        if (this.context.files.hasFile(path)) break;
      }
      if (lastRename && this.context.files.hasFile(lastRename.to)) {
        return { target, renamedTo: { path: lastRename.to, commit: commitRef(this.index.commit(lastRename.commit)) } };
      }
      const wtNext = lastRename ? this.wtRenamedFrom.get(lastRename.to) : undefined;
      if (wtNext) return { target, renamedTo: { path: wtNext.path, uncommitted: true } };
      if (lastRename) return { target, deletedIn: commitRef(this.index.commit(lastRename.commit)) };
    }
    if (last.code === Touch.deleted) return { target, deletedIn: commitRef(this.index.commit(last.commit)) };
    return { target };
  }

  /** Existence of pinned targets at their ref: one `git ls-tree` per distinct ref. */
  private async checkPinned(docs: DocModel[], git: GitHistory, signal?: AbortSignal): Promise<Map<string, 'ok' | 'missing' | 'unverifiable'>> {
    const byRef = new Map<string, Set<string>>();
    for (const doc of docs) {
      for (const target of this.context.resolved.get(doc.path)!.targets) {
        if (!target.pinned) continue;
        const set = byRef.get(target.pinned.ref) ?? new Set<string>();
        set.add(target.path);
        byRef.set(target.pinned.ref, set);
      }
    }
    const out = new Map<string, 'ok' | 'missing' | 'unverifiable'>();
    for (const [ref, paths] of byRef) {
      const present = await git.pathsAt(ref, [...paths], signal);
      for (const path of paths) out.set(`${ref}\u0000${path}`, !present ? 'unverifiable' : present.has(path) ? 'ok' : 'missing');
    }
    return out;
  }
}

/** A commit that may be a doc's last content change. */
interface Candidate {
  commit: IndexedCommit;
  path: string;
  /** For renames: the old path (for the pathspec of the whitespace check). */
  from?: string;
  /** Additions and copies are content; everything else needs the whitespace check. */
  definitive: boolean;
}

function nextOf(gen: Generator<Candidate>): Candidate | undefined {
  const next = gen.next();
  return next.done ? undefined : next.value;
}

/**
 * The commits that may hold a doc's last content change, newest first: following pure renames back
 * to the old path, skipping noise commits (except the one that created the file).
 */
function* contentCandidates(index: HistoryIndex, path: string, isNoise: (commit: IndexedCommit) => boolean): Generator<Candidate> {
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
