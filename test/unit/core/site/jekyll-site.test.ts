import assert from 'node:assert/strict';
import { problemRows, resolveIn, sitesOf, targetRows, type Repo } from './site-fixture';

const REPO: Repo = {
  'docs/_config.yml': 'baseurl: /proj\ncollections:\n  docs:\n    output: true\n    permalink: /:collection/:path/\nexclude: [drafts]\n',
  'docs/_layouts/default.md': '---\nlayout: {{ page.layout }}\n---\n{{ content }} [x](nowhere.md)\n',
  'docs/_docs/install.md': '---\nredirect_from:\n  - /setup/\n---\n# Install\n',
  'docs/_docs/configuration.md': '---\npermalink: /config-reference/\n---\n# Config\n',
  'docs/drafts/wip.md': '# WIP\n',
  'docs/faq.md': '# FAQ\n',
  'docs/_posts/2016-04-19-hello-world.markdown': '# Hello\n',
  'docs/_docs/usage.md': '[install](/proj/docs/install/) [inst](../install/) [conf](/config-reference/) [setup](/setup/) [faq](/proj/faq.html) [post](/proj/2016/04/19/hello-world.html)\n[draft](../drafts/wip.md)\n[gone](/proj/docs/nope/)\n',
};

describe('Jekyll / GitHub Pages sites', () => {
  it('reads baseurl, output collections and excludes from _config.yml', async () => {
    const { sites } = await sitesOf(REPO);
    assert.deepEqual(sites.map((s) => [s.generator, s.baseUrl, s.mounts, s.unserved.slice(0, 2)]), [
      [
        'jekyll',
        '/proj',
        [
          { url: '/docs', dir: 'docs/_docs', kind: 'pages', permalink: '/docs/:path/' },
          { url: '/', dir: 'docs/_posts', kind: 'pages', permalink: '/:categories/:year/:month/:day/:title:output_ext' },
          { url: '/', dir: 'docs', kind: 'pages' },
        ],
        ['docs/drafts', 'docs/_layouts'],
      ],
    ]);
  });

  it('resolves collection pages, posts by their permalink pattern, front matter permalinks, redirect_from and .html pages under baseurl', async () => {
    const resolved = await resolveIn(REPO, 'docs/_docs/usage.md');
    assert.deepEqual(targetRows(resolved), [
      ['/proj/docs/install/', 'docs/_docs/install.md', 'file'],
      ['/config-reference/', 'docs/_docs/configuration.md', 'file'],
      ['/proj/faq.html', 'docs/faq.md', 'file'],
      ['/proj/2016/04/19/hello-world.html', 'docs/_posts/2016-04-19-hello-world.markdown', 'file'],
      ['../drafts/wip.md', 'docs/drafts/wip.md', 'file'],
      ['/proj/docs/nope/', 'proj/docs/nope', 'missing'],
    ]);
    assert.deepEqual(problemRows(resolved).map((p) => p.slice(0, 2)), [['link.not-published', 'warning']]);
  });

  it('never checks a layout template', async () => {
    const resolved = await resolveIn(REPO, 'docs/_layouts/default.md');
    assert.deepEqual([targetRows(resolved), problemRows(resolved)], [[], []]);
  });

  it('finds a page that an .html file with front matter serves at its permalink (rubygems guides: /gemfile)', async () => {
    const repo: Repo = {
      '_config.yml': 'permalink: pretty\n',
      'command-reference/gemfile.html': '---\nlayout: default\ntitle: "gemfile"\npermalink: /gemfile/\n---\n<em>A format</em>\n',
      '_layouts/x.html': '---\npermalink: /layout-only/\n---\n',
      'guide.md': '[gemfile](/gemfile) [anchor](/gemfile/#GIT) [layout](/layout-only/)\n',
    };
    assert.deepEqual(targetRows(await resolveIn(repo, 'guide.md')), [
      ['/gemfile', 'command-reference/gemfile.html', 'file'],
      ['/layout-only/', 'layout-only', 'missing'],
    ]);
  });
});
