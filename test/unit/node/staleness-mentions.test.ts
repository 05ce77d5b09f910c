import assert from 'node:assert/strict';
import { StalenessEngine } from '../../../src/core/staleness/engine';
import type { DocStaleness } from '../../../src/core/staleness/model/report';
import { SimpleGitHistory } from '../../../src/node/git-history';
import { GitWorkspaceFiles } from '../../../src/node/git-workspace-files';
import { GitFixture } from './git-fixture';

const NOW = new Date('2025-06-01T00:00:00Z');

/** Issue 18: a pointer link is not a description. What the doc says next to a link, against what the change did. */
describe('staleness: what the doc says next to a link against what changed', () => {
  let repo: GitFixture;

  beforeEach(async () => {
    repo = await GitFixture.create('staleness-mentions');
  });
  afterEach(() => repo.remove());

  async function report(paths: string[]): Promise<DocStaleness[]> {
    const engine = new StalenessEngine({ git: new SimpleGitHistory(repo.dir, repo.env), files: new GitWorkspaceFiles(repo.dir, repo.env) }, { now: () => NOW });
    return (await engine.report(await repo.docs(paths))).docs;
  }

  const flags = (doc: DocStaleness | undefined) => doc!.reasons.map((r) => [r.ruleId, r.severity, r.target]);

  const MAKEFILE = 'build:\n\tgo build ./...\n\ntest:\n\tgo test ./...\n';

  it('keeps a doc fresh when a file it points to only gained things the doc does not name, with an info reason', async () => {
    await repo.commit('add guide', '2025-01-01', { 'CONTRIBUTING.md': '# Contributing\n\nUse the [Makefile](Makefile) targets, for example `build` and `test`.\n', Makefile: MAKEFILE });
    await repo.commit('add coverage targets', '2025-02-01', { Makefile: `${MAKEFILE}\ncoverage:\n\tgo test -cover ./...\n\nreport:\n\tgo tool cover -html cover.out\n` });
    const [doc] = await report(['CONTRIBUTING.md']);
    assert.deepEqual([doc!.level, flags(doc), doc!.score], ['fresh', [['stale.unmentioned-change', 'info', 'Makefile']], 0.1]);
    assert.equal(
      doc!.reasons[0]!.message,
      'Linked file `Makefile` changed (1 commit, +6/−0 lines) since this doc was last changed on 2025-01-01 — latest: ' +
        `${doc!.reasons[0]!.commits[0]!.sha.slice(0, 7)} "add coverage targets", but not in anything this doc says next to the link (new in it: \`-cover\`, \`-html\`, \`coverage\`, \`report\`, \`tool\`). Nothing to update unless this doc should describe the new parts.`,
    );
  });

  it('flags the doc when a change takes out of the file a word the doc says next to the link, and says which', async () => {
    await repo.commit('add guide', '2025-01-01', { 'CONTRIBUTING.md': '# Contributing\n\nUse the [Makefile](Makefile) targets, for example `build` and `test`.\n', Makefile: MAKEFILE });
    await repo.commit('tests run in CI only', '2025-02-01', { Makefile: 'build:\n\tgo build ./...\n\nlint:\n\tgolangci-lint run\n' });
    const [doc] = await report(['CONTRIBUTING.md']);
    assert.deepEqual([doc!.level, flags(doc)], ['stale', [['stale.linked-code-changed', 'warning', 'Makefile']]]);
    assert.match(doc!.reasons[0]!.message, / Next to the link this doc says what changed: the change took `test` out of it\.$/);
  });

  it('keeps a doc fresh when the file it points to only gained a word the doc says next to the link, and flags it once a word the doc says is gone', async () => {
    // argo-workflows docs/template-defaults.md → workflow_types.go: "brought `runtime`" was not evidence.
    const types = (fields: string) => `package api\n\ntype WorkflowSpec struct {\n${fields}}\n`;
    await repo.commit('add doc', '2025-01-01', {
      'docs/template-defaults.md': '# Template defaults\n\nThe [workflow types](../api/types.go) define `TemplateDefaults`, which the controller applies at runtime.\n',
      'api/types.go': types('\tTemplateDefaults *Template\n'),
    });
    const sha = await repo.commit('add runtime', '2025-02-01', { 'api/types.go': types('\tTemplateDefaults *Template\n\tRuntime *RuntimeClass\n') });
    const [first] = await report(['docs/template-defaults.md']);
    assert.deepEqual([first!.level, flags(first), first!.score], ['fresh', [['stale.unmentioned-change', 'info', 'api/types.go']], 0.1]);
    assert.equal(
      first!.reasons[0]!.message,
      `Linked file \`api/types.go\` changed (1 commit, +1/−0 lines) since this doc was last changed on 2025-01-01 — latest: ${sha.slice(0, 7)} "add runtime", ` +
        'but took nothing this doc says next to the link out of it: it only brought in `runtime`, which this doc says (new in it: `Runtime`, `RuntimeClass`). What a file gains does not make this doc wrong; nothing to update unless this doc should describe the new parts.',
    );
    await repo.commit('defaults are a config map now', '2025-03-01', { 'api/types.go': types('\tRuntime *RuntimeClass\n') });
    const [second] = await report(['docs/template-defaults.md']);
    assert.deepEqual([second!.level, flags(second)], ['stale', [['stale.linked-code-changed', 'warning', 'api/types.go']]]);
    assert.match(second!.reasons[0]!.message, / Next to the link this doc says what changed: the change took `Template`, `TemplateDefaults` out of it\.$/);
  });

  it('keeps a doc fresh when a data file it points to gained a key the doc names', async () => {
    // kubernetes/community sig-governance.md → sigs.yaml: `leads:` came into subprojects, which the doc already says.
    const sigs = (lead: string) => `sigs:\n  - name: auth\n    subprojects:\n      - name: secrets\n        owners:\n          - a/OWNERS\n${lead}`;
    await repo.commit('add doc', '2025-01-01', { 'governance.md': '# Governance\n\nSubproject leads are tracked via `subproject.leads` in [sigs.yaml](sigs.yaml).\n', 'sigs.yaml': sigs('') });
    await repo.commit('leads of secrets', '2025-02-01', { 'sigs.yaml': sigs('        leads:\n          - github: alice\n') });
    const [doc] = await report(['governance.md']);
    assert.deepEqual([doc!.level, flags(doc)], ['fresh', [['stale.unmentioned-change', 'info', 'sigs.yaml']]]);
    assert.match(doc!.reasons[0]!.message, /it only brought in `leads`, which this doc says/);
  });

  it('reads the list a sentence next to the link introduces as what the doc says, and the words of a removed key', async () => {
    // crossplane security/self-assessment.md → ci.yml: "the checks performed by this pipeline include:" lists Trivy; the `trivy-scan-fs` job went.
    const doc = '# Security\n\n* A CI pipeline runs on all PRs. The checks performed by this\n  [pipeline](.github/workflows/ci.yml)\n  include:\n  * A unit test suite\n  * The Trivy vulnerability scanner is run over the codebase\n';
    const job = (name: string, step: string) => `  ${name}:\n    runs-on: ubuntu-latest\n    steps:\n      - ${step}\n`;
    await repo.commit('add doc', '2025-01-01', { 'security.md': doc, '.github/workflows/ci.yml': `jobs:\n${job('unit-tests', 'run: go test ./...')}${job('trivy-scan-fs', 'uses: aquasecurity/trivy-action@v1')}` });
    await repo.commit('codeql instead', '2025-02-01', { '.github/workflows/ci.yml': `jobs:\n${job('unit-tests', 'run: go test ./...')}${job('codeql', 'uses: github/codeql-action/analyze@v4')}` });
    const [result] = await report(['security.md']);
    assert.deepEqual([result!.level, flags(result)], ['stale', [['stale.linked-code-changed', 'warning', '.github/workflows/ci.yml']]]);
    assert.match(result!.reasons[0]!.message, / Next to the link this doc says what changed: the change took `Trivy` out of it\.$/);
  });

  it('reports a linked file written after the doc as info: the doc cannot have relied on what it holds', async () => {
    // jaeger docs/rfc/0015 → tracestore/core/filter.go: the RFC links the file its plan names; f62493b wrote it a week later.
    await repo.commit('add rfc', '2025-01-01', { 'docs/rfc.md': '# Typed filters\n\nThe [filter lowering](../src/filter.go) is where typed predicates are refused today.\n' });
    await repo.commit('filter lowering', '2025-02-01', { 'src/filter.go': 'package src\n\nfunc lower() error { return errTyped }\n' });
    const sha = await repo.commit('pin the flags', '2025-03-01', { 'src/filter.go': 'package src\n\nfunc lower() error { return errTypedPredicate }\n' });
    const [doc] = await report(['docs/rfc.md']);
    assert.deepEqual([doc!.level, flags(doc), doc!.score], ['fresh', [['stale.unmentioned-change', 'info', 'src/filter.go']], 0.1]);
    assert.equal(
      doc!.reasons[0]!.message,
      `Linked file \`src/filter.go\` was written (2 commits, +3/−0 lines) after this doc was last changed on 2025-01-01 — latest: ${sha.slice(0, 7)} "pin the flags": this doc cannot have relied on anything in it. Nothing to update unless this doc should describe it.`,
    );
  });

  it('weighs a rewrite of a linked file by what the doc says next to the link, like any change', async () => {
    // argo-workflows hack/README.md → Makefile: "when adding or deleting files here, also update the Makefile"; 75 commits over 300 words.
    const before = Array.from({ length: 50 }, (_, k) => `build-x${k}:\n\tgo build ./x${k}\n`).join('\n');
    const after = Array.from({ length: 400 }, (_, k) => `image-y${k}:\n\tdocker build -t y${k} ./y${k}\n`).join('\n');
    await repo.commit('add docs', '2025-01-01', {
      'hack/README.md': '# Hack\n\n## Modifications\n\nWhen adding or deleting files in this directory, also update [the `Makefile`](../Makefile).\n',
      'docs/x1.md': '# X1\n\nBuild the module with the [`build-x1` target](../Makefile).\n',
      Makefile: before,
    });
    await repo.commit('images, not binaries', '2025-02-01', { Makefile: after });
    const [pointer, described] = await report(['hack/README.md', 'docs/x1.md']);
    assert.deepEqual([pointer!.level, flags(pointer)], ['fresh', [['stale.unmentioned-change', 'info', 'Makefile']]]);
    assert.deepEqual([described!.level, flags(described)], ['stale', [['stale.linked-code-changed', 'warning', 'Makefile']]]);
    assert.match(described!.reasons[0]!.message, / Next to the link this doc says what changed: the change took `build-x1`, `X1` out of it\.$/);
  });

  it('flags the doc when the value it quotes changed', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': '# Db\n\nThe [pool](../config/db.conf) holds 10 connections.\n', 'config/db.conf': 'pool_size = 10\ntimeout = 30s\n' });
    await repo.commit('bigger pool', '2025-02-01', { 'config/db.conf': 'pool_size = 20\ntimeout = 30s\n' });
    const [doc] = await report(['runbooks/db.md']);
    assert.deepEqual([doc!.level, flags(doc)], ['stale', [['stale.linked-code-changed', 'warning', 'config/db.conf']]]);
    assert.match(doc!.reasons[0]!.message, /the change took `10` out of it\.$/);
  });

  it('flags the doc when a YAML setting whose value it quotes changed, and not when the value is an entry of a list', async () => {
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': '# Db\n\nThe [pool](../deploy/pool.yaml) holds 10 connections for the `web` team.\n', 'deploy/pool.yaml': 'pool:\n  size: 10\nteams:\n  - web\n' });
    await repo.commit('new team', '2025-02-01', { 'deploy/pool.yaml': 'pool:\n  size: 10\nteams:\n  - api\n  - web\n  - jobs\n' });
    const [first] = await report(['runbooks/db.md']);
    assert.deepEqual([first!.level, flags(first)], ['fresh', []]);
    await repo.commit('bigger pool', '2025-03-01', { 'deploy/pool.yaml': 'pool:\n  size: 20\nteams:\n  - api\n  - web\n  - jobs\n' });
    const [second] = await report(['runbooks/db.md']);
    assert.deepEqual([second!.level, flags(second)], ['stale', [['stale.linked-code-changed', 'warning', 'deploy/pool.yaml']]]);
    assert.match(second!.reasons[0]!.message, /the change took `10` out of it\.$/);
  });

  it('flags the doc when an entry is added shaped like two entries the doc names', async () => {
    const addon = (extra: string) => `{\n  values+:: {\n    alertmanager+: {\n      antiAffinity: 'soft',\n    },\n    prometheus+: {\n      antiAffinity: 'soft',\n    },\n${extra}  },\n}\n`;
    await repo.commit('add doc', '2025-01-01', { 'docs/anti-affinity.md': '# Anti-affinity\n\nTo spread `Prometheus` and `Alertmanager` pods, include the [addon](../addons/anti-affinity.libsonnet).\n', 'addons/anti-affinity.libsonnet': addon('') });
    await repo.commit('spread metrics-server too', '2025-02-01', { 'addons/anti-affinity.libsonnet': addon("    metricsServer+: {\n      antiAffinity: 'soft',\n    },\n") });
    const [doc] = await report(['docs/anti-affinity.md']);
    assert.deepEqual([doc!.level, flags(doc)], ['stale', [['stale.linked-code-changed', 'warning', 'addons/anti-affinity.libsonnet']]]);
    assert.match(doc!.reasons[0]!.message, / Next to the link this doc says what changed: the change added `metricsServer` next to `Alertmanager`, `Prometheus`, shaped like them\.$/);
  });

  it('keeps a registry doc fresh when entries gain a key it does not name, and flags it when a top-level section goes', async () => {
    const owners = (extra: string) => `approvers:\n  - alice\n  - bob\n${extra}`;
    await repo.commit('add governance', '2025-01-01', { 'GOVERNANCE.md': '# Governance\n\nThe maintainers are listed in [OWNERS](OWNERS).\n', OWNERS: owners('reviewers:\n  - carol\n') });
    await repo.commit('emeritus', '2025-02-01', { OWNERS: owners('reviewers:\n  - carol\nemeritus_approvers:\n  - dave\n') });
    const [first] = await report(['GOVERNANCE.md']);
    assert.deepEqual([first!.level, flags(first)], ['fresh', [['stale.unmentioned-change', 'info', 'OWNERS']]]);
    await repo.commit('reviewers are an alias now', '2025-03-01', { OWNERS: owners('emeritus_approvers:\n  - dave\n') });
    const [second] = await report(['GOVERNANCE.md']);
    assert.deepEqual([second!.level, flags(second)], ['stale', [['stale.linked-code-changed', 'warning', 'OWNERS']]]);
    assert.match(second!.reasons[0]!.message, / the change removed the top-level section `reviewers` and what it held\.$/);
  });

  describe('a removed top-level data section (seventh session)', () => {
    const names = (list: string[]) => list.map((n) => `  - ${n}\n`).join('');
    const EMERITUS = ['bdarnell', 'fanminshi', 'gyuho', 'hexfusion', 'heyitsanthony', 'jingyih', 'jpbetz', 'mitake', 'philips', 'ptabor', 'wenjiaswe', 'xiang90'];

    it('keeps a doc fresh when the section was renamed: a section of the same shape came in its place', async () => {
      // perf-tests RELEASE.md → OWNERS: `assignees` became `approvers` (304713f75), people came and went since.
      await repo.commit('add release doc', '2016-09-26', { 'RELEASE.md': '# Release\n\n1. All [OWNERS](OWNERS) lgtm the release.\n', OWNERS: `assignees:\n${names(['gmarek', 'wojtekt', 'timothysc'])}` });
      await repo.commit('assignees to approvers', '2017-11-01', { OWNERS: `approvers:\n${names(['gmarek', 'wojtekt', 'timothysc'])}` });
      await repo.commit('owners now', '2023-01-26', { OWNERS: `approvers:\n${names(['marseel', 'wojtek-t'])}emeritus_approvers:\n${names(['gmarek'])}reviewers:\n${names(['jprzychodzen'])}` });
      const [doc] = await report(['RELEASE.md']);
      assert.deepEqual([doc!.level, flags(doc)], ['fresh', [['stale.unmentioned-change', 'info', 'OWNERS']]]);
      assert.match(doc!.reasons[0]!.message, /top-level section `assignees` removed/);
    });

    it('keeps a doc fresh when a small settings key it does not name went from a larger file', async () => {
      // ingress-nginx code-overview.md → mkdocs.yml lost `google_analytics`; kubeadm CONTRIBUTING.md → OWNERS lost `labels`.
      const pages = Array.from({ length: 12 }, (_, k) => `  - Page ${k}: "guide/page-${k}.md"\n`).join('');
      const mkdocs = (extra: string) => `site_name: Ingress\nrepo_url: https://example.org/ingress\ntheme:\n  name: material\n  palette:\n    primary: teal\n${extra}nav:\n${pages}`;
      const owners = (extra: string, reviewers: string[]) => `approvers:\n${names(['fabriziopandini', 'neolit123', 'SataQiu'])}reviewers:\n${names(reviewers)}emeritus_approvers:\n${names(['luxas', 'timothysc', 'rosti', 'ereslibre'])}${extra}`;
      await repo.commit('add docs', '2025-01-01', {
        'DEVELOPMENT.md': '# Code overview\n\n## Documentation\n\nThe docs are `Markdown`, used by [mkdocs](mkdocs.yml) file to generate static pages.\n',
        'CONTRIBUTING.md': '# Contributing\n\nThe [repo owners](OWNERS) will respond to your issue promptly.\n',
        'mkdocs.yml': mkdocs('google_analytics: ["UA-118407822-1", "kubernetes.github.io"]\n'),
        OWNERS: owners('labels:\n  - sig/cluster-lifecycle\n', ['yagonobre', 'pacoxu']),
      });
      await repo.commit('drop analytics, labels', '2025-02-01', { 'mkdocs.yml': mkdocs(''), OWNERS: owners('', ['pacoxu', 'carlory']) });
      const [overview, contributing] = await report(['DEVELOPMENT.md', 'CONTRIBUTING.md']);
      assert.deepEqual([overview!.level, flags(overview)], ['fresh', [['stale.unmentioned-change', 'info', 'mkdocs.yml']]]);
      assert.match(overview!.reasons[0]!.message, /top-level section `google_analytics` removed/);
      assert.deepEqual([contributing!.level, flags(contributing)], ['fresh', [['stale.unmentioned-change', 'info', 'OWNERS']]]);
      assert.match(contributing!.reasons[0]!.message, /top-level section `labels` removed/);
    });

    it('flags the doc when the people of a removed section left the file with most of the others', async () => {
      // etcd GOVERNANCE.md `[maintainers]: /OWNERS` (labelled stale): reviewers and approvers moved to OWNERS_ALIASES (3d3cb7f0d).
      await repo.commit('add governance', '2025-06-26', {
        'GOVERNANCE.md': '# Governance\n\nDecisions are built on consensus between [maintainers] publicly.\n\n[maintainers]: /OWNERS\n',
        OWNERS: `approvers:\n${names(['ahrtr', 'fuweid', 'jmhbnz', 'serathius', 'spzala'])}reviewers:\n${names(['ivanvc', 'siyuanfoundation'])}emeritus_approvers:\n${names(EMERITUS)}`,
      });
      await repo.commit('implement OWNERS_ALIASES for sig-etcd roles', '2025-08-24', {
        OWNERS: `approvers:\n${names(['sig-etcd-chairs', 'sig-etcd-tech-leads', 'spzala'])}emeritus_approvers:\n${names(EMERITUS)}`,
        OWNERS_ALIASES: `aliases:\n  sig-etcd-chairs:\n${names(['ivanvc', 'jmhbnz', 'siyuanfoundation'])}  sig-etcd-tech-leads:\n${names(['ahrtr', 'fuweid', 'serathius'])}`,
      });
      const [doc] = await report(['GOVERNANCE.md']);
      assert.deepEqual([doc!.level, flags(doc)], ['stale', [['stale.linked-code-changed', 'warning', 'OWNERS']]]);
      assert.match(doc!.reasons[0]!.message, / the change removed the top-level section `reviewers` and what it held\.$/);
    });

    it('flags the doc when it names the small section that went', async () => {
      const nav = Array.from({ length: 12 }, (_, k) => `  - Page ${k}: "p${k}.md"\n`).join('');
      await repo.commit('add guide', '2025-01-01', {
        'ANALYTICS.md': '# Analytics\n\nPage views are sent to the `google_analytics` property set in [mkdocs.yml](mkdocs.yml).\n',
        'mkdocs.yml': `site_name: Ingress\ngoogle_analytics: ["UA-1", "auto"]\nextra:\n  google_analytics: see docs\nnav:\n${nav}`,
      });
      await repo.commit('drop analytics', '2025-02-01', { 'mkdocs.yml': `site_name: Ingress\nextra:\n  google_analytics: see docs\nnav:\n${nav}` });
      const [doc] = await report(['ANALYTICS.md']);
      assert.deepEqual([doc!.level, flags(doc)], ['stale', [['stale.linked-code-changed', 'warning', 'mkdocs.yml']]]);
      assert.match(doc!.reasons[0]!.message, / the change removed the top-level section `google_analytics`\.$/);
    });
  });

  it('reads what a reference-style link says where the reference is used', async () => {
    await repo.commit('add doc', '2025-01-01', {
      'docs/api.md': '# API\n\nEvery [RPC][rpc] answers with a `Header`.\n\n[rpc]: ../api/rpc.proto\n',
      'api/rpc.proto': 'service KV {\n  rpc Range(RangeRequest) returns (RangeResponse);\n}\nmessage RangeResponse {\n  Header header = 1;\n}\n',
    });
    await repo.commit('range stream', '2025-02-01', {
      'api/rpc.proto': 'service KV {\n  rpc Range(RangeRequest) returns (RangeResponse);\n  rpc RangeStream(RangeRequest) returns (stream RangeResponse);\n}\nmessage RangeResponse {\n  Header header = 1;\n}\n',
    });
    const [doc] = await report(['docs/api.md']);
    assert.deepEqual([doc!.level, flags(doc)], ['fresh', [['stale.unmentioned-change', 'info', 'api/rpc.proto']]]);
    await repo.commit('no header any more', '2025-03-01', {
      'api/rpc.proto': 'service KV {\n  rpc Range(RangeRequest) returns (RangeResponse);\n  rpc RangeStream(RangeRequest) returns (stream RangeResponse);\n}\nmessage RangeResponse {\n  int64 revision = 1;\n}\n',
    });
    const [after] = await report(['docs/api.md']);
    assert.deepEqual([after!.level, flags(after)], ['stale', [['stale.linked-code-changed', 'warning', 'api/rpc.proto']]]);
    assert.match(after!.reasons[0]!.message, /took `Header` out of it\.$/);
  });
  it('reports anchored lines of a file written after the doc as info, like the file: there were no lines to rely on', async () => {
    // ingress-nginx MANUAL_RELEASE.md → TAG#L1: TAG was removed before the doc and written again after it.
    await repo.commit('add tag', '2024-06-01', { TAG: 'v1.9.0\n' });
    await repo.commit('remove tag file', '2024-08-01', { TAG: null });
    await repo.commit('add release steps', '2025-01-01', { 'RELEASE.md': '# Release\n\n## Edit the semver tag\n\n- [TAG](TAG#L1)\n' });
    const sha = await repo.commit('trigger build', '2025-02-01', { TAG: 'v1.15.0\n' });
    const [doc] = await report(['RELEASE.md']);
    assert.deepEqual([doc!.level, flags(doc), doc!.score], ['fresh', [['stale.unmentioned-change', 'info', 'TAG']], 0.1]);
    assert.equal(
      doc!.reasons[0]!.message,
      `Lines 1 of \`TAG\` (#L1) were written (1 commit) after this doc was last changed on 2025-01-01 — latest: ${sha.slice(0, 7)} "trigger build": this doc cannot have relied on them. Nothing to update unless the link should point elsewhere in the file.`,
    );
    await repo.commit('bump', '2025-03-01', { TAG: 'v1.16.0\nnotes\n' });
    await repo.commit('review release steps', '2025-03-02', { 'RELEASE.md': '# Release\n\n## Edit the semver tag\n\n- [TAG](TAG#L1) holds the tag.\n' });
    await repo.commit('bump again', '2025-04-01', { TAG: 'next\nnotes\n' });
    const [after] = await report(['RELEASE.md']);
    assert.deepEqual([after!.level, flags(after)], ['stale', [['stale.anchored-range-changed', 'warning', 'TAG']]]);
  });
});
