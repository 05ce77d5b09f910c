import assert from 'node:assert/strict';
import { StalenessEngine } from '../../../src/core/staleness/engine';
import type { DocStaleness } from '../../../src/core/staleness/model/report';
import { SimpleGitHistory } from '../../../src/node/git-history';
import { GitWorkspaceFiles } from '../../../src/node/git-workspace-files';
import { GitFixture } from './git-fixture';

const NOW = new Date('2025-06-01T00:00:00Z');

/** Issue 18, patterns 4 and 5: a net change of only versions, comments or moved lines weighs little. */
describe('staleness: minor net changes (versions, comments, moved lines)', () => {
  let repo: GitFixture;

  beforeEach(async () => {
    repo = await GitFixture.create('staleness-minor');
  });
  afterEach(() => repo.remove());

  async function report(paths: string[]): Promise<DocStaleness[]> {
    const engine = new StalenessEngine({ git: new SimpleGitHistory(repo.dir, repo.env), files: new GitWorkspaceFiles(repo.dir, repo.env) }, { now: () => NOW });
    return (await engine.report(await repo.docs(paths))).docs;
  }

  const flags = (doc: DocStaleness | undefined) => doc!.reasons.map((r) => [r.ruleId, r.severity, r.target]);

  it('keeps a doc fresh when a file it points to changed only in version numbers by hand, with an info reason', async () => {
    await repo.commit('add doc', '2025-01-01', { 'docs/go.md': '# Go\n\nEdit the [Dockerfile](../Dockerfile) and update the Go version.\n', Dockerfile: 'FROM golang:1.21-alpine\nRUN make build\n' });
    await repo.commit('*: bump Go to 1.22', '2025-02-01', { Dockerfile: 'FROM golang:1.22-alpine\nRUN make build\n' });
    await repo.commit('*: bump Go to 1.23', '2025-03-01', { Dockerfile: 'FROM golang:1.23-alpine\nRUN make build\n' });
    const [doc] = await report(['docs/go.md']);
    assert.deepEqual([doc!.level, flags(doc), doc!.score], ['fresh', [['stale.minor-change', 'info', 'Dockerfile']], 0.1]);
    assert.match(doc!.reasons[0]!.message, /^Linked file `Dockerfile` changed only in version numbers \(2 commits, \+1\/−1 lines\) since this doc was last changed on 2025-01-01/);
    // A real change that only brings in a word the doc says (`go`) is not a reason (issue 18: what a file gains does not make a doc wrong).
    await repo.commit('build with go directly', '2025-04-01', { Dockerfile: 'FROM golang:1.23-alpine\nRUN go build ./cmd/app\n' });
    const [after] = await report(['docs/go.md']);
    assert.deepEqual([after!.level, flags(after)], ['fresh', [['stale.unmentioned-change', 'info', 'Dockerfile']]]);
    assert.match(after!.reasons[0]!.message, /it only brought in `Go`, which this doc says/);
  });

  it('flags a version change when the doc quotes the old version', async () => {
    await repo.commit('add doc', '2025-01-01', { 'docs/go.md': '# Go\n\nWe build with Go 1.21 (see the [Dockerfile](../Dockerfile)).\n', Dockerfile: 'FROM golang:1.21-alpine\nRUN make build\n' });
    await repo.commit('*: bump Go to 1.22', '2025-02-01', { Dockerfile: 'FROM golang:1.22-alpine\nRUN make build\n' });
    const [doc] = await report(['docs/go.md']);
    assert.deepEqual([doc!.level, flags(doc)], ['stale', [['stale.linked-code-changed', 'warning', 'Dockerfile']]]);
    assert.match(doc!.reasons[0]!.message, /This doc quotes 1\.21, which changed\.$/);
  });

  it('keeps a doc fresh when only comments of a linked script changed or its lines were reordered', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': '# Db\n\nRun [the restore script](../scripts/restore.sh) and see [imports](../cmd/main.go).\n', 'scripts/restore.sh': '#!/bin/sh\n# restore the db\npg_restore "$1"\n', 'cmd/main.go': 'import (\n\t"os"\n\t"fmt"\n)\n' });
    await repo.commit('typo', '2025-02-01', { 'scripts/restore.sh': '#!/bin/sh\n# Restore the database from a dump.\npg_restore "$1"\n' });
    await repo.commit('goimports', '2025-02-02', { 'cmd/main.go': 'import (\n\t"fmt"\n\t"os"\n)\n' });
    const [doc] = await report(['runbooks/db.md']);
    assert.deepEqual([doc!.level, flags(doc)], ['fresh', [['stale.minor-change', 'info', 'scripts/restore.sh'], ['stale.minor-change', 'info', 'cmd/main.go']]]);
    assert.match(doc!.reasons[0]!.message, /changed only in comments/);
    assert.match(doc!.reasons[1]!.message, /only had lines moved/);
  });

  it('does not flag a linked line whose only change is a version the doc does not quote', async () => {
    await repo.commit('add guide', '2025-01-01', { 'CONTRIBUTING.md': '# Contributing\n\nCheck the minimal Go version in [go.mod](./go.mod#L3).\n', 'go.mod': 'module x\n\ngo 1.25.0\n\ntoolchain go1.25.3\n' });
    await repo.commit('Bump go to 1.26', '2025-02-01', { 'go.mod': 'module x\n\ngo 1.26\n\ntoolchain go1.26.6\n' });
    const [doc] = await report(['CONTRIBUTING.md']);
    assert.deepEqual([doc!.level, flags(doc)], ['fresh', [['stale.minor-change', 'info', 'go.mod']]]);
    assert.match(doc!.reasons[0]!.message, /^Lines 3 of `go\.mod` \(#L3\) changed only in version numbers/);
    await repo.commit('note the minimum', '2025-03-01', { 'go.mod': 'module x\n\ngo 1.26 // minimum\n\ntoolchain go1.26.6\n' });
    const [after] = await report(['CONTRIBUTING.md']);
    assert.deepEqual([after!.level, flags(after)], ['stale', [['stale.anchored-range-changed', 'warning', 'go.mod']]]);
  });
  it('reads a lock file as dependency versions: bumps that add and drop modules are minor, a quoted old version is not', async () => {
    const sum = (dns: string, net: string, extra: string) => `github.com/miekg/dns ${dns} h1:${dns}abc=\ngithub.com/miekg/dns ${dns}/go.mod h1:${dns}mod=\n${extra}golang.org/x/net ${net} h1:${net}xyz=\n`;
    await repo.commit('add policy', '2025-01-01', {
      'DEPENDENCY-POLICY.md': '# Dependencies\n\nModules are pinned to exact versions in [`go.sum`](go.sum).\n',
      'docs/dns.md': '# DNS\n\nWe pin miekg/dns v1.1.62 (see [go.sum](../go.sum)).\n',
      'docs/licenses.md': '# Licenses\n\nThe modules of [go.sum](../go.sum) are checked with:\n\n```sh\ngo install github.com/google/go-licenses@v0.30.0\n```\n',
      'go.sum': sum('v1.1.62', 'v0.30.0', 'github.com/old/transitive v0.1.0 h1:old=\n'),
    });
    await repo.commit('fix: bump miekg/dns to resolve a CVE', '2025-02-01', { 'go.sum': sum('v1.1.63', 'v0.30.0', 'github.com/old/transitive v0.1.0 h1:old=\n') });
    await repo.commit('fix: bump x/net', '2025-03-01', { 'go.sum': sum('v1.1.63', 'v0.31.0', 'github.com/new/one v0.2.0 h1:new=\ngithub.com/new/two v0.3.0 h1:two=\n') });
    const [policy, dns, licenses] = await report(['DEPENDENCY-POLICY.md', 'docs/dns.md', 'docs/licenses.md']);
    assert.deepEqual([policy!.level, flags(policy)], ['fresh', [['stale.minor-change', 'info', 'go.sum']]]);
    assert.match(policy!.reasons[0]!.message, /^Linked file `go\.sum` changed only in version numbers \(2 commits/);
    assert.deepEqual([dns!.level, flags(dns)], ['stale', [['stale.linked-code-changed', 'warning', 'go.sum']]]);
    assert.match(dns!.reasons[0]!.message, /This doc quotes github\.com\/miekg\/dns v1\.1\.62, which changed\.$/);
    // v0.30.0 of another tool is not the x/net v0.30.0 that went away.
    assert.deepEqual([licenses!.level, flags(licenses)], ['fresh', [['stale.minor-change', 'info', 'go.sum']]]);
  });

  it('reads package-lock.json and yarn.lock as versions too, but not a file that only ends in .lock', async () => {
    await repo.commit('add doc', '2025-01-01', {
      'docs/deps.md': '# Deps\n\nSee [package-lock.json](../package-lock.json), [yarn.lock](../web/yarn.lock) and [the lock](../deploy/state.lock).\n',
      'package-lock.json': '{\n  "packages": {\n    "node_modules/a": {\n      "version": "1.0.0",\n      "integrity": "sha512-aaa"\n    }\n  }\n}\n',
      'web/yarn.lock': 'a@^1.0.0:\n  version "1.0.0"\n  resolved "https://r/a-1.0.0.tgz#aaa"\n',
      'deploy/state.lock': 'owner: ops\nregion: eu\n',
    });
    await repo.commit('update a, add b', '2025-02-01', {
      'package-lock.json': '{\n  "packages": {\n    "node_modules/a": {\n      "version": "1.1.0",\n      "integrity": "sha512-bbb"\n    },\n    "node_modules/b": {\n      "version": "2.0.0",\n      "integrity": "sha512-ccc"\n    }\n  }\n}\n',
      'web/yarn.lock': 'a@^1.0.0:\n  version "1.1.0"\n  resolved "https://r/a-1.1.0.tgz#bbb"\n\nb@^2.0.0:\n  version "2.0.0"\n  resolved "https://r/b-2.0.0.tgz#ccc"\n',
      'deploy/state.lock': 'owner: payments\nregion: us\n',
    });
    const [doc] = await report(['docs/deps.md']);
    assert.deepEqual([doc!.level, flags(doc)], ['fresh', [['stale.minor-change', 'info', 'package-lock.json'], ['stale.minor-change', 'info', 'web/yarn.lock'], ['stale.unmentioned-change', 'info', 'deploy/state.lock']]]);
  });
});
