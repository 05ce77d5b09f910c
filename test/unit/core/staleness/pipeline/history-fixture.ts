// In-memory builders for the pure staleness stages (history index, doc references, target
// changes): a first-parent history written oldest first, a fake diff queue answering from a table,
// and the EvidenceRun those stages share. No git, no files.
import type { DocModel } from '../../../../../src/core/doc-model';
import { parseDoc } from '../../../../../src/core/parse-doc';
import type { DiffQueue, EvidenceRun } from '../../../../../src/core/staleness/model/report-run';
import { noiseFilter } from '../../../../../src/core/staleness/history/commit-refs';
import { diffKey, HistoryIndex, type StoredDiff } from '../../../../../src/core/staleness/history/history-index';
import { indexWorkingTree, type WorkingTree } from '../../../../../src/core/staleness/history/working-tree';
import type { LinkedTarget } from '../../../../../src/core/staleness/model/report';
import { resolveStalenessOptions, type StalenessOptionsInput } from '../../../../../src/core/staleness/options';
import type { FileAt, FileChange, LogCommit } from '../../../../../src/core/staleness/ports';
import type { WorkspaceContext } from '../../../../../src/core/staleness/scan/workspace-context';
import { FileSet } from '../../../../../src/core/staleness/targets/resolve-targets';

/** The SHA of the n-th commit (1-based): `1111…`, `2222…`, then hex digits. */
export function sha(n: number): string {
  return n.toString(16).repeat(40).slice(0, 40);
}

/** A change: `['M', 'deploy/pool.yaml']`, `['R', 'new.md', 'old.md', 100]`, with an optional blob id last for A/M. */
export type ChangeSpec = [status: FileChange['status'], path: string, from?: string, similarity?: number];

/** One commit of the fixture history, oldest first. */
export interface CommitSpec {
  /** `YYYY-MM-DD`, noon UTC. */
  day: string;
  subject: string;
  changes: Array<ChangeSpec | FileChange>;
  /** Files touched in the whole repository (default: the changes). */
  fileCount?: number;
}

/** Unix seconds of noon UTC on `day`. */
export function noon(day: string): number {
  return Date.parse(`${day}T12:00:00Z`) / 1000;
}

/** The `git log` commits of `specs` (oldest first), newest first as git streams them; SHAs `sha(1)`, `sha(2)`, …. */
export function logOf(specs: CommitSpec[]): LogCommit[] {
  return specs
    .map((spec, i) => {
      const changes = spec.changes.map((c): FileChange => {
        if (!Array.isArray(c)) return c;
        const [status, path, from, similarity] = c;
        return { status, path, ...(from !== undefined ? { from } : {}), ...(similarity !== undefined ? { similarity } : {}) };
      });
      return { sha: sha(i + 1), parents: i > 0 ? [sha(i)] : [], time: noon(spec.day), subject: spec.subject, changes, fileCount: spec.fileCount ?? changes.length };
    })
    .reverse();
}

/** The history index of `specs`, HEAD at the last. */
export function historyOf(specs: CommitSpec[]): HistoryIndex {
  return HistoryIndex.fromLog(sha(specs.length), logOf(specs));
}

/** A file state: `path` as of commit `n`. */
export function at(path: string, n: number): FileAt {
  return { sha: sha(n), path };
}

/** How a queued diff reads in a test: `docs/a.md@1 → docs/a.md@3 (read from 2, to 3)`. */
function describePair(from: FileAt | undefined, to: FileAt | undefined, read: { from?: string; to?: string }): string {
  const name = (s: FileAt | undefined) => (s ? `${s.path}@${parseInt(s.sha.slice(0, 1), 16)}` : '-');
  const hints = [read.from && `from ${parseInt(read.from.slice(0, 1), 16)}`, read.to && `to ${parseInt(read.to.slice(0, 1), 16)}`].filter(Boolean).join(', ');
  return `${name(from)} → ${name(to)}${hints ? ` (read ${hints})` : ''}`;
}

/**
 * A diff queue that answers from a table keyed like `describePair` without hints
 * (`docs/a.md@1 → docs/a.md@3`): `flush` stores each queued pair's diff in the index. A pair missing
 * from the table fails the test. `asked` lists every queued pair with its read hints, in order
 * (` lines only` after a pair asked for its lines alone).
 */
export class FakeDiffs implements DiffQueue {
  readonly asked: string[] = [];
  flushes = 0;
  fetched = 0;
  private queued: Array<[FileAt | undefined, FileAt | undefined]> = [];

