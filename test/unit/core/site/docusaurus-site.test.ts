import assert from 'node:assert/strict';
import { problemRows, resolveIn, sitesOf, targetRows, type Repo } from './site-fixture';

const REPO: Repo = {
  'website/docusaurus.config.js': [
    "module.exports = {",
    "  baseUrl: '/',",
    "  presets: [['classic', { docs: { path: 'docs', routeBasePath: '/' } }]],",
    "  plugins: [['@docusaurus/plugin-client-redirects', { redirects: [",
    "    { from: ['/old-intro', '/older-intro'], to: '/intro' },",
    "    { to: '/guides/setup', from: '/setup' },",
    "  ] }]],",
    "};",
  ].join('\n'),
  'website/static/img/logo.svg': '',
  'website/src/pages/pricing.tsx': '',
  'website/docs/intro.md': '# Intro\n',
  'website/docs/guides/setup.mdx': '# Setup\n',
  'website/docs/guides/deploy.md': '---\nslug: /ship-it\n---\n# Deploy\n',
  'website/docs/guides/a.md': '[intro](/intro) [setup](/guides/setup/) [old](/old-intro) [older](/older-intro) [setup old](/setup) [slug](/ship-it) [logo](/img/logo.svg) [rel](setup) [page](/pricing)\n[gone](/guides/nope)\n',
};

describe('Docusaurus sites', () => {
  it('reads the docs path, routeBasePath and client redirects from docusaurus.config.js without running it', async () => {
    const { sites } = await sitesOf(REPO);
    assert.deepEqual(sites.map((s) => [s.generator, s.mounts[0], s.mounts[3], s.mounts[2]!.codePages, [...s.redirects.keys()]]), [
      ['docusaurus', { url: '/', dir: 'website/docs', kind: 'pages' }, { url: '/', dir: 'website/static', kind: 'static' }, ['.js', '.jsx', '.ts', '.tsx'], ['old-intro', 'older-intro', 'setup']],
    ]);
  });

  it('resolves routes to .md/.mdx sources, slugs and static files; redirects are not broken', async () => {
    const resolved = await resolveIn(REPO, 'website/docs/guides/a.md');
    assert.deepEqual(targetRows(resolved), [
      ['/intro', 'website/docs/intro.md', 'file'],
      ['/guides/setup/', 'website/docs/guides/setup.mdx', 'file'],
      ['/ship-it', 'website/docs/guides/deploy.md', 'file'],
      ['/img/logo.svg', 'website/static/img/logo.svg', 'file'],
      ['/pricing', 'website/src/pages/pricing.tsx', 'file'],
      ['/guides/nope', 'guides/nope', 'missing'],
    ]);
    assert.deepEqual(problemRows(resolved), []);
  });
});
