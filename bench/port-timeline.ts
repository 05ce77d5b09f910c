// A timeline of the git port's calls and the diff worker's batches during one report, for the
// re-check trace (`bench/recheck-trace.ts --timeline`): which call started when, how long it took,
// and what the diff batches held. It wraps the adapters' prototypes, so it is for benchmarks only.
import { CatFileReader } from '../src/node/cat-file-reader';
import { SimpleGitHistory } from '../src/node/git-history';
import { WorkerTextDiffer } from '../src/node/worker-text-differ';
import type { DiffJob } from '../src/core/staleness/model/diff-job';

const CALLS = ['state', 'refs', 'log', 'readFiles', 'readBlobs', 'readWorkingFiles', 'prepareWorkingReads', 'changedFiles', 'diffHunks', 'ignoreRevs', 'resolve', 'pathsAtRevs', 'mergedChanges', 'remotes'] as const;

/** Records calls from `start()` on; `lines()` lists them in the order they ended (ms from the start). */
export class PortTimeline {
  private origin = process.hrtime.bigint();
  private readonly entries: string[] = [];

  constructor() {
    for (const name of CALLS) this.wrap(SimpleGitHistory.prototype as unknown as Record<string, unknown>, name, 'git');
    this.wrap(CatFileReader.prototype as unknown as Record<string, unknown>, 'read', 'cat-file');
    this.wrap(WorkerTextDiffer.prototype as unknown as Record<string, unknown>, 'diff', 'worker', (jobs) => describeJobs(jobs as DiffJob[]));
  }

  start(): void {
    this.origin = process.hrtime.bigint();
    this.entries.length = 0;
  }

  lines(): string[] {
    return [...this.entries];
  }

  private now(): string {
    return (Number(process.hrtime.bigint() - this.origin) / 1e6).toFixed(0);
  }

  private wrap(proto: Record<string, unknown>, name: string, where: string, detail?: (first: unknown) => string): void {
    const original = proto[name] as (...args: unknown[]) => unknown;
    const now = () => this.now();
    const entries = this.entries;
    proto[name] = function (this: unknown, ...args: unknown[]) {
      const began = now();
      const first = args[0];
      const what = `${where} ${name}(${Array.isArray(first) ? `${first.length} items` : typeof first === 'string' ? first : ''})${detail ? ` ${detail(first)}` : ''}`;
      const result = original.apply(this, args);
      if (result instanceof Promise) result.then(() => entries.push(`${began}→${now()} ms  ${what}`), () => entries.push(`${began}→${now()} ms  ${what} (failed)`));
      else entries.push(`${began} ms  ${what}`);
      return result;
    };
  }
}

/** `path (old chars → new chars) [shape] [blocks]` per job, the first five. */
function describeJobs(jobs: DiffJob[]): string {
  const shown = jobs.slice(0, 5).map((j) => `${j.to?.path ?? j.from?.path ?? '?'} (${j.from?.text.length ?? 0}→${j.to?.text.length ?? 0}${j.shape ? ', shape' : ''}${j.blocks ? `, ${j.blocks}` : ''})`);
  return `[${shown.join('; ')}${jobs.length > 5 ? `; … ${jobs.length - 5} more` : ''}]`;
}
