import assert from 'node:assert/strict';
import { brief, driftOf, runbook } from './drift-fixture';

// A guide to another repository (kubernetes/community's development.md, written for
// kubernetes/kubernetes) can call one target this repository happens to define too (`make verify`):
// one coincidence must not make the rest of the guide's calls look broken.
const MAKEFILE = 'verify:\n\t./hack/verify.sh\ngenerate:\n\t./hack/gen.sh\nreset-docs:\n\ttrue\n';

describe('command drift: whose checkout a doc describes', () => {
  it('says nothing when fewer of the doc\'s calls resolve here than fail', async () => {
    const guide = runbook('./hack/install-etcd.sh\nmake all\nmake cross\nmake verify\nmake update\nmake test-integration');
    assert.deepEqual(brief(await driftOf({ Makefile: MAKEFILE, 'hack/verify.sh': '', 'contributors/devel/development.md': guide })), []);
  });

  it('reports when as many calls resolve as fail (one renamed target among the project\'s own)', async () => {
    const doc = runbook('make verify\nmake generat');
    assert.deepEqual(brief(await driftOf({ Makefile: MAKEFILE, 'ops.md': doc })), ['ops.md:5 command.missing-target']);
    const two = runbook('make verify\n./hack/verify.sh\nmake generat\nmake reset-doc');
    assert.deepEqual(brief(await driftOf({ Makefile: MAKEFILE, 'hack/verify.sh': '', 'ops.md': two })), ['ops.md:6 command.missing-target', 'ops.md:7 command.missing-target']);
  });

  it('does not take a target every scaffolded Go project has (generate, manifests, fmt, vet, run) as pointing here', async () => {
    // kubebuilder's book: `make manifests` is the reader's scaffolded project's; kubebuilder's own Makefile has `generate` too.
    const doc = runbook('make manifests\nmake generate\nmake test');
    assert.deepEqual(brief(await driftOf({ Makefile: 'generate:\n\ttrue\ntest:\n\ttrue\n', 'docs/book/src/migration/multi-group.md': doc })), []);
  });

  it('counts a call that resolves once however often the doc repeats it', async () => {
    const doc = runbook('make verify\nmake verify\nmake verify\nmake generat\nmake reset-doc');
    assert.deepEqual(brief(await driftOf({ Makefile: MAKEFILE, 'ops.md': doc })), []);
  });

  it('trusts a block whose cwd attribute says where it runs in this repository, and history, whatever the count', async () => {
    const doc = runbook('make verify\nmake generat\nmake reset-doc', 'sh', '{cwd=.}');
    assert.deepEqual(brief(await driftOf({ Makefile: MAKEFILE, 'ops.md': doc })), ['ops.md:5 command.missing-target', 'ops.md:6 command.missing-target']);
    const commit = { sha: 'c'.repeat(40), date: '2024-05-01T10:00:00Z', subject: 'drop legacy' };
    const renamed = await driftOf({ Makefile: MAKEFILE, 'ops.md': runbook('./a.sh\n./b.sh\nmake verify') }, { fate: (p) => (p === 'a.sh' || p === 'b.sh' ? { deletedIn: commit } : undefined) });
    assert.deepEqual(brief(renamed), ['ops.md:4 command.missing-script', 'ops.md:5 command.missing-script']);
  });
});
