// Which working-tree files git would make differ from their blob, for SimpleGitHistory's
// `readWorkingFiles`: asked once per path, so a run can ask early (see `prepareWorkingReads`), and
// kept for later runs while nothing that decides the answers changed.
import type { SimpleGit } from 'simple-git';
import { attributeSourcesKey, folderKeys, foldersAbove, systemAttributeFiles } from './attribute-sources';
import { IndexReader, type IndexFacts } from './git-index-flags';
import { chunkPathspecs, convertedPaths, oidBytesOf, type RepoLayout } from './git-invocation';

/**
 * Per working-tree path (root-relative), whether git may make its file differ from the blob even
 * when unchanged. Attributes: `check-attr` (filter, ident, working-tree-encoding), kept from run to
 * run while every source of attributes is unchanged (see `attributeSourcesKey`, `folderKeys`).
 * Files whose changes git is told not to look at (skip-worktree, assume-unchanged): read from the
 * index file each run; where this reader cannot follow the index, `ls-files -v` (S for
 * skip-worktree, lower case for assume-unchanged), and nothing is kept past the run. (Paths that
 * do not fit one command line: the whole index below the root, in one process.)
 */
export class ConvertedPaths {
  /** `index`: the repository's index file reader, shared with the other readers of it (one read per change of the file). */
  constructor(private readonly index: IndexReader = new IndexReader()) {}

  /** Per top-relative path: whether an attribute converts it (or, in a run without the index's facts, whether git converts it at all). */
  private known = new Map<string, Promise<boolean>>();
  /** Per folder above a kept answer, the key of its `.gitattributes` before git was asked. */
  private folders = new Map<string, string | undefined>();
  /** The folders whose key this run compared already. */
  private verified = new Set<string>();
  /** The key of the other attribute sources the kept answers were asked with; undefined: not kept past the run. */
  private sourcesKey: string | undefined;
  private systemFiles: { pathVariable: string | undefined; files: string[] } | undefined;
  /** This run's check of what decides the kept answers, and the index's facts. */
  private run: Promise<IndexFacts | undefined> | undefined;

  /** A new run: before kept answers are used, what decides them is checked again. */
  renew(): void {
    this.run = undefined;
  }

  /**
   * For each of `paths`, whether git converts it: the paths without a kept answer are asked about
   * in one process (`git(input)`: a client, with `input` on stdin), two when the index's flags
   * cannot be read here. `config`: the run's config.
   */
  async of(paths: string[], layout: RepoLayout, git: (input?: string) => SimpleGit, config: () => Promise<Map<string, string[]>>): Promise<boolean[]> {
    this.run ??= this.check(layout, config);
    const run = this.run;
    run.catch(() => this.run === run && (this.run = undefined));
    const facts = await run;
    const top = paths.map((p) => layout.prefix + p);
    // The `.gitattributes` above are looked at before git reads them: a change after that is seen by a later run.
    if (facts && this.sourcesKey !== undefined) this.verify(layout, top, facts);
    const known = this.known;
    const unknown = [...new Set(top.filter((p) => !known.has(p)))];
    if (unknown.length > 0) {
      const asking = this.ask(unknown, layout, git, facts);
      for (const p of unknown) {
        const entry = asking.then((converted) => converted.has(p));
        known.set(p, entry);
        // A failed question is asked again by the next read.
        entry.catch(() => known.get(p) === entry && known.delete(p));
      }
    }
    const answers = await Promise.all(top.map((p) => known.get(p)!));
    return answers.map((converted, i) => converted || (facts?.flagged.has(top[i]!) ?? false));
  }

  /** Reads the index's facts and drops the kept answers when anything they depend on changed (or cannot be told). */
  private async check(layout: RepoLayout, config: () => Promise<Map<string, string[]>>): Promise<IndexFacts | undefined> {
    const settings = await config().catch(() => undefined);
    const oidBytes = oidBytesOf(settings);
    const pathVariable = layout.env.PATH ?? layout.env.Path;
    if (this.systemFiles?.pathVariable !== pathVariable) this.systemFiles = { pathVariable, files: systemAttributeFiles(pathVariable) };
    await this.index.ready();
    const facts = layout.indexFile ? this.index.read(layout.indexFile, oidBytes).facts : undefined;
    const key = settings ? attributeSourcesKey(settings, layout.infoAttributes, layout.env, this.systemFiles.files) : undefined;
    // The folders' `.gitattributes` are compared when paths below them are read (see `verify`).
    if (facts === undefined || key === undefined || key !== this.sourcesKey) this.drop();
    this.sourcesKey = facts ? key : undefined;
    this.verified = new Set();
    return facts;
  }

  private drop(): void {
    this.known = new Map();
    this.folders = new Map();
  }

  /**
   * Compares the keys of the `.gitattributes` above `paths` (top-relative) not compared yet this
   * run with those recorded when the kept answers were asked: any difference drops every kept
   * answer. Then records the keys of the folders not recorded yet (before git is asked).
   */
  private verify(layout: RepoLayout, paths: string[], facts: IndexFacts): void {
    const above = [...new Set(paths.flatMap(foldersAbove))];
    if (above.every((folder) => this.verified.has(folder))) return;
    // With the folders above them (all of `above`), so none below a symbolic link is looked into.
    const now = folderKeys(layout.top, above, facts);
    if (above.some((folder) => this.folders.has(folder) && (this.folders.get(folder) === undefined || this.folders.get(folder) !== now.get(folder)))) this.drop();
    for (const folder of above) {
      this.verified.add(folder);
      if (!this.folders.has(folder)) this.folders.set(folder, now.get(folder));
    }
  }

  /** The top-relative `paths` git converts: by attribute, and by index flag when `facts` are not known. */
  private async ask(paths: string[], layout: RepoLayout, git: (input?: string) => SimpleGit, facts: IndexFacts | undefined): Promise<Set<string>> {
    const specs = chunkPathspecs(paths, { ...layout, prefix: '' });
    const scope = specs.length === 1 ? specs[0]! : layout.prefix ? [`:(top,literal)${layout.prefix}`] : [];
    const [attrs, listed] = await Promise.all([
      git(`${paths.join('\0')}\0`).raw(['check-attr', '-z', '--stdin', 'filter', 'ident', 'working-tree-encoding']),
      facts ? '' : git().raw(['ls-files', '-v', '-z', '--', ...scope]),
    ]);
    return convertedPaths(attrs, listed);
  }
}
