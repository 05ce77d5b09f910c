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

  it('serves a docs folder beside the website (`path: ../docs`), versioned docs from versions.json, and blog posts by their dated file names', async () => {
    const repo: Repo = {
      'website/docusaurus.config.mjs': "export default { presets: [['classic', { docs: { path: '../docs' }, blog: { showReadingTime: true } }]] };\n",
      'website/versions.json': '["30.4", "30.0"]\n',
      'website/static/img/content/snap.png': '',
      'docs/ExpectAPI.md': '---\nid: expect\n---\n# Expect\n[snap](/img/content/snap.png) [post](/blog/2016/07/27/jest-14) [cfg](configuration)\n',
      'website/versioned_docs/version-30.4/ExpectAPI.md': '---\nid: expect\n---\n# Expect\n',
      'website/versioned_docs/version-30.4/Configuration.md': '---\nid: configuration\n---\n# Configuration\n',
      'website/versioned_docs/version-30.0/ExpectAPI.md': '---\nid: expect\n---\n# Expect\n',
      'website/versioned_docs/version-30.0/TutorialAsync.md': '---\nid: tutorial-async\n---\n[expect](expect#assertions) [next](/docs/next/expect) [gone](/docs/30.0/configuration)\n',
      'website/blog/2016-07-27-jest-14.md': '# Jest 14\n',
      'website/blog/2021-05-25-jest-27/index.md': '# Jest 27\n',
      'website/blog/2022-01-01-renamed.md': '---\nslug: new-year\n---\n# New year\n',
      'website/blog/2023-01-01-post.md': '[cli](/docs/expect) [27](/blog/2021/05/25/jest-27) [ny](/blog/new-year) [old](/blog/2022/01/01/renamed)\n',
    };
    const { sites } = await sitesOf(repo);
    assert.deepEqual(sites[0]!.mounts.slice(0, 4).map((m) => [m.url, m.dir]), [
      ['/docs/next', 'docs'],
      ['/docs', 'website/versioned_docs/version-30.4'],
      ['/docs/30.0', 'website/versioned_docs/version-30.0'],
      ['/blog', 'website/blog'],
    ]);
    const rows = async (doc: string): Promise<Array<[string, string, string]>> => targetRows(await resolveIn(repo, doc));
    assert.deepEqual(await rows('docs/ExpectAPI.md'), [
      ['/img/content/snap.png', 'website/static/img/content/snap.png', 'file'],
      ['/blog/2016/07/27/jest-14', 'website/blog/2016-07-27-jest-14.md', 'file'],
      ['configuration', 'docs/configuration', 'missing'],
    ]);
    assert.deepEqual(await rows('website/versioned_docs/version-30.0/TutorialAsync.md'), [
      ['expect#assertions', 'website/versioned_docs/version-30.0/ExpectAPI.md', 'file'],
      ['/docs/next/expect', 'docs/ExpectAPI.md', 'file'],
      ['/docs/30.0/configuration', 'docs/30.0/configuration', 'missing'],
    ]);
    assert.deepEqual(await rows('website/blog/2023-01-01-post.md'), [
      ['/docs/expect', 'website/versioned_docs/version-30.4/ExpectAPI.md', 'file'],
      ['/blog/2021/05/25/jest-27', 'website/blog/2021-05-25-jest-27/index.md', 'file'],
      ['/blog/new-year', 'website/blog/2022-01-01-renamed.md', 'file'],
      ['/blog/2022/01/01/renamed', 'blog/2022/01/01/renamed', 'missing'],
    ]);
  });

  it('counts the pages the blog plugin makes (the list at /blog/, tags, archive, authors, later pages) as existing', async () => {
    const repo: Repo = {
      'website/docusaurus.config.js': "module.exports = { presets: [['classic', { docs: {}, blog: {} }]] };\n",
      'website/blog/2020-01-01-hello.md': '# Hello\n',
      'website/docs/more.md': '[blog](/blog/) [list](/blog) [tags](/blog/tags/release) [archive](/blog/archive) [authors](/blog/authors) [page 2](/blog/page/2)\n[gone](/blog/2020/01/02/nope)\n',
    };
    const resolved = await resolveIn(repo, 'website/docs/more.md');
    assert.deepEqual([targetRows(resolved), problemRows(resolved)], [[['/blog/2020/01/02/nope', 'blog/2020/01/02/nope', 'missing']], []]);
  });

  it('resolves a markdown file link from the page\'s folder, then from the docs folder, as Docusaurus does', async () => {
    const repo: Repo = {
      'website/docusaurus.config.ts': "export default { presets: [['classic', { docs: { path: '../docs', routeBasePath: '/' } }]] };\n",
      'docs/api/Store.md': '# Store\n',
      'docs/understanding/Glossary.md': '[store](api/Store.md#getState) [gone](api/Nope.md) [page url](api/Store)\n',
    };
    const resolved = await resolveIn(repo, 'docs/understanding/Glossary.md');
    assert.deepEqual(targetRows(resolved).map((t) => [t[0], t[2]]), [
      ['api/Store.md#getState', 'file'],
      ['api/Nope.md', 'missing'],
      ['api/Store', 'missing'],
    ]);
    assert.equal(targetRows(resolved)[0]![1], 'docs/api/Store.md');
  });
});
