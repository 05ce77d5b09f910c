#!/usr/bin/env node
// `npm start [-- /path/to/repo]`: build, then open the demo workspace (or your repository) in VS
// Code with the extension under development loaded.
//
// - Desktop VS Code (`code` on PATH, RUNBOOKS_USE_CODE_SERVER unset): launches it and returns.
// - Otherwise: serves VS Code in the browser with code-server on 127.0.0.1 (port RUNBOOKS_PORT,
//   else 8080 when free, else any free one) until Ctrl-C.
// - `--smoke`: for sessions without a display; opens the URL once in headless Chromium, waits for
//   the workbench, saves test-results/start-smoke.png, stops the server, says so and exits 0.
//
// Developer overrides: RUNBOOKS_EXTENSION_DIR loads another extension folder (and skips the
// build), RUNBOOKS_DEMO_DIR opens another folder.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';

import { isPortFree, freePort, launchChromium, startCodeServer } from './lib/code-server.mjs';
import { prepareDemoWorkspace } from './lib/demo.mjs';
import { ensureTestEnv, repoRoot } from './lib/test-env.mjs';

const log = (line) => process.stderr.write(`[start] ${line}\n`);

class StartError extends Error {}

async function main(argv) {
  const smoke = argv.includes('--smoke');
  const rest = argv.filter((a) => a !== '--smoke');
  const unknown = rest.find((a) => a.startsWith('-'));
  if (unknown || rest.length > 1) throw new StartError(`unknown argument ${unknown ?? rest[1]}; usage: npm start -- [/path/to/repo] [--smoke]`);
  const folderArg = rest[0] !== undefined ? path.resolve(rest[0]) : undefined;
  if (folderArg && !fs.statSync(folderArg, { throwIfNoEntry: false })?.isDirectory()) throw new StartError(`${folderArg} is not a folder; usage: npm start -- /path/to/repo`);

  const extensionDir = process.env.RUNBOOKS_EXTENSION_DIR ? path.resolve(process.env.RUNBOOKS_EXTENSION_DIR) : repoRoot;
  if (extensionDir === repoRoot) build();
  checkExtensionEntry(extensionDir);
  const demoDir = folderArg ?? (process.env.RUNBOOKS_DEMO_DIR
    ? path.resolve(process.env.RUNBOOKS_DEMO_DIR)
    : await prepareDemoWorkspace({ repoRoot, log }));

  const code = onPath('code');
  if (!smoke && code && !process.env.RUNBOOKS_USE_CODE_SERVER) {
    log(`opening ${demoDir} in VS Code (set RUNBOOKS_USE_CODE_SERVER=1 to use the browser instead)`);
    return run(code, [`--extensionDevelopmentPath=${extensionDir}`, demoDir]);
  }

  const { codeServerBin, chromiumPath } = await ensureTestEnv({ log });
  const port = await choosePort();
  if (!smoke) {
    // Registered before code-server's own hooks, so it is said before they end the process.
    process.once('SIGINT', () => log('stopping code-server…'));
  }
  const server = await startCodeServer({ codeServerBin, port, trust: true, log });
  const url = server.workbenchUrl({ folder: demoDir, extensionDevelopmentPath: extensionDir, urlHost: 'localhost' });

  if (smoke) {
    try {
      await smokeCheck({ url, chromiumPath });
    } finally {
      await server.stop();
    }
    process.stdout.write(`The workbench opened at ${url}\ncode-server has stopped (smoke mode); run npm start without --smoke to keep it running.\n`);
    return 0;
  }

  process.stdout.write(
    `\nLiving Runbooks is running in VS Code for the browser. Open:\n\n  ${url}\n\n` +
      `(${folderArg ? path.basename(demoDir) : `the ${path.basename(demoDir)} demo`} with the extension under development; Ctrl-C to stop)\n\n`,
  );
  const { code: exitCode, signal } = await server.exited;
  log(`code-server stopped by itself (exit ${exitCode}, signal ${signal}):\n${server.output()}`);
  return 1;
}

function build() {
  log('building (node esbuild.js)…');
  const result = spawnSync(process.execPath, ['esbuild.js'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new StartError('the build failed (node esbuild.js, errors above): fix them and run npm start again.');
  }
}

function checkExtensionEntry(extensionDir) {
  const manifest = path.join(extensionDir, 'package.json');
  if (!fs.existsSync(manifest)) throw new StartError(`${extensionDir} has no package.json: it is not an extension.`);
  const { main } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  if (!main) return;
  const entry = path.resolve(extensionDir, main);
  if (![entry, `${entry}.js`].some((f) => fs.existsSync(f))) {
    throw new StartError(`the extension's entry ${entry} does not exist: build it first.`);
  }
}

async function choosePort() {
  if (process.env.RUNBOOKS_PORT) {
    const port = Number(process.env.RUNBOOKS_PORT);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new StartError(`RUNBOOKS_PORT=${process.env.RUNBOOKS_PORT} is not a port.`);
    if (!(await isPortFree(port))) throw new StartError(`port ${port} (RUNBOOKS_PORT) is in use; pick another or unset it.`);
    return port;
  }
  return (await isPortFree(8080)) ? 8080 : freePort();
}

/** Opens the URL once headless and fails unless the workbench shows with the extension loaded. */
async function smokeCheck({ url, chromiumPath }) {
  const browser = await launchChromium({ chromiumPath });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // Extension host errors (say, a failed activation) reach the page's automation log.
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      if (type === 'error') log(`[extension host] ${Array.isArray(args) ? format(...args) : format(args)}`);
    });
    page.on('pageerror', (err) => log(`[page error] ${err.message}`));
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    // The title names the Extension Development Host only when the payload was understood.
    await page.waitForFunction(() => document.title.includes('[Extension Development Host]'), null, { timeout: 30_000 });
    await page
      .waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 30_000 })
      .catch(() => log('the explorer shows no files (is the demo folder empty?)'));
    // Let late views and icons paint before the picture.
    await page.waitForTimeout(2000);
    const shot = path.join(repoRoot, 'test-results', 'start-smoke.png');
    fs.mkdirSync(path.dirname(shot), { recursive: true });
    await page.screenshot({ path: shot });
    log(`the workbench showed (title "${await page.title()}"); screenshot: ${shot}`);
  } finally {
    await browser.close();
  }
}

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit' });
    child.on('error', (err) => {
      log(`${cmd} could not start: ${err.message}`);
      resolve(2);
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    log(err instanceof StartError ? `npm start failed: ${err.message}` : `npm start failed: ${err.stack ?? err}`);
    process.exit(1);
  },
);
