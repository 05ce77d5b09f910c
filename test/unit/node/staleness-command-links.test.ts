import assert from 'node:assert/strict';
import { commandLinks } from '../../../src/core/commands/command-links';
import { StalenessEngine } from '../../../src/core/staleness/engine';
import type { DocStaleness } from '../../../src/core/staleness/model/report';
import { SimpleGitHistory } from '../../../src/node/git-history';
import { GitWorkspaceFiles } from '../../../src/node/git-workspace-files';
import { GitFixture } from './git-fixture';

const NOW = new Date('2025-06-01T00:00:00Z');
const RUNBOOK = '# Failover\n\nMove traffic to the other region.\n\n```sh {cwd=..}\n./scripts/failover.sh --region eu\nmake drain\n```\n';

describe('staleness: what a runbook\'s commands call is a link', () => {
  let repo: GitFixture;

  beforeEach(async () => {
    repo = await GitFixture.create('command-links');
  });
  afterEach(() => repo.remove());

  async function report(withLinks: boolean): Promise<DocStaleness> {
    const deps = { git: new SimpleGitHistory(repo.dir, repo.env), files: new GitWorkspaceFiles(repo.dir, repo.env), ...(withLinks ? { commandLinks } : {}) };
    const [doc] = (await new StalenessEngine(deps, { now: () => NOW }).report(await repo.docs(['runbooks/failover.md']))).docs;
    return doc!;
  }

  it('marks a runbook stale when a script its block runs changed after it, with the reason on the command\'s line', async () => {
    await repo.commit('failover runbook', '2025-01-01', { 'runbooks/failover.md': RUNBOOK, 'scripts/failover.sh': '#!/bin/sh\necho "$1"\n', Makefile: 'drain:\n\t@echo drain\n' });
    // A use of the argument that changed (a use only added, like a new `case "$1"`, is no reason: issue 18).
    const sha = await repo.commit('fail over for real', '2025-02-01', { 'scripts/failover.sh': '#!/bin/sh\nfailover --to "$1"\n' });
    const doc = await report(true);
    assert.equal(doc.level, 'stale');
    assert.deepEqual(doc.reasons.map((r) => [r.ruleId, r.target, r.line]), [['stale.linked-code-changed', 'scripts/failover.sh', 6]]);
    assert.equal(
      doc.reasons[0]!.message,
      `\`scripts/failover.sh\` (run by a command of this runbook) changed in 1 commit (+1/\u22121 lines) since this runbook was last changed on 2025-01-01 — latest: ${sha.slice(0, 7)} "fail over for real". Check this runbook against the change, then update it or mark it reviewed. How this runbook calls it changed: the 1st argument is now used as \`failover --to $1\` (was \`echo $1\`).`,
    );
    // Without the command links the engine sees no link at all.
    assert.equal((await report(false)).level, 'fresh');
  });

  it('keeps it fresh when only a line inside the /* */ license header of a program it runs changed', async () => {
    // kubernetes-sigs/jobset client-go/README.md `go run main.go` → main.go: 422256f6 standardized the copyright line.
    const main = (holder: string) => `/*\nCopyright ${holder}.\n\nLicensed under the Apache License, Version 2.0 (the "License");\n*/\n\npackage main\n\nfunc main() { failover() }\n`;
    const runbook = '# Failover\n\nMove traffic to the other region.\n\n```sh {cwd=..}\ngo run cmd/main.go --region eu\n```\n';
    await repo.commit('failover runbook', '2025-01-01', { 'runbooks/failover.md': runbook, 'cmd/main.go': main('2023') });
    await repo.commit('standardize copyright headers', '2025-02-01', { 'cmd/main.go': main('The Kubernetes Authors') });
    const doc = await report(true);
    assert.deepEqual([doc.level, doc.reasons.map((r) => [r.ruleId, r.severity, r.target])], ['fresh', [['stale.minor-change', 'info', 'cmd/main.go']]]);
  });

  it('keeps it fresh when the Makefile it reads a target from only changed in whitespace', async () => {
    await repo.commit('failover runbook', '2025-01-01', { 'runbooks/failover.md': RUNBOOK, 'scripts/failover.sh': '#!/bin/sh\n', Makefile: 'drain:\n\t@echo drain\n' });
    await repo.commit('reindent', '2025-02-01', { Makefile: 'drain:\n\t@echo drain   \n' });
    assert.deepEqual([(await report(true)).level, (await report(true)).reasons], ['fresh', []]);
  });
  it('counts only changes of the make target the runbook runs, not the rest of the Makefile', async () => {
    const makefile = 'build:\n\tgo build ./...\n\ndrain:\n\t@echo drain\n';
    await repo.commit('failover runbook', '2025-01-01', { 'runbooks/failover.md': RUNBOOK, 'scripts/failover.sh': '#!/bin/sh\n', Makefile: makefile });
    await repo.commit('verbose build', '2025-02-01', { Makefile: makefile.replace('go build', 'go build -v') });
    assert.deepEqual([(await report(true)).level, (await report(true)).reasons], ['fresh', []]);
    await repo.commit('drain waits', '2025-03-01', { Makefile: makefile.replace('go build', 'go build -v').replace('@echo drain', '@./scripts/drain.sh --wait') });
    // The file is compared then and now; the commits listed are those that changed the target run (#18).
    // The recipe now runs a script, but `make drain` is called as before: only its insides changed (issue 18).
    const doc = await report(true);
    assert.deepEqual(doc.reasons.map((r) => [r.ruleId, r.severity, r.target, r.line, r.commits.map((c) => c.subject)]), [['stale.unmentioned-change', 'info', 'Makefile', 7, ['drain waits']]]);
    await repo.commit('drain a region', '2025-04-01', { Makefile: makefile.replace('go build', 'go build -v').replace('@echo drain', '@./scripts/drain.sh --wait --region $(REGION)'), 'runbooks/failover.md': RUNBOOK.replace('make drain', 'REGION=eu make drain') });
    await repo.commit('drain a zone', '2025-05-01', { Makefile: makefile.replace('go build', 'go build -v').replace('@echo drain', '@./scripts/drain.sh --wait --zone $(ZONE)') });
    const moved = await report(true);
    assert.deepEqual(moved.reasons.map((r) => [r.ruleId, r.severity, r.target, r.line]), [['stale.linked-code-changed', 'warning', 'Makefile', 7]]);
    assert.match(moved.reasons[0]!.message, /How this runbook calls it changed: the recipe no longer reads `REGION`, which this runbook names\.$/);
  });
  it('does not count a change of the target run that came in a bulk commit, when no other commit changed that target', async () => {
    const makefile = 'build:\n\tgo build ./...\n\ndrain:\n\t@echo drain\n';
    await repo.commit('failover runbook', '2025-01-01', { 'runbooks/failover.md': RUNBOOK, 'scripts/failover.sh': '#!/bin/sh\n', Makefile: makefile });
    await repo.commit('verbose build', '2025-02-01', { Makefile: makefile.replace('go build', 'go build -v') });
    // A move of the whole tree (more files than bulkCommitFiles) that also rewrote the drain recipe's path.
    const moved = Object.fromEntries(Array.from({ length: 60 }, (_, k) => [`pkg/file${k}.txt`, `${k}\n`]));
    await repo.commit('move everything', '2025-03-01', { ...moved, Makefile: makefile.replace('go build', 'go build -v').replace('@echo drain', '@./tools/drain.sh') });
    await repo.commit('race build', '2025-04-01', { Makefile: makefile.replace('go build', 'go build -v -race').replace('@echo drain', '@./tools/drain.sh') });
    const doc = await report(true);
    assert.deepEqual([doc.level, doc.reasons.map((r) => [r.ruleId, r.severity, r.target])], ['fresh', []]);
  });
});
