import assert from 'node:assert/strict';
import { emptyMeta, extractMeta, parseFrontMatter, toIsoDate } from '../../../src/core/front-matter';
import { plain } from '../support/temp-dir';

/** The normalised meta of a YAML block, as it survives JSON (absent fields dropped). */
function metaOf(yaml: string) {
  const result = parseFrontMatter(yaml, 2);
  assert.deepEqual(result.findings, []);
  return plain(result.meta);
}

describe('parseFrontMatter', () => {
  it('returns the mapping as parsed and normalised fields', () => {
    const result = parseFrontMatter('title: Postgres down\nowner: team-db\nseverity: critical\ntype: runbook\nteam: data', 2);
    assert.deepEqual(result.data, { title: 'Postgres down', owner: 'team-db', severity: 'critical', type: 'runbook', team: 'data' });
    assert.deepEqual(plain(result.meta), {
      owner: 'team-db',
      team: 'data',
      severity: 'critical',
      type: 'runbook',
      services: [],
      tags: [],
      alerts: [],
      review: {},
    });
    assert.deepEqual(result.findings, []);
  });

  it('gives an empty block an empty mapping, not undefined', () => {
    assert.deepEqual(parseFrontMatter('', 2), { data: {}, meta: emptyMeta(), findings: [] });
  });

  it('gives a block of only comments an empty mapping', () => {
    assert.deepEqual(parseFrontMatter('# nothing here yet', 2), { data: {}, meta: emptyMeta(), findings: [] });
  });

  it('rejects a scalar as front matter with a not-a-mapping finding on the first YAML line', () => {
    const result = parseFrontMatter('just a sentence', 7);
    assert.equal(result.data, undefined);
    assert.deepEqual(result.findings.map((f) => [f.ruleId, f.severity, f.line]), [['front-matter.not-a-mapping', 'error', 7]]);
  });

  it('offsets invalid-YAML findings by the first line and gives the column', () => {
    const result = parseFrontMatter('owner: team-db\ntags: [a, b\nservice: x', 2);
    assert.equal(result.data, undefined);
    assert.deepEqual(result.meta, emptyMeta());
    assert.deepEqual(result.findings.map((f) => [f.ruleId, f.line, f.column]), [['front-matter.invalid', 3, 7]]);
  });

  it('points an unclosed flow mapping at the line where it opens', () => {
    const result = parseFrontMatter('owner: a\nlast_update: {date: 2025-01-02\nservice: x\nteam: y', 10);
    assert.deepEqual(result.findings.map((f) => [f.line, f.column]), [[11, 14]]);
  });

  it('points an unclosed quote inside an unclosed flow list at the quote and at the bracket', () => {
    const result = parseFrontMatter('owner: a\nalerts: [A, "B\nservice: x', 2);
    assert.deepEqual(
      result.findings.map((f) => [f.message.slice(0, f.message.indexOf('.')), f.line, f.column]),
      [
        ['Front matter is not valid YAML: Missing closing "quote', 3, 13],
        ['Front matter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]', 3, 9],
      ],
    );
  });

  it('keeps the reported place of errors that are not about an unclosed quote or bracket', () => {
    const result = parseFrontMatter('owner: a\nservice: b: c\nteam: d', 2);
    assert.deepEqual(result.findings.map((f) => [f.ruleId, f.line, f.column]), [['front-matter.invalid', 3, 10]]);
  });

  describe('field shapes', () => {
    it('reads `services:` as a list and `service:` as a string, merged without duplicates', () => {
      assert.deepEqual(metaOf('service: payments\nservices: [ledger, payments]').services, ['payments', 'ledger']);
      assert.deepEqual(metaOf('services:\n  - checkout-api\n  - checkout-web').services, ['checkout-api', 'checkout-web']);
      assert.deepEqual(metaOf('service: payments').services, ['payments']);
    });

    it('splits a comma-separated `tags` string and trims the parts', () => {
      assert.deepEqual(metaOf('tags: "db, postgres , ,failover"').tags, ['db', 'postgres', 'failover']);
    });

    it('merges `keywords` into tags and turns numbers into strings', () => {
      assert.deepEqual(metaOf('tags: [1, two]\nkeywords: three').tags, ['1', 'two', 'three']);
    });

    it('reads alerts written as names, `{name: X}` and `{alert: X}` objects, and a single `alert:`', () => {
      const meta = metaOf('alerts:\n  - name: PostgresDown\n    severity: critical\n  - alert: PostgresReplicationLag\n  - DiskFull\nalert: PostgresDown');
      assert.deepEqual(meta.alerts, ['PostgresDown', 'PostgresReplicationLag', 'DiskFull']);
    });

    it('reads a single alert object', () => {
      assert.deepEqual(metaOf('alerts: {name: KubePodCrashLooping}').alerts, ['KubePodCrashLooping']);
    });

    it('joins a list of owners and takes `maintainer` when there is no owner', () => {
      assert.equal(metaOf('owners: [alice, bob]').owner, 'alice, bob');
      assert.equal(metaOf('maintainer: carol').owner, 'carol');
    });

    it('takes the first usable of type, kind and doc_type', () => {
      assert.equal(metaOf('kind: ADR').type, 'ADR');
      assert.equal(metaOf('doc_type: runbook\ntype: playbook').type, 'playbook');
    });

    it('reports `alerts: 3` as a field-type warning on the key line and ignores the value', () => {
      const result = parseFrontMatter('title: x\nowner: team-db\nalerts: 3', 5);
      assert.deepEqual(result.data, { title: 'x', owner: 'team-db', alerts: 3 });
      assert.deepEqual(result.meta.alerts, []);
      assert.deepEqual(result.findings, [
        {
          ruleId: 'front-matter.field-type',
          severity: 'warning',
          message: 'Front matter `alerts` should be a list of alert names; it was ignored.',
          line: 7,
        },
      ]);
    });

    it('reports an alert object without a name, an owner mapping and a list of objects as services', () => {
      const result = parseFrontMatter('alerts:\n  - severity: page\nowner: {team: db}\nservices: [{name: x}]', 2);
      assert.deepEqual(
        result.findings.map((f) => [f.line, f.message]),
        [
          [4, 'Front matter `owner` should be a string; it was ignored.'],
          [5, 'Front matter `services` should be a string or a list of strings; it was ignored.'],
          [2, 'Front matter `alerts` should be a list of alert names; it was ignored.'],
        ],
      );
      assert.deepEqual(plain(result.meta), { services: [], tags: [], alerts: [], review: {} });
    });
  });

  describe('review conventions', () => {
    const cases: Array<[string, string, { reviewed?: string; reviewedField?: string; interval?: string }]> = [
      ['reviewed', 'reviewed: 2025-01-02', { reviewed: '2025-01-02', reviewedField: 'reviewed' }],
      ['last_reviewed', 'last_reviewed: 2025-01-03', { reviewed: '2025-01-03', reviewedField: 'last_reviewed' }],
      ['last_reviewed_on', 'last_reviewed_on: 2025-01-04', { reviewed: '2025-01-04', reviewedField: 'last_reviewed_on' }],
      ['lastReviewed', 'lastReviewed: "2025-01-05"', { reviewed: '2025-01-05', reviewedField: 'lastReviewed' }],
      ['ms.date (Microsoft Docs, MM/DD/YYYY)', 'ms.date: 03/02/2025', { reviewed: '2025-03-02', reviewedField: 'ms.date' }],
      ['Docusaurus last_update.date', 'last_update:\n  date: 2025-03-04\n  author: jdoe', { reviewed: '2025-03-04', reviewedField: 'last_update.date' }],
      ['g3doc freshness in front matter', 'freshness:\n  owner: jdoe\n  reviewed: 2025-01-06', { reviewed: '2025-01-06', reviewedField: 'freshness.reviewed' }],
      ['an ISO timestamp', 'reviewed: 2025-01-02T10:00:00Z', { reviewed: '2025-01-02', reviewedField: 'reviewed' }],
      ['review_interval', 'review_interval: 90d', { interval: '90d' }],
      ['review_in', 'review_in: 6 months', { interval: '6 months' }],
      ['review-every', 'review-every: P90D', { interval: 'P90D' }],
      ['a numeric interval', 'review_interval: 90', { interval: '90' }],
    ];
    for (const [name, yaml, review] of cases) {
      it(`reads ${name}`, () => {
        assert.deepEqual(metaOf(yaml).review, review);
      });
    }

    it('takes the latest of several review dates', () => {
      assert.deepEqual(metaOf('last_reviewed_on: 2024-12-31\nreviewed: 2025-01-01\nlast_reviewed: 2024-06-01').review, {
        reviewed: '2025-01-01',
        reviewedField: 'reviewed',
      });
    });

    it('ignores a date that does not exist', () => {
      assert.deepEqual(metaOf('reviewed: 2025-02-30').review, {});
    });

    it('takes the freshness owner when there is no owner field', () => {
      assert.equal(metaOf('freshness: {owner: jdoe}').owner, 'jdoe');
      assert.equal(metaOf('owner: team-db\nfreshness: {owner: jdoe}').owner, 'team-db');
    });
  });
});

describe('extractMeta', () => {
  it('reports nothing through the default problem callback and returns empty lists for an empty mapping', () => {
    assert.deepEqual(plain(extractMeta({})), { services: [], tags: [], alerts: [], review: {} });
  });

  it('accepts a YAML 1.1 style Date value as a review date', () => {
    assert.deepEqual(extractMeta({ reviewed: new Date('2025-03-02T00:00:00Z') }).review, {
      reviewed: '2025-03-02',
      reviewedField: 'reviewed',
    });
  });
});

describe('toIsoDate', () => {
  it('reads ISO dates, timestamps and the MM/DD/YYYY form', () => {
    assert.deepEqual(
      ['2025-03-02', '2025-03-02 10:00', '3/2/2025', '03/02/2025', new Date('2025-03-02T00:00:00Z')].map(toIsoDate),
      ['2025-03-02', '2025-03-02', '2025-03-02', '2025-03-02', '2025-03-02'],
    );
  });

  it('returns undefined for what is not a date', () => {
    assert.deepEqual(
      ['2025/03/02', '13/01/2025', 'yesterday', 20250302, undefined, new Date('nope')].map(toIsoDate),
      [undefined, undefined, undefined, undefined, undefined, undefined],
    );
  });
});
