import assert from 'node:assert/strict';
import { escapeControl, escapeControlKeepLines, hasControl } from '../../../src/core/terminal-text';

describe('terminal text', () => {
  it('escapes ANSI and OSC sequences, newlines and carriage returns in one value', () => {
    assert.equal(escapeControl('\x1b[2J\x1b]0;owned\x07title\n::error::x\r'), '\\x1b[2J\\x1b]0;owned\\x07title\\n::error::x\\r');
  });

  it('escapes DEL, C1 controls (CSI 0x9b), separators and bidi overrides', () => {
    assert.equal(escapeControl('a\x7fb\u009b31mc\u2028d\u202eevil\u2066'), 'a\\x7fb\\x9b31mc\\u2028d\\u202eevil\\u2066');
  });

  it('leaves printable text of any script alone', () => {
    const text = 'Base de données — 数据库 ✓ `code` \\ "quoted"';
    assert.equal(escapeControl(text), text);
    assert.equal(hasControl(text), false);
    assert.equal(hasControl('a\tb'), true);
  });

  it('keeps newlines and tabs when escaping a whole block of output', () => {
    assert.equal(escapeControlKeepLines('line 1\tx\nline 2 \x1b]8;;http://x\x07link\r\n'), 'line 1\tx\nline 2 \\x1b]8;;http://x\\x07link\\r\n');
  });
});
