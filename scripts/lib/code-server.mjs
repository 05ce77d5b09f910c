// Starts an isolated code-server and a headless Chromium for it (shared/VSCODE_TESTING.md).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const defaultLog = (line) => process.stderr.write(`${line}\n`);

/** A workbench that opens straight on the folder and calls nobody. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  // VS Code for the Web saves after a delay by default; desktop VS Code (the other runner) does not.
  // Without this, a test's unsaved edit could reach the disk and leak into the suites after it.
  'files.autoSave': 'off',
};

/** Process groups and temp dirs still owned by this process, cleaned on exit and on signals. */
const live = new Set();
let exitHooksInstalled = false;

function installExitHooks() {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', () => {
    for (const server of live) server.killNow();
  });
  for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
    process.once(signal, () => {
      for (const server of live) server.killNow();
      process.exit(128 + number);
    });
  }
}

/**
 * Starts code-server on 127.0.0.1 with its own user data, extensions and config in a new temp
 * dir, so nothing of the user's VS Code setup leaks in and nothing is left behind.
 *
 * @param {object} options
 * @param {string} options.codeServerBin code-server's entry script, from ensureTestEnv
 * @param {number} [options.port] a free one on 127.0.0.1 when not given
 * @param {Record<string, string>} [options.extraEnv] added to code-server's environment; it
 *   reaches the extension host
 * @param {boolean} [options.trust] false launches with Workspace Trust on (Restricted Mode tests)
 * @param {Record<string, unknown>} [options.settings] user settings, over quiet defaults (no
 *   welcome page, telemetry or update checks)
 * @param {boolean} [options.verbose] echo code-server's own output through `log`
 * @param {(line: string) => void} [options.log]
 * @returns {Promise<{ port: number, baseUrl: string, workbenchUrl: (o: WorkbenchTarget) => string,
 *   output: () => string, exited: Promise<{ code: number | null, signal: string | null }>,
 *   stop: () => Promise<void> }>}
 *   `output()` is the tail of what code-server printed, for error messages; `exited` settles
 *   when code-server ends, whether by stop() or on its own.
 *
 * @typedef {{ folder: string, extensionDevelopmentPath?: string, extensionTestsPath?: string,
 *   urlHost?: string }} WorkbenchTarget
 */
export async function startCodeServer({
  codeServerBin,
  port,
  extraEnv = {},
  trust = true,
  settings = {},
  verbose = false,
  log = defaultLog,
}) {
  installExitHooks();
  const host = '127.0.0.1';
  port ??= await freePort(host);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-code-server-'));
  const dirs = {
    userData: path.join(tmp, 'user-data'),
    extensions: path.join(tmp, 'extensions'),
    xdgConfig: path.join(tmp, 'xdg-config'),
    xdgData: path.join(tmp, 'xdg-data'),
    // The run log (runs.jsonl) of the extension under test goes here, never to the user's state directory.
    xdgState: path.join(tmp, 'xdg-state'),
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2),
  );
  const configFile = path.join(tmp, 'config.yaml');
  fs.writeFileSync(configFile, `bind-addr: ${host}:${port}\nauth: none\ncert: false\n`);

  const env = { ...inheritedEnv(), XDG_CONFIG_HOME: dirs.xdgConfig, XDG_DATA_HOME: dirs.xdgData, XDG_STATE_HOME: dirs.xdgState, EXTENSIONS_GALLERY: '{}', ...extraEnv };
  const args = [
    codeServerBin,
    '--bind-addr', `${host}:${port}`,
    '--auth', 'none',
    '--config', configFile,
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(trust ? ['--disable-workspace-trust'] : []),
  ];
  // Detached: its own process group, so stop() can end the extension host and every helper too.
  const child = spawn(process.execPath, args, { env, cwd: tmp, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });

  const lines = [];
  const collect = (chunk) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line) continue;
      lines.push(line);
      if (lines.length > 200) lines.shift();
      if (verbose) log(`[code-server] ${line}`);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
    child.on('error', (err) => {
      exited = { code: null, signal: null, error: err };
      resolve(exited);
    });
  });

  let cleaned = false;
  const handle = {
    // Synchronous, for process 'exit' handlers: no waiting, just end the group and remove files.
    killNow() {
      if (cleaned) return;
      cleaned = true;
      live.delete(handle);
      if (exited === null) killGroup(child.pid, 'SIGKILL');
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
  live.add(handle);

  const baseUrl = `http://${host}:${port}`;
  try {
    await waitForHttp(`${baseUrl}/healthz`, { timeoutMs: 60_000, exited: () => exited });
  } catch (err) {
    handle.killNow();
    throw new Error(`code-server did not start: ${err.message}\n--- code-server output ---\n${lines.join('\n')}`);
  }

  return {
    port,
    baseUrl,
    // `urlHost: 'localhost'` gives the URL to show a person; the server answers on either name.
    workbenchUrl: ({ folder, extensionDevelopmentPath, extensionTestsPath, urlHost = host }) =>
      workbenchUrl({
        baseUrl: `http://${urlHost}:${port}`,
        authority: `${urlHost}:${port}`,
        folder,
        extensionDevelopmentPath,
        extensionTestsPath,
      }),
    output: () => lines.join('\n'),
    exited: exitPromise,
    async stop() {
      if (cleaned) return;
      if (exited === null) {
        killGroup(child.pid, 'SIGTERM');
        let timer;
        const timeout = new Promise((r) => (timer = setTimeout(r, 3000, 'timeout')));
        const outcome = await Promise.race([exitPromise, timeout]);
        clearTimeout(timer);
        if (outcome === 'timeout') killGroup(child.pid, 'SIGKILL');
      }
      // Helpers of the extension host may outlive the leader; end whatever is left of the group.
      killGroup(child.pid, 'SIGKILL');
      handle.killNow();
    },
  };
}

/**
 * The URL that opens `folder` in the workbench and, through VS Code's `payload` parameter, loads
 * the extension under development and runs its tests in the server's Node extension host.
 */
export function workbenchUrl({ baseUrl, authority, folder, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (p) => `vscode-remote://${authority}${path.resolve(p)}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  let url = `${baseUrl}/?folder=${encodeURI(path.resolve(folder)).replace(/[?#&]/g, encodeURIComponent)}`;
  if (payload.length > 0) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/**
 * Launches Debian's Chromium headless through playwright-core (never a downloaded browser).
 * @param {{ chromiumPath: string }} options
 * @returns {Promise<import('playwright-core').Browser>}
 */
export async function launchChromium({ chromiumPath }) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // Our exit hooks own the cleanup order; playwright's own would race them on Ctrl-C.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** A free TCP port on `host`, as the kernel hands it out. */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Whether `port` on `host` can be listened on right now. */
export function isPortFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/**
 * The parent's environment minus what would point code-server at another VS Code: when these
 * scripts run in a VS Code terminal, VSCODE_* (IPC hooks, agent folder, proxy URI) belong to it.
 */
function inheritedEnv() {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('VSCODE_') && key !== 'ELECTRON_RUN_AS_NODE'),
  );
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

async function waitForHttp(url, { timeoutMs, exited }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = exited();
    if (state) {
      throw new Error(state.error ? state.error.message : `it exited (code ${state.code}, signal ${state.signal})`);
    }
    if (await answers(url)) return;
    if (Date.now() > deadline) throw new Error(`no answer from ${url} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function answers(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode !== undefined && res.statusCode < 500);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}
