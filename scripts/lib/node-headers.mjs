// Where node-gyp finds Node's C headers when code-server's native modules are built.
//
// node-gyp looks in its per-user cache (~/.cache/node-gyp/<version>) and downloads the headers
// when they are not there, which fails on a machine that reaches only the package registries.
// The running Node usually ships its own headers (<prefix>/include/node), so the install is
// pointed at them explicitly and never depends on a user's ~/.npmrc `nodedir=` or a warm cache.
//
// Only node builtins: this runs before anything else is known to work.
import fs from 'node:fs';
import path from 'node:path';

/** Files node-gyp reads from `<nodedir>/include/node`; both must be there for a folder to count. */
const HEADER_PROOFS = ['node.h', 'common.gypi'];

/**
 * The folders that may hold the running Node's headers, most likely first: the install prefix
 * next to the executable (`/usr/bin/node` → `/usr`), then the prefix Node was configured with.
 *
 * @param {{ execPath: string, nodePrefix?: string }} node
 * @returns {string[]} absolute, without duplicates
 */
export function nodedirCandidates({ execPath, nodePrefix }) {
  const candidates = [path.resolve(path.dirname(execPath), '..')];
  if (nodePrefix && path.isAbsolute(nodePrefix)) candidates.push(path.resolve(nodePrefix));
  return [...new Set(candidates)];
}

/**
 * Picks the `nodedir` for node-gyp.
 *
 * @param {{ execPath?: string, nodePrefix?: string, env?: Record<string, string | undefined>,
 *   exists?: (file: string) => boolean }} [options] defaults: the running Node and process.env
 * @returns {{ nodedir: string, source: 'environment' | 'node' } | { nodedir: undefined, tried: string[] }}
 *   `source: 'environment'` when npm_config_nodedir is already set (kept as it is); `'node'` when
 *   the running Node's own headers were found; `nodedir: undefined` with the folders tried otherwise.
 */
export function chooseNodedir({
  execPath = process.execPath,
  nodePrefix = process.config?.variables?.node_prefix,
  env = process.env,
  exists = fs.existsSync,
} = {}) {
  const fromEnv = env.npm_config_nodedir ?? env.NPM_CONFIG_NODEDIR;
  if (fromEnv) return { nodedir: fromEnv, source: 'environment' };
  const tried = nodedirCandidates({ execPath, nodePrefix });
  const found = tried.find((dir) => HEADER_PROOFS.every((f) => exists(path.join(dir, 'include', 'node', f))));
  return found ? { nodedir: found, source: 'node' } : { nodedir: undefined, tried };
}

/** What node-gyp prints when it could not download the headers. */
const OFFLINE_SIGNS = [
  /gyp ERR!.*network connectivity/i,
  /gyp ERR!.*\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH)\b/,
  /gyp (ERR!|http) .*(nodejs\.org|headers?\.tar)/i,
];

/**
 * The one clear message for an install that failed because node-gyp tried to download Node's
 * headers while offline, or undefined when the install log shows some other failure.
 *
 * @param {string} installLog everything npm printed
 * @param {string[]} tried the folders searched for headers
 * @returns {string | undefined}
 */
export function explainMissingHeaders(installLog, tried) {
  if (!OFFLINE_SIGNS.some((re) => re.test(installLog))) return undefined;
  return (
    `Node's C headers are not on this machine and node-gyp could not download them (no network).\n` +
    `code-server's native modules need them to build. Looked for include/node/node.h in: ${tried.join(', ')}.\n` +
    `Install your Node distribution's headers package (Debian's nodejs: apt-get install -y libnode-dev; ` +
    `NodeSource's nodejs ships them in /usr/include/node), or set npm_config_nodedir to a folder ` +
    `that holds include/node/node.h.`
  );
}
