import assert from 'node:assert/strict';
import { headBranchRef, stalenessRelevance, type PathEvent } from '../../../../src/core/staleness/queries/relevant-paths';
import type { DocStaleness, LinkedTarget } from '../../../../src/core/staleness/model/report';

function target(path: string, kind: LinkedTarget['kind'], extra: Partial<LinkedTarget> = {}): LinkedTarget {
  return { path, kind, via: 'link', tracked: true, line: 5, raw: path, occurrences: [{ line: 5, raw: path }], ...extra };
}

function doc(path: string, targets: LinkedTarget[]): DocStaleness {
  return { path, kind: 'runbook', level: 'fresh', score: 0, reviewDue: false, reasons: [], targets };
}

const docs = [
  doc('runbooks/db/pool.md', [
    target('deploy/pool.yaml', 'file'),
    target('services/orders', 'directory'),
    target('terraform/**/*.tf', 'glob', { via: 'watches' }),
    target('scripts/failover.sh', 'missing'),
    target('old/settings.json', 'file', { pinned: { ref: 'abc1234', kind: 'commit' } }),
    target('alerts/db.rules', 'file', { via: 'alert-rule' }),
  ]),
  doc('docs/overview.md', []),
];
const options = { alertRuleFiles: ['monitoring/**/*.yml', 'k8s/*.yaml'], useBlameIgnoreRevs: true };

/** The paths among `paths` that matter for `type` events. */
function matching(type: PathEvent['type'], paths: string[], folder = false): string[] {
  const matters = stalenessRelevance(docs, options);
  return paths.filter((path) => matters({ path, type, folder }));
}

describe('paths that matter to a staleness report', () => {
  it('re-checks after saving a doc, a linked file, a file below a linked folder or a watched glob match, and nothing else', () => {
    assert.deepEqual(
      matching('saved', [
        'runbooks/db/pool.md',
        'docs/overview.md',
        'deploy/pool.yaml',
        'services/orders/src/main.go',
        'services/orders',
        'terraform/db/main.tf',
        'src/app.ts',
        'README.txt',
        'services/orders-api/main.go',
        'terraform/db/notes.txt',
      ]),
      ['runbooks/db/pool.md', 'docs/overview.md', 'deploy/pool.yaml', 'services/orders/src/main.go', 'services/orders', 'terraform/db/main.tf'],
    );
  });

  it('re-checks when a missing target comes into existence, as a file or as a folder with files', () => {
    assert.deepEqual(matching('created', ['scripts/failover.sh', 'scripts/failover.sh/run', 'scripts/other.sh']), ['scripts/failover.sh', 'scripts/failover.sh/run']);
    assert.deepEqual(matching('created', ['scripts', 'tools'], true), ['scripts']);
  });

  it('ignores the working tree copy of a target pinned to a commit', () => {
    assert.deepEqual(matching('saved', ['old/settings.json']), []);
  });

  it('re-checks after an alert rule file is saved or created, and after a linked rule file is deleted', () => {
    assert.deepEqual(matching('saved', ['monitoring/rules.yml', 'k8s/app.yaml', 'alerts/db.rules', 'alerts/other.rules']), ['monitoring/rules.yml', 'k8s/app.yaml', 'alerts/db.rules']);
    assert.deepEqual(matching('deleted', ['alerts/db.rules', 'monitoring/rules.yml']), ['alerts/db.rules']);
  });

  it('re-checks after .git-blame-ignore-revs or a .gitignore changes, unless ignore-revs are off', () => {
    assert.deepEqual(matching('saved', ['.git-blame-ignore-revs', '.gitignore', 'services/api/.gitignore']), ['.git-blame-ignore-revs', '.gitignore', 'services/api/.gitignore']);
    const withoutRevs = stalenessRelevance(docs, { ...options, useBlameIgnoreRevs: false });
    assert.equal(withoutRevs({ path: '.git-blame-ignore-revs', type: 'saved' }), false);
  });

  it('re-checks when the config file at the root is saved, created or deleted, and not for one in a subfolder', () => {
    for (const type of ['saved', 'created', 'deleted'] as const) {
      assert.deepEqual(matching(type, ['.runbooks.yml', '.runbooks.yaml', 'src/.runbooks.yml', '.runbooks.json']), ['.runbooks.yml', '.runbooks.yaml'], type);
    }
  });

  it('re-checks when a deleted path held a doc, a target or a possible glob match, and not for other deletions', () => {
    assert.deepEqual(
      matching('deleted', ['runbooks', 'deploy', 'services', 'terraform', 'terraform/db', 'src', 'build/out.js', 'runbooks/db/other.md']),
      ['runbooks', 'deploy', 'services', 'terraform', 'terraform/db'],
    );
  });

  it('re-checks when a created folder may hold alert rule files or glob matches, and not for a created file outside them', () => {
    assert.deepEqual(matching('created', ['monitoring', 'terraform/net', 'k8s', 'src/app'], true), ['monitoring', 'terraform/net', 'k8s']);
    assert.deepEqual(matching('created', ['monitoring', 'terraform/net/README']), []);
    const anyYaml = stalenessRelevance(docs, { alertRuleFiles: ['**/*.yml'], useBlameIgnoreRevs: true });
    assert.equal(anyYaml({ path: 'src/app', type: 'created', folder: true }), true);
    assert.equal(anyYaml({ path: 'src/app.ts', type: 'created' }), false);
  });

  it('never matches paths inside .git, even with a target on the root folder or before the first report', () => {
    const everything = stalenessRelevance([doc('README.md', [target('', 'directory')])], options);
    assert.deepEqual(
      ['src/app.ts', '.git/index', '.git', 'vendor/lib/.git/HEAD'].map((path) => everything({ path, type: 'saved' })),
      [true, false, false, false],
    );
    const noReport = stalenessRelevance(undefined, options);
    assert.deepEqual(['src/app.ts', '.git/index.lock'].map((path) => noReport({ path, type: 'deleted' })), [true, false]);
  });
});

describe('the branch HEAD points at', () => {
  it('reads a symbolic ref and leaves a detached HEAD out', () => {
    assert.equal(headBranchRef('ref: refs/heads/main\n'), 'refs/heads/main');
    assert.equal(headBranchRef('ref: refs/heads/feature/login\n'), 'refs/heads/feature/login');
    assert.equal(headBranchRef('0123456789abcdef0123456789abcdef01234567\n'), undefined);
    assert.equal(headBranchRef(''), undefined);
  });
});
