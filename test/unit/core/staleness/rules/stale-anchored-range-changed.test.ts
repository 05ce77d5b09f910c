import assert from 'node:assert/strict';
import { commit, evidence, lines, target, verdict } from './evidence';

const POOL = commit('a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', '2024-06-02T09:00:00Z', 'raise pool size');
const RENAME = commit('0badcafe00000000000000000000000000000000', '2024-05-20T09:00:00Z', 'rename the settings');
const anchored = (start: number, end: number) => target('deploy/db.yaml', 7, { lines: { start, end } }) as ReturnType<typeof target> & { lines: { start: number; end: number } };

describe('rule stale.anchored-range-changed', () => {
  it('names the range, the commits and where the lines are now, suggests the new range, and weighs anchoredRange', () => {
    const doc = evidence({ anchors: [{ target: anchored(10, 20), touchedBy: [POOL, RENAME], movedBy: [], now: { start: 12, end: 23 }, uncommittedTouch: false }] });
    assert.deepEqual(lines(doc), [
      'runbooks/db.md:7:3 warning Lines 10–20 of `deploy/db.yaml` (#L10-L20) changed since this runbook was last changed on 2024-05-01 (2 commits changed the file since — latest: a1b2c3d "raise pool size"). They are now around lines 12–23. Check that this runbook still matches them, then update it (and the link) or mark it reviewed. [stale.anchored-range-changed]',
    ]);
    const v = verdict(doc);
    assert.deepEqual([v.level, v.score], ['stale', 2]);
    assert.deepEqual(v.reasons[0]!.suggestion, { path: 'deploy/db.yaml', lines: { start: 12, end: 23 } });
    assert.deepEqual(v.reasons[0]!.commits, [POOL, RENAME]);
  });

  it('says when the lines were removed, and suggests nothing', () => {
    const doc = evidence({ anchors: [{ target: anchored(5, 5), touchedBy: [POOL], movedBy: [], now: undefined, uncommittedTouch: false }] });
    assert.deepEqual(lines(doc), [
      'runbooks/db.md:7:3 warning Lines 5 of `deploy/db.yaml` (#L5) changed since this runbook was last changed on 2024-05-01 (1 commit changed the file since — latest: a1b2c3d "raise pool size"). The lines were removed. Check that this runbook still matches them, then update it (and the link) or mark it reviewed. [stale.anchored-range-changed]',
    ]);
    assert.equal(verdict(doc).reasons[0]!.suggestion, undefined);
  });

  it('reports uncommitted changes to the range, alone or after commits', () => {
    const alone = evidence({ anchors: [{ target: anchored(10, 12), touchedBy: [], movedBy: [], now: { start: 10, end: 12 }, uncommittedTouch: true }] });
    assert.deepEqual(lines(alone), [
      'runbooks/db.md:7:3 warning Lines 10–12 of `deploy/db.yaml` (#L10-L12) have uncommitted changes. Check that this runbook still matches them, then update it (and the link) or mark it reviewed. [stale.anchored-range-changed]',
    ]);
    const both = evidence({ anchors: [{ target: anchored(10, 12), touchedBy: [POOL], movedBy: [], now: { start: 10, end: 12 }, uncommittedTouch: true }] });
    assert.deepEqual(lines(both), [
      'runbooks/db.md:7:3 warning Lines 10–12 of `deploy/db.yaml` (#L10-L12) changed since this runbook was last changed on 2024-05-01 and have uncommitted changes (1 commit changed the file since — latest: a1b2c3d "raise pool size"). Check that this runbook still matches them, then update it (and the link) or mark it reviewed. [stale.anchored-range-changed]',
    ]);
  });

  it('says nothing about a range that neither changed nor moved', () => {
    const doc = evidence({ anchors: [{ target: anchored(10, 12), touchedBy: [], movedBy: [POOL], now: { start: 10, end: 12 }, uncommittedTouch: false }] });
    assert.deepEqual(lines(doc), []);
    assert.deepEqual([verdict(doc).level, verdict(doc).score], ['fresh', 0]);
  });
  it('leaves lines of a file written after the doc to stale.unmentioned-change (info): there were none to rely on', () => {
    const doc = evidence({ anchors: [{ target: anchored(1, 1), touchedBy: [POOL], movedBy: [], now: { start: 1, end: 1 }, uncommittedTouch: false, created: true }] });
    assert.deepEqual(lines(doc), [
      'runbooks/db.md:7:3 info Lines 1 of `deploy/db.yaml` (#L1) were written (1 commit) after this runbook was last changed on 2024-05-01 — latest: a1b2c3d "raise pool size": this runbook cannot have relied on them. Nothing to update unless the link should point elsewhere in the file. [stale.unmentioned-change]',
    ]);
    assert.deepEqual([verdict(doc).level, verdict(doc).score], ['fresh', 0.1]);
  });
});
