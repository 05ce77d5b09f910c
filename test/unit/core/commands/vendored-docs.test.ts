import assert from 'node:assert/strict';
import { ListedTree } from '../../../../src/core/commands/repo-tree';
import { VendoredPaths } from '../../../../src/core/commands/vendored';
import { brief, driftOf, runbook } from './drift-fixture';

/** A doc that would give one missing-script finding: `scripts/` exists, `scripts/gone.sh` does not, `scripts/ok.sh` anchors it. */
const DOC = runbook('./scripts/ok.sh\n./scripts/gone.sh', 'sh', '{cwd=.}');

describe('command drift leaves vendored docs alone', () => {
  it('checks a doc of the project itself (the control case)', async () => {
    assert.deepEqual(brief(await driftOf({ 'scripts/ok.sh': '', 'ops.md': DOC })), ['ops.md:5 command.missing-script']);
  });

  it('does not check docs under vendor/, third_party/, third-party/, node_modules/ or bower_components/', async () => {
    for (const dir of ['vendor/github.com/x/y', 'third_party/lib', 'testdata/project-v4', 'pkg/third-party/lib', 'web/node_modules/pkg', 'bower_components/pkg']) {
      const files = { [`${dir}/scripts/ok.sh`]: '', [`${dir}/ops.md`]: DOC };
      assert.deepEqual(brief(await driftOf(files)), [], dir);
    }
  });

  it('does not check docs in a folder named as a release version (velero\'s Hugo site/content/docs/v1.0.0/)', async () => {
    const files = { Makefile: 'build:\n\ttrue\nlocal:\n\ttrue\n', 'site/content/docs/v1.0.0/build.md': runbook('make build\nmake local\nmake push', 'sh', '{cwd=../../../..}'), 'site/content/docs/main/build.md': runbook('make build\nmake local\nmake push', 'sh', '{cwd=../../../..}') };
    assert.deepEqual(brief(await driftOf(files)), ['site/content/docs/main/build.md:6 command.missing-target']);
  });

  it('does not check the frozen docs of earlier releases (Docusaurus versioned_docs/version-*/): they describe that release\'s checkout', async () => {
    const files = { 'scripts/ok.sh': '', 'website/versioned_docs/version-v3.11.x/ops.md': runbook('./scripts/ok.sh\n./scripts/gone.sh', 'sh', '{cwd=../../..}'), 'website/docs/ops.md': runbook('./scripts/ok.sh\n./scripts/gone.sh', 'sh', '{cwd=../..}') };
    assert.deepEqual(brief(await driftOf(files)), ['website/docs/ops.md:5 command.missing-script']);
  });

  it('does not check records of the past (meeting notes, archives, changelogs, release notes), as staleness does not', async () => {
    const files = { 'scripts/ok.sh': '', 'CHANGELOG.md': DOC, 'sig-ops/meeting-notes-archive/2019.md': runbook('./scripts/ok.sh\n./scripts/gone.sh', 'sh', '{cwd=../..}'), 'docs/archive/ops.md': runbook('./scripts/ok.sh\n./scripts/gone.sh', 'sh', '{cwd=../..}'), 'docs/ops.md': runbook('./scripts/ok.sh\n./scripts/gone.sh', 'sh', '{cwd=..}') };
    assert.deepEqual(brief(await driftOf(files)), ['docs/ops.md:5 command.missing-script']);
  });

  it('does not check docs .gitattributes marks linguist-vendored, unless a later line unmarks them', async () => {
    const base = { 'upstream/scripts/ok.sh': '', 'upstream/ops.md': DOC, 'upstream/keep/scripts/ok.sh': '', 'upstream/keep/ops.md': DOC };
    const attributes = 'upstream/** linguist-vendored\nupstream/keep/** -linguist-vendored\n*.md text\n';
    assert.deepEqual(brief(await driftOf({ ...base, '.gitattributes': attributes })), ['upstream/keep/ops.md:5 command.missing-script']);
    assert.deepEqual(brief(await driftOf({ ...base, 'upstream/.gitattributes': '/ops.md linguist-vendored=true\n' })), ['upstream/keep/ops.md:5 command.missing-script']);
    // A pattern without a slash matches at any depth below its .gitattributes, as in git.
    assert.deepEqual(brief(await driftOf({ ...base, 'upstream/.gitattributes': 'ops.md linguist-vendored\n' })), []);
    assert.deepEqual(brief(await driftOf({ ...base, '.gitattributes': 'upstream/** linguist-vendored=false\n' })).length, 2);
  });

  it('does not check docs in a folder pinned to another project\'s revision (a `<folder>-sha.txt` beside it, or a git-subrepo `.gitrepo` in it)', async () => {
    const copy = { 'kubevirtci/cluster-up/cluster/scripts/ok.sh': '', 'kubevirtci/cluster-up/cluster/K8S.md': DOC };
    assert.deepEqual(brief(await driftOf({ ...copy, 'kubevirtci/cluster-up-sha.txt': 'abc\n' })), []);
    assert.deepEqual(brief(await driftOf({ ...copy, 'kubevirtci/cluster-up/.gitrepo': '[subrepo]\n' })), []);
    assert.deepEqual(brief(await driftOf(copy)), ['kubevirtci/cluster-up/cluster/K8S.md:5 command.missing-script']);
  });

  it('answers for paths, reading each .gitattributes once', async () => {
    const reads: string[] = [];
    const files: Record<string, string> = { '.gitattributes': '# comment\ndocs/legacy/*.md linguist-vendored\n', 'docs/legacy/a.md': '', 'docs/new.md': '' };
    const tree = new ListedTree(Object.keys(files), async (p) => (reads.push(p), files[p]));
    const vendored = new VendoredPaths(tree);
    assert.equal(await vendored.has('docs/legacy/a.md'), true);
    assert.equal(await vendored.has('docs/new.md'), false);
    assert.equal(await vendored.has('vendor/x/README.md'), true);
    assert.equal(await vendored.has('docs/vendors.md'), false);
    assert.deepEqual(reads, ['.gitattributes']);
  });
});
