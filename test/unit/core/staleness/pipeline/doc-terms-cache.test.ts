import assert from 'node:assert/strict';
import { compareWithDocs, type DocTermsCache } from '../../../../../src/core/staleness/evidence/mentions';
import type { DocEvidence } from '../../../../../src/core/staleness/model/evidence';
import type { GitHistory } from '../../../../../src/core/staleness/ports';

const DOC = '# Deploy\n\nRun the [script](deploy.sh) with `--canary` first.\n';

/** A doc's evidence with one change to deploy.sh that took `canary` out of it (only what compareWithDocs reads). */
function evidence(): DocEvidence[] {
  const target = { path: 'deploy.sh', kind: 'file', occurrences: [{ line: 3 }] };
  return [{ path: 'runbooks/deploy.md', changes: [{ target, commits: [], vocabulary: { lost: ['canary'], gained: [], copies: [], sections: [], sectionsGone: [] } }] } as unknown as DocEvidence];
}

/** Reads every doc as `text` from the working tree. */
const gitWith = (text: string) => ({ readWorkingFiles: async (paths: string[]) => paths.map(() => ({ oid: 'worktree', size: text.length, text })) }) as unknown as GitHistory;

describe('what docs say next to their links, kept between runs', () => {
  it('works out a doc whose text is unchanged from what it said last time, and from its text again once it changed', async () => {
    const cache: DocTermsCache = new Map();
    const first = evidence();
    await compareWithDocs(first, gitWith(DOC), undefined, cache);
    assert.deepEqual(first[0]!.changes[0]!.mentions, ['took `--canary` out of it']);
    assert.deepEqual([...cache.get('runbooks/deploy.md')!.terms.values()].map((terms) => terms.has('canary')), [true]);
    // What was kept is what the next run with the same text reads: emptied here, nothing is mentioned.
    for (const terms of cache.get('runbooks/deploy.md')!.terms.values()) terms.clear();
    const second = evidence();
    await compareWithDocs(second, gitWith(DOC), undefined, cache);
    assert.equal(second[0]!.changes[0]!.mentions, undefined);
    assert.equal(second[0]!.changes[0]!.unmentioned, true);
    // A changed text is read again.
    const third = evidence();
    await compareWithDocs(third, gitWith(`${DOC}\n`), undefined, cache);
    assert.deepEqual(third[0]!.changes[0]!.mentions, ['took `--canary` out of it']);
  });
});
