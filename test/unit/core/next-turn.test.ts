import assert from 'node:assert/strict';
import { turnTaker } from '../../../src/core/next-turn';

describe('turnTaker (long loops let the event loop read child output)', () => {
  it('asks for no turn before the slice is used up, and one after it, when callbacks waiting on the event loop run', async () => {
    const ran: string[] = [];
    const turn = turnTaker(20);
    assert.equal(turn(), undefined);
    setImmediate(() => ran.push('io'));
    const until = Date.now() + 25;
    while (Date.now() < until) {
      // busy: the slice runs out
    }
    assert.deepEqual(ran, []);
    const waiting = turn();
    assert.ok(waiting instanceof Promise);
    await waiting;
    assert.deepEqual(ran, ['io']);
    // The slice starts again after the turn.
    assert.equal(turn(), undefined);
  });
});
