// Prepares what the offline VS Code route needs (see shared/VSCODE_TESTING.md):
// Debian's Chromium and, on first use, code-server from the npm registry, installed once into
// <repo>/.vscode-test/code-server/ (git-ignored) and reused while its marker matches.
//
// Only node builtins: this runs before anything else is known to work.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chooseNodedir, explainMissingHeaders } from './node-headers.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The newest code-server that runs on Node 20 (VS Code 1.100.3); see VSCODE_TESTING.md. */
export const CODE_SERVER_VERSION = '4.100.3';

/**
 * What code-server@4.100.3's @vscode/ripgrep postinstall looks for before it tries GitHub:
 * lib/vscode/npm-shrinkwrap.json pins @vscode/ripgrep 1.15.11, whose lib/postinstall.js asks
 * for release v13.0.0-10 and caches in `${os.tmpdir()}/vscode-ripgrep-cache-<pkg version>/`.
 * Bump these together with CODE_SERVER_VERSION.
 */
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_RELEASE = 'v13.0.0-10';
const RIPGREP_TARGETS = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' };

const CHROMIUM_PATH = '/usr/bin/chromium';

/** Files that only exist when code-server's postinstall and its dependencies' install scripts ran. */
const INSTALL_PROOFS = [
  'node_modules/code-server/out/node/entry.js',
  'node_modules/argon2/lib/binding/napi-v3/argon2.node',
  'node_modules/code-server/lib/vscode/node_modules.asar',
  'node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg',
  'node_modules/code-server/lib/vscode/node_modules/node-pty/build/Release/pty.node',
  'node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node',
  'node_modules/code-server/lib/vscode/extensions/node_modules/typescript/package.json',
];

const defaultLog = (line) => process.stderr.write(`${line}\n`);

/**
 * Makes sure Chromium and code-server are available, installing what is missing.
 *
 * Debian packages are installed with apt-get when running as root; otherwise the Error names
 * the missing packages and the command to run. code-server is installed with npm on first use
 * (about 2 minutes) and skipped afterwards.
 *
 * @param {{ log?: (line: string) => void, installDir?: string }} [options]
 *   `installDir` defaults to `<repo>/.vscode-test/code-server`.
 * @returns {Promise<{ codeServerBin: string, chromiumPath: string }>}
 *   `codeServerBin` is code-server's Node entry script (run it with `process.execPath`).
 */
export async function ensureTestEnv({ log = defaultLog, installDir } = {}) {
  const dir = path.resolve(installDir ?? path.join(repoRoot, '.vscode-test', 'code-server'));
  const codeServerBin = path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const needInstall = !isInstalled(dir, codeServerBin);

  ensureDebianPackages({ needBuildDeps: needInstall, log });
  if (needInstall) {
    await withInstallLock(dir, log, async () => {
      // Another process may have finished the install while we waited for the lock.
      if (!isInstalled(dir, codeServerBin)) await installCodeServer(dir, log);
    });
  }
  return { codeServerBin, chromiumPath: CHROMIUM_PATH };
}

// ---------------------------------------------------------------------------------------------
// Debian packages

