import assert from 'node:assert/strict';
import { problemRows, resolveIn, sitesOf, targetRows, type Repo } from './site-fixture';

const REPO: Repo = {
  'mkdocs.yml': 'site_name: Ops\ndocs_dir: site\nnav:\n  - ops/a.md\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\nplugins:\n  - search\n  - redirects:\n      redirect_maps:\n        old/page.md: ops/b.md\n',
  'deploy/x.yaml': '',
  'site/ops/b.md': '# B\n',
  'site/ops/c/index.md': '# C\n',
  'site/img/arch.png': '',
  'site/ops/a.md': '[md](b.md) [pretty](../b/) [dir](../c/) [root](/ops/b/) [old](../../old/page/) [img](../../img/arch.png)\n[code](../../deploy/x.yaml)\n[gone](missing.md)\n',
};

describe('MkDocs sites', () => {
  it('reads docs_dir and the redirects plugin from mkdocs.yml, tolerating Python tags', async () => {
    const { sites } = await sitesOf(REPO);
    assert.deepEqual(sites.map((s) => [s.generator, s.mounts, [...s.redirects]]), [['mkdocs', [{ url: '/', dir: 'site', kind: 'pages' }], [['old/page', { to: 'ops/b.md', source: 'mkdocs.yml' }]]]]);
  });

  it('resolves relative .md links by file and pretty URLs by the page URL; redirected pages exist', async () => {
    const resolved = await resolveIn(REPO, 'site/ops/a.md');
    assert.deepEqual(targetRows(resolved), [
      ['b.md', 'site/ops/b.md', 'file'],
      ['../c/', 'site/ops/c/index.md', 'file'],
      ['../../img/arch.png', 'site/img/arch.png', 'file'],
      ['../../deploy/x.yaml', 'deploy/x.yaml', 'file'],
      ['missing.md', 'site/ops/missing.md', 'missing'],
    ]);
    assert.deepEqual(resolved.targets[0]!.occurrences.map((o) => o.raw), ['b.md', '../b/', '/ops/b/']);
  });

  it('reports a relative link to a file outside docs_dir as link.not-published', async () => {
    assert.deepEqual(problemRows(await resolveIn(REPO, 'site/ops/a.md')), [
      ['link.not-published', 'warning', 'Link `../../deploy/x.yaml` resolves to `deploy/x.yaml`, outside `site/`, the folder the mkdocs site is built from: it works in the repository but is a 404 on the published site. Link to the file\'s URL on the forge, or to a page of the site.'],
    ]);
  });

  it('leaves docs outside the site (a root README) to plain repository paths', async () => {
    const resolved = await resolveIn({ ...REPO, 'README.md': '[code](deploy/x.yaml) [page](/ops/b/)\n' }, 'README.md');
    assert.deepEqual([targetRows(resolved), problemRows(resolved)], [[['deploy/x.yaml', 'deploy/x.yaml', 'file'], ['/ops/b/', 'ops/b', 'missing']], []]);
  });

  it('reads properdocs.yml (the MkDocs fork with the same config) as an MkDocs site', async () => {
    const repo: Repo = { 'properdocs.yml': 'site_name: Argo\nplugins:\n  - redirects:\n      redirect_maps:\n        old.md: new.md\n', 'docs/new.md': '# New\n', 'docs/a.md': '[new](new.md) [old](old.md) [src](../cmd/main.go)\n', 'cmd/main.go': '' };
    const { sites } = await sitesOf(repo);
    assert.deepEqual(sites.map((s) => [s.generator, s.configFile, s.mounts, [...s.redirects.keys()]]), [['mkdocs', 'properdocs.yml', [{ url: '/', dir: 'docs', kind: 'pages' }], ['old']]]);
    assert.deepEqual(problemRows(await resolveIn(repo, 'docs/a.md')).map((p) => p[0]), ['link.not-published']);
  });
});
