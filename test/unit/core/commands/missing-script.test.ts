import assert from 'node:assert/strict';
import { brief, driftOf, runbook } from './drift-fixture';

describe('command.missing-script', () => {
  const scripts = { 'scripts/rotate.sh': '#!/bin/sh\necho rotate\n', 'scripts/restart.sh': '#!/bin/sh\n' };

  it('reports an executed path missing from a folder of the repository, with the nearest name there', async () => {
    const findings = await driftOf({ ...scripts, 'scripts/rotate_keys.sh': '', 'runbooks/db.md': runbook('./scripts/restart.sh\n./scripts/rotate-keys.sh --all', 'sh', '{cwd=..}') });
    assert.deepEqual(brief(findings), ['runbooks/db.md:5 command.missing-script']);
    assert.equal(findings[0]!.severity, 'error');
    assert.equal(findings[0]!.target, 'scripts/rotate-keys.sh');
    assert.equal(findings[0]!.message, '`./scripts/rotate-keys.sh` does not exist: there is no `scripts/rotate-keys.sh` in the repository. Did you mean `./scripts/rotate_keys.sh`? Fix the command.');
    assert.deepEqual(findings[0]!.fix?.replace, { text: './scripts/rotate-keys.sh', with: './scripts/rotate_keys.sh' });
  });

  it('finds scripts run through interpreters and wrappers: bash, python, sudo, env, timeout, sh -c', async () => {
    const body = ['bash ops/gone.sh', 'python3 -u tools/gone.py --x', 'sudo -E env A=1 timeout 5 ./ops/gone2.sh', "sh -c 'ops/gone3.sh && echo ok'", 'bash ops/ok.sh'].join('\n');
    const findings = await driftOf({ 'ops/ok.sh': '', 'tools/other.py': '', 'docs/x.md': runbook(body, 'bash', '{cwd=..}') });
    assert.deepEqual(brief(findings), ['docs/x.md:4 command.missing-script', 'docs/x.md:5 command.missing-script', 'docs/x.md:6 command.missing-script', 'docs/x.md:7 command.missing-script']);
    assert.deepEqual(findings.map((f) => f.target), ['ops/gone.sh', 'tools/gone.py', 'ops/gone2.sh', 'ops/gone3.sh']);
  });

  it('looks in the doc folder and the root when the block has no cwd', async () => {
    const findings = await driftOf({ ...scripts, 'ops/local.sh': '', 'ops/guide.md': runbook('./local.sh\n./scripts/rotate.sh\nscripts/missing.sh') });
    assert.deepEqual(brief(findings), ['ops/guide.md:6 command.missing-script']);
  });

  it('names the rename and its commit, and offers the new path, when history shows one', async () => {
    const commit = { sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', date: '2024-05-01T10:00:00Z', subject: 'move failover scripts' };
    const findings = await driftOf(
      { 'ops/failover/run.sh': '', 'ops/other.sh': '', 'runbook.md': runbook('./ops/failover.sh --region eu') },
      { fate: (path) => (path === 'ops/failover.sh' ? { renamedTo: { path: 'ops/failover/run.sh', commit } } : undefined) },
    );
    assert.deepEqual(brief(findings), ['runbook.md:4 command.missing-script']);
    assert.equal(findings[0]!.message, '`./ops/failover.sh` does not exist: `ops/failover.sh` was renamed to `ops/failover/run.sh` in a1b2c3d "move failover scripts". Change the command to `./ops/failover/run.sh`.');
    assert.deepEqual(findings[0]!.fix, { description: 'Change `./ops/failover.sh` to `./ops/failover/run.sh`.', link: { path: 'ops/failover/run.sh', commit }, replace: { text: './ops/failover.sh', with: './ops/failover/run.sh' } });
    assert.deepEqual(findings[0]!.commits, [commit]);
  });

  it('reports a path history shows deleted even when nothing else in the doc resolves', async () => {
    const commit = { sha: 'b'.repeat(40), date: '2024-05-01T10:00:00Z', subject: 'drop legacy tooling' };
    const findings = await driftOf({ 'runbook.md': runbook('./legacy.sh') }, { fate: (path) => (path === 'legacy.sh' ? { deletedIn: commit } : undefined) });
    assert.equal(findings[0]!.message, '`./legacy.sh` does not exist (deleted in bbbbbbb "drop legacy tooling"). Fix or remove the command.');
  });

  it('says nothing without evidence that the path belongs to this repository', async () => {
    const body = [
      './configure', // no folder, no history
      'bin/rails console', // no such folder here: another checkout
      'hack/update-vendor.sh', // the folder exists, but nothing else of the doc resolves here
    ].join('\n');
    assert.deepEqual(brief(await driftOf({ 'hack/README': '', 'doc.md': runbook(body) })), []);
  });

  it('says nothing for build outputs, ignored files, files the block creates, and paths it cannot read', async () => {
    const body = [
      './scripts/rotate.sh',
      './bin/etcdctl get foo',
      './out/tool',
      './generated/client.sh',
      'curl -o scripts/fetched.sh https://example.com/x.sh && bash scripts/fetched.sh',
      './scripts/$NAME.sh',
      './scripts/<script>.sh',
    ].join('\n');
    const files = { ...scripts, 'bin/README': '', 'generated/keep': '', '.gitignore': 'generated/*.sh\n', 'doc.md': runbook(body) };
    assert.deepEqual(brief(await driftOf(files)), []);
  });

  it('looks in every folder above the doc too: a sub-project\'s doc runs from the sub-project\'s root', async () => {
    const commit = { sha: 'c'.repeat(40), date: '2024-05-01T10:00:00Z', subject: 'move cluster-up under kubevirtci/' };
    const files = { 'kubevirtci/cluster-up/kubectl.sh': '', 'kubevirtci/cluster-up/cluster/kind/README.md': runbook('cluster-up/kubectl.sh get nodes'), 'docs/debugging.md': runbook('cluster-up/kubectl.sh get pods') };
    const fate = (path: string) => (path === 'cluster-up/kubectl.sh' ? { renamedTo: { path: 'kubevirtci/cluster-up/kubectl.sh', commit } } : undefined);
    assert.deepEqual(brief(await driftOf(files, { fate })), ['docs/debugging.md:4 command.missing-script']);
  });

  it('says nothing for a program the block builds or writes itself (go build -o, gcc -o, a redirect)', async () => {
    const body = ['cd tools', 'go run main.go', 'go build -o mytool', './mytool --help', 'gcc -o ../scripts/probe probe.c && ../scripts/probe', 'echo "echo hi" > gen.sh', 'bash gen.sh', './gone.sh'].join('\n');
    const files = { ...scripts, 'tools/main.go': 'package main\n', 'tools/probe.c': '', 'doc.md': runbook(body) };
    assert.deepEqual(brief(await driftOf(files)), ['doc.md:11 command.missing-script']);
  });

  it('stops following a block after a cd it cannot follow or a session opened elsewhere', async () => {
    const body = ['./scripts/rotate.sh', 'cd /srv/app', './scripts/gone.sh'].join('\n');
    const remote = ['./scripts/rotate.sh', 'kubectl exec -it pod-0 -- bash', './scripts/gone.sh'].join('\n');
    const followed = ['cd scripts', './rotate.sh', './gone.sh'].join('\n');
    assert.deepEqual(brief(await driftOf({ ...scripts, 'a.md': runbook(body), 'b.md': runbook(remote), 'c.md': runbook(followed) })), ['c.md:6 command.missing-script']);
  });

  // gcp-compute-persistent-disk-csi-driver docs/kubernetes/development.md:218: `dlv connect localhost:2345`, then the
  // debugger's prompt and what it printed (`Breakpoint 1 set at … ./pkg/gce-pd-csi-driver/controller.go:509`).
  it('stops following a block at a debugger or database console, whose next lines are typed into it', async () => {
    for (const opener of ['dlv connect localhost:2345', 'dlv debug ./cmd/app', 'gdb ./bin/app', 'lldb -p 42', 'mongosh mongodb://db:27017', 'sqlite3 data.db']) {
      const body = ['./scripts/rotate.sh', opener, '(dlv) break ./scripts/gone.sh', './scripts/gone.sh'].join('\n');
      assert.deepEqual(brief(await driftOf({ ...scripts, 'a.md': runbook(body) })), [], opener);
    }
    // Not a session: a debugger or console given what to run.
    for (const batch of ['gdb -batch -ex bt ./bin/app', 'mongosh --eval "db.stats()"', 'sqlite3 data.db "select 1"', 'dlv version']) {
      const body = ['./scripts/rotate.sh', batch, './scripts/gone.sh'].join('\n');
      assert.deepEqual(brief(await driftOf({ ...scripts, 'a.md': runbook(body) })), ['a.md:6 command.missing-script'], batch);
    }
  });

  it('does not take a source location (path:line) for a script run', async () => {
    const body = ['./scripts/rotate.sh', './scripts/restart.sh', './scripts/gone.sh:509', './scripts/gone.sh:12:3'].join('\n');
    assert.deepEqual(brief(await driftOf({ ...scripts, 'a.md': runbook(body) })), []);
    assert.deepEqual(brief(await driftOf({ ...scripts, 'a.md': runbook(body.replace(':509', '')) })), ['a.md:6 command.missing-script']);
  });

  it('follows a cd into the doc\'s later blocks, typed in the same terminal, and stops where it cannot be followed', async () => {
    // minikube's contrib/building/iso.md: a block does `cd out/buildroot` (a build output), the next ones run there.
    const first = '# Build\n\n```sh\n./scripts/rotate.sh\n./scripts/restart.sh\n';
    const lost = `${first}cd out/buildroot\n\`\`\`\n\n\`\`\`sh\n./scripts/kconfig.sh\n\`\`\`\n`;
    const remote = `${first}ssh build-host\n\`\`\`\n\n\`\`\`sh\n./scripts/kconfig.sh\n\`\`\`\n`;
    const own = `${first}cd out/buildroot\n\`\`\`\n\n\`\`\`sh {cwd=.}\n./scripts/gone.sh\n\`\`\`\n`;
    const moved = '# Rotate\n\n```sh\ncd scripts\n./rotate.sh\n```\n\n```sh\n./restart.sh\n```\n';
    // perf-tests' clusterloader2/docs/GETTING_STARTED.md: a later section runs a root script after `cd clusterloader2/`.
    const fresh = '# Guide\n\n```sh\ncd scripts\n./rotate.sh\n```\n\n## Deploy\n\n```sh\n./deploy.sh\n```\n';
    const findings = await driftOf({ ...scripts, 'deploy.sh': '', 'a.md': lost, 'b.md': remote, 'c.md': moved, 'd.md': own, 'e.md': fresh });
    assert.deepEqual(brief(findings), ['d.md:10 command.missing-script']);
  });

  it('places commands of a terminal session on their prompt lines', async () => {
    const body = ['$ ./scripts/rotate.sh', 'rotated', '$ ./scripts/gone.sh \\', '>   --all', 'done'].join('\n');
    const findings = await driftOf({ ...scripts, 'doc.md': runbook(body, 'console') });
    assert.deepEqual(brief(findings), ['doc.md:6 command.missing-script']);
  });
});
