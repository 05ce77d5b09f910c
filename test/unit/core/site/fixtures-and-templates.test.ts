import assert from 'node:assert/strict';
import { parseDoc } from '../../../../src/core/parse-doc';
import { problemRows, resolveIn, sitesOf, targetRows, type Repo } from './site-fixture';

describe('test fixtures and site templates', () => {
  it('indexes docs in spec/fixtures, test/fixtures, testdata, __fixtures__ and test subfolders for search only: their links are not checked; placeholders are not paths', async () => {
    const repo: Repo = {
      'spec/fixtures/broken.md': '[x](nope.md)\n',
      'test/fixtures/a/b.md': '[x](/nope)\n',
      'pkg/testdata/doc.md': '[x](../gone.yaml)\n',
      'src/__fixtures__/c.md': '[x](missing/)\n',
      'test/source/_posts/d.md': '[x](www.example.com/1)\n',
      'test/README.md': '[x](nope.md)\n',
      'docs/real.md': '[x](nope.md) [bot](../$BRANCH_URL) [v](${VERSION}/x)\n',
    };
    const rows = await Promise.all(Object.keys(repo).map(async (p) => [p, targetRows(await resolveIn(repo, p)).length]));
    assert.deepEqual(rows, [['spec/fixtures/broken.md', 0], ['test/fixtures/a/b.md', 0], ['pkg/testdata/doc.md', 0], ['src/__fixtures__/c.md', 0], ['test/source/_posts/d.md', 0], ['test/README.md', 1], ['docs/real.md', 1]]);
  });

  it('counts the subfolders of a test folder inside a package (`mkdocs/tests/integration/…`) as fixtures too, not the test folder\'s own files', async () => {
    const repo: Repo = {
      'mkdocs/tests/integration/subpages/docs/index.md': '![Image](/image.png) [x](sub1/image.png)\n',
      'pkg/spec/sample/doc.md': '[x](nope.md)\n',
      'pkg/tests/README.md': '[x](nope.md)\n',
    };
    const rows = await Promise.all(Object.keys(repo).map(async (p) => [p, targetRows(await resolveIn(repo, p)).length]));
    assert.deepEqual(rows, [['mkdocs/tests/integration/subpages/docs/index.md', 0], ['pkg/spec/sample/doc.md', 0], ['pkg/tests/README.md', 1]]);
  });

  it('reads front matter holding template expressions as a template: no front-matter.invalid, whether the YAML breaks or not', () => {
    const hugo = parseDoc('archetypes/default.md', '---\ntitle: "{{ replace .File.ContentBaseName "-" " " | title }}"\ndate: {{ .Date }}\ndraft: true\n---\n');
    const jekyll = parseDoc('_layouts/page.md', '---\nlayout: {{ page.layout }}\n---\n');
    const erb = parseDoc('source/x.html.md', '---\ntitle: {% raw %}x{% endraw %}: y: z\n---\n');
    assert.deepEqual([hugo.findings, hugo.frontMatter, jekyll.findings, erb.findings], [[], undefined, [], []]);
    // Without template expressions, bad YAML is still a finding.
    assert.deepEqual(parseDoc('x.md', '---\ntitle: a: b\n---\n').findings.map((f) => f.ruleId), ['front-matter.invalid']);
  });
});

describe('templates to copy and included fragments', () => {
  // fluxcd/website `templates/monthly-update.md` (a post template: its links are for where it is
  // copied); knative/docs `docs/snippets/` (pymdownx.snippets `base_path`: inserted into pages, so its
  // links resolve from the page that includes it; its mkdocs.yml excludes it from link checking).
  it('checks no link of a doc in a templates folder, nor of a snippet file a site includes into its pages', async () => {
    const repo: Repo = {
      'templates/monthly-update.md': '[adopters](adopters) [start](docs/get-started)\n',
      'runbooks/_templates/service.md': '[script](../../scripts/x.sh)\n',
      'mkdocs.yml': 'site_name: K\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: docs/snippets\n',
      'docs/snippets/collecting-logs.md': '![System](system.svg)\n',
      'docs/index.md': '[gone](gone.md)\n',
      'templating/notes.md': '[gone](gone.md)\n',
    };
    const rows = await Promise.all(Object.keys(repo).filter((p) => p.endsWith('.md')).map(async (p) => [p, targetRows(await resolveIn(repo, p)).length]));
    assert.deepEqual(rows, [['templates/monthly-update.md', 0], ['runbooks/_templates/service.md', 0], ['docs/snippets/collecting-logs.md', 0], ['docs/index.md', 1], ['templating/notes.md', 1]]);
  });
});

describe('Antora sites', () => {
  it('serves each module\'s pages under /<component>/<version>/', async () => {
    const repo: Repo = {
      'docs/antora.yml': 'name: ops\nversion: "2.0"\n',
      'docs/modules/ROOT/pages/index.md': '# Ops\n',
      'docs/modules/db/pages/failover.md': '[home](/ops/2.0/) [gone](/ops/2.0/db/nope.html)\n',
    };
    const { sites } = await sitesOf(repo);
    assert.deepEqual(sites[0]!.mounts.filter((m) => m.kind === 'pages'), [
      { url: '/ops/2.0', dir: 'docs/modules/ROOT/pages', kind: 'pages' },
      { url: '/ops/2.0/db', dir: 'docs/modules/db/pages', kind: 'pages' },
    ]);
    const resolved = await resolveIn(repo, 'docs/modules/db/pages/failover.md');
    assert.deepEqual([targetRows(resolved), problemRows(resolved)], [[['/ops/2.0/', 'docs/modules/ROOT/pages/index.md', 'file'], ['/ops/2.0/db/nope.html', 'ops/2.0/db/nope.html', 'missing']], []]);
  });
});
