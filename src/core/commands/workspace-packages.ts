import picomatch from 'picomatch';
import { parentOf, resolveIn, type RepoTree } from './repo-tree';

/**
 * The globs of a package.json's `workspaces` field (an array, or yarn's `{ packages: [...] }`);
 * undefined when the text is not JSON or has no such field.
 */
export function workspaceGlobs(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const field = json && typeof json === 'object' ? (json as Record<string, unknown>).workspaces : undefined;
  const list = Array.isArray(field) ? field : field && typeof field === 'object' ? (field as Record<string, unknown>).packages : undefined;
  return Array.isArray(list) && list.every((g) => typeof g === 'string') ? (list as string[]) : undefined;
}

/**
 * The root-relative folder of the npm/yarn workspace `name` (its package.json's `name`, or its folder
 * as npm's `-w packages/web` writes it) for a command run in `dir`: the nearest package.json at or
 * above `dir` with a `workspaces` field is the root, and its globs (`packages/*`, `!packages/old`)
 * say which folders are workspaces. Undefined when there is no such root or no such workspace.
 */
export async function workspaceFolder(tree: RepoTree, dir: string, name: string): Promise<string | undefined> {
  for (let at: string | undefined = dir; at !== undefined; at = at === '' ? undefined : parentOf(at)) {
    const manifest = at ? `${at}/package.json` : 'package.json';
    if (!tree.hasFile(manifest)) continue;
    const globs = workspaceGlobs(await tree.read(manifest));
    if (globs !== undefined) return findWorkspace(tree, at, globs, name);
  }
  return undefined;
}

async function findWorkspace(tree: RepoTree, root: string, globs: string[], name: string): Promise<string | undefined> {
  const clean = (g: string) => g.replace(/^\.\//, '').replace(/\/+$/, '');
  const included = picomatch(globs.filter((g) => !g.startsWith('!')).map(clean));
  const negated = globs.filter((g) => g.startsWith('!')).map((g) => clean(g.slice(1)));
  const excluded = negated.length ? picomatch(negated) : () => false;
  const asFolder = resolveIn(root, name);
  for (const folder of tree.folders()) {
    if (root && !folder.startsWith(`${root}/`)) continue;
    const relative = root ? folder.slice(root.length + 1) : folder;
    if (relative === '' || !included(relative) || excluded(relative) || !tree.hasFile(`${folder}/package.json`)) continue;
    if (folder === asFolder) return folder;
    const text = await tree.read(`${folder}/package.json`);
    try {
      if (text !== undefined && (JSON.parse(text) as { name?: unknown }).name === name) return folder;
    } catch {
      // A package.json that does not parse names no workspace.
    }
  }
  return undefined;
}
