import { posix } from 'node:path';
import { RuleId } from '../../findings/finding';
import type { DocLink } from '../../doc-model';
import { notHeld, resolveSiteLink, type ExistingFiles } from '../../site/resolve-site-link';
import { absentMounts, isServed, pageByName, pagesMountOf, siteOfPath, type SiteContext } from '../../site/site-model';
import type { LinkedTarget, StalenessReason } from '../model/evidence';

/**
 * Folders of test fixtures: their docs are searched, but their (often deliberately broken) links
 * are not checked. A subfolder of a test folder (`test/source/`, Jekyll's own test site;
 * `mkdocs/tests/integration/`, MkDocs' test projects) is one too; `test/README.md` itself is a doc.
 */
const FIXTURE_DIR = /(^|\/)(fixtures|testdata|__fixtures__)\/|(^|\/)(tests?|spec)\/[^/]+\//;

/** True for a doc inside a test fixtures folder (`spec/fixtures`, `test/fixtures`, `testdata`, `__fixtures__`, any subfolder of a `test/`, `tests/` or `spec/` folder). */
export function isFixturePath(path: string): boolean {
  return FIXTURE_DIR.test(path);
}

/** A folder of templates to copy (`templates/`, `_templates/`, `template/`): their links are for where a copy goes. */
const COPY_TEMPLATES = /(^|\/)_?templates?\//i;

/**
 * True for a doc in a site's template folder (Hugo `archetypes/` and `layouts/`, Jekyll `_layouts/`,
 * Middleman `source/layouts/`), in a folder of fragments the site inserts into its pages (MkDocs
 * snippets), or in a folder of templates to copy: not a page whose links lead anywhere from where it is.
 */
export function isTemplatePath(site: SiteContext | undefined, path: string): boolean {
  if (COPY_TEMPLATES.test(path)) return true;
  const under = (d: string) => path === d || path.startsWith(`${d}/`);
  return site?.sites.some((s) => s.unserved.some((d) => /(^|\/)_?(archetypes|layouts|includes)$/.test(d) && under(d)) || (s.fragments ?? []).some(under)) ?? false;
}

