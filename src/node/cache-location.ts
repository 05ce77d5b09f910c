import { createHash } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The CLI's cache file for a workspace root: `$XDG_CACHE_HOME/living-runbooks/<hash>/index.json`
 * (default `~/.cache`). Outside the repository, so the CLI never writes into the user's tree.
 * `env` is passed explicitly; the process environment is never read here.
 */
export function cliIndexCacheFile(root: string, env: Record<string, string | undefined>): string {
  const base = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache');
  const key = createHash('sha256').update(path.resolve(root)).digest('hex').slice(0, 16);
  return path.join(base, 'living-runbooks', key, 'index.json');
}
