import assert from 'node:assert/strict';
import MiniSearch from 'minisearch';
import { topMatches } from '../../../src/core/search-top-k';

/** A small corpus where many documents tie and common words match almost everything. */
function corpus(): MiniSearch {
  const index = new MiniSearch({ fields: ['title', 'body'], searchOptions: { boost: { title: 3 }, prefix: true, fuzzy: 0.2 } });
  const words = ['pool', 'postgres', 'restart', 'pod', 'failover', 'queue', 'disk', 'latency', 'replica', 'timeout'];
  const docs = [];
  for (let i = 0; i < 300; i++) {
    const body = Array.from({ length: 5 + (i % 17) }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(' ');
    docs.push({ id: `doc-${i}`, title: `${words[i % words.length]} ${i % 4 === 0 ? 'runbook' : 'note'}`, body });
  }
  index.addAll(docs);
  return index;
}

describe('topMatches', () => {
  const index = corpus();

  it('returns exactly the first N results of MiniSearch.search, in the same order, for many query shapes', () => {
    for (const query of ['pool', 'po', 'postgress', 'restart pod', 'runbook failover', 'latency', 'nothing-matches']) {
      for (const limit of [1, 5, 20, 400]) {
        const expected = index.search(query).slice(0, limit).map((r) => [r.id, r.score, r.terms]);
        const actual = topMatches(index, query, {}, limit, () => true).map((m) => [m.id, m.score, m.terms]);
        assert.deepEqual(actual, expected, `${query} / ${limit}`);
      }
    }
  });

  it('honours per-call options such as OR', () => {
    const expected = index.search('runbook zzz', { combineWith: 'OR' }).slice(0, 10).map((r) => r.id);
    assert.deepEqual(topMatches(index, 'runbook zzz', { combineWith: 'OR' }, 10, () => true).map((m) => m.id), expected);
  });

  it('skips documents the filter rejects without losing later ones', () => {
    const accept = (id: string) => Number(id.slice(4)) % 2 === 0;
    const expected = index.search('pool').filter((r) => accept(r.id as string)).slice(0, 7).map((r) => r.id);
    assert.deepEqual(topMatches(index, 'pool', {}, 7, accept).map((m) => m.id), expected);
  });
});
