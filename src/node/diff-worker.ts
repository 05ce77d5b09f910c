// Worker thread body: computes the line diffs `WorkerTextDiffer` sends and posts them back.
import { parentPort } from 'node:worker_threads';
import { diffIgnoringWhitespace } from '../core/staleness/diffs/text-diff';

interface Job {
  id: number;
  pairs: Array<[string | undefined, string | undefined]>;
}

parentPort?.on('message', (job: Job) => {
  try {
    const diffs = job.pairs.map(([before, after]) => {
      const { added, deleted, hunks } = diffIgnoringWhitespace(before, after);
      return { added, deleted, hunks };
    });
    parentPort!.postMessage({ id: job.id, diffs });
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
