import assert from 'node:assert/strict';
import { commit, evidence, lines, target, verdict } from './evidence';

const IMPORTS = commit('a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', '2024-06-02T09:00:00Z', 'add imports');
const anchored = (start: number, end: number) => target('src/pool.go', 9, { lines: { start, end } }) as ReturnType<typeof target> & { lines: { start: number; end: number } };

describe('rule link.anchor-drifted', () => {
  it('says where unchanged lines moved to, suggests the new fragment, and adds no weight', () => {
    const doc = evidence({ anchors: [{ target: anchored(10, 20), touchedBy: [], movedBy: [IMPORTS], now: { start: 14, end: 24 }, uncommittedTouch: false }] });
    assert.deepEqual(lines(doc), [
      'runbooks/db.md:9:3 info Lines 10–20 of `src/pool.go` (#L10-L20) moved to lines 14–24: lines were added or removed above them (latest: a1b2c3d "add imports"). Update the link to #L14-L24. [link.anchor-drifted]',
    ]);
    const v = verdict(doc);
    assert.deepEqual([v.level, v.score], ['fresh', 0]);
    assert.deepEqual(v.reasons[0]!.suggestion, { path: 'src/pool.go', lines: { start: 14, end: 24 } });
  });

  it('leaves out the commit when none is known, and names one line as one', () => {
    const doc = evidence({ anchors: [{ target: anchored(3, 3), touchedBy: [], movedBy: [], now: { start: 4, end: 4 }, uncommittedTouch: false }] });
    assert.deepEqual(lines(doc), ['runbooks/db.md:9:3 info Lines 3 of `src/pool.go` (#L3) moved to lines 4: lines were added or removed above them. Update the link to #L4. [link.anchor-drifted]']);
  });

  it('gives way to stale.anchored-range-changed when the lines changed too', () => {
    const doc = evidence({ anchors: [{ target: anchored(10, 20), touchedBy: [IMPORTS], movedBy: [], now: { start: 14, end: 24 }, uncommittedTouch: false }] });
    assert.deepEqual(verdict(doc).reasons.map((r) => r.ruleId), ['stale.anchored-range-changed']);
  });
});
