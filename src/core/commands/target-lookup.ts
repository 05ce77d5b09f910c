import type { TargetTool } from './call-types';
import { parentOf, resolveIn, type RepoTree } from './repo-tree';
import { justRecipes, mageTargets, makefileParts, namesOnlyPaths, packageScripts, rakeTasks, taskfileTasks, type DefinedTargets } from './target-files';

/** The file a tool would read its targets from (the first of several, for mage). */
export interface TargetSource {
  /** Root-relative paths of the files read (one, or mage's several). */
  files: string[];
  /** The folder the tool runs in. */
  dir: string;
}

/** File names each tool looks for in a folder, in its order of preference. */
const FILE_NAMES: Record<Exclude<TargetTool, 'mage'>, readonly string[]> = {
  make: ['GNUmakefile', 'makefile', 'Makefile'],
  just: ['justfile', 'Justfile', 'JUSTFILE', '.justfile', '.Justfile'],
  task: ['Taskfile.yml', 'taskfile.yml', 'Taskfile.yaml', 'taskfile.yaml', 'Taskfile.dist.yml', 'taskfile.dist.yml', 'Taskfile.dist.yaml', 'taskfile.dist.yaml'],
  npm: ['package.json'],
  yarn: ['package.json'],
  pnpm: ['package.json'],
  rake: ['rakefile', 'Rakefile', 'rakefile.rb', 'Rakefile.rb'],
};
/** Tools that look in the parent folders too when the folder has none of their files. */
const SEARCHES_UP = new Set<TargetTool>(['just', 'task', 'npm', 'yarn', 'pnpm', 'rake']);

/**
 * The file(s) `tool` reads its targets from when run in folder `dir` (root-relative), `file` being
 * what `-f`/`--justfile`/`-t` named (relative to `dir`). Undefined when there is none in the
 * repository (the command may be meant for another checkout: nothing can be said).
 */
export function targetSource(tree: RepoTree, tool: TargetTool, dir: string, file?: string): TargetSource | undefined {
  if (file !== undefined) {
    const path = resolveIn(dir, file);
    return path !== undefined && tree.hasFile(path) ? { files: [path], dir } : undefined;
  }
  if (tool === 'mage') {
    const inDir = tree.filesIn(dir).filter((n) => n.endsWith('.go') && !n.endsWith('_test.go')).map((n) => (dir ? `${dir}/${n}` : n));
    const folder = dir ? `${dir}/magefiles` : 'magefiles';
    const files = tree.hasDir(folder) ? tree.filesIn(folder).filter((n) => n.endsWith('.go')).map((n) => `${folder}/${n}`) : inDir;
    return files.length ? { files, dir } : undefined;
  }
  const found = targetFile(tree, tool, dir);
  return found !== undefined ? { files: [found], dir } : undefined;
}

/**
 * The file a tool other than mage reads its targets from when run in `dir`: the first of its names
 * there, else (for tools that search upwards) in the nearest parent folder. Undefined when none.
 */
export function targetFile(files: { hasFile(path: string): boolean }, tool: Exclude<TargetTool, 'mage'>, dir: string): string | undefined {
  for (let at: string | undefined = dir; at !== undefined; at = at === '' ? undefined : parentOf(at)) {
    const folder = at;
    const name = FILE_NAMES[tool].find((n) => files.hasFile(folder ? `${folder}/${n}` : n));
    if (name) return folder ? `${folder}/${name}` : name;
    if (!SEARCHES_UP.has(tool)) return undefined;
  }
  return undefined;
}

/** The targets the source defines, read through the tree; undefined when a file cannot be read. */
export async function readTargets(tree: RepoTree, tool: TargetTool, source: TargetSource): Promise<DefinedTargets | undefined> {
  const texts = await Promise.all(source.files.map((f) => tree.read(f)));
  if (texts.some((t) => t === undefined)) return undefined;
  const text = texts[0]!;
  switch (tool) {
    case 'make':
      return makeTargets(tree, source, text);
    case 'just':
      return justRecipes(text);
    case 'task':
      return taskfileTasks(text);
    case 'npm':
    case 'yarn':
    case 'pnpm':
      return packageScripts(text);
    case 'rake': {
      const targets = rakeTasks(text);
      // Rake loads every `rakelib/*.rake` beside the Rakefile.
      const rakelib = resolveIn(parentOf(source.files[0]!), 'rakelib');
      return rakelib !== undefined && tree.hasDir(rakelib) ? { ...targets, opaque: true } : targets;
    }
    case 'mage': {
      const tagged = (texts as string[]).filter((t) => /^\/\/(?:go:build|\s*\+build)\s+mage\b/m.test(t));
      return tagged.length ? mageTargets(tagged) : undefined;
    }
  }
}

/** How deep includes are followed, and how many files at most, before the targets count as unknown. */
const MAX_INCLUDE_DEPTH = 8;
const MAX_INCLUDED_FILES = 64;

/**
 * The targets of a Makefile with those of the files it includes (GNU make resolves an include from
 * the folder it runs in). Opaque when an include is not a literal path, leaves the repository, is
 * not in it (even `-include`: make may generate it), cannot be read, or the chain is too deep/long.
 */
async function makeTargets(tree: RepoTree, source: TargetSource, text: string): Promise<DefinedTargets> {
  const names = new Set<string>();
  const patterns: RegExp[] = [];
  const seen = new Set([source.files[0]!]);
  const opaque = { names, patterns, opaque: true };
  const variableTargets: string[] = [];
  const assignments = new Map<string, string[]>();
  const queue = [{ text, depth: 0 }];
  while (queue.length) {
    const next = queue.shift()!;
    const parts = makefileParts(next.text);
    const { targets, includes } = parts;
    if (targets.opaque || includes === undefined) return opaque;
    variableTargets.push(...parts.variableTargets);
    for (const [name, values] of parts.assignments) assignments.set(name, [...(assignments.get(name) ?? []), ...values]);
    for (const n of targets.names) names.add(n);
    patterns.push(...targets.patterns);
    for (const written of includes) {
      const path = resolveIn(source.dir, written);
      if (path === undefined || !tree.hasFile(path) || next.depth >= MAX_INCLUDE_DEPTH) return opaque;
      if (seen.has(path)) continue;
      seen.add(path);
      if (seen.size > MAX_INCLUDED_FILES) return opaque;
      const included = await tree.read(path);
      if (included === undefined) return opaque;
      queue.push({ text: included, depth: next.depth + 1 });
    }
  }
  // Targets named by variables are known not to be plain names only once every file is read.
  return { names, patterns, opaque: !variableTargets.every((w) => namesOnlyPaths(w, assignments)) };
}