/** A link destination that is a template expression (a Hugo shortcode, Liquid): not a path as written. */
const TEMPLATE = /\{\{|\{%/;
const REF_SHORTCODE = /^\{\{[<%]\s*(?:rel)?ref\s+"?([^"\s>%]+)"?\s*[>%]\}\}$/;

/** Where Hugo looks for the page of `ref "path"`: the content folder for `/path`, else beside the page, then from the content folder. */
function refCandidates(site: SiteContext, docPath: string, ref: string): string[] {
  const docSite = siteOfPath(site.sites, docPath);
  const mount = docSite ? pagesMountOf(docSite, docPath) : undefined;
  const roots = ref.startsWith('/') ? [mount?.dir ?? ''] : [posix.dirname(docPath), mount?.dir ?? ''];
  const out: string[] = [];
  for (const root of roots) {
    const base = posix.normalize(posix.join(root, ref.replace(/^\/+/, ''))).replace(/\/+$/, '');
    out.push(base, `${base}.md`, `${base}/_index.md`, `${base}/index.md`);
  }
  return out;
}

/** What the site made of a link the repository alone could not resolve, or found wrong with one it could. */
export type SiteOutcome =
  | {
      kind: 'keep';
      path: string;
      targetKind: LinkedTarget['kind'];
      site?: LinkedTarget['site'];
      problem?: StalenessReason;
      /** The file exists but the doc's site does not serve it: the site's generator and source folder (`link.not-published`, see `notPublishedReason`). */
      unpublished?: { generator: string; source: string };
    }
  | { kind: 'drop'; problem?: StalenessReason };

/**
 * Resolves a relative or site-root link the way the doc's docs site serves it, after the plain
 * repository path was tried (`path`, `kind`): a missing target that is a page of the site, a
 * configured redirect or a page made from data is not broken (a page of its source file is the
 * target instead); one that may be generated is an `info`; one that is missing says what was
 * tried. A relative link to a file that exists but is not served is kept `unpublished` (the caller
 * reports it as `link.not-published`). Without a site for the doc, the target is kept as it is.
 */
export function siteOutcome(link: DocLink, docPath: string, path: string, kind: LinkedTarget['kind'], site: SiteContext, files: ExistingFiles): SiteOutcome {
  let written = link.path ?? '';
  let linkKind: 'absolute-path' | 'relative' = link.kind === 'absolute-path' ? 'absolute-path' : 'relative';
  if (TEMPLATE.test(written)) {
    // Hugo `{{< ref "x.md" >}}` / `relref`: a path from the content folder (leading `/`) or from the page.
    const ref = REF_SHORTCODE.exec(written)?.[1]?.replace(/#.*$/, '');
    if (!ref || !siteOfPath(site.sites, docPath)) return { kind: 'drop' };
    // Hugo finds a ref no path reaches by the name of the one page that has it.
    const found = refCandidates(site, docPath, ref).find((c) => files.hasFile(c) || files.hasDir(c)) ?? pageByName(siteOfPath(site.sites, docPath)!, ref);
    if (found) return { kind: 'keep', path: found, targetKind: files.hasFile(found) ? 'file' : 'directory' };
    // A ref by name may be a page of a mount this checkout does not hold.
    const elsewhere = /\//.test(ref.replace(/^\//, '')) ? undefined : absentMounts(siteOfPath(site.sites, docPath)!)[0];
    if (elsewhere) return maybeGenerated(link, ref, notHeld(elsewhere));
    written = ref;
    linkKind = ref.startsWith('/') ? 'absolute-path' : 'relative';
  }
  if (siteOfPath(site.sites, docPath)?.hookDestinations?.includes(written)) return { kind: 'drop' };
  if (kind !== 'missing') {
    const docSite = siteOfPath(site.sites, docPath);
    // Content served elsewhere: which other files that site serves is not known here.
    if (!docSite || docSite.servedElsewhere || linkKind !== 'relative' || isServed(docSite, path)) return { kind: 'keep', path, targetKind: kind };
    const source = pagesMountOf(docSite, docPath)?.dir ?? '';
    return { kind: 'keep', path, targetKind: kind, unpublished: { generator: docSite.generator, source } };
  }
  const result = resolveSiteLink(written, linkKind, docPath, site, files);
  if (!result) return { kind: 'keep', path, targetKind: kind };
  switch (result.kind) {
    case 'page':
      return { kind: 'keep', path: result.path, targetKind: result.isDir ? 'directory' : 'file' };
    case 'redirect':
    case 'generated':
      return { kind: 'drop' };
    case 'maybe-generated':
      return maybeGenerated(link, written, result.why);
    case 'served-elsewhere':
      return siteInfo(link, written, `Link \`${link.raw}\` is a site-root link of \`${result.dir}\`, Hugo content that a site outside this repository serves under a prefix this repository does not name: not checked here. Check it on the published site.`);
    case 'missing': {
      const redirectSources = [...new Set([result.site.configFile, ...[...result.site.redirects.values()].map((r) => r.source).filter((s) => !s.endsWith('.md'))])];
      return { kind: 'keep', path, targetKind: 'missing', site: { generator: result.site.generator, tried: result.tried, redirectSources } };
    }
  }
}

/** The info for a link that leads to no source page here but may lead to one on the site. */
function maybeGenerated(link: DocLink, written: string, why: string): SiteOutcome {
  return siteInfo(link, written, `Link \`${link.raw}\` leads to no source page, but may be generated: ${why}. Check it on the published site.`);
}

/** A link dropped from the targets with an info saying why the site may still serve it. */
function siteInfo(link: DocLink, written: string, message: string): SiteOutcome {
  return {
    kind: 'drop',
    problem: { ruleId: RuleId.linkMissingTarget, severity: 'info', target: written, line: link.line, ...(link.column !== undefined ? { column: link.column } : {}), message, commits: [] },
  };
}
