import assert from 'node:assert/strict';
import { commit, evidence, lines, target, verdict } from './evidence';

const CLEANUP = commit('deadbeef00000000000000000000000000000000', '2024-06-10T08:00:00Z', 'remove old scripts');

describe('rule link.missing-target', () => {
  it('names the commit that deleted the target, weighs brokenLink and makes the doc broken', () => {
    const doc = evidence({ broken: [{ target: target('scripts/restart.sh', 14, { kind: 'missing' }), deletedIn: CLEANUP }] });
    assert.deepEqual(lines(doc), ['runbooks/db.md:14:3 error Link target `scripts/restart.sh` does not exist (deleted in deadbee "remove old scripts"). Fix or remove the link. [link.missing-target]']);
    const v = verdict(doc);
    assert.deepEqual([v.level, v.score, v.reasons[0]!.commits], ['broken', 5, [CLEANUP]]);
  });

  it('says so for a deletion in the working tree and for a target never seen, naming watched paths and alert rule files as such', () => {
    const doc = evidence({
      broken: [
        { target: target('deploy/old.yaml', 1, { kind: 'missing', via: 'watches', column: undefined }), deletedUncommitted: true },
        { target: target('alerts/db.yaml', 1, { kind: 'missing', via: 'alert-rule', column: undefined }) },
      ],
    });
    assert.deepEqual(lines(doc), [
      'runbooks/db.md:1:1 error Watched path `deploy/old.yaml` does not exist (deleted in the working tree, not committed). Fix or remove the link. [link.missing-target]',
      'runbooks/db.md:1:1 error Alert rule file `alerts/db.yaml` does not exist. Fix or remove the link. [link.missing-target]',
    ]);
    assert.equal(verdict(doc, { weights: { brokenLink: 2 } }).score, 4);
  });

  it('names the commit or tag a pinned link points at', () => {
    const doc = evidence({ broken: [{ target: target('src/main.go', 6, { kind: 'file', via: 'url', pinned: { ref: 'v1.2.3', kind: 'tag' } }), pinnedAt: '0123456789abcdef0123' }] });
    assert.deepEqual(lines(doc), ['runbooks/db.md:6:3 error Link target `src/main.go` does not exist at 0123456789ab, the commit or tag this link is pinned to. Fix the link. [link.missing-target]']);
  });
});
