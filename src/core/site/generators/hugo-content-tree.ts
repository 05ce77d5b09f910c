import { dirOf } from '../config-text';
import { isUnder, siteOfPath, type SiteModel } from '../site-model';

/** Section pages a folder needs (its own and below) before it counts as a Hugo content tree. */
const MIN_SECTIONS = 3;

/** Folders whose `_index.md` files are test data or vendored, not a site's content. */
const NOT_CONTENT = /(^|\/)(node_modules|vendor|testdata|fixtures|__fixtures__)(\/|$)/;

/**
 * Hugo content trees that a site outside the repository builds (grafana/tempo's `docs/sources/tempo`,
 * which grafana.com's website repository mounts under `/docs/tempo/<version>/`): no config here, but
 * Hugo's section pages (`_index.md`) in the folder itself and in at least two folders below it, under
 * none of `sites`. Each is a Hugo site served from its root, so a relative link resolves from the
 * page's pretty URL as Hugo serves it; `servedElsewhere`: the prefix it is served under is unknown,
 * so a site-root link (`/docs/…`, `/static/…`) cannot be judged here.
 */
export function hugoContentTrees(files: readonly string[], sites: readonly SiteModel[]): SiteModel[] {
  const sections = files.filter((f) => /(^|\/)_index\.md$/.test(f) && !NOT_CONTENT.test(f)).map(dirOf);
  const roots = sections.filter((d) => !sections.some((other) => other !== d && isUnder(d, other)));
  const out: SiteModel[] = [];
  for (const root of roots.sort()) {
    if (sections.filter((d) => isUnder(d, root)).length < MIN_SECTIONS) continue;
    if (siteOfPath(sites, `${root ? `${root}/` : ''}_index.md`)) continue;
    out.push({
      generator: 'hugo',
      configFile: `${root ? `${root}/` : ''}_index.md`,
      mounts: [{ url: '/', dir: root, kind: 'pages' }],
      baseUrl: '',
      redirects: new Map(),
      generated: [],
      unserved: [],
      servedElsewhere: true,
    });
  }
  return out;
}
