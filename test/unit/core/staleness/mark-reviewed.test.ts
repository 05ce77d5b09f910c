import assert from 'node:assert/strict';
import { markReviewed } from '../../../../src/core/staleness/queries/mark-reviewed';

describe('markReviewed', () => {
  it('updates an existing reviewed date in place, keeping a trailing comment', () => {
    assert.deepEqual(markReviewed('---\ntitle: X\nreviewed: 2025-01-02 # by Al\nowner: a\n---\n# X\n', '2026-11-22'), {
      text: '---\ntitle: X\nreviewed: 2026-11-22 # by Al\nowner: a\n---\n# X\n',
    });
  });

  it('updates last_reviewed when that is the convention the doc uses', () => {
    assert.deepEqual(markReviewed('---\nlast_reviewed: 2025-01-02\n---\n', '2026-11-22'), { text: '---\nlast_reviewed: 2026-11-22\n---\n' });
  });

  it('adds reviewed before the closing line when there is no review field', () => {
    assert.deepEqual(markReviewed('---\ntitle: X\n---\nbody\n', '2026-11-22'), { text: '---\ntitle: X\nreviewed: 2026-11-22\n---\nbody\n' });
  });

  it('adds a front matter block when the doc has none, and keeps CRLF line endings', () => {
    assert.deepEqual(markReviewed('# X\r\n\r\nbody\r\n', '2026-11-22'), { text: '---\r\nreviewed: 2026-11-22\r\n---\r\n# X\r\n\r\nbody\r\n' });
  });

  it('refuses an unclosed front matter instead of guessing', () => {
    assert.deepEqual(markReviewed('---\ntitle: X\n# X\n', '2026-11-22'), {
      error: 'the front matter has no closing `---`; fix it before marking the doc reviewed',
    });
  });
});
