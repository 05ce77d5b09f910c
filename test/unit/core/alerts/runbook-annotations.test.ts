import assert from 'node:assert/strict';
import { findRunbookAnnotations } from '../../../../src/core/alerts/runbook-annotations';
import { matchRunbookValue } from '../../../../src/core/alerts/runbook-url-match';

describe('alert rule annotations', () => {
  it('finds runbook_url and runbook annotations with their lines, skipping templated values', () => {
    const text = [
      'groups:',
      '- rules:',
      '  - alert: A',
      '    annotations:',
      "      runbook_url: 'https://github.com/acme/platform/blob/main/runbooks/a.md' # why",
      '  - alert: B',
      '    annotations:',
      '      runbook: ../runbooks/b.md',
      '      "runbook_url": "https://runbooks.example/{{ $labels.alertname }}"',
      '',
    ].join('\n');
    assert.deepEqual(findRunbookAnnotations(text), [
      { line: 5, value: 'https://github.com/acme/platform/blob/main/runbooks/a.md' },
      { line: 8, value: '../runbooks/b.md' },
    ]);
    assert.deepEqual(findRunbookAnnotations('groups: []\n'), []);
  });

  const docs = new Set(['runbooks/db/postgres-down.md', 'runbooks/b.md', 'runbooks/README.md', 'docs/README.md']);
  const repos = [{ host: 'github.com', path: 'acme/platform' }];
  const refs = { branches: ['main'], tags: [] };

  it('matches a forge URL, a relative path and a docs-site URL to a doc', () => {
    assert.equal(matchRunbookValue('https://github.com/acme/platform/blob/main/runbooks/b.md', 'alerts/x.yml', docs, repos, refs), 'runbooks/b.md');
    assert.equal(matchRunbookValue('../runbooks/b.md#diagnosis', 'alerts/x.yml', docs, repos, refs), 'runbooks/b.md');
    assert.equal(matchRunbookValue('https://runbooks.acme.io/db/postgres-down', 'alerts/x.yml', docs, repos, refs), 'runbooks/db/postgres-down.md');
  });

  it('matches nothing when the best docs-site match is ambiguous or the path leaves the root', () => {
    assert.equal(matchRunbookValue('https://wiki.acme.io/README', 'alerts/x.yml', docs, repos, refs), undefined);
    assert.equal(matchRunbookValue('../../outside.md', 'alerts/x.yml', docs, repos, refs), undefined);
  });
});
