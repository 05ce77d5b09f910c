import assert from 'node:assert/strict';
import { streamGit } from '../../../src/node/git-stream';
import { GitFixture } from './git-fixture';

describe('streamGit (one git command read as it streams)', () => {
  let repo: GitFixture;
  let layout: { top: string; env: Record<string, string> };

  before(async () => {
    repo = await GitFixture.create('git-stream-');
    await repo.commit('first', '2025-01-01', { 'a.md': '# A\n' });
    await repo.commit('second', '2025-02-01', { 'b.md': '# B\n' });
    layout = { top: repo.dir, env: { ...repo.env, LC_ALL: 'C' } };
  });
  after(() => repo.remove());

  it('hands over git output as it comes, with the stable config in effect (no pager, no quoting)', async () => {
    const chunks: Buffer[] = [];
    await streamGit(layout, ['log', '--format=%s', 'HEAD', '--'], (chunk) => chunks.push(chunk));
    assert.equal(Buffer.concat(chunks).toString('utf8'), 'second\nfirst\n');
    const config: Buffer[] = [];
    await streamGit(layout, ['config', '--get', 'core.hooksPath'], (chunk) => config.push(chunk));
    assert.notEqual(Buffer.concat(config).toString('utf8').trim(), '', 'the safe hooks path is passed');
  });

  it('rejects with what git said when it fails', async () => {
    await assert.rejects(streamGit(layout, ['log', 'no-such-branch', '--'], () => undefined), /bad revision 'no-such-branch'/);
    await assert.rejects(streamGit(layout, ['cat-file', '-p', '1'.repeat(40)], () => undefined), /Not a valid object name 1{40}/);
  });

  it('stops git and rejects with the reason when aborted, or when the reader throws', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    await assert.rejects(streamGit(layout, ['log', 'HEAD', '--'], () => undefined, controller.signal), /stopped/);
    const later = new AbortController();
    await assert.rejects(streamGit(layout, ['log', 'HEAD', '--'], () => later.abort(new Error('stopped while reading')), later.signal), /stopped while reading/);
    await assert.rejects(streamGit(layout, ['log', 'HEAD', '--'], () => { throw new Error('reader failed'); }), /reader failed/);
  });
});
