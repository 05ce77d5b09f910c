import assert from 'node:assert/strict';
import { decodeText } from '../../../src/core/decode-text';

describe('decodeText', () => {
  it('decodes valid UTF-8 without findings', () => {
    assert.deepEqual(decodeText(new TextEncoder().encode('# Café ☕\n')), { text: '# Café ☕\n', findings: [] });
  });

  it('drops a byte-order mark', () => {
    assert.deepEqual(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, 0x23, 0x20, 0x41])), { text: '# A', findings: [] });
  });

  it('replaces invalid bytes and reports the first line that has one', () => {
    const bytes = Buffer.concat([Buffer.from('one\r\ntwo\r\nthr'), Buffer.from([0xff]), Buffer.from('e\n'), Buffer.from([0xfe])]);
    assert.deepEqual(decodeText(bytes), {
      text: 'one\r\ntwo\r\nthr\uFFFDe\n\uFFFD',
      findings: [
        {
          ruleId: 'doc.invalid-encoding',
          severity: 'warning',
          message: 'This file is not valid UTF-8; invalid bytes were shown as \uFFFD. Re-save it as UTF-8 so search and links see the real text.',
          line: 3,
        },
      ],
    });
  });

  it('reads a Latin-1 file as text with one finding on line 1', () => {
    const decoded = decodeText(Buffer.from('Résumé\n', 'latin1'));
    assert.equal(decoded.text, 'R\uFFFDsum\uFFFD\n');
    assert.deepEqual(decoded.findings.map((f) => f.line), [1]);
  });
});

describe('decodeText: UTF-16 without a byte-order mark', () => {
  it('reads UTF-16LE text without BOM as UTF-16 and says so', () => {
    const decoded = decodeText(Buffer.from('# Disk full\n\nCheck the disk.\n', 'utf16le'));
    assert.equal(decoded.text, '# Disk full\n\nCheck the disk.\n');
    assert.deepEqual(decoded.findings.map((f) => [f.ruleId, f.line]), [['doc.invalid-encoding', 1]]);
    assert.match(decoded.findings[0]!.message, /^This file is UTF-16 \(little-endian\), not UTF-8/);
  });

  it('leaves UTF-8 text with a stray NUL alone', () => {
    assert.deepEqual(decodeText(Buffer.from('# Title\n\0\nbody text here\n')).findings, []);
  });
});
