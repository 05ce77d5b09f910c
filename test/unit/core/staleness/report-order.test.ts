import assert from 'node:assert/strict';
import type { DocStaleness } from '../../../../src/core/staleness/model/report';
import { selectDocs, worstFirst } from '../../../../src/core/staleness/model/report-order';

const doc = (path: string, level: DocStaleness['level'], extra: Partial<DocStaleness> = {}): DocStaleness => ({
  path,
  kind: 'runbook',
  level,
  score: 0,
  reviewDue: false,
  reasons: [],
  targets: [],
  ...extra,
});

describe('the order and selection of a staleness report', () => {
  it('lists broken, then stale, unknown and fresh docs; runbooks before other docs and templates, then overdue reviews, score, path', () => {
    const docs = [
      doc('a-fresh.md', 'fresh'),
      doc('CONTRIBUTING.md', 'broken', { kind: 'other', score: 9 }),
      doc('runbooks/template.md', 'broken', { score: 9 }),
      doc('runbooks/db.md', 'broken', { score: 1 }),
      doc('runbooks/cache.md', 'stale', { score: 1.5 }),
      doc('runbooks/api.md', 'stale', { score: 2 }),
      doc('z-fresh-due.md', 'fresh', { reviewDue: true }),
      doc('runbooks/nohistory.md', 'unknown'),
    ];
    assert.deepEqual(worstFirst(docs).map((d) => d.path), [
      'runbooks/db.md',
      'CONTRIBUTING.md',
      'runbooks/template.md',
      'runbooks/api.md',
      'runbooks/cache.md',
      'runbooks/nohistory.md',
      'z-fresh-due.md',
      'a-fresh.md',
    ]);
    assert.equal(docs[0]!.path, 'a-fresh.md');
  });

  it('selects the levels named, review for overdue reviews, and leaves out fresh docs without findings when quiet', () => {
    const docs = [doc('a.md', 'fresh'), doc('b.md', 'fresh', { reviewDue: true }), doc('c.md', 'stale'), doc('d.md', 'broken')];
    assert.deepEqual(selectDocs(docs, { only: ['stale', 'review'] }).map((d) => d.path), ['b.md', 'c.md']);
    assert.deepEqual(selectDocs(docs, { quiet: true }).map((d) => d.path), ['b.md', 'c.md', 'd.md']);
    assert.deepEqual(selectDocs(docs, {}).map((d) => d.path), ['a.md', 'b.md', 'c.md', 'd.md']);
  });
});
