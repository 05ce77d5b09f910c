import assert from 'node:assert/strict';
import { problemRows, resolveIn, sitesOf, targetRows, type Repo } from './site-fixture';

// grafana/tempo: `docs/sources/tempo` is Hugo content that grafana.com's website repository mounts; no config here.
const REPO: Repo = {
  'README.md': '# Tempo\n',
  'docs/sources/tempo/_index.md': '---\ntitle: Tempo\n---\n# Tempo\n',
  'docs/sources/tempo/configuration/_index.md': '# Configuration\n',
  'docs/sources/tempo/operations/_index.md': '# Operations\n',
  'docs/sources/tempo/operations/tempo_cli.md':
    '# CLI\n\nRefer to [Configuration](../../configuration/) and [the ring](/docs/tempo/<TEMPO_VERSION>/operations/ring/) and ![loop](/static/img/docs/tempo/loop.jpeg).\nSee [monitor](../monitor/) and [gone](../../nowhere/).\n',
  'docs/sources/tempo/operations/monitor.md': '# Monitor\n',
  'docs/sources/tempo/set-up/_index.md': '# Set up\n\n[Operations](../operations/) [CLI](../operations/tempo_cli/)\n',
};

describe('Hugo content trees a site elsewhere builds (no config in the repository)', () => {
  it('takes a folder of Hugo section pages under no detected site for a Hugo site of its own, served from its root', async () => {
    const { sites } = await sitesOf(REPO);
    assert.deepEqual(sites.map((s) => [s.generator, s.configFile, s.mounts, s.baseUrl, s.servedElsewhere]), [
      ['hugo', 'docs/sources/tempo/_index.md', [{ url: '/', dir: 'docs/sources/tempo', kind: 'pages' }], '', true],
    ]);
  });

  it('resolves relative links from the page URL as Hugo does, and leaves site-root links to the site that serves the tree', async () => {
    const resolved = await resolveIn(REPO, 'docs/sources/tempo/operations/tempo_cli.md');
    assert.deepEqual(targetRows(resolved), [
      ['../../configuration/', 'docs/sources/tempo/configuration/_index.md', 'file'],
      ['../monitor/', 'docs/sources/tempo/operations/monitor.md', 'file'],
      ['../../nowhere/', 'docs/sources/nowhere', 'missing'],
    ]);
    const elsewhere = (link: string) => `Link \`${link}\` is a site-root link of \`docs/sources/tempo\`, Hugo content that a site outside this repository serves under a prefix this repository does not name: not checked here. Check it on the published site.`;
    assert.deepEqual(problemRows(resolved), [
      ['link.missing-target', 'info', elsewhere('/docs/tempo/<TEMPO_VERSION>/operations/ring/')],
      ['link.missing-target', 'info', elsewhere('/static/img/docs/tempo/loop.jpeg')],
    ]);
  });

  it('needs three section pages, and none under a detected site', async () => {
    const few: Repo = { 'docs/a/_index.md': '# A\n', 'docs/a/b/_index.md': '# B\n', 'docs/a/b/c.md': '[x](../../missing/)\n' };
    assert.deepEqual((await sitesOf(few)).sites, []);
    const configured: Repo = { ...REPO, 'hugo.toml': 'baseURL = "https://example.org/"\ncontentDir = "docs/sources"\n' };
    assert.deepEqual((await sitesOf(configured)).sites.map((s) => [s.configFile, s.servedElsewhere]), [['hugo.toml', undefined]]);
  });
  it('follows aliases as Hugo serves them: relative to the page\'s parent URL, and absolute ones below the version the site serves the tree at', async () => {
    const repo: Repo = {
      ...REPO,
      'docs/sources/tempo/metrics-from-traces/_index.md': '# Metrics\n',
      'docs/sources/tempo/metrics-from-traces/metrics-generator/_index.md': '---\naliases:\n  - ../metrics-generator/ # /docs/tempo/next/metrics-generator/\n---\n# Generator\n',
      'docs/sources/tempo/docker-example.md': '---\naliases:\n  - ./getting-started/docker-example/\n---\n# Docker\n',
      'docs/sources/tempo/visualize/_index.md': '---\naliases:\n  - /docs/tempo/latest/introduction/tempo-in-grafana/\n---\n# Visualize\n',
      'docs/sources/tempo/release-notes/v2-0.md': '# 2.0\n\n[gen](../../metrics-generator/) [docker](../../getting-started/docker-example/) [grafana](../../introduction/tempo-in-grafana/) [gone](../../metrics-gone/)\n',
    };
    const resolved = await resolveIn(repo, 'docs/sources/tempo/release-notes/v2-0.md');
    assert.deepEqual(targetRows(resolved), [['../../metrics-gone/', 'docs/sources/metrics-gone', 'missing']]);
    assert.deepEqual(problemRows(resolved), []);
  });
});
