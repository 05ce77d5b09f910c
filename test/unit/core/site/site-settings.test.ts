import assert from 'node:assert/strict';
import { parseConfigFile } from '../../../../src/core/config-file';
import { resolveIn, sitesOf, targetRows, type Repo } from './site-fixture';

describe('.runbooks.yml site: settings', () => {
  it('reads the site section into the staleness options, with a problem per wrong setting', () => {
    const config = parseConfigFile('site:\n  source: handbook\n  baseUrl: /hb\n  static: assets\n  redirects:\n    /old.html: /new.html\n  generator: sphinx\n  enabld: false\n');
    assert.deepEqual(config.staleness.site, { source: 'handbook', baseUrl: '/hb', static: ['assets'], redirects: { '/old.html': '/new.html' } });
    assert.deepEqual(config.problems.map((p) => [p.line, p.message]), [
      [7, '`site.generator` must be `mkdocs`, `hugo`, `docusaurus`, `jekyll`, `middleman`, `antora` or `configured`, not `sphinx`.'],
      [8, '`site.enabld` is not a setting; did you mean `enabled`?'],
    ]);
  });

  it('describes a site when none is detected, and adjusts a detected one', async () => {
    const repo: Repo = { 'handbook/a.md': '[b](/hb/b.html) [old](/old.html) [logo](/logo.svg)\n', 'handbook/b.md': '', 'assets/logo.svg': '' };
    const settings = { source: 'handbook', baseUrl: '/hb', static: ['assets'], redirects: { '/old.html': '/b.html' } };
    assert.deepEqual(targetRows(await resolveIn(repo, 'handbook/a.md', settings)), [['/hb/b.html', 'handbook/b.md', 'file'], ['/logo.svg', 'assets/logo.svg', 'file']]);
    const detected = await sitesOf({ 'mkdocs.yml': 'site_name: x\n', 'docs/a.md': '' }, { source: 'pages' });
    assert.deepEqual(detected.sites.map((s) => [s.generator, s.mounts]), [['mkdocs', [{ url: '/', dir: 'pages', kind: 'pages' }]]]);
    assert.deepEqual((await sitesOf({ 'mkdocs.yml': 'site_name: x\n' }, { enabled: false })).sites, []);
  });
});
