import ignore from 'ignore';
import { posix } from 'node:path';
import { isReleaseSnapshot } from '../release-snapshot';
import { parentOf, type RepoTree } from './repo-tree';

/** Folders that hold other projects' code and docs, by name (as GitHub Linguist's vendor list has them), and Go's test fixture folders. */
const VENDOR_FOLDER = /(?:^|\/)(?:vendor|third[-_]party|node_modules|bower_components|testdata)\//;

/** Docusaurus's copies of the docs of earlier releases: they describe that release's checkout. */
const RELEASE_SNAPSHOT = /(?:^|\/)versioned_docs\/version-[^/]+\//;

/** Files beside or in a folder that pin it to another project's revision: `<folder>-sha.txt`, `<folder>.sha`, git-subrepo's `.gitrepo`. */
function pinnedBy(tree: RepoTree, dir: string): boolean {
  if (tree.hasFile(`${dir}/.gitrepo`)) return true;
  const name = posix.basename(dir);
  const beside = tree.filesIn(parentOf(dir));
  return beside.includes(`${name}-sha.txt`) || beside.includes(`${name}.sha`);
}

/** One `.gitattributes` line that sets (`linguist-vendored`, `=true`) or unsets (`-linguist-vendored`, `=false`) the attribute. */
interface VendorRule {
  matches: (relative: string) => boolean;
  vendored: boolean;
}

/**
 * Which paths of the repository are another project's copy, so that their docs describe that
 * project's checkout and are not checked here: under `vendor/`, `third_party/`, `node_modules/`…;
 * a snapshot of an earlier release's docs (Docusaurus `versioned_docs/version-*`, a folder named as a
 * release version such as Hugo's `content/docs/v1.0.0/`: that release's checkout);
 * marked `linguist-vendored` by a `.gitattributes` (the root's and the folders' above the path, the
 * deeper and the later line winning, as git does); or inside a folder pinned to an upstream revision.
 */
export class VendoredPaths {
  private readonly rules = new Map<string, Promise<VendorRule[]>>();

  constructor(private readonly tree: RepoTree) {}

  /** True when `path` (root-relative) is vendored. */
  async has(path: string): Promise<boolean> {
    if (VENDOR_FOLDER.test(path) || RELEASE_SNAPSHOT.test(path) || isReleaseSnapshot(path)) return true;
    const dirs: string[] = [];
    for (let dir = parentOf(path); dir !== ''; dir = parentOf(dir)) dirs.unshift(dir);
    if (dirs.some((d) => pinnedBy(this.tree, d))) return true;
    let vendored = false;
    for (const dir of ['', ...dirs]) {
      const relative = dir ? path.slice(dir.length + 1) : path;
      for (const rule of await this.rulesOf(dir)) if (rule.matches(relative)) vendored = rule.vendored;
    }
    return vendored;
  }

  private rulesOf(dir: string): Promise<VendorRule[]> {
    let rules = this.rules.get(dir);
    if (!rules) {
      const file = dir ? `${dir}/.gitattributes` : '.gitattributes';
      rules = this.tree.hasFile(file) ? this.tree.read(file).then((text) => parseVendorRules(text ?? '')) : Promise.resolve([]);
      this.rules.set(dir, rules);
    }
    return rules;
  }
}

/** The lines of a `.gitattributes` text that set or unset `linguist-vendored`, in order. */
function parseVendorRules(text: string): VendorRule[] {
  const out: VendorRule[] = [];
  for (const line of text.split(/\r?\n/)) {
    const words = line.trim().split(/\s+/);
    const pattern = words[0];
    if (!pattern || pattern.startsWith('#') || pattern.startsWith('!')) continue;
    for (const attribute of words.slice(1)) {
      const set = attribute === 'linguist-vendored' || attribute === 'linguist-vendored=true';
      const unset = attribute === '-linguist-vendored' || attribute === 'linguist-vendored=false' || attribute === '!linguist-vendored';
      if (!set && !unset) continue;
      const matcher = ignore().add(pattern);
      out.push({ matches: (relative) => matcher.ignores(relative), vendored: set });
    }
  }
  return out;
}
