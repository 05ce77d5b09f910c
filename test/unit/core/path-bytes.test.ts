import assert from 'node:assert/strict';
import { decodeFileName } from '../../../src/core/path-bytes';

const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

describe('decodeFileName', () => {
  it('leaves a UTF-8 name as it is, any script', () => {
    assert.deepEqual(decodeFileName(bytes('runbooks/dépannage-磁盘.md')), { name: 'runbooks/dépannage-磁盘.md', utf8: true });
  });

  it('escapes each byte that is not UTF-8 as \\xNN and keeps the valid sequences around it', () => {
    assert.deepEqual(decodeFileName(bytes('bad-', [0xff], '.md')), { name: 'bad-\\xff.md', utf8: false });
    // Latin-1 "café", a truncated 3-byte sequence, an overlong slash, a UTF-16 surrogate encoded in UTF-8, then valid é.
    assert.deepEqual(decodeFileName(bytes('caf', [0xe9], '-', [0xe2, 0x82], '-', [0xc0, 0xaf], '-', [0xed, 0xa0, 0x80], '-é')), {
      name: 'caf\\xe9-\\xe2\\x82-\\xc0\\xaf-\\xed\\xa0\\x80-é',
      utf8: false,
    });
  });
});
