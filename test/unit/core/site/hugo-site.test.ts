import assert from 'node:assert/strict';
import { problemRows, resolveIn, sitesOf, targetRows, type Repo } from './site-fixture';

const REPO: Repo = {
  'hugo.toml': 'baseURL = "https://example.org/handbook/"\ntitle = "Ops"\n[[module.mounts]]\n  source = "content/en"\n  target = "content"\n[[module.mounts]]\n  source = "assets"\n  target = "assets"\n',
  'static/images/arch.png': '',
  'archetypes/default.md': '---\ntitle: "{{ replace .Name "-" " " | title }}"\ndate: {{ .Date }}\n---\n[x](nowhere.md)\n',
  'content/en/docs/_index.md': '# Docs\n',
  'content/en/docs/ops/db.md': '---\naliases: [/old/db/]\n---\n# Db\n',
  'content/en/docs/ops/cache/page.md': '# Cache\n',
  'content/en/docs/ops/a.md': '[db](../db/) [root](/docs/ops/db) [base](/handbook/docs/ops/db/) [section](/docs/ops/cache/) [docs](/docs/) [alias](/old/db/) [img](/images/arch.png)\n[gone](/docs/ops/nope/)\n',
};

describe('Hugo sites', () => {
  it('reads contentDir or module mounts, static folders and the baseURL path from hugo.toml', async () => {
    const { sites } = await sitesOf(REPO);
    assert.deepEqual(sites.map((s) => [s.generator, s.mounts, s.baseUrl, [...s.redirects]]), [
      ['hugo', [{ url: '/', dir: 'content/en', kind: 'pages' }, { url: '/', dir: 'static', kind: 'static' }], '/handbook', [['old/db', { to: '/content/en/docs/ops/db.md', source: 'content/en/docs/ops/db.md' }]]],
    ]);
  });

  it('resolves pretty URLs, section pages, the baseURL prefix, aliases and static files', async () => {
    const resolved = await resolveIn(REPO, 'content/en/docs/ops/a.md');
    assert.deepEqual(targetRows(resolved), [
      ['../db/', 'content/en/docs/ops/db.md', 'file'],
      ['/docs/ops/cache/', 'content/en/docs/ops/cache', 'directory'],
      ['/docs/', 'content/en/docs/_index.md', 'file'],
      ['/images/arch.png', 'static/images/arch.png', 'file'],
      ['/docs/ops/nope/', 'docs/ops/nope', 'missing'],
    ]);
    assert.deepEqual(problemRows(resolved), []);
  });

  it('never reports an archetype template as a doc with invalid front matter, nor checks its links', async () => {
    const { parseDoc } = await import('../../../../src/core/parse-doc');
    assert.deepEqual(parseDoc('archetypes/default.md', REPO['archetypes/default.md']!).findings, []);
    const resolved = await resolveIn(REPO, 'archetypes/default.md');
    assert.deepEqual([targetRows(resolved), problemRows(resolved)], [[], []]);
  });
});

describe('Hugo links beyond plain paths', () => {
  const repo: Repo = {
    'hugo.yaml': 'baseURL: https://example.org/\ntitle: Ops\n',
    'layouts/_markup/render-link.html': '{{- if eq $u.String "g" }}{{ partial "glossary" . }}{{- else }}{{ with .PageInner.GetPage .Destination }}{{ .RelPermalink }}{{ end }}{{- end }}',
    'content/methods/page/IsAncestor.md': '# IsAncestor\n',
    'content/ops/db.md': '# Db\n',
    'content/ops/a.md': [
      'See [db]({{< ref "db.md" >}}) and [root]({{< relref "/methods/page/IsAncestor" >}}).',
      'Also [gone]({{< ref "nope.md" >}}), [term](g), [lower](/methods/page/isancestor/), [from root](methods/page/IsAncestor/) and [embedded]({{% eturl google %}}).',
    ].join('\n'),
  };

  it('checks ref/relref shortcodes like links, lower-cased URLs, and leaves destinations the render hook handles (GetPage finds relative ones from the content root)', async () => {
    const resolved = await resolveIn(repo, 'content/ops/a.md');
    assert.deepEqual(
      resolved.targets.map((t) => [t.raw, t.path, t.kind, t.line]),
      [
        ['{{< ref "db.md" >}}', 'content/ops/db.md', 'file', 1],
        ['{{< relref "/methods/page/IsAncestor" >}}', 'content/methods/page/IsAncestor.md', 'file', 1],
        ['{{< ref "nope.md" >}}', 'content/ops/{{< ref "nope.md" >}}', 'missing', 2],
      ],
    );
    assert.deepEqual(resolved.targets[1]!.occurrences.map((o) => o.raw), ['{{< relref "/methods/page/IsAncestor" >}}', '/methods/page/isancestor/', 'methods/page/IsAncestor/']);
    assert.deepEqual(problemRows(resolved), []);
  });
});

