// The rules whose findings are made before the verdict (while resolving targets and gathering
// evidence) and reach it as the evidence's `problems`.
import assert from 'node:assert/strict';
import { outsideRepoReason } from '../../../../../src/core/staleness/rules/link-outside-repo';
import { pinnedUnverifiableReason } from '../../../../../src/core/staleness/rules/link-pinned-unverifiable';
import { watchesNoMatchReason } from '../../../../../src/core/staleness/rules/watches-no-match';
import { evidence, lines, target, verdict } from './evidence';

describe('rules found before the verdict', () => {
  it('link.outside-repo names the link as written', () => {
    const doc = evidence({ problems: [outsideRepoReason('../../etc/hosts', 8, 5)] });
    assert.deepEqual(lines(doc), [
      'runbooks/db.md:8:5 warning Link `../../etc/hosts` points above the workspace root, where its history is not followed. Link to a file inside the repository, or use a full URL. [link.outside-repo]',
    ]);
  });

  it('link.pinned-unverifiable names the tag or commit and how to fetch it', () => {
    const tag = target('src/main.go', 4, { via: 'url', pinned: { ref: 'v2.0.0', kind: 'tag' } });
    const sha = target('src/main.go', 5, { via: 'url', pinned: { ref: '0123456789abcdef0123456789abcdef01234567', kind: 'commit' } });
    assert.deepEqual(lines(evidence({ problems: [pinnedUnverifiableReason(tag), pinnedUnverifiableReason(sha)] })), [
      'runbooks/db.md:4:3 info This link is pinned to tag v2.0.0, which is not in this clone, so `src/main.go` cannot be checked there. Fetch it (`git fetch --tags`) or fix the link. [link.pinned-unverifiable]',
      'runbooks/db.md:5:3 info This link is pinned to commit 0123456789ab, which is not in this clone, so `src/main.go` cannot be checked there. Fetch it (`git fetch --tags`) or fix the link. [link.pinned-unverifiable]',
    ]);
  });

  it('watches.no-match quotes the pattern as written, and none of them adds weight', () => {
    const doc = evidence({ problems: [watchesNoMatchReason(target('deploy/**/*.tf', 1, { kind: 'glob', via: 'watches', column: undefined, raw: './deploy/**/*.tf' }))] });
    assert.deepEqual(lines(doc), ['runbooks/db.md:1:1 warning `watches: ./deploy/**/*.tf` matches no file, now or in the history. Fix the pattern. [watches.no-match]']);
    assert.deepEqual([verdict(doc).level, verdict(doc).score], ['fresh', 0]);
  });
});
