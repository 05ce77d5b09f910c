import assert from 'node:assert/strict';
import { markResolved } from '../../../../src/core/incident/resolve';

const AT = new Date('2026-11-22T15:40:00.123Z');

describe('markResolved', () => {
  it('changes status and adds resolved after started, touching nothing else', () => {
    const text = '---\nid: x\ntitle: "DB: down"   # quoted\nstatus: active\nstarted: 2026-11-22T14:05:00Z\nrunbooks:\n  - a.md\n---\n# DB\n\nstatus: active in the body stays\n';
    assert.deepEqual(markResolved(text, AT), {
      text: '---\nid: x\ntitle: "DB: down"   # quoted\nstatus: resolved\nstarted: 2026-11-22T14:05:00Z\nresolved: 2026-11-22T15:40:00Z\nrunbooks:\n  - a.md\n---\n# DB\n\nstatus: active in the body stays\n',
    });
  });

  it('keeps a hand-edited front matter as written: comments, order, odd spacing, CRLF and a BOM', () => {
    const text = '\uFEFF---\r\n# edited by hand\r\nstatus:   active # was investigating\r\nseverity: SEV1\r\nresolved: ~\r\nextra: {a: 1}\r\nstarted: 2026-11-22T14:05:00Z\r\n---\r\nbody\r\n';
    assert.deepEqual(markResolved(text, AT), {
      text: '\uFEFF---\r\n# edited by hand\r\nstatus: resolved # was investigating\r\nseverity: SEV1\r\nresolved: 2026-11-22T15:40:00Z\r\nextra: {a: 1}\r\nstarted: 2026-11-22T14:05:00Z\r\n---\r\nbody\r\n',
    });
  });

  it('adds status and resolved before the closing line when they are missing', () => {
    assert.deepEqual(markResolved('---\ntitle: T\n---\n', AT), { text: '---\ntitle: T\nstatus: resolved\nresolved: 2026-11-22T15:40:00Z\n---\n' });
  });

  it('refuses broken front matter with a clear error, and a missing one', () => {
    const broken = markResolved('---\ntitle: "unclosed\nstatus: active\n---\n', AT);
    assert.ok('error' in broken);
    assert.match(broken.error, /^Cannot mark the incident resolved: The front matter is not valid YAML \(line 2\).*left as it is/);
    const missing = markResolved('# no front matter\n', AT);
    assert.ok('error' in missing);
    assert.match(missing.error, /does not start with a `---` front matter line/);
  });

  it('refuses when a line edit would change other fields (a block scalar status)', () => {
    const result = markResolved('---\nstatus: |\n  active\nstarted: 2026-11-22T14:05:00Z\n---\n', AT);
    assert.ok('error' in result);
    assert.match(result.error, /not simple `key: value` lines/);
  });
});