// operator-sdk: `/docs/upgrading-sdk-version/v0.19.0#…` is the page `v0.19.0.md`; the `.0` of a
// version is no file extension, so the page sources must be tried as for any other page URL.
describe('Hugo pages named after versions', () => {
  const repo: Repo = {
    'hugo.toml': 'baseURL = "https://sdk.example.org/"\ntitle = "SDK"\ncontentDir = "content/en"\n',
    'content/en/docs/upgrading/_index.md': '# Upgrading\n',
    'content/en/docs/upgrading/v0.19.0.md': '# v0.19.0\n\n## Migrating Go projects\n',
    'content/en/docs/upgrading/v1.0.0.md': '[migrate](/docs/upgrading/v0.19.0#migrating-go-projects) [gone](/docs/upgrading/v0.18.0)\n',
    'static/files/tool.1': 'a man page\n',
    'content/en/docs/man.md': '[man](/files/tool.1) [archive](/files/tool.tar.gz)\n',
  };

  it('resolves a page URL whose last segment ends in a version number to its markdown page', async () => {
    const resolved = await resolveIn(repo, 'content/en/docs/upgrading/v1.0.0.md');
    assert.deepEqual(targetRows(resolved), [
      ['/docs/upgrading/v0.19.0#migrating-go-projects', 'content/en/docs/upgrading/v0.19.0.md', 'file'],
      ['/docs/upgrading/v0.18.0', 'docs/upgrading/v0.18.0', 'missing'],
    ]);
  });

  it('still takes a suffix with a letter for a file type: a static file is served as it is', async () => {
    const resolved = await resolveIn(repo, 'content/en/docs/man.md');
    assert.deepEqual(targetRows(resolved).map((r) => r.slice(0, 3)), [
      ['/files/tool.1', 'static/files/tool.1', 'file'],
      ['/files/tool.tar.gz', 'files/tool.tar.gz', 'missing'],
    ]);
  });
});

// linkerd/website: `permalinks: { page: { blog: /:year/:month/:day/:slug/ } }` in
// config/_default/permalinks.yaml serves `content/blog/2018/0918-announcing-linkerd-2-0/index.md`
// at `/2018/09/18/announcing-linkerd-2-0/`; 278 links of that shape were false errors.
describe('Hugo permalinks of a section', () => {
  const post = (fm: string) => `---\n${fm}\n---\n# Post\n`;
  const repo: Repo = {
    'site/config/_default/hugo.yaml': 'baseURL: https://linkerd.example/\ntitle: Linkerd\n',
    'site/config/_default/permalinks.yaml': 'page:\n  blog: /:year/:month/:day/:slug/\n',
    'site/content/blog/_index.md': '# Blog\n',
    'site/content/blog/2018/0918-announcing-2-0/index.md': post('date: 2018-09-18T00:00:00Z\nslug: announcing-linkerd-2-0\ntitle: Announcing Linkerd 2.0'),
    'site/content/blog/2020/1203-envoy/index.md': post("date: 2020-12-03T00:00:00Z\ntitle: Why Linkerd doesn't use Envoy"),
    'site/content/blog/2021/0101-undated.md': post('title: No date'),
    'site/content/docs/overview.md': [
      '[2.0](/2018/09/18/announcing-linkerd-2-0/) [envoy](/2020/12/03/why-linkerd-doesnt-use-envoy/#why)',
      '[wrong day](/2018/09/19/announcing-linkerd-2-0/) [by path](/blog/2018/0918-announcing-2-0/)',
    ].join('\n'),
    'docs-site/hugo.toml': 'baseURL = "https://docs.example/"\n[permalinks]\n  posts = "/:section/:year/:month/:slug/"\n',
    'docs-site/content/posts/hello.md': post('date: 2024-05-13\ntitle: Hello, World!'),
    'docs-site/content/about.md': '[hello](/posts/2024/05/hello-world/)\n',
  };

  it('serves a section page at its permalink pattern (date, slug or title made a path), read from hugo.* or config/_default/permalinks.*', async () => {
    const resolved = await resolveIn(repo, 'site/content/docs/overview.md');
    assert.deepEqual(targetRows(resolved), [
      ['/2018/09/18/announcing-linkerd-2-0/', 'site/content/blog/2018/0918-announcing-2-0/index.md', 'file'],
      ['/2020/12/03/why-linkerd-doesnt-use-envoy/#why', 'site/content/blog/2020/1203-envoy/index.md', 'file'],
      ['/2018/09/19/announcing-linkerd-2-0/', '2018/09/19/announcing-linkerd-2-0', 'missing'],
      // Hugo does not serve the bundle there; its folder exists, so nothing is said (precision first).
      ['/blog/2018/0918-announcing-2-0/', 'site/content/blog/2018/0918-announcing-2-0', 'directory'],
    ]);
    const other = await resolveIn(repo, 'docs-site/content/about.md');
    assert.deepEqual(targetRows(other), [['/posts/2024/05/hello-world/', 'docs-site/content/posts/hello.md', 'file']]);
  });

  it('finds a relative link the way a GetPage render hook does: from a leaf bundle\'s parent folder, whatever URL the page has', async () => {
    const hooked: Repo = {
      ...repo,
      'site/layouts/_markup/render-link.html': '{{- with or ($.PageInner.GetPage $path) ($.PageInner.Resources.Get $path) }}{{ .RelPermalink }}{{ end }}',
      'site/content/blog/2018/1001-later/index.md': post('date: 2018-10-01\ntitle: Later') + '[2.0](0918-announcing-2-0) [gone](0101-nothing) [by name](overview)\n',
    };
    const resolved = await resolveIn(hooked, 'site/content/blog/2018/1001-later/index.md');
    assert.deepEqual(targetRows(resolved).map((r) => r.slice(0, 3)), [
      ['0918-announcing-2-0', 'site/content/blog/2018/0918-announcing-2-0/index.md', 'file'],
      ['0101-nothing', targetRows(resolved)[1]![1], 'missing'],
      // GetPage also finds the one page of that name anywhere (`docs/overview.md`).
      ['overview', 'site/content/docs/overview.md', 'file'],
    ]);
  });
});

