import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DocModel } from '../../../src/core/doc-model';
import { parseDoc } from '../../../src/core/parse-doc';
import { DocSearch, type SearchHit } from '../../../src/core/search-index';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'unit');

const corpus: Record<string, string> = {
  'runbooks/kubernetes/KubePodCrashLooping.md': readFileSync(path.join(FIXTURES, 'prometheus-runbook', 'KubePodCrashLooping.md'), 'utf8'),
  'docs/disk-full.md': readFileSync(path.join(FIXTURES, 'symptoms-resolution', 'disk-full.md'), 'utf8'),
  'runbooks/db/database-failover.md': [
    '---',
    'owner: team-db',
    'services: [postgres]',
    '---',
    '# Database failover', // 5
    '',
    '## Meaning', // 7
    '',
    'The primary stopped accepting writes.',
    '',
    '## Mitigation', // 11
    '',
    'Promote the replica with patronictl.',
    '',
  ].join('\n'),
  'docs/notes.md': '# Team notes\n\nWe practised a failover drill in March.\n\n## Lunch\n\nPizza.\n',
  'docs/adr/0001-use-postgres.md': '# Use Postgres for orders\n\n## Context\n\nWe need transactions.\n\n## Decision\n\nWe use Postgres.\n',
};

function buildSearch(files: Record<string, string> = corpus): { search: DocSearch; docs: Map<string, DocModel> } {
  const docs = new Map<string, DocModel>();
  const search = DocSearch.create((p) => docs.get(p));
  for (const [p, text] of Object.entries(files)) {
    const doc = parseDoc(p, text);
    docs.set(p, doc);
    search.set(doc);
  }
  return { search, docs };
}

/** A hit without its score, which depends on BM25 details; scores are compared by order. */
function withoutScore(hit: SearchHit | undefined): Omit<SearchHit, 'score'> | undefined {
  if (!hit) return undefined;
  const { score: _score, ...rest } = hit;
  return rest;
}

describe('DocSearch', () => {
  const { search } = buildSearch();

  it('ranks a title match above a body match for the same word', () => {
    const hits = search.search('failover');
    assert.deepEqual(
      hits.map((h) => h.path),
      ['runbooks/db/database-failover.md', 'docs/notes.md', 'docs/disk-full.md'],
    );
    assert.ok(hits[0]!.score > hits[1]!.score);
  });

  it('matches a prefix: "fail" finds failover (and fail, failures)', () => {
    assert.deepEqual(search.search('fail').map((h) => h.path), [
      'runbooks/db/database-failover.md',
      'docs/disk-full.md',
      'runbooks/kubernetes/KubePodCrashLooping.md',
      'docs/notes.md',
    ]);
  });

  it('matches a misspelling: "postgress" finds postgres (and postgresql)', () => {
    assert.deepEqual(
      search.search('postgress').map((h) => h.path),
      ['docs/adr/0001-use-postgres.md', 'runbooks/db/database-failover.md', 'docs/disk-full.md'],
    );
  });

  it('finds a CamelCase alert name by its parts: "crash looping"', () => {
    const hits = search.search('crash looping');
    assert.deepEqual(hits.map((h) => h.path), ['runbooks/kubernetes/KubePodCrashLooping.md']);
    // The words are in the title; the first section that mentions one of them (CrashLoopBackOff) is where it opens.
    assert.deepEqual(withoutScore(hits[0]), {
      path: 'runbooks/kubernetes/KubePodCrashLooping.md',
      title: 'KubePodCrashLooping',
      kind: 'runbook',
      heading: 'Meaning',
      line: 16,
      terms: ['crash', 'looping'],
    });
  });

  it('opens at the top when the whole alert name matches only the title, alerts and H1', () => {
    assert.deepEqual(withoutScore(search.search('KubePodCrashLooping')[0]), {
      path: 'runbooks/kubernetes/KubePodCrashLooping.md',
      title: 'KubePodCrashLooping',
      kind: 'runbook',
      line: 1,
      terms: ['kubepodcrashlooping'],
    });
  });

  it('points the hit at the section where the words are', () => {
    assert.deepEqual(withoutScore(search.search('patronictl')[0]), {
      path: 'runbooks/db/database-failover.md',
      title: 'Database failover',
      kind: 'runbook',
      heading: 'Mitigation',
      line: 11,
      terms: ['patronictl'],
    });
    assert.deepEqual(withoutScore(search.search('logrotate')[0]), {
      path: 'docs/disk-full.md',
      title: 'Disk full on database hosts',
      kind: 'runbook',
      heading: 'Resolution',
      line: 10,
      terms: ['logrotate'],
    });
  });

  it('prefers a heading that names the word over a section that only mentions it', () => {
    const hit = search.search('probe')[0]!;
    assert.deepEqual([hit.path, hit.heading, hit.line], ['runbooks/kubernetes/KubePodCrashLooping.md', 'Probe failures', 38]);
  });

  it('finds words in a table', () => {
    const hit = search.search('OOMKilled')[0]!;
    assert.deepEqual([hit.path, hit.heading, hit.line], ['runbooks/kubernetes/KubePodCrashLooping.md', 'Diagnosis', 24]);
  });

  it('finds docs by owner and service', () => {
    assert.deepEqual(search.search('team-db').map((h) => h.path), ['runbooks/db/database-failover.md']);
  });

  it('filters by kind', () => {
    assert.deepEqual(search.search('postgres', { kinds: ['architecture'] }).map((h) => h.path), ['docs/adr/0001-use-postgres.md']);
    assert.deepEqual(search.search('postgres', { kinds: ['other'] }), []);
  });

  it('returns at most `limit` hits', () => {
    assert.equal(search.search('failover').length, 3);
    assert.deepEqual(search.search('failover', { limit: 1 }).map((h) => h.path), ['runbooks/db/database-failover.md']);
  });

  it('returns nothing for an empty or blank query', () => {
    assert.deepEqual(search.search(''), []);
    assert.deepEqual(search.search('   \n'), []);
  });

  it('needs every word, and falls back to any word when no doc has all of them', () => {
    assert.deepEqual(search.search('postgres transactions').map((h) => h.path), ['docs/adr/0001-use-postgres.md']);
    assert.deepEqual(search.search('pizza logrotate').map((h) => h.path).sort(), ['docs/disk-full.md', 'docs/notes.md']);
  });

  it('replaces a document on set and forgets it on remove', () => {
    const { search: own, docs } = buildSearch();
    const changed = parseDoc('docs/notes.md', '# Team notes\n\nNothing about exercises any more.\n');
    docs.set('docs/notes.md', changed);
    own.set(changed);
    assert.equal(own.size, 5);
    assert.deepEqual(own.search('drill'), []);
    assert.deepEqual(own.search('exercises').map((h) => h.path), ['docs/notes.md']);
    own.remove('docs/notes.md');
    own.remove('docs/never-indexed.md');
    assert.equal(own.has('docs/notes.md'), false);
    assert.equal(own.size, 4);
    assert.deepEqual(own.search('exercises'), []);
  });

  it('gives the same hits after a JSON round trip', () => {
    const { search: own, docs } = buildSearch();
    const restored = DocSearch.fromJSON(own.toJSON(), (p) => docs.get(p));
    assert.equal(restored.size, 5);
    assert.deepEqual(restored.search('crash looping'), own.search('crash looping'));
    assert.deepEqual(restored.search('postgress'), own.search('postgress'));
  });

  it('refuses JSON that is not a search index', () => {
    assert.throws(() => DocSearch.fromJSON('{"nope":1}', () => undefined));
  });
});
