import assert from 'node:assert/strict';
import { commit, evidence, lines, target, verdict } from './evidence';

const MOVE = commit('feedface00000000000000000000000000000000', '2024-06-11T08:00:00Z', 'move scripts to bin');

describe('rule link.renamed-target', () => {
  it('names the new path and the commit, suggests the new path with the linked lines, and makes the doc broken', () => {
    const doc = evidence({ broken: [{ target: target('scripts/restart.sh', 14, { kind: 'missing', lines: { start: 3, end: 9 } }), renamedTo: { path: 'bin/restart.sh', commit: MOVE } }] });
    assert.deepEqual(lines(doc), [
      'runbooks/db.md:14:3 error Link target `scripts/restart.sh` does not exist: it was renamed to `bin/restart.sh` in feedfac "move scripts to bin". Update the link to `bin/restart.sh`. [link.renamed-target]',
    ]);
    const v = verdict(doc);
    assert.deepEqual([v.level, v.score], ['broken', 5]);
    assert.deepEqual(v.reasons[0]!.suggestion, { path: 'bin/restart.sh', lines: { start: 3, end: 9 }, commit: MOVE });
  });

  it('says when the rename is not committed yet', () => {
    const doc = evidence({ broken: [{ target: target('scripts/restart.sh', 2, { kind: 'missing' }), renamedTo: { path: 'bin/restart.sh', uncommitted: true } }] });
    assert.deepEqual(lines(doc), ['runbooks/db.md:2:3 error Link target `scripts/restart.sh` does not exist: it was renamed to `bin/restart.sh` (uncommitted). Update the link to `bin/restart.sh`. [link.renamed-target]']);
  });

  it('keeps the order of the links when renamed and deleted targets share a line', () => {
    const doc = evidence({
      broken: [
        { target: target('a.yaml', 1, { kind: 'missing', via: 'watches', column: undefined }) },
        { target: target('b.yaml', 1, { kind: 'missing', via: 'watches', column: undefined }), renamedTo: { path: 'c.yaml', commit: MOVE } },
      ],
    });
    assert.deepEqual(verdict(doc).reasons.map((r) => `${r.ruleId} ${r.target}`), ['link.missing-target a.yaml', 'link.renamed-target b.yaml']);
  });
});
