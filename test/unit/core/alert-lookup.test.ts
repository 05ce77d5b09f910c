import assert from 'node:assert/strict';
import { findDocsForAlert, knownAlerts, normalizeAlertName } from '../../../src/core/alert-lookup';
import { parseDoc } from '../../../src/core/parse-doc';

const docs = [
  parseDoc('docs/database.md', '# Database\n\n## Overview\n\nText.\n\n## PostgresDown\n\nWhat to do.\n'),
  parseDoc('runbooks/postgres-down.md', '# When postgres is down\n\nSteps.\n'),
  parseDoc('runbooks/db/primary.md', '---\nalerts:\n  - PostgresDown\n  - name: PostgresReplicationLag\n---\n# Primary database\n\n## PostgresDown\n\nFail over.\n'),
  parseDoc('archive/postgres_down.md', '# Old notes\n'),
  parseDoc('runbooks/kube-pod-crash-looping.md', '# Pods restarting\n'),
];

describe('findDocsForAlert', () => {
  it('ranks front matter over a page named after the alert over a heading in a general page, runbooks first within a source', () => {
    assert.deepEqual(findDocsForAlert(docs, 'PostgresDown'), [
      { path: 'runbooks/db/primary.md', title: 'Primary database', source: 'front-matter', line: 8 },
      { path: 'runbooks/postgres-down.md', title: 'When postgres is down', source: 'file-name', line: 1 },
      { path: 'archive/postgres_down.md', title: 'Old notes', source: 'file-name', line: 1 },
      { path: 'docs/database.md', title: 'Database', source: 'heading', line: 7 },
    ]);
  });

  it('ranks a dedicated SidekiqQueueTooLarge.md above a general page with a heading for it', () => {
    const sidekiq = [
      parseDoc('docs/sidekiq/sidekiq-survival-guide.md', '# Sidekiq survival guide\n\n## Symptoms\n\nQueues.\n\n## SidekiqQueueTooLarge\n\nSee the dedicated page.\n'),
      parseDoc('docs/sidekiq/SidekiqQueueTooLarge.md', '# Sidekiq queue too large\n\n## SidekiqQueueTooLarge\n\nSteps.\n'),
    ];
    assert.deepEqual(findDocsForAlert(sidekiq, 'SidekiqQueueTooLarge').map((m) => [m.path, m.source, m.line]), [
      ['docs/sidekiq/SidekiqQueueTooLarge.md', 'file-name', 1],
      ['docs/sidekiq/sidekiq-survival-guide.md', 'heading', 7],
    ]);
  });

  it('opens a front matter match at line 1 when no heading names the alert', () => {
    assert.deepEqual(findDocsForAlert(docs, 'PostgresReplicationLag'), [
      { path: 'runbooks/db/primary.md', title: 'Primary database', source: 'front-matter', line: 1 },
    ]);
  });

  it('matches a kebab-case file name to a CamelCase alert', () => {
    assert.deepEqual(findDocsForAlert(docs, 'KubePodCrashLooping'), [
      { path: 'runbooks/kube-pod-crash-looping.md', title: 'Pods restarting', source: 'file-name', line: 1 },
    ]);
  });

  it('ignores case, spaces and separators in the alert name asked for', () => {
    assert.deepEqual(
      findDocsForAlert(docs, 'postgres_replication lag').map((m) => m.path),
      ['runbooks/db/primary.md'],
    );
  });

  it('returns nothing for an unknown or empty alert name', () => {
    assert.deepEqual(findDocsForAlert(docs, 'DiskWillFill'), []);
    assert.deepEqual(findDocsForAlert(docs, ' -_ '), []);
  });
});

describe('normalizeAlertName', () => {
  it('lower-cases and drops everything but letters and digits', () => {
    assert.deepEqual(
      ['KubePodCrashLooping', 'kube-pod-crash-looping', 'Kube_Pod Crash.Looping', 'Ünïcode5xx'].map(normalizeAlertName),
      ['kubepodcrashlooping', 'kubepodcrashlooping', 'kubepodcrashlooping', 'ünïcode5xx'],
    );
  });
});

describe('knownAlerts', () => {
  it('lists every front matter alert with its documents, sorted by name', () => {
    const more = [...docs, parseDoc('runbooks/replica.md', '---\nalerts: [postgres-down]\n---\n# Replica\n')];
    assert.deepEqual(knownAlerts(more), [
      { alert: 'PostgresDown', paths: ['runbooks/db/primary.md', 'runbooks/replica.md'] },
      { alert: 'PostgresReplicationLag', paths: ['runbooks/db/primary.md'] },
    ]);
  });
});
