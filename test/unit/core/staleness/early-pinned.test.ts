import assert from 'node:assert/strict';
import { parseDoc } from '../../../../src/core/parse-doc';
import { StalenessEngine } from '../../../../src/core/staleness/engine';
import type { LogCommit } from '../../../../src/core/staleness/ports';
import { day, FakeFiles, FakeGit } from './fake-git';

const NOW = new Date('2025-06-01T00:00:00Z');
const DOC_TEXT = '# Db\n\n[pool](https://github.com/acme/platform/blob/v1.0/deploy/pool.yaml) and [old](https://github.com/acme/platform/blob/v1.0/deploy/old.yaml)\n';
const DOC = parseDoc('runbooks/db.md', DOC_TEXT);

/** A fake whose history pass ends only once the pinned links were asked about (or after a while, failing the test). */
class GatedGit extends FakeGit {
  asked: Array<{ rev: string; paths: string[] }> = [];
  private opened!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.opened = resolve));
  override async log(range: { head: string; since?: string }, onCommit: (commit: LogCommit) => void): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((_, reject) => (timer = setTimeout(() => reject(new Error('the history pass waited for the pinned links in vain')), 2000)));
    try {
      await Promise.race([this.gate, late]);
    } finally {
      clearTimeout(timer);
    }
    return super.log(range, onCommit);
  }
  override async pathsAtRevs(asks: Array<{ rev: string; paths: string[] }>): Promise<Array<Set<string> | undefined>> {
    this.calls.push(`pathsAtRevs ${asks.length}`);
    this.asked.push(...asks);
    this.opened();
    return asks.map((ask) => (ask.rev === 'v1.0' ? new Set(['deploy/pool.yaml', 'deploy']) : undefined));
  }
}

/**
 * Whether a pinned link's target exists at its ref does not depend on the history: a first run
 * asks while the history is read (once, for every ref), not in a chain after the diffs.
 */
describe('links pinned to a ref, checked beside the history pass', () => {
  it('asks about every pinned link before the history pass ends, once, with the same verdict', async () => {
    const git = new GatedGit();
    git.remotes_ = [{ name: 'origin', url: 'git@github.com:acme/platform.git' }];
    git.refs_ = { branches: ['main'], tags: ['v1.0'] };
    git.add({ time: day('2025-01-01'), subject: 'add', changes: [{ status: 'A', path: 'runbooks/db.md' }, { status: 'A', path: 'deploy/pool.yaml' }], files: { 'runbooks/db.md': DOC_TEXT } });
    const files = new FakeFiles({ 'runbooks/db.md': DOC_TEXT, 'deploy/pool.yaml': '' });
    const report = await new StalenessEngine({ git, files }, { now: () => NOW }).report([DOC]);
    assert.deepEqual(git.asked, [{ rev: 'v1.0', paths: ['deploy/pool.yaml', 'deploy/old.yaml'] }]);
    assert.deepEqual(git.calls.filter((c) => c.startsWith('pathsAtRevs')), ['pathsAtRevs 1']);
    assert.deepEqual(report.docs[0]!.reasons.map((r) => [r.ruleId, r.target]), [['link.missing-target', 'deploy/old.yaml']]);
  });
});
