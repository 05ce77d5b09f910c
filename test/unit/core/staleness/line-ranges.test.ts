import assert from 'node:assert/strict';
import { formatRange, hunksTouching, mapRangeBackward, mapRangeForward, rangeFragment } from '../../../../src/core/staleness/model/line-ranges';

const hunk = (oldStart: number, oldLines: number, newStart: number, newLines: number) => ({ oldStart, oldLines, newStart, newLines });

describe('line ranges through zero-context hunks', () => {
  const range = { start: 10, end: 20 };

  it('shifts a range by lines inserted or removed above it, without touching it', () => {
    assert.deepEqual(mapRangeForward(range, [hunk(3, 0, 4, 5)]), { range: { start: 15, end: 25 }, touched: false });
    assert.deepEqual(mapRangeForward(range, [hunk(2, 3, 1, 0)]), { range: { start: 7, end: 17 }, touched: false });
    assert.deepEqual(mapRangeForward(range, [hunk(9, 0, 10, 2)]), { range: { start: 12, end: 22 }, touched: false });
  });

  it('leaves a range alone for changes below it, including an insertion right after its last line', () => {
    assert.deepEqual(mapRangeForward(range, [hunk(25, 2, 25, 4)]), { range, touched: false });
    assert.deepEqual(mapRangeForward(range, [hunk(20, 0, 21, 3)]), { range, touched: false });
  });

  it('touches a range when one of its lines changes or lines are inserted inside it', () => {
    assert.deepEqual(mapRangeForward(range, [hunk(15, 1, 15, 1)]), { range, touched: true });
    assert.deepEqual(mapRangeForward(range, [hunk(12, 0, 13, 2)]), { range: { start: 10, end: 22 }, touched: true });
    assert.deepEqual(mapRangeForward(range, [hunk(8, 4, 8, 1)]).touched, true);
    assert.deepEqual(mapRangeForward(range, [hunk(20, 1, 20, 1)]).touched, true);
  });

  it('reports a range whose lines were all removed as gone', () => {
    assert.deepEqual(mapRangeForward(range, [hunk(10, 11, 9, 0)]), { range: undefined, touched: true });
  });

  it('maps a range of the new side back to the old side', () => {
    assert.deepEqual(mapRangeBackward({ start: 15, end: 25 }, [hunk(3, 0, 4, 5)]), { range: { start: 10, end: 20 }, touched: false });
  });

  it('lists the hunks that touch a range, and formats ranges', () => {
    assert.deepEqual(hunksTouching(range, [hunk(1, 1, 1, 1), hunk(11, 1, 11, 1)]), [hunk(11, 1, 11, 1)]);
    assert.deepEqual([formatRange({ start: 3, end: 3 }), formatRange(range), rangeFragment({ start: 3, end: 3 }), rangeFragment(range)], ['3', '10–20', '#L3', '#L10-L20']);
  });
});
