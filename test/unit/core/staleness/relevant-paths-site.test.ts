import assert from 'node:assert/strict';
import { parseDoc } from '../../../../src/core/parse-doc';
import { detectSites } from '../../../../src/core/site/detect-site';
import { RuleId } from '../../../../src/core/findings/finding';
import { stalenessRelevance, type PathEvent } from '../../../../src/core/staleness/queries/relevant-paths';
import type { DocStaleness, LinkedTarget, StalenessReason } from '../../../../src/core/staleness/model/report';
import { resolveIn, type Repo } from '../site/site-fixture';

// What the docs sites and the commands of a report depend on, beyond the docs and their targets:
// an editor event on one of these files must start a re-check (see
// bench/expectations-relevance-site-config.md), and an unrelated file still must not.

function doc(path: string, targets: LinkedTarget[] = [], reasons: StalenessReason[] = []): DocStaleness {
  return { path, kind: 'runbook', level: 'fresh', score: 0, reviewDue: false, reasons, targets };
}

const options = { alertRuleFiles: [], useBlameIgnoreRevs: false };

/** The paths among `paths` that matter to a report of `docs` for `type` events. */
function matching(docs: DocStaleness[], type: PathEvent['type'], paths: string[], folder = false): string[] {
  const matters = stalenessRelevance(docs, options);
  return paths.filter((path) => matters({ path, type, folder }));
}

const UNRELATED = [
  'src/app.ts',
  'README.txt',
  'src/config.ts',
  'src/redirects.ts',
  'lib/parser.rb',
  'data/sub/services.yml',
  'layouts/partials/head.html',
  'notes/versions.json.bak',
  'a/b/versions.json',
  'a/b/mkdocs.yml',
  'a/b/docusaurus.config.js',
  'a/b/_config.yml',
  'a/b/antora.yml',
  'sub/config.rb',
  'services/api/config.yaml',
  'deploy/k8s/config.json',
];

