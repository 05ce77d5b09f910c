import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseDoc } from '../../../src/core/parse-doc';
import type { DocModel } from '../../../src/core/doc-model';
import { makeTempDir, removeTempDir } from '../support/temp-dir';

/**
 * A git repository built at test time in a temp folder, with fixed author and committer dates so
 * history-dependent results are deterministic. Git runs with an explicit environment (its own HOME,
 * no system config); the project's own repository is never touched.
 */
export class GitFixture {
  private constructor(
    /** The temp folder holding the repository (`repo/`) and a private HOME. */
    readonly base: string,
    /** The work tree. */
    readonly dir: string,
  ) {}

  static async create(prefix: string, options: { init?: boolean } = {}): Promise<GitFixture> {
    const base = await makeTempDir(prefix);
    const dir = path.join(base, 'repo');
    await fs.mkdir(dir, { recursive: true });
    await fs.mkdir(path.join(base, 'home'), { recursive: true });
    const fixture = new GitFixture(base, dir);
    if (options.init !== false) fixture.git(['init', '-q', '-b', 'main']);
    return fixture;
  }

  /** The environment handed to the code under test (PATH and a private HOME). */
  get env(): Record<string, string> {
    return { PATH: process.env.PATH ?? '', HOME: path.join(this.base, 'home') };
  }

  /** Runs git in the work tree (or `cwd`) with fixed identity and, when given, dates. */
  git(args: string[], options: { date?: string; cwd?: string } = {}): string {
    const date = options.date ? `${options.date}T12:00:00Z` : '2025-01-01T12:00:00Z';
    return execFileSync('git', args, {
      cwd: options.cwd ?? this.dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: path.join(this.base, 'home'),
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_AUTHOR_NAME: 'Test',
        GIT_AUTHOR_EMAIL: 'test@example.invalid',
        GIT_COMMITTER_NAME: 'Test',
        GIT_COMMITTER_EMAIL: 'test@example.invalid',
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      },
    });
  }

  /** Writes files (null deletes), relative posix paths. */
  async write(files: Record<string, string | null>): Promise<void> {
    for (const [relative, content] of Object.entries(files)) {
      const absolute = path.join(this.dir, ...relative.split('/'));
      if (content === null) await fs.rm(absolute, { force: true });
      else {
        await fs.mkdir(path.dirname(absolute), { recursive: true });
        await fs.writeFile(absolute, content);
      }
    }
  }

  /** Writes `files`, stages everything and commits on `date` (YYYY-MM-DD, noon UTC). Returns the SHA. */
  async commit(message: string, date: string, files: Record<string, string | null> = {}): Promise<string> {
    await this.write(files);
    this.git(['add', '-A']);
    this.git(['commit', '-q', '--allow-empty', '-m', message], { date });
    return this.git(['rev-parse', 'HEAD']).trim();
  }

  /** `git mv` and commit. Returns the SHA. */
  async move(from: string, to: string, message: string, date: string): Promise<string> {
    await fs.mkdir(path.dirname(path.join(this.dir, ...to.split('/'))), { recursive: true });
    this.git(['mv', from, to]);
    this.git(['commit', '-q', '-m', message], { date });
    return this.git(['rev-parse', 'HEAD']).trim();
  }

  /** Parses the markdown docs at `paths` (work-tree relative) as the index would. */
  async docs(paths: string[], root = this.dir): Promise<DocModel[]> {
    const docs: DocModel[] = [];
    for (const p of paths) docs.push(parseDoc(p, await fs.readFile(path.join(root, ...p.split('/')), 'utf8')));
    return docs;
  }

  async remove(): Promise<void> {
    await removeTempDir(this.base);
  }
}

/** Lines `line 1` … `line n`, newline-terminated. */
export function numbered(n: number, prefix = 'line'): string {
  return Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}\n`).join('');
}
