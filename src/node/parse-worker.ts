// Worker thread body: parses documents sent by `WorkerPoolParser` and posts the models back.
import { parentPort } from 'node:worker_threads';
import { parseBytes } from '../core/parse-bytes';

interface Job {
  id: number;
  path: string;
  bytes: Uint8Array;
}

parentPort?.on('message', (job: Job) => {
  try {
    parentPort!.postMessage({ id: job.id, doc: parseBytes(job.path, job.bytes) });
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
