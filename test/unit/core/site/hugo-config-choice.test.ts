import assert from 'node:assert/strict';
import { problemRows, resolveIn, sitesOf, targetRows, type Repo } from './site-fixture';

const post = (fm: string): string => `---\n${fm}\n---\n# Post\n`;

// envoyproxy/gateway d32f2829 keeps a test-only `site/config.yaml` beside the real `site/hugo.toml`;
// Hugo reads `hugo.toml`, `hugo.yaml`, `hugo.yml`, `hugo.json`, then `config.*` in the same order,
// the first that exists (gohugoio/hugo config/allconfig/load.go, gohugo.io/getting-started/configuration/).
describe('Which file configures a Hugo site', () => {
  const gateway: Repo = {
    'site/config.yaml': '# THIS IS A TEST CONFIG ONLY!\n# FOR THE CONFIGURATION OF YOUR SITE USE hugo.yaml.\nmodule:\n  hugoVersion:\n    extended: true\n    min: 0.110.0\n',
    'site/hugo.toml': 'baseURL = "/"\ntitle = "Envoy Gateway"\ncontentDir = "content"\n[permalinks]\nblog = "/:section/:year/:month/:day/:slug/"\n',
    'site/content/blog/_index.md': '# Blog\n',
    'site/content/blog/2024/launch.md': post('date: 2024-01-02T00:00:00Z\nslug: launch\ntitle: Launch'),
    'site/content/docs/a.md': '[launch](/blog/2024/01/02/launch/)\n',
  };

  it('reads hugo.* before a config.* of the same folder, whatever their names\' order', async () => {
    const { sites } = await sitesOf(gateway);
    assert.deepEqual(sites.map((s) => s.configFile), ['site/hugo.toml']);
    const resolved = await resolveIn(gateway, 'site/content/docs/a.md');
    assert.deepEqual(targetRows(resolved), [['/blog/2024/01/02/launch/', 'site/content/blog/2024/launch.md', 'file']]);
    assert.deepEqual(problemRows(resolved), []);
  });

  it('reads the formats in Hugo\'s order: toml, yaml, yml, json', async () => {
    const hugo: Repo = {
      'hugo.json': '{ "baseURL": "https://json.example/" }\n',
      'hugo.toml': 'baseURL = "https://toml.example/docs/"\n',
      'hugo.yaml': 'baseURL: https://yaml.example/\n',
      'content/a.md': '# A\n',
    };
    assert.deepEqual((await sitesOf(hugo)).sites.map((s) => [s.configFile, s.baseUrl]), [['hugo.toml', '/docs']]);
    const old: Repo = {
      'site/config.json': '{ "baseURL": "https://json.example/" }\n',
      'site/config.yml': 'baseURL: https://yml.example/handbook/\n',
      'site/content/a.md': '# A\n',
    };
    assert.deepEqual((await sitesOf(old)).sites.map((s) => [s.configFile, s.baseUrl]), [['site/config.yml', '/handbook']]);
  });
});

// grafana/grafana-operator 60d3ebd2: `.github/workflows/hugo.yaml` deploys the site in `hugo/`; it is
// a workflow (`name`, `on`, `jobs`), and sets no Hugo setting.
describe('Files named hugo.* that are no Hugo config', () => {
  const repo: Repo = {
    '.github/workflows/hugo.yaml': [
      'name: Deploy Hugo site to Pages',
      'on:\n  push:\n    branches:\n      - master\n  workflow_dispatch:',
      'concurrency:\n  group: "pages"\n  cancel-in-progress: true',
      'defaults:\n  run:\n    shell: bash',
      'jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: cd hugo && hugo --minify',
    ].join('\n'),
    'tools/hugo.json': '{ "version": "0.134.0", "extended": true }\n',
    'hugo/config.yaml': 'baseURL: https://grafana.github.io/grafana-operator/\ntitle: grafana-operator\nmodule:\n  mounts:\n    - source: ../docs\n      target: content\n',
    'hugo/layouts/index.html': '',
    'docs/docs/a.md': '[b](../b/)\n',
    'docs/docs/b.md': '# B\n',
  };

  it('takes no workflow or tool file named hugo.* for a site: it sets no Hugo setting and has no content folder beside it', async () => {
    const { sites } = await sitesOf(repo);
    assert.deepEqual(sites.map((s) => [s.configFile, s.mounts.find((m) => m.kind === 'pages')?.dir]), [['hugo/config.yaml', 'docs']]);
  });

  it('still takes a hugo.* that sets only a Hugo setting, or none beside its content folder', async () => {
    const minimal: Repo = {
      'a/hugo.yaml': 'languageCode: en-us\n',
      'a/docs.md': '# Docs\n',
      'b/hugo.toml': '# defaults\n[markup.goldmark.renderer]\nunsafe = true\n',
      'c/hugo.json': '{ "version": "0.134.0" }\n',
      'c/content/_index.md': '# Home\n',
    };
    assert.deepEqual((await sitesOf(minimal)).sites.map((s) => s.configFile), ['a/hugo.yaml', 'b/hugo.toml', 'c/hugo.json']);
  });
});
