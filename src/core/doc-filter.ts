import ignore, { type Ignore } from 'ignore';
import { boundedMatcher } from './bounded-glob';

/** Which files count as documents. Globs are matched against workspace-relative posix paths. */
export interface DocFilterOptions {
  include: string[];
  exclude: string[];
  /** Honour `.gitignore` files (those fed through `addIgnoreFile`). */
  useGitignore: boolean;
}

/** Markdown anywhere, as people actually name it. */
export const DEFAULT_INCLUDE = ['**/*.md', '**/*.markdown'];
/** Dependencies, build output and tool caches are never documentation of this workspace. */
export const DEFAULT_EXCLUDE = [
  '**/node_modules/**', '**/vendor/**', '**/third_party/**', '**/.git/**', '**/dist/**', '**/out/**',
  '**/build/**', '**/target/**', '**/.venv/**', '**/venv/**', '**/__pycache__/**', '**/.vscode-test/**',
  '**/.next/**', '**/.cache/**', '**/coverage/**', '**/.terraform/**',
];

/**
 * Decides which files are documents: included by a glob, not excluded, and not git-ignored.
 * Directories are tested separately so a walker can skip whole excluded trees.
 */
export class DocFilter {
  private readonly included: (path: string) => boolean;
  private readonly excluded: (path: string) => boolean;
  private readonly ignores = new Map<string, Ignore>();

  constructor(private readonly options: DocFilterOptions) {
    this.included = boundedMatcher(options.include.length ? options.include : DEFAULT_INCLUDE);
    this.excluded = options.exclude.length ? boundedMatcher(options.exclude) : () => false;
  }

  /** Registers the content of a `.gitignore` found in `dir` ('' for the root). */
  addIgnoreFile(dir: string, content: string): void {
    if (!this.options.useGitignore) return;
    this.ignores.set(dir, ignore().add(content));
  }

  /** True when a directory (relative path, no trailing slash) may hold documents. */
  admitsDir(dir: string): boolean {
    if (!dir) return true;
    return !this.excluded(`${dir}/`) && !this.excluded(`${dir}/x`) && !this.gitIgnored(dir, true);
  }

  /** True when a file is a document. */
  admitsFile(path: string): boolean {
    return this.included(path) && !this.excluded(path) && !this.gitIgnored(path, false);
  }

  private gitIgnored(path: string, isDir: boolean): boolean {
    if (this.ignores.size === 0) return false;
    // As in git, a deeper .gitignore overrides a shallower one (`!keep.md` re-includes a file).
    let ignored = false;
    let depth = -1;
    for (const [dir, rules] of this.ignores) {
      if (dir && path !== dir && !path.startsWith(`${dir}/`)) continue;
      const relative = dir ? path.slice(dir.length + 1) : path;
      if (!relative) continue;
      const verdict = rules.test(isDir ? `${relative}/` : relative);
      const dirDepth = dir ? dir.split('/').length : 0;
      if ((verdict.ignored || verdict.unignored) && dirDepth > depth) {
        ignored = verdict.ignored;
        depth = dirDepth;
      }
    }
    return ignored;
  }
}
