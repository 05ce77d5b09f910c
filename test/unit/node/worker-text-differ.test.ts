import assert from 'node:assert/strict';
import { diffIgnoringWhitespace } from '../../../src/core/staleness/diffs/text-diff';
import { WorkerTextDiffer } from '../../../src/node/worker-text-differ';

const PAIRS: Array<[string | undefined, string | undefined]> = [
  ['a\nb\nc\n', 'a\nB\nc\nd\n'],
  [undefined, 'new\n'],
  ['x: 1\n', 'x:   1\n'],
  ['gone\n', undefined],
];

function expected(): Array<{ added: number; deleted: number; hunks: unknown[] }> {
  return PAIRS.map(([a, b]) => {
    const { added, deleted, hunks } = diffIgnoringWhitespace(a, b);
    return { added, deleted, hunks };
  });
}

describe('WorkerTextDiffer', () => {
  it('computes the same diffs on its worker thread as on the calling thread, batch after batch', async () => {
    const differ = new WorkerTextDiffer();
    try {
      const [first, second] = await Promise.all([differ.diff(PAIRS), differ.diff(PAIRS.slice(0, 2))]);
      assert.deepEqual(first, expected());
      assert.deepEqual(second, expected().slice(0, 2));
    } finally {
      differ.dispose();
    }
  });

  it('computes on the calling thread when there is no worker script', async () => {
    const differ = new WorkerTextDiffer('');
    assert.deepEqual(await differ.diff(PAIRS), expected());
  });

  it('finishes pending diffs on the calling thread when the worker fails to load', async () => {
    const differ = new WorkerTextDiffer('/nonexistent/diff-worker.js');
    assert.deepEqual(await differ.diff(PAIRS), expected());
  });
});
