// Worker thread body: computes the noted diffs `WorkerTextDiffer` sends (line diffs, minor hunks,
// words, data shapes, changed alert rules: see `notedDiff`) and posts them back. What it parsed of
// each blob is kept between messages (bounded), so a rule file at HEAD is parsed once; shapes asked
// for ahead are worked out in turn with the diffs, before those posted after them.
import { parentPort } from 'node:worker_threads';
import { NoteCache, notedDiff } from '../core/staleness/diffs/noted-diff';
import { fromWire, type WireBatch } from './diff-wire';

const notes = new NoteCache();

parentPort?.on('message', (message: ({ id: number } & WireBatch) | { shapes: string[] }) => {
  // Shapes worked out ahead (`WorkerTextDiffer.prepare`): nothing is posted back.
  if ('shapes' in message) return message.shapes.forEach((text) => notes.prepareShape(text));
  try {
    const diffs = fromWire(message).map((job) => notedDiff(job, notes));
    parentPort!.postMessage({ id: message.id, diffs });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