// fluxcd/website: the component and CLI pages are imported from other repositories at build time;
// `.gitignore` files keep them out of git (`content/en/flux/cmd/flux*`, `components/helm/.gitignore`).
describe('pages the site imports at build time', () => {
  const repo: Repo = {
    'hugo.yaml': 'baseURL: https://flux.example/\ntitle: Flux\ncontentDir: content/en\n',
    '.gitignore': 'node_modules/\ncontent/en/flux/cmd/flux*\n',
    'content/en/flux/components/helm/.gitignore': '# imported by hack/import-flux2-assets.sh\nhelmreleases.md\n',
    'content/en/flux/components/helm/_index.md': '# Helm\n',
    'content/en/flux/cmd/_index.md': '[completion](flux_completion_fish.md)\n',
    'content/en/flux/guide.md': '[releases](/flux/components/helm/helmreleases/) [gone](/flux/components/helm/charts/)\n',
  };

  it('says a link into what a .gitignore of the site keeps out of git may be generated (info), not missing', async () => {
    const guide = await resolveIn(repo, 'content/en/flux/guide.md');
    const cmd = await resolveIn(repo, 'content/en/flux/cmd/_index.md');
    const rows = [...problemRows(guide), ...problemRows(cmd)];
    assert.deepEqual(rows.map((r) => [r[0], r[1], /`([^`]+)`/.exec(r[2])![1]]), [
      ['link.missing-target', 'info', '/flux/components/helm/helmreleases/'],
      ['link.missing-target', 'info', 'flux_completion_fish.md'],
    ]);
    // What no .gitignore keeps out is still missing (an error when the link rules report it).
    assert.deepEqual(targetRows(guide), [['/flux/components/helm/charts/', 'flux/components/helm/charts', 'missing']]);
    assert.match(rows[0]![2], /`content\/en\/flux\/components\/helm\/\.gitignore` keeps `content\/en\/flux\/components\/helm\/helmreleases\.md` out of git/);
  });
});

describe('pages the site imports at build time: odd paths', () => {
  it('never fails on a tried path that is not clean below the .gitignore (a double slash, the folder itself)', async () => {
    const repo: Repo = {
      'hugo.yaml': 'baseURL: https://flux.example/\ntitle: Flux\n',
      'content/source/.gitignore': 'helmcharts.md\n',
      'content/source/_index.md': '[charts](/source//helmcharts/) [self](/source/)\n',
    };
    const resolved = await resolveIn(repo, 'content/source/_index.md');
    assert.equal(resolved.problems.length + resolved.targets.length > 0, true);
  });
});

// fluxcd/website: `/tags/ecosystem/` is the term page Hugo makes for the pages tagged `ecosystem`.
describe('Hugo taxonomy pages', () => {
  const repo: Repo = {
    'hugo.yaml': 'baseURL: https://flux.example/\ntitle: Flux\n',
    'content/blog/a.md': '---\ntitle: A\ntags: [ecosystem, Monthly Update]\n---\n[eco](/tags/ecosystem/) [monthly](/tags/monthly-update/) [all](/tags/) [none](/tags/nothing/) [cat](/categories/x/)\n',
    'site2/hugo.toml': 'baseURL = "https://b.example/"\n[taxonomies]\n  series = "series"\n',
    'site2/content/p.md': '---\ntitle: P\nseries: [intro]\ntags: [t]\n---\n[series](/series/intro/) [tag](/tags/t/)\n',
  };

  it('serves a term page for every term the pages use, and the list page, of the default or configured taxonomies', async () => {
    const resolved = await resolveIn(repo, 'content/blog/a.md');
    assert.deepEqual(targetRows(resolved), [
      ['/tags/nothing/', 'tags/nothing', 'missing'],
      ['/categories/x/', 'categories/x', 'missing'],
    ]);
    const other = await resolveIn(repo, 'site2/content/p.md');
    assert.deepEqual(targetRows(other), [['/tags/t/', 'tags/t', 'missing']]);
  });
});

// fluxcd/website: `{{< relref "/faq-migration" >}}` is `content/en/flux/migration/faq-migration.md`;
// Hugo finds a ref that no path reaches by the page's name when one page has it (and the site builds).
describe('Hugo refs by a page\'s name', () => {
  const repo: Repo = {
    'hugo.yaml': 'baseURL: https://flux.example/\ntitle: Flux\ncontentDir: content/en\n',
    'content/en/flux/migration/faq-migration.md': '# FAQ\n',
    'content/en/flux/guides/install/index.md': '# Install\n',
    'content/en/a/notes.md': '# A\n',
    'content/en/b/notes.md': '# B\n',
    'content/en/flux/migration/v1.md': '[faq]({{< relref "/faq-migration" >}}) [install]({{< ref "install" >}}) [notes]({{< relref "notes" >}}) [none]({{< ref "nothing" >}})\n',
  };

  it('resolves a ref by the name of the one page that has it (a bundle by its folder), and not an ambiguous or unknown one', async () => {
    const resolved = await resolveIn(repo, 'content/en/flux/migration/v1.md');
    assert.deepEqual(targetRows(resolved).map((r) => r.slice(0, 3)), [
      ['{{< relref "/faq-migration" >}}', 'content/en/flux/migration/faq-migration.md', 'file'],
      ['{{< ref "install" >}}', 'content/en/flux/guides/install/index.md', 'file'],
      ['{{< relref "notes" >}}', targetRows(resolved)[2]![1], 'missing'],
      ['{{< ref "nothing" >}}', targetRows(resolved)[3]![1], 'missing'],
    ]);
  });
});

// dapr/docs: the SDK pages are module mounts of git submodules (`../sdkdocs/python/...`) that a
// clone does not check out; `{{< ref python-client.md >}}` and links under the mounted URL lead there.
describe('Hugo mounts of content this checkout does not hold', () => {
  const repo: Repo = {
    'daprdocs/config.toml': [
      'baseURL = "https://docs.example/"',
      '[module]',
      '  [[module.mounts]]',
      '    source = "content/en"',
      '    target = "content"',
      '  [[module.mounts]]',
      '    source = "../sdkdocs/python/daprdocs/content/en/python-sdk-docs"',
      '    target = "content/developing-applications/sdks/python"',
    ].join('\n'),
    'daprdocs/content/en/concepts/overview.md': '[py]({{< ref "python-client.md#health" >}}) [sdk](/developing-applications/sdks/python/python-client/) [gone]({{< ref "nothing-here" >}}) [path]({{< ref "/concepts/nothing" >}})\n',
  };

  it('says a ref by name or a link under the mounted URL may be there (info); a ref by path is still checked', async () => {
    const resolved = await resolveIn(repo, 'daprdocs/content/en/concepts/overview.md');
    const rows = problemRows(resolved).map((r) => [r[0], r[1], /`([^`]+)`/.exec(r[2])![1]]);
    assert.deepEqual(rows, [
      ['link.missing-target', 'info', '{{< ref "python-client.md#health" >}}'],
      ['link.missing-target', 'info', '/developing-applications/sdks/python/python-client/'],
      ['link.missing-target', 'info', '{{< ref "nothing-here" >}}'],
    ]);
    assert.match(problemRows(resolved)[0]![2], /`sdkdocs\/python\/daprdocs\/content\/en\/python-sdk-docs`/);
    assert.deepEqual(targetRows(resolved).map((r) => [r[0], r[2]]), [['{{< ref "/concepts/nothing" >}}', 'missing']]);
  });
});
