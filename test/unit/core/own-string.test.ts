import assert from 'node:assert/strict';
import { ownString, ownStrings } from '../../../src/core/own-string';

describe('own strings (what is kept of a large text is copied out of it)', () => {
  it('gives back the same characters, short or long', () => {
    const text = `${'x'.repeat(1000)}0123456789abcdef0123456789abcdef01234567${'y'.repeat(1000)}`;
    assert.equal(ownString(text.slice(1000, 1040)), '0123456789abcdef0123456789abcdef01234567');
    assert.equal(ownString('a"b\\c\nd'), 'a"b\\c\nd');
    assert.equal(ownString('short'), 'short');
    assert.equal(ownString(''), '');
  });

  it('copies every string of a result through arrays and objects, keeping keys, their order, undefined entries and numbers', () => {
    const text = 'lost: connection_pool_size gained: max_connections_per_host';
    const diff = {
      added: 2,
      deleted: 1,
      hunks: [{ oldStart: 2, oldLines: 1, newStart: 2, newLines: 2 }],
      minor: [undefined, 'version'],
      vocabulary: { lost: [text.slice(6, 26)], gained: [text.slice(35)], copies: [] as string[] },
      rules: [{ value: text.slice(0, 26) }],
      shape: undefined,
      sizes: [48_000, 50_100],
    };
    const own = ownStrings(diff);
    assert.deepEqual(own, diff);
    assert.deepEqual(Object.keys(own), Object.keys(diff));
    assert.deepEqual(own.vocabulary.lost, ['connection_pool_size']);
    assert.equal(own.sizes, diff.sizes, 'an array of numbers is kept as it is');
  });
});
