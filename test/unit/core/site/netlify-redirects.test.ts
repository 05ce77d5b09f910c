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
