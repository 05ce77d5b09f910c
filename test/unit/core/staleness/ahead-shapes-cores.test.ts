import assert from 'node:assert/strict';
import { parseDoc } from '../../../../src/core/parse-doc';
import { StalenessEngine } from '../../../../src/core/staleness/engine';
import type { BlobContent, TextDiffer } from '../../../../src/core/staleness/ports';
import { day, FakeFiles, FakeGit } from './fake-git';

const NOW = new Date('2025-06-01T00:00:00Z');
const DOC_TEXT = '# Api\n\nThe [spec](../api/spec.yaml) lists the routes.\n';
const DOC = parseDoc('runbooks/api.md', DOC_TEXT);
/** A structured file large enough to be shaped ahead. */
const SPEC = Array.from({ length: 4000 }, (_, i) => `route${i}: {path: /v1/r${i}, method: GET}`).join('\n') + '\n';

/** A fake whose working tree holds the spec, as the disk would. */
class DiskGit extends FakeGit {
  override async readWorkingFiles(paths: string[]): Promise<Array<BlobContent | undefined>> {
    this.calls.push(`readWorkingFiles ${paths.join(',')}`);
    return paths.map((p) => (p === 'api/spec.yaml' ? { oid: 'wt', size: SPEC.length, text: SPEC } : undefined));
  }
}

/**
 * Shaping large structured files during the history pass is CPU taken from the pass (git log and
 * its parse keep two cores busy): like reading ahead, it is done only where there are cores to
 * spare (`readAhead`); the diff worker still starts with the run.
 */
describe('data shapes worked out during the history pass', () => {
  async function prepared(readAhead: boolean): Promise<string[][]> {
    const git = new DiskGit();
    git.add({ time: day('2025-01-01'), subject: 'add', changes: [{ status: 'A', path: 'runbooks/api.md' }, { status: 'A', path: 'api/spec.yaml' }], files: { 'runbooks/api.md': DOC_TEXT, 'api/spec.yaml': SPEC } });
    const files = new FakeFiles({ 'runbooks/api.md': DOC_TEXT, 'api/spec.yaml': SPEC });
    const calls: string[][] = [];
    const differ: TextDiffer = { diff: async () => [], prepare: (shapes) => void calls.push(shapes.map((s) => `${s.length} chars`)) };
    await new StalenessEngine({ git, files, differ }, { now: () => NOW, readAhead }).report([DOC]);
    return calls;
  }

  it('hands the large structured files read at HEAD to the differ when there are cores to spare', async () => {
    assert.deepEqual(await prepared(true), [[], [`${SPEC.length} chars`]]);
  });

  it('only starts the differ otherwise', async () => {
    assert.deepEqual(await prepared(false), [[]]);
  });
});
