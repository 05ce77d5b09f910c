import { cleanDir, cleanUrlPrefix, urlKey, type SiteModel, type SiteSettings } from './site-model';

export type { SiteSettings } from './site-model';

/**
 * The detected sites with `.runbooks.yml` `site:` applied: its fields replace those of the first
 * detected site (or of a new `configured` site when none was detected, or when `generator` names
 * another one); `enabled: false` gives no site at all.
 */
export function applySiteSettings(sites: SiteModel[], settings: SiteSettings): SiteModel[] {
  if (settings.enabled === false) return [];
  const detected = sites.find((s) => !settings.generator || s.generator === settings.generator);
  const site: SiteModel = detected ?? {
    generator: settings.generator ?? 'configured',
    configFile: '.runbooks.yml',
    mounts: [{ url: '/', dir: '', kind: 'pages' }],
    baseUrl: '',
    redirects: new Map(),
    generated: [],
    unserved: [],
  };
  if (settings.source !== undefined) {
    site.mounts = [{ url: '/', dir: cleanDir(settings.source), kind: 'pages' }, ...site.mounts.filter((m) => m.kind === 'static')];
  }
  if (settings.static) site.mounts = [...site.mounts.filter((m) => m.kind === 'pages'), ...settings.static.map((d) => ({ url: '/', dir: cleanDir(d), kind: 'static' as const }))];
  if (settings.baseUrl !== undefined) site.baseUrl = cleanUrlPrefix(settings.baseUrl);
  for (const [from, to] of Object.entries(settings.redirects ?? {})) site.redirects.set(urlKey(from), { to, source: '.runbooks.yml' });
  return detected ? sites : [site, ...sites];
}