  constructor(
    private readonly index: HistoryIndex,
    private readonly table: Record<string, StoredDiff>,
  ) {}

  needDiff(from: FileAt | undefined, to: FileAt | undefined, read: { from?: string; to?: string } = {}, _shape = false, _blocks?: string, linesOnly = false): void {
    if (this.index.diffByKey(diffKey(from, to)) || this.queued.some(([f, t]) => diffKey(f, t) === diffKey(from, to))) return;
    this.asked.push(`${describePair(from, to, read)}${linesOnly ? ' lines only' : ''}`);
    this.queued.push([from, to]);
  }

  get pending(): number {
    return this.queued.length;
  }

  async flush(): Promise<void> {
    this.flushes++;
    for (const [from, to] of this.queued) {
      const name = describePair(from, to, {});
      const diff = this.table[name];
      if (!diff) throw new Error(`no diff in the test's table for ${name}`);
      this.index.setDiff(from, to, diff);
      this.fetched++;
    }
    this.queued = [];
  }

  /** Holds no texts: nothing to let go of. */
  release(): void {}
}

/** A line diff with these counts and hunks. */
export function diff(added: number, deleted: number, hunks: StoredDiff['hunks'] = [], more: Partial<StoredDiff> = {}): StoredDiff {
  return { added, deleted, hunks, ...more };
}

/** A doc at `path`; `reviewed` is its front matter `reviewed:` date (`YYYY-MM-DD`). */
export function doc(path: string, reviewed?: string): DocModel {
  const front = reviewed ? `---\nreviewed: ${reviewed}\n---\n` : '';
  return parseDoc(path, `${front}# ${path}\n`);
}

/** A tracked file target of a doc. */
export function fileTarget(path: string, more: Partial<LinkedTarget> = {}): LinkedTarget {
  return { path, kind: 'file', via: 'link', tracked: true, line: 3, column: 1, raw: path, occurrences: [{ line: 3, column: 1, raw: path }], ...more };
}

/** What a fixture run is made of. */
export interface RunInput {
  index: HistoryIndex;
  diffs?: Record<string, StoredDiff>;
  /** Doc path → its targets. */
  targets?: Record<string, LinkedTarget[]>;
  /** Uncommitted changes (`git diff --name-status HEAD`). */
  working?: FileChange[];
  /** Files of the working tree (for folder and glob targets). */
  files?: string[];
  options?: StalenessOptionsInput;
}

/** The EvidenceRun of a fixture, with its fake diff queue. */
export function evidenceRun(input: RunInput): { run: EvidenceRun; diffs: FakeDiffs; working: WorkingTree } {
  const diffs = new FakeDiffs(input.index, input.diffs ?? {});
  const options = resolveStalenessOptions(input.options ?? {});
  const working = indexWorkingTree(input.working ?? []);
  const resolved = new Map(Object.entries(input.targets ?? {}).map(([path, targets]) => [path, { targets, problems: [] }]));
  // Only what these stages read of the workspace: the resolved targets and the working-tree files.
  const context = { resolved, files: new FileSet(input.files ?? []) } as unknown as WorkspaceContext;
  const run: EvidenceRun = {
    index: input.index,
    context,
    working,
    isNoise: noiseFilter([], options.bulkCommitFiles),
    details: diffs,
    options,
    matches: new Map(),
  };
  return { run, diffs, working };
}

/** Five commits of a pool config and its runbook: added, raised, moved, the runbook renamed and edited, the pool dropped. */
export const POOL_HISTORY: CommitSpec[] = [
  { day: '2025-01-01', subject: 'add pool and runbook', changes: [{ status: 'A', path: 'deploy/pool.yaml', oid: 'b1' }, { status: 'A', path: 'runbooks/db.md', oid: 'd1' }] },
  { day: '2025-02-01', subject: 'raise pool', changes: [{ status: 'M', path: 'deploy/pool.yaml', oid: 'b2' }] },
  { day: '2025-03-01', subject: 'move pool', changes: [{ status: 'R', path: 'deploy/db/pool.yaml', from: 'deploy/pool.yaml', similarity: 100, oid: 'b2' }] },
  { day: '2025-04-01', subject: 'rename and edit runbook', changes: [{ status: 'R', path: 'runbooks/postgres.md', from: 'runbooks/db.md', similarity: 80, oid: 'd2' }] },
  { day: '2025-05-01', subject: 'drop pool', changes: [['D', 'deploy/db/pool.yaml']] },
];
