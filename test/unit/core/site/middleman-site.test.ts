import assert from 'node:assert/strict';
import { problemRows, resolveIn, sitesOf, targetRows, type Repo } from './site-fixture';

const REPO: Repo = {
  'config.rb': 'require "govuk_tech_docs"\nredirect "old-rb.html", to: "manual/b.html"\nProxyPages.resources.each do |r|\n  proxy r[:path], r[:template]\nend\n',
  'app/proxy_pages.rb': 'def self.types\n  { path: "/document-types/#{name}.html" }\nend\n',
  'config/tech-docs.yml': 'host: https://docs.example\nredirects:\n  /manual/old.html: /manual/b.html\n',
  'data/repos.yml': '- repo_name: publisher\n- repo_name: search-api\n',
  'source/images/arch.png': '',
  'source/repos.json.erb': '',
  'source/manual/b.html.md': '# B\n',
  'source/manual/c.html.md.erb': '# C\n',
  'source/manual/secrets.html.md': '# Secrets\n',
  'source/kubernetes/index.html.md': '# K8s\n',
  'source/manual/a.html.md': [
    '[b](/manual/b.html#x) [c](/manual/c.html) [k](/kubernetes) [k2](/kubernetes/) [s](secrets.html)',
    '[old](/manual/old.html) [rb](/old-rb.html) [repo](/repos/publisher.html) [img](images/arch.png) [json](/repos.json)',
    '[repo doc](/repos/search-api/how-to.html) [type](/document-types/guide.html)',
    '[gone](/manual/gone.html)',
  ].join('\n'),
};

describe('Middleman / GOV.UK tech-docs sites', () => {
  it('detects the site from config.rb and config/tech-docs.yml: source/, redirects, pages made from data', async () => {
    const { sites } = await sitesOf(REPO);
    assert.deepEqual(
      sites.map((s) => [s.generator, s.configFile, s.mounts, [...s.redirects.keys()], s.generated.map((g) => [g.prefix, [...g.names]]), s.generatedPrefixes]),
      [['middleman', 'config.rb', [{ url: '/', dir: 'source', kind: 'pages' }], ['manual/old', 'old-rb'], [['repos', ['publisher', 'search-api']]], ['document-types']]],
    );
  });

  it('resolves site-root, .html ↔ .html.md(.erb), index, relative, image and template links to their source files', async () => {
    const resolved = await resolveIn(REPO, 'source/manual/a.html.md');
    assert.deepEqual(targetRows(resolved), [
      ['/manual/b.html#x', 'source/manual/b.html.md', 'file'],
      ['/manual/c.html', 'source/manual/c.html.md.erb', 'file'],
      ['/kubernetes', 'source/kubernetes/index.html.md', 'file'],
      ['secrets.html', 'source/manual/secrets.html.md', 'file'],
      ['images/arch.png', 'source/images/arch.png', 'file'],
      ['/repos.json', 'source/repos.json.erb', 'file'],
      ['/manual/gone.html', 'manual/gone.html', 'missing'],
    ]);
    // `/kubernetes/` is the same page: one target, named twice.
    assert.deepEqual(resolved.targets[2]!.occurrences.map((o) => o.raw), ['/kubernetes', '/kubernetes/']);
    assert.deepEqual(resolved.targets.at(-1)!.site, {
      generator: 'middleman',
      tried: ['source/manual/gone.html', 'source/manual/gone.html.md', 'source/manual/gone.html.md.erb', 'source/manual/gone.html.erb', 'source/manual/gone.html.markdown', 'source/manual/gone.md', 'source/manual/gone.mdx', 'source/manual/gone.markdown', 'source/manual/gone.adoc'],
      redirectSources: ['config.rb', 'config/tech-docs.yml'],
    });
  });

  it('counts configured redirects and pages made from data as existing, and calls pages it cannot see "may be generated" (info)', async () => {
    const resolved = await resolveIn(REPO, 'source/manual/a.html.md');
    assert.deepEqual(problemRows(resolved), [
      ['link.missing-target', 'info', 'Link `/repos/search-api/how-to.html` leads to no source page, but may be generated: `data/repos.yml` lists `search-api` and `config.rb` makes proxy pages from data. Check it on the published site.'],
      ['link.missing-target', 'info', 'Link `/document-types/guide.html` leads to no source page, but may be generated: `config.rb` makes pages under `/document-types/`. Check it on the published site.'],
    ]);
  });

  it('calls a page under a data folder broken when the data file does not list its entry, even where the proxy Ruby makes pages under that folder', async () => {
    const repo: Repo = {
      ...REPO,
      'app/proxy_pages.rb': 'def self.overviews\n  { path: "/repos/#{repo.app_name}.html" }\nend\n',
      'source/manual/a.html.md': '[listed](/repos/search-api/how-to.html) [unlisted](/repos/govuk-aws/guides/rds.html) [unlisted page](/repos/govuk-app-config.html)\n',
    };
    const resolved = await resolveIn(repo, 'source/manual/a.html.md');
    assert.deepEqual(problemRows(resolved).map((p) => [p[1], p[2].slice(0, 45)]), [['info', 'Link `/repos/search-api/how-to.html` leads to']]);
    assert.deepEqual(targetRows(resolved).map((t) => [t[0], t[2]]), [
      ['/repos/govuk-aws/guides/rds.html', 'missing'],
      ['/repos/govuk-app-config.html', 'missing'],
    ]);
  });
});
