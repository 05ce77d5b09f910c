import assert from 'node:assert/strict';
import { diffIgnoringWhitespace } from '../../../../src/core/staleness/diffs/text-diff';

describe('diffIgnoringWhitespace', () => {
  it('finds nothing when only spaces, tabs and line endings changed', () => {
    assert.deepEqual(diffIgnoringWhitespace('a: 1\nb:  2\n', 'a:1\r\n\tb: 2\r\n'), { added: 0, deleted: 0, hunks: [] });
  });

  it('counts an added blank line, as git -w does', () => {
    assert.deepEqual(diffIgnoringWhitespace('a\nb\n', 'a\n\nb\n'), { added: 1, deleted: 0, hunks: [{ oldStart: 1, oldLines: 0, newStart: 2, newLines: 1 }] });
  });

  it('numbers a changed line, an insertion and a deletion like git -U0', () => {
    const before = 'one\ntwo\nthree\nfour\nfive\nsix\n';
    const after = 'zero\none\nTWO\nthree\nfive\nsix\n';
    assert.deepEqual(diffIgnoringWhitespace(before, after), {
      added: 2,
      deleted: 2,
      hunks: [
        { oldStart: 0, oldLines: 0, newStart: 1, newLines: 1 },
        { oldStart: 2, oldLines: 1, newStart: 3, newLines: 1 },
        { oldStart: 4, oldLines: 1, newStart: 4, newLines: 0 },
      ],
    });
  });

  it('treats a missing side as an empty file', () => {
    assert.deepEqual(diffIgnoringWhitespace(undefined, 'a\nb'), { added: 2, deleted: 0, hunks: [{ oldStart: 0, oldLines: 0, newStart: 1, newLines: 2 }] });
    assert.deepEqual(diffIgnoringWhitespace('a\nb\nc\n', undefined), { added: 0, deleted: 3, hunks: [{ oldStart: 1, oldLines: 3, newStart: 0, newLines: 0 }] });
    assert.deepEqual(diffIgnoringWhitespace(undefined, undefined), { added: 0, deleted: 0, hunks: [] });
  });

  it('approximates two big, unrelated texts instead of spending seconds on them', () => {
    const before = Array.from({ length: 20_000 }, (_, i) => `old ${i}`).join('\n');
    const after = Array.from({ length: 20_000 }, (_, i) => `new ${i}`).join('\n');
    assert.deepEqual(diffIgnoringWhitespace(`same\n${before}\nend\n`, `same\n${after}\nend\n`), {
      added: 20_000,
      deleted: 20_000,
      hunks: [{ oldStart: 2, oldLines: 20_000, newStart: 2, newLines: 20_000 }],
      approximate: true,
    });
  });

  it('diffs a big file with a few scattered edits exactly', () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => `line ${i}`);
    const after = [...lines];
    after[100] = 'changed';
    after.splice(20_000, 2);
    assert.deepEqual(diffIgnoringWhitespace(lines.join('\n'), after.join('\n')), {
      added: 1,
      deleted: 3,
      hunks: [
        { oldStart: 101, oldLines: 1, newStart: 101, newLines: 1 },
        { oldStart: 20_001, oldLines: 2, newStart: 20_000, newLines: 0 },
      ],
    });
  });
});
