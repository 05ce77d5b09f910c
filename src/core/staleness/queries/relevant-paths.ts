import { boundedMatcher } from '../../bounded-glob';
import picomatch from 'picomatch';
import { isConfigFilePath } from '../../config-file-names';
import { isSiteFilePath } from '../../site/site-files';
import type { StalenessOptions } from '../options';
import type { DocStaleness } from '../model/report';

/** One file-system event, as a root-relative posix path. A rename is a deletion and a creation. */
export interface PathEvent {
  path: string;
  /** `saved`: a file's content changed; `created`: a file or folder appeared; `deleted`: one is gone. */
  type: 'saved' | 'created' | 'deleted';
  /**
   * For `created`: the new path is a folder (default false). A deleted path is always taken as
   * possibly a folder, since nothing is left to ask.
   */
  folder?: boolean;
}

/** The settings that decide which paths matter besides the docs and their targets. */
export type RelevanceOptions = Pick<StalenessOptions, 'alertRuleFiles' | 'useBlameIgnoreRevs'>;

const GIT_DIR = /(?:^|\/)\.git(?:\/|$)/;

/**
 * A test of whether a file event can change a staleness report whose docs are `docs`: it names a
 * doc or one of their unpinned targets (a file, anything below a folder, a glob match, or a
 * missing path coming into existence), a source a broken docs-site link was tried at or a file
 * that declares the site's redirects (`LinkedTarget.site`), the path a command finding is about
 * (a script a command calls and cannot find), an alert rule file (`options.alertRuleFiles`), the
 * repository config file (`.runbooks.yml` or `.runbooks.yaml` at the root: it sets the rules), a
 * docs-site config or a file a site reads beside it (`isSiteFilePath`: the files site detection
 * reads by name), a `.gitignore` (it changes which files exist for the rules) or, with
 * `options.useBlameIgnoreRevs`, a `.git-blame-ignore-revs`. A folder that appears or goes away
 * matters when anything of the above may lie inside it. Paths inside `.git` never match: moves of
 * HEAD are watched on their own (see `headBranchRef`), and the checks themselves touch `.git`.
 * `docs` undefined (no report yet) makes every other path matter.
 */
export function stalenessRelevance(docs: readonly DocStaleness[] | undefined, options: RelevanceOptions): (event: PathEvent) => boolean {
  if (!docs) return (event) => !GIT_DIR.test(event.path);
  /** Paths that matter themselves, and (when a folder goes) for what they hold. */
  const exact = new Set<string>();
  /** Folder and missing targets: anything below them matters too. */
  const covering = new Set<string>();
  const globs: Array<{ isMatch: (path: string) => boolean; base: string }> = [];
  for (const doc of docs) {
    exact.add(doc.path);
    for (const target of doc.targets) {
      // A pinned link is checked at its commit or tag: the working tree does not change it.
      if (target.pinned) continue;
      if (target.kind === 'glob') globs.push(compileGlob(target.path));
      else {
        exact.add(target.path);
        if (target.kind === 'directory' || target.kind === 'missing') covering.add(target.path);
      }
      for (const path of [...(target.site?.tried ?? []), ...(target.site?.redirectSources ?? [])]) exact.add(path);
    }
    // Command drift names the file a finding is about; a missing script is no target of the doc.
    for (const reason of doc.reasons) if (reason.target !== undefined && reason.ruleId.startsWith('command.')) exact.add(reason.target);
  }
  const ruleFiles = options.alertRuleFiles.map(compileGlob);
  const specialNames = new Set(['.gitignore', ...(options.useBlameIgnoreRevs ? ['.git-blame-ignore-revs'] : [])]);

  return (event) => {
    const path = event.path.replace(/^\/+|\/+$/g, '');
    if (GIT_DIR.test(path)) return false;
    if (isConfigFilePath(path) || isSiteFilePath(path)) return true;
    if (specialNames.has(path.slice(path.lastIndexOf('/') + 1))) return true;
    if (exact.has(path) || ancestors(path).some((a) => covering.has(a))) return true;
    if (globs.some((g) => g.isMatch(path))) return true;
    const folder = event.type === 'deleted' || (event.type === 'created' && event.folder === true);
    // A deleted rule file only mattered if it linked a doc, and then it is a target already.
    if (event.type !== 'deleted' && ruleFiles.some((g) => g.isMatch(path))) return true;
    if (!folder) return false;
    if (path === '') return true;
    for (const known of exact) if (isBelow(known, path)) return true;
    // A glob may match below a folder at or under its fixed base; a folder above the base holds all of it.
    const mayHoldMatches = (g: { base: string }) => g.base === path || isBelow(g.base, path) || isBelow(path, g.base);
    return globs.some(mayHoldMatches) || (event.type === 'created' && ruleFiles.some(mayHoldMatches));
  };
}

/**
 * The branch ref (`refs/heads/main`) that the text of a `.git/HEAD` file points at; undefined when
 * HEAD is detached (a commit id) or the text is not a symbolic ref. A commit or pull moves HEAD by
 * rewriting that ref, so it is the one ref worth watching besides HEAD itself.
 */
export function headBranchRef(headText: string): string | undefined {
  return /^ref:\s*(refs\/heads\/\S+)\s*$/.exec(headText.trim())?.[1];
}

function compileGlob(pattern: string): { isMatch: (path: string) => boolean; base: string } {
  return { isMatch: boundedMatcher(pattern), base: picomatch.scan(pattern).base };
}

/** '' and each parent folder of a root-relative path, nearest last ('a/b/c' → '', 'a', 'a/b'). */
function ancestors(path: string): string[] {
  const parts = path.split('/');
  return parts.map((_, i) => parts.slice(0, i).join('/'));
}

/** True when `path` lies strictly below the folder `folder` ('' is the root). */
function isBelow(path: string, folder: string): boolean {
  return folder === '' ? path !== '' : path.startsWith(`${folder}/`);
}