function ensureDebianPackages({ needBuildDeps, log }) {
  /** @type {Array<[string, () => boolean]>} package name and whether it is there */
  const wanted = [['chromium', () => isExecutable(CHROMIUM_PATH)]];
  if (needBuildDeps) {
    wanted.push(
      // Seeds @vscode/ripgrep's download cache (GitHub is not reachable).
      ['ripgrep', () => onPath('rg') !== undefined],
      // Native modules of code-server (kerberos, node-pty, spdlog, argon2) build with node-gyp.
      ['libkrb5-dev', () => dpkgInstalled('libkrb5-dev')],
      ['build-essential', () => dpkgInstalled('build-essential')],
      ['python3', () => onPath('python3') !== undefined],
    );
  }
  const missing = wanted.filter(([, present]) => !present()).map(([name]) => name);
  if (missing.length === 0) return;
  // Only a Recommends of chromium, which --no-install-recommends skips: without it the
  // workbench's text in screenshots falls back to whatever single font happens to be there.
  if (missing.includes('chromium') && !dpkgInstalled('fonts-liberation')) missing.push('fonts-liberation');

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(
      `Missing Debian packages for the VS Code tests: ${missing.join(' ')}.\n` +
        `Install them with: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  log(`installing Debian packages: ${missing.join(' ')}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  runChecked('apt-get', ['update'], { env });
  runChecked('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
  const stillMissing = wanted.filter(([name, present]) => missing.includes(name) && !present());
  if (stillMissing.length > 0) {
    throw new Error(`apt-get finished but these are still missing: ${stillMissing.map(([n]) => n).join(' ')}`);
  }
}

function runChecked(cmd, args, { env }) {
  const result = spawnSync(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.error) throw new Error(`${cmd} ${args.join(' ')} could not start: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${result.status}):\n${tail(result.stdout + result.stderr, 30)}`);
  }
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// code-server

/**
 * The install is valid for one code-server version and one Node ABI: the native modules are
 * built against the running Node, so a Node upgrade needs a rebuild.
 */
function markerContent() {
  return { codeServer: CODE_SERVER_VERSION, nodeAbi: process.versions.modules, platform: `${process.platform}-${process.arch}` };
}

function isInstalled(dir, codeServerBin) {
  try {
    const marker = JSON.parse(fs.readFileSync(path.join(dir, '.installed.json'), 'utf8'));
    const want = markerContent();
    return Object.keys(want).every((k) => marker[k] === want[k]) && fs.existsSync(codeServerBin);
  } catch {
    return false;
  }
}

async function installCodeServer(dir, log) {
  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} (first run, ~2 min)…`);

  // A half-finished install from an interrupted run is not worth repairing.
  for (const name of ['node_modules', 'package-lock.json', 'package.json', '.installed.json', 'install.log']) {
    fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify(
      {
        name: 'runbooks-vscode-test-code-server',
        private: true,
        description: 'Installed by scripts/lib/test-env.mjs; safe to delete.',
        dependencies: { 'code-server': CODE_SERVER_VERSION },
      },
      null,
      2,
    )}\n`,
  );

  const tmpDir = os.tmpdir();
  seedRipgrepCache(tmpDir);

  const baseEnv = {
    ...process.env,
    // Passed explicitly so @vscode/ripgrep looks in the cache seeded above.
    TMPDIR: tmpDir,
    // code-server's postinstall refuses to run as root without it.
    npm_config_unsafe_perm: 'true',
    // node-pty's install runs `npx node-gyp`, which would otherwise wait for a "y".
    npm_config_yes: 'true',
    // A user-level ignore-scripts=true would leave a code-server that cannot start.
    npm_config_ignore_scripts: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  // Node's own headers for node-gyp, so no user config (~/.npmrc nodedir=) or warm per-user cache
  // is needed; when they are absent node-gyp tries to download them (see explainMissingHeaders).
  const headers = chooseNodedir({ env: baseEnv });
  if (headers.nodedir) {
    baseEnv.npm_config_nodedir = headers.nodedir;
    log(`building native modules against Node's headers in ${headers.nodedir}`);
  }
  const env = { ...baseEnv, ...installScriptsEnv(baseEnv) };
  const logFile = path.join(dir, 'install.log');
  const code = await runToFile('npm', ['install', '--no-audit', '--no-fund', '--omit=dev'], { cwd: dir, env, logFile });
  const output = fs.readFileSync(logFile, 'utf8');
  if (code !== 0) {
    const offline = headers.nodedir ? undefined : explainMissingHeaders(output, headers.tried);
    if (offline) throw new Error(`${offline}\nFull log: ${logFile}`);
    throw new Error(`npm install of code-server ${CODE_SERVER_VERSION} failed (exit ${code}); full log: ${logFile}\n${tail(output, 40)}`);
  }
  const missing = INSTALL_PROOFS.filter((p) => !fs.existsSync(path.join(dir, p)));
  if (missing.length > 0) {
    throw new Error(
      `code-server ${CODE_SERVER_VERSION} installed, but its install scripts did not all run ` +
        `(missing: ${missing.join(', ')}). Did npm skip dependency install scripts? Full log: ${logFile}\n${tail(output, 40)}`,
    );
  }
  fs.writeFileSync(path.join(dir, '.installed.json'), `${JSON.stringify(markerContent(), null, 2)}\n`);
  log(`installed code-server ${CODE_SERVER_VERSION} in ${Math.round((Date.now() - started) / 1000)} s`);
}

/**
 * npm 11 brings an install-script policy (`allowScripts` in package.json). npm 11.19 still runs
 * unreviewed dependency scripts and only warns ("npm warn install-scripts ..."), but its docs
 * announce blocking them, and a user's `strict-allow-scripts` already fails the install. An
 * `allowScripts` entry in our wrapper package.json would not be enough: code-server's postinstall
 * runs plain `npm install` in lib/vscode and lib/vscode/extensions, separate projects whose
 * package.json we cannot annotate, and npm rejects `--allow-scripts` (also as
 * npm_config_allow_scripts) in project-scoped installs. The setting that reaches those nested
 * installs is `dangerously-allow-all-scripts` through the environment: here it is scoped to this
 * one child process installing a pinned package with its own shrinkwraps, so the set of scripts
 * is fixed and known. npm 10 has no policy (scripts always run) and would warn about an unknown
 * setting, so the variable is set only when this npm knows it.
 */
function installScriptsEnv(env) {
  const r = spawnSync('npm', ['config', 'get', 'dangerously-allow-all-scripts'], { env, encoding: 'utf8' });
  if (r.error) throw new Error(`npm is needed to install code-server but could not start: ${r.error.message}`);
  const value = r.stdout.trim();
  return value === 'true' || value === 'false' ? { npm_config_dangerously_allow_all_scripts: 'true' } : {};
}

/** Puts Debian's rg where @vscode/ripgrep's postinstall looks before it tries to download. */
function seedRipgrepCache(tmpDir) {
  const target = RIPGREP_TARGETS[process.arch];
  if (!target) throw new Error(`No ripgrep cache entry known for ${process.arch}; only ${Object.keys(RIPGREP_TARGETS).join(', ')}`);
  const cacheDir = path.join(tmpDir, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  const asset = path.join(cacheDir, `ripgrep-${RIPGREP_RELEASE}-${target}.tar.gz`);
  if (fs.existsSync(asset)) return;
  const rg = onPath('rg');
  if (!rg) throw new Error('ripgrep (rg) is needed to install code-server offline: apt-get install -y ripgrep');
  fs.mkdirSync(cacheDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(tmpDir, 'rg-seed-'));
  try {
    fs.copyFileSync(fs.realpathSync(rg), path.join(staging, 'rg'));
    fs.chmodSync(path.join(staging, 'rg'), 0o755);
    // Written under a temporary name and renamed, so a concurrent reader never sees half a file.
    const partial = `${asset}.${process.pid}.partial`;
    runChecked('tar', ['-czf', partial, '-C', staging, 'rg'], { env: process.env });
    fs.renameSync(partial, asset);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

function runToFile(cmd, args, { cwd, env, logFile }) {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, 'w');
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', out, out] });
    child.on('error', (err) => {
      fs.closeSync(out);
      reject(new Error(`${cmd} could not start: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      fs.closeSync(out);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

/** Serialises installs from concurrent runs (say `npm start` and `npm test`) with a lock dir. */
async function withInstallLock(dir, log, fn) {
  const lock = `${dir}.lock`;
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  let told = false;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      if (lockIsStale(lock)) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (!told) log('waiting for another process installing code-server…');
      told = true;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

function lockIsStale(lock) {
  let pid;
  try {
    pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
  } catch {
    // Created but its pid not written yet, or left behind without one: stale only when old.
    try {
      return Date.now() - fs.statSync(lock).mtimeMs > 10_000;
    } catch {
      return true;
    }
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return err.code === 'ESRCH';
  }
}

function tail(text, lines) {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
