import assert from 'node:assert/strict';
import { commandLinks } from '../../../src/core/commands/command-links';
import { StalenessEngine } from '../../../src/core/staleness/engine';
import type { DocStaleness } from '../../../src/core/staleness/model/report';
import { SimpleGitHistory } from '../../../src/node/git-history';
import { GitWorkspaceFiles } from '../../../src/node/git-workspace-files';
import { GitFixture } from './git-fixture';

const NOW = new Date('2025-06-01T00:00:00Z');

// Issue 18: a doc calls a script or a make target; a change of its insides does not make the doc
// wrong, a change of how it is called (arguments, options, usage, the variables the doc names) does.
describe('staleness: scripts and make targets a doc calls count changes of how they are called', () => {
  let repo: GitFixture;

  beforeEach(async () => {
    repo = await GitFixture.create('called-targets');
  });
  afterEach(() => repo.remove());

  async function report(doc: string): Promise<DocStaleness> {
    const deps = { git: new SimpleGitHistory(repo.dir, repo.env), files: new GitWorkspaceFiles(repo.dir, repo.env), commandLinks };
    const [result] = (await new StalenessEngine(deps, { now: () => NOW }).report(await repo.docs([doc]))).docs;
    return result!;
  }
  const reasons = (d: DocStaleness) => d.reasons.map((r) => [r.ruleId, r.severity, r.target, r.line]);

  describe('make targets', () => {
    const CONFORMANCE = [
      '# Conformance',
      '',
      '```bash',
      'make conformance',
      '```',
      '',
      'Skip the tests that need outside connectivity:',
      '',
      '```bash',
      'SKIP_OUTSIDE_CONN_TESTS=true make conformance',
      '```',
      '',
      '```bash',
      'SKIP_BLOCK_STORAGE_TESTS=true make conformance',
      '```',
      '',
      '```bash',
      'DOCKER_TAG=mybuild make conformance',
      '```',
      '',
    ].join('\n');
    const recipe = (vars: string[]) => `conformance:\n\thack/dockerized "export ${vars.map((v) => `${v}=\${${v}}`).join(' ')} && hack/conformance.sh"\n`;
    const BASE = ['KUBEVIRT_PROVIDER', 'SKIP_OUTSIDE_CONN_TESTS', 'SKIP_BLOCK_STORAGE_TESTS', 'DOCKER_TAG'];

    it('warns when the recipe reads a new variable and the doc lists its variables one by one, naming it', async () => {
      await repo.commit('conformance doc', '2025-01-01', { 'docs/conformance.md': CONFORMANCE, Makefile: recipe(BASE) });
      const sha = await repo.commit('conformance: forward PLUGIN', '2025-02-01', { Makefile: recipe([...BASE, 'PRIMARY_NETWORK_BINDING_PLUGIN']) });
      const doc = await report('docs/conformance.md');
      assert.deepEqual(reasons(doc), [['stale.linked-code-changed', 'warning', 'Makefile', 4]]);
      assert.equal(
        doc.reasons[0]!.message,
        `\`Makefile\` (run by a command of this doc) changed in 1 commit (+1/\u22121 lines) since this doc was last changed on 2025-01-01 — latest: ${sha.slice(0, 7)} "conformance: forward PLUGIN". Check this doc against the change, then update it or mark it reviewed. How this doc calls it changed: the recipe now reads \`PRIMARY_NETWORK_BINDING_PLUGIN\`, which this doc's list of its variables lacks.`,
      );
    });

    it('warns when the recipe no longer reads a variable the doc names', async () => {
      await repo.commit('conformance doc', '2025-01-01', { 'docs/conformance.md': CONFORMANCE, Makefile: recipe(BASE) });
      await repo.commit('drop the tag', '2025-02-01', { Makefile: recipe(BASE.slice(0, 3)) });
      const doc = await report('docs/conformance.md');
      assert.deepEqual(reasons(doc), [['stale.linked-code-changed', 'warning', 'Makefile', 4]]);
      assert.match(doc.reasons[0]!.message, /How this doc calls it changed: the recipe no longer reads `DOCKER_TAG`, which this doc names\.$/);
    });

    it('reports a new variable as info when the doc names under half of the recipe\'s variables', async () => {
      const rpm = ['CUSTOM_REPO', 'SINGLE_ARCH', 'BASESYSTEM', 'LIBVIRT_VERSION', 'QEMU_VERSION'];
      const doc = '# Custom RPMs\n\n```bash\nmake CUSTOM_REPO=custom-repo.yaml rpm-deps\n```\n';
      const mk = (vars: string[]) => `rpm-deps:\n\thack/dockerized "${vars.map((v) => `${v}=\${${v}}`).join(' ')} ./hack/rpm-deps.sh"\n`;
      await repo.commit('rpm doc', '2025-01-01', { 'docs/custom-rpms.md': doc, Makefile: mk(rpm) });
      await repo.commit('forward LIBNBD_VERSION', '2025-02-01', { Makefile: mk([...rpm, 'LIBNBD_VERSION']) });
      const result = await report('docs/custom-rpms.md');
      assert.deepEqual([result.level, reasons(result)], ['fresh', [['stale.unmentioned-change', 'info', 'Makefile', 4]]]);
    });

    it('reports a recipe that now calls another script, with no variable the doc names, as info saying how it is called is the same', async () => {
      const doc = '# Cluster\n\n```bash\nmake cluster-down\n```\n';
      await repo.commit('cluster doc', '2025-01-01', { 'cluster/README.md': doc, Makefile: 'cluster-down:\n\t./cluster-up/down.sh\n' });
      const sha = await repo.commit('move cluster-up', '2025-02-01', { Makefile: 'cluster-down:\n\t./kubevirtci/cluster-up/down.sh\n' });
      const result = await report('cluster/README.md');
      assert.deepEqual([result.level, reasons(result)], ['fresh', [['stale.unmentioned-change', 'info', 'Makefile', 4]]]);
      assert.equal(
        result.reasons[0]!.message,
        `\`Makefile\` (run by a command of this doc) changed (1 commit, +1/\u22121 lines) since this doc was last changed on 2025-01-01 — latest: ${sha.slice(0, 7)} "move cluster-up", but only inside: how this doc calls it (its arguments, options and usage, and the variables this doc names) is the same. Nothing to update unless this doc describes what it does inside.`,
      );
    });
  });

  describe('just recipes', () => {
    const DOC = '# Policy tests\n\n```sh\njust policy-test-run\n```\n';
    const justfile = (params: string, body: string) => `# Run the policy tests.\npolicy-test-run${params}:\n    cd policy-test && ${body}\n\nbuild:\n    cargo build\n`;

    it('reports a changed recipe body as info and new recipe parameters as a warning naming them', async () => {
      await repo.commit('policy doc', '2025-01-01', { 'policy-test/README.md': DOC, justfile: justfile('', 'cargo test') });
      await repo.commit('features', '2025-02-01', { justfile: justfile('', 'cargo test --no-default-features') });
      let doc = await report('policy-test/README.md');
      assert.deepEqual([doc.level, reasons(doc)], ['fresh', [['stale.unmentioned-change', 'info', 'justfile', 4]]]);
      await repo.commit('pass flags', '2025-03-01', { justfile: justfile(' cluster *flags', 'cargo test --no-default-features {{ flags }}') });
      doc = await report('policy-test/README.md');
      assert.deepEqual(reasons(doc), [['stale.linked-code-changed', 'warning', 'justfile', 4]]);
      assert.match(doc.reasons[0]!.message, /How this doc calls it changed: `just policy-test-run` now takes the parameters `cluster \*flags`\.$/);
    });
  });

  // A package.json is a table of scripts: `npm run build` calls one entry, as `make build` calls one rule.
  describe('package.json scripts', () => {
    const pkg = (scripts: Record<string, string>, extra: Record<string, unknown> = {}) => JSON.stringify({ name: 'app', version: '1.0.0', scripts, ...extra }, null, 2) + '\n';
    const DOC = '# Releasing\n\nRun the checks:\n\n```bash\nnpm run lint\nyarn test\n```\n';

    it('does not age the doc when other entries, dependencies or the insides of its scripts change', async () => {
      await repo.commit('release doc', '2025-01-01', { 'docs/release.md': DOC, 'package.json': pkg({ lint: 'eslint .', test: 'mocha', build: 'tsc' }) });
      await repo.commit('bump deps', '2025-02-01', { 'package.json': pkg({ lint: 'eslint .', test: 'mocha', build: 'tsc -b' }, { devDependencies: { eslint: '^9.0.0', typescript: '^5.6.0' } }) });
      await repo.commit('format too', '2025-03-01', { 'package.json': pkg({ lint: 'eslint . && prettier --check .', test: 'mocha', build: 'tsc -b', bundle: 'esbuild src/index.ts' }, { devDependencies: { eslint: '^9.1.0', typescript: '^5.6.0' } }) });
      const doc = await report('docs/release.md');
      assert.deepEqual([doc.level, reasons(doc)], ['fresh', [['stale.unmentioned-change', 'info', 'package.json', 6]]]);
    });

    it('says nothing about a script the package.json never defined (the reader\'s own project)', async () => {
      const tutorial = '# Native code\n\nBuild your app:\n\n```bash\nnpm run build\n```\n';
      await repo.commit('tutorial', '2025-01-01', { 'docs/tutorial.md': tutorial, 'package.json': pkg({ lint: 'eslint .' }) });
      await repo.commit('lint more', '2025-02-01', { 'package.json': pkg({ lint: 'eslint . --max-warnings 0', test: 'mocha' }, { devDependencies: { mocha: '^10.0.0' } }) });
      const doc = await report('docs/tutorial.md');
      assert.deepEqual([doc.level, reasons(doc)], ['fresh', []]);
    });

    it('warns when a script the doc runs is gone', async () => {
      await repo.commit('release doc', '2025-01-01', { 'docs/release.md': DOC, 'package.json': pkg({ lint: 'eslint .', test: 'mocha' }) });
      const sha = await repo.commit('lint is part of test now', '2025-02-01', { 'package.json': pkg({ test: 'eslint . && mocha' }) });
      const doc = await report('docs/release.md');
      assert.deepEqual(reasons(doc), [['stale.linked-code-changed', 'warning', 'package.json', 6]]);
      assert.deepEqual(doc.reasons[0]!.commits.map((c) => c.sha), [sha]);
      assert.match(doc.reasons[0]!.message, /How this doc calls it changed: the package script `lint` is gone\.$/);
    });
  });

  describe('scripts', () => {
    const RUNBOOK = '# Redis\n\n```shell\n./scripts/reconfigure.sh $ENVIRONMENT $INSTANCE_NAME bootstrap\n```\n';
    const script = (second: string, inside: string) =>
      [
        '#!/bin/bash',
        'if [[ $# -lt 2 ]]; then',
        '  echo >&2 "usage: reconfigure.sh env cluster [bootstrap]"',
        '  exit 65',
        'fi',
        'export gitlab_env=$1',
        `export ${second}=$2`,
        'if [[ $# -eq 3 && $3 == "bootstrap" ]]; then bootstrap=yes; fi',
        'failover() {',
        '  export i=$1',
        `  ssh host "${inside}"`,
        '}',
        "hosts=$(echo a b | awk '{print $2}')",
        'for i in 01 02 03; do failover $i; done',
        '',
      ].join('\n');

    it('warns when the script uses an argument the runbook passes for something else, naming it', async () => {
      await repo.commit('redis runbook', '2025-01-01', { 'runbooks/redis.md': RUNBOOK, 'scripts/reconfigure.sh': script('gitlab_redis_cluster', 'gitlab-ctl reconfigure') });
      await repo.commit('take a service name', '2025-02-01', { 'scripts/reconfigure.sh': script('gitlab_redis_service', 'gitlab-ctl reconfigure') });
      const doc = await report('runbooks/redis.md');
      assert.deepEqual(reasons(doc), [['stale.linked-code-changed', 'warning', 'scripts/reconfigure.sh', 4]]);
      assert.match(doc.reasons[0]!.message, /How this runbook calls it changed: the 2nd argument is now used as `export gitlab_redis_service=\$2` \(was `export gitlab_redis_cluster=\$2`\)\.$/);
    });

    it('reports a changed default of an argument the doc passes, and a new use of it, as info', async () => {
      // jaeger examples/hotrod/kubernetes/README.md → deploy-all.sh: the modes and the tag argument work as the doc says.
      const doc = '# Hotrod\n\n```bash\n./deploy-all.sh local v1.2\n```\n';
      const deploy = (tag: string, extra: string) => `#!/bin/bash\nMODE="\${1:-upgrade}"\nIMAGE_TAG="\${2:-${tag}}"\n${extra}helm upgrade --install jaeger --set tag=$IMAGE_TAG\n`;
      await repo.commit('hotrod doc', '2025-01-01', { 'deploy-all.sh': deploy('latest', ''), 'README.md': doc });
      await repo.commit('snapshot tags', '2025-02-01', { 'deploy-all.sh': deploy('${DEMO_TAG:-}', 'LOCAL_TAG="${2:-${DEMO_TAG:-latest}}"\n') });
      let result = await report('README.md');
      assert.deepEqual([result.level, reasons(result)], ['fresh', [['stale.unmentioned-change', 'info', 'deploy-all.sh', 4]]]);
      await repo.commit('the tag is an option now', '2025-03-01', { 'deploy-all.sh': deploy('${DEMO_TAG:-}', 'LOCAL_TAG="${2:-${DEMO_TAG:-latest}}"\n').replace('IMAGE_TAG="${2:-${DEMO_TAG:-}}"', 'IMAGE_TAG="${DEMO_TAG:-}"') });
      result = await report('README.md');
      assert.deepEqual(reasons(result), [['stale.linked-code-changed', 'warning', 'deploy-all.sh', 4]]);
      assert.match(result.reasons[0]!.message, /How this doc calls it changed: the 2nd argument is now used as `LOCAL_TAG=\$\{2:-\$\{DEMO_TAG:-latest\}\}` \(was `IMAGE_TAG=\$\{2:-latest\}`\)\.$/);
    });

    it('reports changes inside functions and awk programs as info', async () => {
      await repo.commit('redis runbook', '2025-01-01', { 'runbooks/redis.md': RUNBOOK, 'scripts/reconfigure.sh': script('gitlab_redis_cluster', 'gitlab-ctl reconfigure') });
      const inside = script('gitlab_redis_cluster', 'systemctl restart redis-server').replace("'{print $2}'", "'{print $3}'");
      await repo.commit('restart with systemd', '2025-02-01', { 'scripts/reconfigure.sh': inside });
      const doc = await report('runbooks/redis.md');
      assert.deepEqual([doc.level, reasons(doc)], ['fresh', [['stale.unmentioned-change', 'info', 'scripts/reconfigure.sh', 4]]]);
    });

    it('reports an option added to a script the runbook runs with no arguments as info', async () => {
      const runbook = '# Scan\n\n```sh\n./hack/fossa.sh\n```\n';
      await repo.commit('fossa runbook', '2025-01-01', { 'docs/fossa.md': runbook, 'hack/fossa.sh': '#!/usr/bin/env bash\nfossa analyze\n' });
      await repo.commit('take --branch', '2025-02-01', { 'hack/fossa.sh': '#!/usr/bin/env bash\ncase "$1" in\n  --branch) BRANCH=$2 ;;\nesac\nfossa analyze ${BRANCH:+--branch=$BRANCH}\n' });
      const doc = await report('docs/fossa.md');
      assert.deepEqual([doc.level, reasons(doc)], ['fresh', [['stale.unmentioned-change', 'info', 'hack/fossa.sh', 4]]]);
    });

    it('warns when a linked script stops reading a variable the doc names next to the link', async () => {
      const docText = '# Custom RPMs\n\nSet `LIBVIRT_VERSION` to pin libvirt. See [`hack/rpm-deps.sh`](../hack/rpm-deps.sh) for all variables.\n';
      const rpmDeps = (vars: string[]) => `#!/bin/bash\n${vars.map((v) => `${v}=\${${v}:-1.0}`).join('\n')}\nbazel run //:bazeldnf -- rpmtree ${vars.map((v) => `$${v}`).join(' ')}\n`;
      await repo.commit('rpm doc', '2025-01-01', { 'docs/custom-rpms.md': docText, 'hack/rpm-deps.sh': rpmDeps(['LIBVIRT_VERSION', 'QEMU_VERSION']) });
      await repo.commit('more packages', '2025-02-01', { 'hack/rpm-deps.sh': rpmDeps(['LIBVIRT_VERSION', 'QEMU_VERSION', 'LIBNBD_VERSION']) });
      let doc = await report('docs/custom-rpms.md');
      assert.deepEqual([doc.level, reasons(doc)], ['fresh', [['stale.unmentioned-change', 'info', 'hack/rpm-deps.sh', 3]]]);
      await repo.commit('libvirt from the base image', '2025-03-01', { 'hack/rpm-deps.sh': rpmDeps(['QEMU_VERSION', 'LIBNBD_VERSION']) });
      doc = await report('docs/custom-rpms.md');
      assert.deepEqual(reasons(doc), [['stale.linked-code-changed', 'warning', 'hack/rpm-deps.sh', 3]]);
      assert.match(doc.reasons[0]!.message, /How this doc calls it changed: it no longer reads `LIBVIRT_VERSION`, which this doc names\.$/);
    });

    it('warns when a Python script the runbook runs drops an option the runbook passes', async () => {
      const runbook = '# Failover\n\n```sh\npython tools/failover.py --region eu\n```\n';
      const py = (opts: string[]) => `import argparse\n\nparser = argparse.ArgumentParser()\n${opts.map((o) => `parser.add_argument('${o}')`).join('\n')}\n\nif __name__ == '__main__':\n    parser.parse_args()\n`;
      await repo.commit('failover runbook', '2025-01-01', { 'runbooks/failover.md': runbook, 'tools/failover.py': py(['--region', '--dry-run']) });
      await repo.commit('zones, not regions', '2025-02-01', { 'tools/failover.py': py(['--zone', '--dry-run']) });
      const doc = await report('runbooks/failover.md');
      assert.deepEqual(reasons(doc), [['stale.linked-code-changed', 'warning', 'tools/failover.py', 4]]);
      assert.match(doc.reasons[0]!.message, /How this runbook calls it changed: the script no longer takes `--region`, which this runbook names\.$/);
    });

    it('keeps weighing a linked file that is not a script by what the doc says next to the link', async () => {
      const docText = '# Build\n\nThe image is built by [the build file](../build), which tags the image.\n';
      await repo.commit('build doc', '2025-01-01', { 'docs/build.md': docText, build: 'docker build .\n' });
      await repo.commit('tag and push', '2025-02-01', { build: 'docker build -t image .\ndocker push image\n' });
      const doc = await report('docs/build.md');
      // Weighed by its words, not as a script's insides; a word the doc says that the file gained is not a reason (issue 18).
      assert.deepEqual(reasons(doc), [['stale.unmentioned-change', 'info', 'build', 3]]);
      assert.match(doc.reasons[0]!.message, /but took nothing this doc says next to the link out of it: it only brought in `image`, which this doc says/);
    });
  });
  // operator-sdk: one doc runs `make install`, another links the Makefile (a name without an
  // extension, so possibly a script). The same diff was asked for with the make targets and with the
  // script's interface; the last ask won, the other was never there, and the report looped forever.
  describe('a file one doc runs targets of and another links', () => {
    const MAKEFILE = (flags: string) => `install:\n\tgo install ${flags} ./cmd/tool\n\nbuild:\n\tgo build ./...\n`;
    const RUNS = '# Install\n\n```bash\nmake install\n```\n';
    const LINKS = '# Contributing\n\nSee the [Makefile](../Makefile) for the build steps.\n';

    async function reports(paths: string[]): Promise<DocStaleness[]> {
      const deps = { git: new SimpleGitHistory(repo.dir, repo.env), files: new GitWorkspaceFiles(repo.dir, repo.env), commandLinks };
      return (await new StalenessEngine(deps, { now: () => NOW }).report(await repo.docs(paths))).docs;
    }

    it('gives each doc the verdict it gets alone, and the report ends', async () => {
      await repo.commit('docs', '2025-01-01', { 'docs/install.md': RUNS, 'docs/contributing.md': LINKS, Makefile: MAKEFILE('') });
      await repo.commit('install with tags', '2025-02-01', { Makefile: MAKEFILE('-tags $(GO_BUILD_TAGS)') });
      const [alone1] = await reports(['docs/install.md']);
      const [alone2] = await reports(['docs/contributing.md']);
      const together = await reports(['docs/install.md', 'docs/contributing.md']);
      assert.deepEqual(together.map(reasons), [reasons(alone1!), reasons(alone2!)]);
      assert.deepEqual(together.map((d) => d.reasons.map((r) => r.message)), [alone1!.reasons.map((r) => r.message), alone2!.reasons.map((r) => r.message)]);
      // The recipe of `install` reads a new variable the doc does not list; the linking doc says none of the new words.
      assert.deepEqual([reasons(alone1!), reasons(alone2!)], [[['stale.unmentioned-change', 'info', 'Makefile', 4]], [['stale.unmentioned-change', 'info', 'Makefile', 3]]]);
      assert.match(alone1!.reasons[0]!.message, /run by a command of this doc.*how this doc calls it .* is the same/);
      assert.match(alone2!.reasons[0]!.message, /^Linked file `Makefile` changed .*not in anything this doc says next to the link/);
    });
  });
});
