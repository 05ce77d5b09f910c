import assert from 'node:assert/strict';
import { parseDoc } from '../../../../src/core/parse-doc';
import { FileSet, resolveDocTargets, type ResolveContext } from '../../../../src/core/staleness/targets/resolve-targets';

describe('resolving what a doc depends on', () => {
  const files = new FileSet(['runbooks/db.md', 'runbooks/other.md', 'deploy/db/pool.yaml', 'deploy/db/x/y.yaml', 'scripts/run me.sh', 'Makefile']);
  const ctx = (over: Partial<ResolveContext> = {}): ResolveContext => ({
    files,
    repos: [{ host: 'github.com', path: 'acme/platform' }],
    refs: { branches: ['main'], tags: ['v1'] },
    codeSpans: true,
    trackDocLinks: false,
    alertRules: [],
    ...over,
  });

  it('resolves relative, root-absolute, folder and forge links, once per target with every occurrence', () => {
    const doc = parseDoc(
      'runbooks/db.md',
      [
        '[a](../deploy/db/pool.yaml) [again](../deploy/db/pool.yaml)',
        '[abs](/deploy/db/pool.yaml#L2-L4)',
        '[dir](../deploy/db/)',
        '[url](https://github.com/acme/platform/tree/main/deploy/db)',
        '[tag](https://github.com/acme/platform/blob/v1/deploy/db/pool.yaml)',
        '[space](<../scripts/run me.sh>)',
        '[doc](other.md) [self](db.md) [anchor](#x) [web](https://example.com/x)',
        '[gone](../nope.txt)',
      ].join('\n'),
    );
    const { targets, problems } = resolveDocTargets(doc, ctx());
    assert.deepEqual(problems, []);
    assert.deepEqual(
      targets.map((t) => [t.path, t.kind, t.via, t.lines ?? null, t.pinned?.kind ?? null, t.tracked, t.occurrences.map((o) => o.line)]),
      [
        ['deploy/db/pool.yaml', 'file', 'link', null, null, true, [1, 1]],
        ['deploy/db/pool.yaml', 'file', 'link', { start: 2, end: 4 }, null, true, [2]],
        ['deploy/db', 'directory', 'link', null, null, false, [3, 4]],
        ['deploy/db/pool.yaml', 'file', 'url', null, 'tag', true, [5]],
        ['scripts/run me.sh', 'file', 'link', null, null, true, [6]],
        ['runbooks/other.md', 'file', 'link', null, null, false, [7]],
        ['nope.txt', 'missing', 'link', null, null, true, [8]],
      ],
    );
  });

  it('never resolves above the root: such a link is a problem, not a target', () => {
    const { targets, problems } = resolveDocTargets(parseDoc('runbooks/db.md', '# X\n\n[up](../../secret.txt)\n'), ctx());
    assert.deepEqual(targets, []);
    assert.deepEqual(problems.map((p) => [p.ruleId, p.line, p.target]), [['link.outside-repo', 3, '../../secret.txt']]);
  });

  it('leaves a link that climbs to the forge page of the repository (`../../graphs/contributors` from the root) alone: it is a forge route, not a path', () => {
    const doc = parseDoc('runbooks/db.md', '[c](../../../graphs/contributors) [i](../../../issues/new?labels=bug) [w](../../../wiki) [up](../../secret.txt) [x](../../../graphsx)\n');
    const { targets, problems } = resolveDocTargets(doc, ctx());
    assert.deepEqual([targets, problems.map((p) => p.target)], [[], ['../../secret.txt', '../../../graphsx']]);
  });

  it('leaves a relative link into `tree/HEAD/` or `blob/HEAD/` alone: a forge route of a comment template (check-spelling\'s advice.md), not a folder', () => {
    const doc = parseDoc('.github/actions/spelling/advice.md', '[README.md](../tree/HEAD/README.md) [b](../../blob/HEAD/x.md) [real](../tree/main/README.md)\n');
    const { targets } = resolveDocTargets(doc, ctx());
    assert.deepEqual(targets.map((t) => [t.raw, t.path, t.kind]), [['../tree/main/README.md', '.github/actions/tree/main/README.md', 'missing']]);
  });

  it('reads watches paths and globs, and reports a watches value of the wrong shape', () => {
    const ok = resolveDocTargets(parseDoc('runbooks/db.md', '---\nwatches: [deploy/db/**, ./Makefile]\n---\n# X\n'), ctx());
    assert.deepEqual(ok.targets.map((t) => [t.path, t.kind, t.via, t.line]), [['deploy/db/**', 'glob', 'watches', 1], ['Makefile', 'file', 'watches', 1]]);
    const bad = resolveDocTargets(parseDoc('runbooks/db.md', '---\nwatches: 3\n---\n# X\n'), ctx());
    assert.deepEqual(bad.problems.map((p) => p.ruleId), ['front-matter.field-type']);
  });

  it('pins a forge link to a branch other than the checked-out one to that branch, and drops one to a branch the clone lacks', () => {
    const doc = parseDoc(
      'runbooks/db.md',
      [
        '[rel](https://github.com/acme/platform/blob/release-1.0/deploy/db/pool.yaml#L2-L3)',
        '[main](https://github.com/acme/platform/blob/main/deploy/db/pool.yaml)',
        '[master](https://github.com/acme/platform/blob/master/Makefile)',
        '[fork](https://github.com/acme/platform/blob/someone/deploy/db/x/y.yaml)',
        '[tag](https://github.com/acme/platform/blob/v1/deploy/db/pool.yaml)',
      ].join('\n'),
    );
    const refs = { branches: ['main', 'release-1.0'], tags: ['v1'], current: ['main'] };
    assert.deepEqual(resolveDocTargets(doc, ctx({ refs })).targets.map((t) => [t.path, t.line, t.pinned ?? null, t.lines ?? null]), [
      ['deploy/db/pool.yaml', 1, { ref: 'release-1.0', kind: 'branch' }, { start: 2, end: 3 }],
      ['deploy/db/pool.yaml', 2, null, null],
      ['Makefile', 3, null, null],
      ['deploy/db/pool.yaml', 5, { ref: 'v1', kind: 'tag' }, null],
    ]);
    // Without knowing the checked-out branch, every branch is followed as before.
    assert.deepEqual(resolveDocTargets(doc, ctx({ refs: { branches: ['main', 'release-1.0'], tags: ['v1'] } })).targets.map((t) => [t.line, t.pinned?.kind ?? null]), [
      [1, null],
      [2, null],
      [3, null],
      [4, null],
      [5, 'tag'],
    ]);
  });

  it('counts inline code spans only when they name existing paths, with an optional :line suffix', () => {
    const doc = parseDoc('runbooks/db.md', '# X\n\n`deploy/db/pool.yaml:3-5` `./Makefile` `kubectl get pods` `deploy/db` `other.md` `missing/x.yaml`\n');
    assert.deepEqual(resolveDocTargets(doc, ctx()).targets.map((t) => [t.path, t.kind, t.lines ?? null]), [
      ['deploy/db/pool.yaml', 'file', { start: 3, end: 5 }],
      ['Makefile', 'file', null],
      ['deploy/db', 'directory', null],
    ]);
    assert.deepEqual(resolveDocTargets(doc, ctx({ codeSpans: false })).targets, []);
  });

  it('does not couple a bare common file name in a code span (`.gitlab-ci.yml`, `Makefile`) to the root file from a doc in a folder', () => {
    const files = new FileSet(['runbooks/db.md', 'runbooks/ci/miners.md', 'runbooks/ci/go.mod', 'README.md', 'Makefile', '.gitlab-ci.yml', 'go.mod', 'deploy/Makefile']);
    const spans = (path: string, text: string) => resolveDocTargets(parseDoc(path, `# X\n\n${text}\n`), ctx({ files })).targets.map((t) => t.path);
    // Users' CI files, any Makefile, the go.mod of some module: not this repository's root files.
    assert.deepEqual(spans('runbooks/db.md', '`.gitlab-ci.yml` `Makefile` `go.mod`'), []);
    // Written as a path, next to the doc, or in a doc at the root: the file meant.
    assert.deepEqual(spans('runbooks/db.md', '`./Makefile` `/.gitlab-ci.yml` `deploy/Makefile`'), ['Makefile', '.gitlab-ci.yml', 'deploy/Makefile']);
    assert.deepEqual(spans('runbooks/ci/miners.md', '`go.mod`'), ['runbooks/ci/go.mod']);
    assert.deepEqual(spans('README.md', '`go.mod` `.gitlab-ci.yml`'), ['go.mod', '.gitlab-ci.yml']);
  });

  it('adds alert rule files that point at the doc', () => {
    const doc = parseDoc('runbooks/db.md', '---\nalerts: [PostgresDown]\n---\n# X\n');
    const { targets } = resolveDocTargets(doc, ctx({ alertRules: [{ ruleFile: 'deploy/db/x/y.yaml', line: 7, value: '../../runbooks/db.md', doc: 'runbooks/db.md' }] }));
    assert.deepEqual(targets.map((t) => [t.path, t.kind, t.via, t.ruleLine, t.line]), [['deploy/db/x/y.yaml', 'file', 'alert-rule', 7, 1]]);
  });
  it('takes line numbers written in the link text after the target\'s own file name as its line range', () => {
    const doc = parseDoc(
      'runbooks/db.md',
      [
        'The default is set at [`pool.yaml:2-4`][pool] and [pool.yaml:7](../deploy/db/pool.yaml).',
        'Other names keep the whole file: [`main.go:10`](../deploy/db/pool.yaml), [pool.yaml](../deploy/db/pool.yaml).',
        'An anchor wins: [pool.yaml:9](../deploy/db/pool.yaml#L1-L2).',
        '',
        '[pool]: ../deploy/db/pool.yaml',
      ].join('\n'),
    );
    const { targets } = resolveDocTargets(doc, ctx());
    assert.deepEqual(
      targets.map((t) => [t.path, t.lines ?? null, t.occurrences.map((o) => o.line)]),
      [
        ['deploy/db/pool.yaml', { start: 7, end: 7 }, [1]],
        ['deploy/db/pool.yaml', null, [2, 2]],
        ['deploy/db/pool.yaml', { start: 1, end: 2 }, [3]],
        ['deploy/db/pool.yaml', { start: 2, end: 4 }, [5]],
      ],
    );
  });
  it('does not track the targets of a record of the past (minutes, notes archives, archived docs, changelogs), only checks they exist', () => {
    const records = [
      'sig-docs/meeting-notes-archive/2020_Weekly_Meeting_Minutes.md',
      'sig-contributor-experience/meeting-notes-archive/2019-meeting-notes.md',
      'sig-apps/minutes/2017-01-02.md',
      'archive/wg-structured-logging/README.md',
      'sig-node/archived/old.md',
      'team/meeting_notes.md',
      'CHANGELOG/CHANGELOG-3.5.md',
      'docs/release-notes-1.2.md',
    ];
    const live = ['runbooks/db.md', 'docs/archive.md', 'docs/archiving-logs.md', 'docs/minutes-of-downtime.md'];
    const tracked = (path: string) => resolveDocTargets(parseDoc(path, '[pool](/deploy/db/pool.yaml) [gone](/deploy/db/gone.yaml)\n'), ctx()).targets.map((t) => [t.path, t.kind, t.tracked]);
    for (const path of records) assert.deepEqual(tracked(path), [['deploy/db/pool.yaml', 'file', false], ['deploy/db/gone.yaml', 'missing', false]], path);
    for (const path of live) assert.deepEqual(tracked(path), [['deploy/db/pool.yaml', 'file', true], ['deploy/db/gone.yaml', 'missing', true]], path);
  });

  it('does not track the targets of a doc in a release snapshot folder (v1.3.0, 1.2, version-2.3), only checks they exist', () => {
    const text = '[a](/deploy/db/pool.yaml) [gone](/nope.txt)\n';
    const tracked = (path: string) => resolveDocTargets(parseDoc(path, text), ctx()).targets.map((t) => [t.path, t.kind, t.tracked]);
    for (const path of ['site/content/docs/v1.3.0/db.md', 'docs/1.2/db.md', 'versioned_docs/version-2.3/db.md', 'docs/v1.14/ops/db.md']) {
      assert.deepEqual(tracked(path), [['deploy/db/pool.yaml', 'file', false], ['nope.txt', 'missing', false]], path);
    }
    for (const path of ['site/content/docs/main/db.md', 'cluster/kind-1.35/db.md', 'docs/v1/db.md']) {
      assert.deepEqual(tracked(path), [['deploy/db/pool.yaml', 'file', true], ['nope.txt', 'missing', true]], path);
    }
  });
});
