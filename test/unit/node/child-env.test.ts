import assert from 'node:assert/strict';
import { childEnv } from '../../../src/node/child-env';

describe('childEnv', () => {
  it('copies every variable that has a value, keeping empty strings and leaving out undefined ones', () => {
    assert.deepEqual(childEnv({ PATH: '/usr/bin', EMPTY: '', UNSET: undefined, HOME: '/home/me' }), { PATH: '/usr/bin', EMPTY: '', HOME: '/home/me' });
  });

  it('returns a copy the caller can extend without touching the source', () => {
    const source: Record<string, string | undefined> = { PATH: '/usr/bin' };
    const env = childEnv(source);
    env.RUNBOOK_INPUT = 'x';
    assert.deepEqual(source, { PATH: '/usr/bin' });
    assert.deepEqual(childEnv({}), {});
  });
});
