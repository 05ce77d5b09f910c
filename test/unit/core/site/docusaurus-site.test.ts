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
      ['docusaurus', { url: '/', dir: 'website/docs', kind: 'pages', routes: 'docusaurus-docs' }, { url: '/', dir: 'website/static', kind: 'static' }, ['.js', '.jsx', '.ts', '.tsx'], ['old-intro', 'older-intro', 'setup']],
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

  it('forms doc URLs as the docs plugin does: relative and absolute slugs, id front matter, number prefixes, category indexes', async () => {
    const repo: Repo = {
      'docusaurus.config.js': "module.exports = { presets: [['classic', { docs: { path: 'docs' } }]] };\n",
      'docs/privacy_policy.md': '---\nslug: privacy-policy\n---\n# Privacy\n',
      'docs/guides/deploy.md': '---\nslug: ../shipping\n---\n# Deploy\n',
      'docs/GettingStarted.md': '---\nid: getting-started\n---\n# Getting started\n',
      'docs/02-guides/01-first-steps.md': '# First steps\n',
      'docs/03-tutorial/03-tutorial.md': '# Tutorial\n',
      'docs/2021-01-31-notes.md': '# Notes\n',
      'docs/faq.md': [
        '[p](/docs/privacy-policy) [p2](/docs/privacy-policy/#scope) [ship](/docs/shipping) [gs](/docs/getting-started) [first](/docs/guides/first-steps)',
        '[tut](/docs/tutorial) [notes](/docs/2021-01-31-notes)',
        '[old name](/docs/privacy_policy)',
        '',
      ].join('\n'),
    };
    const resolved = await resolveIn(repo, 'docs/faq.md');
    assert.deepEqual(targetRows(resolved), [
      ['/docs/privacy-policy', 'docs/privacy_policy.md', 'file'],
      ['/docs/shipping', 'docs/guides/deploy.md', 'file'],
      ['/docs/getting-started', 'docs/GettingStarted.md', 'file'],
      ['/docs/guides/first-steps', 'docs/02-guides/01-first-steps.md', 'file'],
      ['/docs/tutorial', 'docs/03-tutorial/03-tutorial.md', 'file'],
      ['/docs/2021-01-31-notes', 'docs/2021-01-31-notes.md', 'file'],
      ['/docs/privacy_policy', 'docs/privacy_policy', 'missing'],
    ]);
  });
});
