import assert from 'node:assert/strict';
import { problemRows, resolveIn, sitesOf, targetRows, type Repo } from './site-fixture';

const HUGO: Repo = {
  'config.yaml': 'baseURL: https://etcd.io\ncontentDir: content/en\noutputFormats:\n  REDIRECTS:\n    mediaType: text/netlify\n    baseName: _redirects\noutputs:\n  home: [HTML, REDIRECTS]\n',
  'layouts/index.redirects': [
    '{{ $latest := site.Params.latest_stable_version }}',
    '/docs/latest     /docs/{{ $latest }}/',
    '/docs/latest/*     /docs/{{ $latest }}/:splat',
    '# a comment /docs/commented /docs/v3.5/',
    'docs/v3.4.0/reporting-bugs    /docs/v3.4.0/reporting_bugs/',
    '/docs/v3.5/authentication    /docs/v3.5/op-guide/authentication/ 301',
    '',
  ].join('\n'),
  'static/_redirects': '/community/meetings  /community/#meetings\n',
  'netlify.toml': '[build]\npublish = "public"\n[[redirects]]\n  from = "/blog/old/*"\n  to = "/blog/:splat"\n',
  'content/en/docs/_index.md': '# Docs\n',
  'content/en/docs/v2.3/admin.md': [
    '[latest](/docs/latest) [deep](/docs/latest/op-guide/clustering/) [bugs](/docs/v3.4.0/reporting-bugs) [auth](/docs/v3.5/authentication)',
    '[meet](/community/meetings) [old blog](/blog/old/2017/x/)',
    '[commented](/docs/commented) [latest-ish](/docs/latest-news)',
    '',
  ].join('\n'),
};

describe('Netlify redirects of a docs site', () => {
  it('reads _redirects templates (Hugo layouts/index.redirects), static/_redirects and netlify.toml [[redirects]], splats as prefixes', async () => {
    const { sites } = await sitesOf(HUGO);
    assert.deepEqual(
      sites.map((s) => [...s.redirects].map(([from, r]) => [from, r.to, r.source])),
      [
        [
          ['docs/latest', '/docs/{{ $latest }}/', 'layouts/index.redirects'],
          ['docs/latest/*', '/docs/{{ $latest }}/:splat', 'layouts/index.redirects'],
          ['docs/v3.4.0/reporting-bugs', '/docs/v3.4.0/reporting_bugs/', 'layouts/index.redirects'],
          ['docs/v3.5/authentication', '/docs/v3.5/op-guide/authentication/', 'layouts/index.redirects'],
          ['community/meetings', '/community/#meetings', 'static/_redirects'],
          ['blog/old/*', '/blog/:splat', 'netlify.toml'],
        ],
      ],
    );
  });

  it('counts a link to a redirected URL, or below a splat redirect, as not broken', async () => {
    const resolved = await resolveIn(HUGO, 'content/en/docs/v2.3/admin.md');
    assert.deepEqual(targetRows(resolved), [
      ['/docs/commented', 'docs/commented', 'missing'],
      ['/docs/latest-news', 'docs/latest-news', 'missing'],
    ]);
    assert.deepEqual(problemRows(resolved), []);
  });
});

// kedacore/keda-docs: `{{ range $name := $topLevel }}` writes `/scalers  /docs/<latest>/scalers 301!`
// for each name of a literal list; those rules are made by template code that is not run here.
describe('redirect rules a template computes', () => {
  const repo: Repo = {
    'hugo.toml': 'baseURL = "https://keda.example/"\n',
    'layouts/index.redirects': [
      '{{ $latest := index site.Params.versions.docs 0 -}}',
      '{{ $topLevel := slice "scalers" "faq" -}}',
      '{{ range $name := $topLevel -}}',
      '{{ $name | printf "/%-29s" }}  /docs/{{ $latest }}/{{ $name }}     301!',
      '{{ end -}}',
      '{{- range where site.RegularPages "Section" "scalers" -}}',
      '/docs/scalers/{{ .File.ContentBaseName }}     /scalers/{{ .File.ContentBaseName }}',
      '{{ end -}}',
    ].join('\n'),
    'content/docs/_index.md': '[scalers](/scalers) [faq](/faq/) [old](/docs/scalers/kafka/)\n',
    'other/hugo.toml': 'baseURL = "https://b.example/"\n',
    'other/layouts/index.redirects': '{{- range where site.RegularPages "Section" "blog" -}}\n/old/{{ .File.ContentBaseName }}  /blog/{{ .File.ContentBaseName }}\n{{ end -}}\n',
    'other/content/a.md': '[old post](/old/x/) [gone](/nothing/)\n',
  };

  it('says a link may be redirected (info) where a templated rule could make its URL, and only there', async () => {
    const keda = await resolveIn(repo, 'content/docs/_index.md');
    assert.deepEqual(problemRows(keda).map((r) => [r[1], /`([^`]+)`/.exec(r[2])![1]]), [['info', '/scalers'], ['info', '/faq/'], ['info', '/docs/scalers/kafka/']]);
    assert.match(problemRows(keda)[0]![2], /`layouts\/index\.redirects` makes redirect rules with template code/);
    const other = await resolveIn(repo, 'other/content/a.md');
    assert.deepEqual(problemRows(other).map((r) => [r[1], /`([^`]+)`/.exec(r[2])![1]]), [['info', '/old/x/']]);
    assert.deepEqual(targetRows(other).map((r) => [r[0], r[2]]), [['/nothing/', 'missing']]);
  });
});
