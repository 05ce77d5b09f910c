import assert from 'node:assert/strict';
import { chooseBaseRef } from '../../../src/core/base-ref';
import { readBaseRefFacts } from '../../../src/node/git-default-branch';
import { GitFixture } from './git-fixture';

describe('the base ref of Check My Changes', () => {
  it("takes origin's default branch from origin/HEAD, on a master repository", async () => {
    const upstream = await GitFixture.create('base-ref-upstream', { init: false });
    const clone = await GitFixture.create('base-ref-clone', { init: false });
    try {
      upstream.git(['init', '-q', '-b', 'master']);
      await upstream.commit('first', '2025-01-01', { 'README.md': '# x\n' });
      clone.git(['clone', '-q', upstream.dir, '.']);
      const facts = await readBaseRefFacts(clone.dir, clone.env);
      assert.deepEqual(facts, { remoteHeads: [{ remote: 'origin', target: 'origin/master' }], existing: ['master', 'origin/master'] });
      assert.deepEqual(chooseBaseRef(facts), { ref: 'origin/master', why: 'origin/HEAD points at it' });
    } finally {
      await upstream.remove();
      await clone.remove();
    }
  });

  it('falls back to a main or master branch that exists when no remote names its default branch', async () => {
    const repo = await GitFixture.create('base-ref-local');
    try {
      await repo.commit('first', '2025-01-01', { 'README.md': '# x\n' });
      const facts = await readBaseRefFacts(repo.dir, repo.env);
      assert.deepEqual(facts, { remoteHeads: [], existing: ['main'] });
      assert.deepEqual(chooseBaseRef(facts), { ref: 'main', why: 'no remote names its default branch; it exists' });
    } finally {
      await repo.remove();
    }
  });

  it("prefers origin's HEAD to another remote's, and says nothing when there is no candidate", () => {
    assert.deepEqual(
      chooseBaseRef({ remoteHeads: [{ remote: 'fork', target: 'fork/dev' }, { remote: 'origin', target: 'origin/trunk' }], existing: ['main'] }),
      { ref: 'origin/trunk', why: 'origin/HEAD points at it' },
    );
    assert.deepEqual(chooseBaseRef({ remoteHeads: [], existing: ['master', 'origin/master'] }), {
      ref: 'origin/master',
      why: 'no remote names its default branch; it exists',
    });
    assert.equal(chooseBaseRef({ remoteHeads: [], existing: [] }), undefined);
  });
});
