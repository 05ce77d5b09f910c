import assert from 'node:assert/strict';
import { resolveIn, sitesOf, targetRows, type Repo } from './site-fixture';

// envoyproxy/gateway d32f2829 `site/hugo.toml`: `contentDir = "content"` at the top, `[languages.en]
// contentDir = "content/en"`; kueue ff69552e: `en` and `zh-CN`, each with its own folder. Hugo takes a
// language's pages from its own contentDir (gohugo.io/content-management/multilingual/), the default
// language at `/` unless defaultContentLanguageInSubdir, the others below their (lower-cased) key.
describe('Hugo content folders per language', () => {
  const gateway: Repo = {
    'site/hugo.toml': 'baseURL = "/"\ncontentDir = "content"\ndefaultContentLanguage = "en"\ndefaultContentLanguageInSubdir = false\n[languages]\n  [languages.en]\n    contentDir = "content/en"\n    weight = 1\n',
    'site/content/en/community/develop.md': '# Develop\n',
    'site/content/en/latest/tasks/quickstart.md': '[develop](/community/develop) [gone](/community/nope/)\n',
  };

  it('takes the pages of a language from its own contentDir, served at / for the default language', async () => {
    const { sites } = await sitesOf(gateway);
    assert.deepEqual(sites[0]!.mounts.filter((m) => m.kind === 'pages'), [{ url: '/', dir: 'site/content/en', kind: 'pages' }]);
    const resolved = await resolveIn(gateway, 'site/content/en/latest/tasks/quickstart.md');
    assert.deepEqual(targetRows(resolved), [
      ['/community/develop', 'site/content/en/community/develop.md', 'file'],
      ['/community/nope/', 'community/nope', 'missing'],
    ]);
  });

  it('serves the other languages below their lower-cased key, and the default one there too with defaultContentLanguageInSubdir', async () => {
    const languages = '[languages]\n  [languages.en]\n    contentDir = "content/en"\n  [languages.zh-CN]\n    contentDir = "content/zh-CN"\n  [languages.fr]\n    disabled = true\n    contentDir = "content/fr"\n';
    const kueue: Repo = { 'site/hugo.toml': `baseURL = "/"\ndefaultContentLanguage = "en"\n${languages}`, 'site/content/en/docs/a.md': '# A\n' };
    const pages = async (repo: Repo) => (await sitesOf(repo)).sites[0]!.mounts.filter((m) => m.kind === 'pages').map((m) => [m.url, m.dir]);
    assert.deepEqual(await pages(kueue), [['/', 'site/content/en'], ['/zh-cn', 'site/content/zh-CN']]);
    const inSubdir: Repo = { 'site/hugo.toml': `baseURL = "/"\ndefaultContentLanguageInSubdir = true\n${languages}`, 'site/content/en/docs/a.md': '# A\n' };
    assert.deepEqual(await pages(inSubdir), [['/en', 'site/content/en'], ['/zh-cn', 'site/content/zh-CN']]);
  });

  it('finds a page below a language prefix written in the key\'s own case, as Hugo pages are found whatever the case (kueue links /zh-CN/docs/…)', async () => {
    const kueue: Repo = {
      'site/hugo.toml': 'baseURL = "/"\ndefaultContentLanguage = "en"\n[languages]\n  [languages.en]\n    contentDir = "content/en"\n  [languages.zh-CN]\n    contentDir = "content/zh-CN"\n',
      'site/content/en/docs/overview.md': '# Overview\n',
      'site/content/zh-CN/docs/overview.md': '# 概述\n',
      'site/content/zh-CN/docs/a.md': '[upper](/zh-CN/docs/overview/) [en](/docs/overview/) [gone](/zh-CN/docs/nope/)\n',
      'site/content/zh-CN/docs/b.md': '[lower](/zh-cn/docs/overview/)\n',
    };
    assert.deepEqual(targetRows(await resolveIn(kueue, 'site/content/zh-CN/docs/a.md')), [
      ['/zh-CN/docs/overview/', 'site/content/zh-CN/docs/overview.md', 'file'],
      ['/docs/overview/', 'site/content/en/docs/overview.md', 'file'],
      ['/zh-CN/docs/nope/', 'zh-CN/docs/nope', 'missing'],
    ]);
    assert.deepEqual(targetRows(await resolveIn(kueue, 'site/content/zh-CN/docs/b.md')), [['/zh-cn/docs/overview/', 'site/content/zh-CN/docs/overview.md', 'file']]);
  });

  it('keeps the top-level contentDir for a default language that sets none of its own', async () => {
    const minikube: Repo = { 'site/config.toml': 'baseURL = "https://minikube.example"\ncontentDir = "content/en"\n[languages]\n[languages.en]\ntitle = "minikube"\n', 'site/content/en/docs/a.md': '# A\n' };
    assert.deepEqual((await sitesOf(minikube)).sites[0]!.mounts.filter((m) => m.kind === 'pages'), [{ url: '/', dir: 'site/content/en', kind: 'pages' }]);
  });
});