describe('docs-site files that matter to a staleness report', () => {
  const report = [doc('runbooks/db/pool.md')];

  it('re-checks when a site config at the root is saved, created or deleted', () => {
    const configs = [
      'mkdocs.yml',
      'mkdocs.yaml',
      'properdocs.yml',
      'docusaurus.config.js',
      'docusaurus.config.ts',
      'docusaurus.config.mjs',
      'docusaurus.config.cjs',
      '_config.yml',
      'config.rb',
      'config/tech-docs.yml',
      'antora.yml',
      'hugo.toml',
      'hugo.yaml',
      'hugo.json',
      'config.toml',
      'config.yaml',
      'config/_default/hugo.toml',
      'config/_default/config.yaml',
    ];
    for (const type of ['saved', 'created', 'deleted'] as const) assert.deepEqual(matching(report, type, configs), configs, type);
  });

  it('re-checks for the config of a docs site one folder down, and for hugo.* and config/_default/ at any depth, not deeper ones of the others', () => {
    assert.deepEqual(
      matching(report, 'saved', [
        'docs/mkdocs.yml',
        'website/docusaurus.config.js',
        'site/_config.yml',
        'docs/antora.yml',
        'docs/config.toml',
        'site/docs/hugo.toml',
        'website/site/config/_default/hugo.yaml',
        'site/docs/config.yaml',
        'a/b/mkdocs.yml',
        'a/b/docusaurus.config.js',
        'a/b/_config.yml',
        'a/b/antora.yml',
        'sub/config.rb',
        'sub/config/tech-docs.yml',
      ]),
      ['docs/mkdocs.yml', 'website/docusaurus.config.js', 'site/_config.yml', 'docs/antora.yml', 'docs/config.toml', 'site/docs/hugo.toml', 'website/site/config/_default/hugo.yaml'],
    );
  });

  it('re-checks for the files a site reads beside its config: versions, link render hooks, permalinks, redirects, proxy pages and their data', () => {
    const beside = [
      'versions.json',
      'website/versions.json',
      'layouts/_markup/render-link.html',
      'site/layouts/_default/_markup/render-link.html',
      'config/_default/permalinks.toml',
      'site/config/_default/permalinks.yaml',
      'layouts/index.redirects',
      'site/layouts/home.redirects',
      'static/_redirects',
      'website/assets/public/_redirects',
      'netlify.toml',
      'website/netlify.toml',
      'app/proxy_pages.rb',
      'lib/repos/repo_proxy.rb',
      'data/repos.yml',
    ];
    for (const type of ['saved', 'created', 'deleted'] as const) assert.deepEqual(matching(report, type, beside), beside, type);
  });

  it('still ignores unrelated files, so saving one starts no git work', () => {
    for (const type of ['saved', 'created', 'deleted'] as const) assert.deepEqual(matching(report, type, UNRELATED), [], type);
  });

  // Left out on purpose: Jekyll's html pages (read for their front matter) and a `config.*` deeper
  // than one folder (see `isSiteFilePath`).
  it('matches every file site detection reads, for sites of each generator', async () => {
    const repos: Repo[] = [
      {
        'site/hugo.toml': 'baseURL = "https://x.io/"\n',
        'site/config/_default/permalinks.yaml': 'page:\n  blog: /:year/:slug/\n',
        'site/layouts/_markup/render-link.html': '{{ if eq $u.String "g" }}{{ end }}',
        'site/layouts/index.redirects': '/old /new\n',
        'site/static/_redirects': '/a /b\n',
        'site/netlify.toml': '[[redirects]]\nfrom = "/x"\nto = "/y"\n',
        'netlify.toml': '[build]\n',
        'site/.gitignore': 'public/\n',
        'site/content/docs/_index.md': '# Docs\n',
      },
      {
        'website/docusaurus.config.js': "module.exports = { presets: [['classic', { docs: { path: '../docs' } }]] };\n",
        'website/versions.json': '["1.0"]\n',
        'website/static/_redirects': '/a /b\n',
        'docs/intro.md': '# Intro\n',
      },
      {
        'config.rb': 'ProxyPages.resources.each do |r|\n  proxy r[:path], r[:template]\nend\n',
        'config/tech-docs.yml': 'redirects:\n  /old.html: /new.html\n',
        'app/proxy_pages.rb': '{ path: "/types/#{name}.html" }\n',
        'data/repos.yml': '- publisher\n',
        'source/index.html.md': '# Home\n',
      },
      { 'docs/mkdocs.yml': 'site_name: x\n', 'docs/docs/index.md': '# x\n', '_config.yml': 'title: x\n', 'index.md': '# x\n' },
      { 'docs/antora.yml': 'name: x\nversion: ~\n', 'docs/modules/ROOT/pages/index.adoc': '= x\n' },
    ];
    for (const repo of repos) {
      const list = Object.keys(repo).sort();
      const reads = new Set<string>();
      const docs = list.filter((p) => p.endsWith('.md')).map((p) => parseDoc(p, repo[p]!));
      const { sites } = await detectSites({ list, read: async (p) => (reads.add(p), repo[p]) }, docs);
      assert.ok(sites.length > 0, list.join(' '));
      const matters = stalenessRelevance([doc('README.md')], options);
      const read = [...reads].filter((p) => !p.endsWith('.html') || /(^|\/)layouts\//.test(p));
      assert.ok(read.length > 0, list.join(' '));
      assert.deepEqual(read.filter((path) => !matters({ path, type: 'saved' })), [], list.join(' '));
    }
  });

  it('re-checks when a source file or static file a broken site link was tried at comes into existence', async () => {
    const repo: Repo = {
      'hugo.toml': 'baseURL = "https://x.io/"\n',
      'content/docs/_index.md': '# Docs\n',
      'content/docs/guide.md': '[setup](/docs/setup/)\n',
    };
    const resolved = await resolveIn(repo, 'content/docs/guide.md');
    assert.deepEqual(resolved.targets.map((t) => [t.path, t.kind]), [['docs/setup', 'missing']]);
    const report = [doc('content/docs/guide.md', resolved.targets)];
    assert.deepEqual(
      matching(report, 'created', ['static/docs/setup', 'content/docs/setup/index.html', 'content/docs/setup.adoc', 'static/docs/other', 'content/docs/other.adoc']),
      ['static/docs/setup', 'content/docs/setup/index.html', 'content/docs/setup.adoc'],
    );
    assert.deepEqual(matching(report, 'created', ['content/docs/setup', 'static/docs', 'content/blog'], true), ['content/docs/setup', 'static/docs']);
  });
});

describe('command findings that matter to a staleness report', () => {
  const missing: StalenessReason = { ruleId: RuleId.commandMissingScript, severity: 'error', line: 7, target: 'scripts/failover.sh', message: '`./scripts/failover.sh` does not exist.', commits: [] };
  const unknownFlag: StalenessReason = { ruleId: RuleId.commandUnknownFlag, severity: 'warning', line: 9, target: '.github/workflows/deploy.yml', message: 'no input', commits: [] };
  const report = [doc('runbooks/db/pool.md', [], [missing, unknownFlag])];

  it('re-checks when the script a command calls and cannot find comes into existence, as a file or in a created folder', () => {
    assert.deepEqual(matching(report, 'created', ['scripts/failover.sh', 'scripts/other.sh', 'src/app.ts']), ['scripts/failover.sh']);
    assert.deepEqual(matching(report, 'created', ['scripts', 'tools'], true), ['scripts']);
  });

  it('re-checks when the file a command finding is about is saved', () => {
    assert.deepEqual(matching(report, 'saved', ['.github/workflows/deploy.yml', '.github/workflows/ci.yml']), ['.github/workflows/deploy.yml']);
  });
});
