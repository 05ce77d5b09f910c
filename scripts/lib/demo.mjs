// The folder `npm start` opens: the acme-platform example.
import fs from 'node:fs';
import path from 'node:path';

/**
 * Returns the absolute path of the demo workspace to open.
 *
 * For now that is `<repo>/examples/acme-platform` as it is; building a git history for it in a
 * cache folder comes later.
 *
 * @param {{ repoRoot: string, log?: (line: string) => void }} options
 * @returns {Promise<string>}
 */
export async function prepareDemoWorkspace({ repoRoot, log: _log }) {
  const dir = path.resolve(repoRoot, 'examples', 'acme-platform');
  if (!fs.existsSync(dir)) throw new Error(`The demo workspace ${dir} does not exist.`);
  return dir;
}
