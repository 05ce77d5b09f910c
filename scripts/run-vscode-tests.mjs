#!/usr/bin/env node
// Runs a mocha integration suite in a real VS Code without a download from Microsoft:
// code-server from npm serves the workbench, headless Debian Chromium opens it with a payload
// that loads the extension under development and runs the suite in the server's Node extension
// host (shared/VSCODE_TESTING.md). Exit code: the suite's (0 pass, 1 fail or timeout),
// 2 for usage or tool errors.
//
//   node scripts/run-vscode-tests.mjs --workspace DIR [--no-copy] [--extension DIR]
//     [--suite FILE] [--no-trust] [--timeout SECONDS] [--env KEY=VALUE ...]
//     [--screenshot-dir DIR] [--verbose]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, parseArgs } from 'node:util';

import { launchChromium, startCodeServer } from './lib/code-server.mjs';
import { ensureTestEnv, repoRoot } from './lib/test-env.mjs';

const USAGE = `Usage: node scripts/run-vscode-tests.mjs --workspace DIR [options]

  --workspace DIR        folder to open (required); copied to a temp dir first
  --no-copy              open the workspace in place instead of a copy
  --extension DIR        extension under development (default: the repo root)
  --suite FILE           compiled suite entry exporting run() (default: out/test/integration/index.js)
  --no-trust             keep Workspace Trust on (for Restricted Mode tests)
  --timeout SECONDS      whole-run limit (default: 300)
  --env KEY=VALUE        environment for the extension host (repeatable)
  --screenshot-dir DIR   save final.png of the workbench at the end
  --verbose              also print code-server's output and the page's console errors`;

class UsageError extends Error {}

const prefix = '[vscode-tests]';
const defaultLog = (line) => process.stderr.write(`${prefix} ${line}\n`);

/**
 * Runs the suite once and resolves to the exit code: the suite's (0 or 1), 1 on timeout.
 * Throws on usage errors (missing files) and when code-server or Chromium cannot start.
 *
 * @param {object} opts
 * @param {string} opts.workspace folder to open
 * @param {boolean} [opts.copy] open a fresh temp copy (default true), so tests may change it
 * @param {string} [opts.extensionDir] default: the repo root
 * @param {string} [opts.suite] default: `<repo>/out/test/integration/index.js`
 * @param {boolean} [opts.trust] false keeps Workspace Trust on
 * @param {number} [opts.timeoutSeconds] default 300
 * @param {Record<string, string>} [opts.env] reaches the extension host; RUNBOOKS_TEST_WORKSPACE
 *   is added with the path of the opened workspace
 * @param {string} [opts.screenshotDir] where to save final.png at the end
 * @param {boolean} [opts.verbose]
 * @param {(line: string) => void} [opts.log]
 * @returns {Promise<number>}
 */
export async function runVsCodeTests({
  workspace,
  copy = true,
  extensionDir = repoRoot,
  suite = path.join(repoRoot, 'out', 'test', 'integration', 'index.js'),
  trust = true,
  timeoutSeconds = 300,
  env = {},
  screenshotDir,
  verbose = false,
  log = defaultLog,
}) {
  const started = Date.now();
  if (!workspace) throw new UsageError('--workspace DIR is required');
  workspace = path.resolve(workspace);
  extensionDir = path.resolve(extensionDir);
  suite = path.resolve(suite);
  checkInputs({ workspace, extensionDir, suite });

  const { codeServerBin, chromiumPath } = await ensureTestEnv({ log });

  let workspaceDir = workspace;
  let workspaceTmp;
  const cleanups = [];
  try {
    if (copy) {
      workspaceTmp = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-ws-'));
      const removeCopy = () => fs.rmSync(workspaceTmp, { recursive: true, force: true });
      // Also on Ctrl-C, when code-server's exit hooks end the process before `finally` runs.
      process.on('exit', removeCopy);
      cleanups.push(() => {
        process.off('exit', removeCopy);
        removeCopy();
      });
      // Same folder name, so the workbench title and anything keyed on it look as in real use.
      workspaceDir = path.join(workspaceTmp, path.basename(workspace));
      fs.cpSync(workspace, workspaceDir, { recursive: true, verbatimSymlinks: true });
    }

    const server = await startCodeServer({
      codeServerBin,
      trust,
      // A fake kubeconfig unless the caller names one: the tests never see the developer's clusters.
      extraEnv: { KUBECONFIG: path.join(repoRoot, 'test', 'fixtures', 'kube', 'staging-us.yaml'), ...env, RUNBOOKS_TEST_WORKSPACE: workspaceDir },
      verbose,
      log,
    });
    cleanups.push(() => server.stop());
    const browser = await launchChromium({ chromiumPath });
    cleanups.push(() => browser.close());

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    if (verbose) {
      page.on('console', (msg) => {
        if (msg.type() === 'error') log(`[page] ${msg.text()}`);
      });
    }
    page.on('pageerror', (err) => log(`[page error] ${err.message}`));

    /** @type {(code: number) => void} */
    let settle;
    const exited = new Promise((resolve) => (settle = resolve));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = Array.isArray(args) ? format(...args) : format(args);
      const stream = type === 'error' || type === 'warn' ? process.stderr : process.stdout;
      for (const line of text.split('\n')) stream.write(`${line}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => settle(Number(code) || 0));

    const url = server.workbenchUrl({ folder: workspaceDir, extensionDevelopmentPath: extensionDir, extensionTestsPath: suite });
    log(`code-server ${server.baseUrl}, workspace ${workspaceDir}${trust ? '' : ' (Workspace Trust on)'}`);
    await page.goto(url);

    let timer;
    const timedOut = new Promise((resolve) => (timer = setTimeout(resolve, timeoutSeconds * 1000, 'timeout')));
    const crashed = new Promise((resolve) => page.once('crash', () => resolve('crash')));
    const outcome = await Promise.race([exited, timedOut, crashed, server.exited.then(() => 'server-exited')]);
    clearTimeout(timer);

    let code;
    if (outcome === 'server-exited' || outcome === 'crash') {
      log(
        `${outcome === 'crash' ? 'the workbench page crashed' : 'code-server exited'} before the suite finished.\n` +
          `--- last code-server output ---\n${tailLines(server.output(), 30)}`,
      );
      code = 1;
    } else if (outcome === 'timeout') {
      const shot = path.join(repoRoot, 'test-results', 'timeout.png');
      await saveScreenshot(page, shot);
      log(
        `TIMEOUT: the suite did not finish within ${timeoutSeconds} s (did run() never settle, or did the ` +
          `extension host fail to start?). Screenshot of the workbench: ${shot}\n` +
          `--- last code-server output ---\n${tailLines(server.output(), 30)}`,
      );
      code = 1;
    } else {
      code = outcome;
    }
    if (screenshotDir) await saveScreenshot(page, path.join(path.resolve(screenshotDir), 'final.png'));
    log(`${code === 0 ? 'passed' : 'FAILED'} (exit ${code}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return code;
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (err) {
        log(`cleanup: ${err.message}`);
      }
    }
  }
}

function checkInputs({ workspace, extensionDir, suite }) {
  if (!isDir(workspace)) throw new UsageError(`The workspace ${workspace} is not a folder.`);
  const manifest = path.join(extensionDir, 'package.json');
  if (!fs.existsSync(manifest)) throw new UsageError(`No extension at ${extensionDir}: it has no package.json.`);
  const { main } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  if (main) {
    const entry = path.resolve(extensionDir, main);
    if (![entry, `${entry}.js`].some((f) => fs.existsSync(f))) {
      throw new UsageError(`The extension's entry ${entry} does not exist: build it first (npm run build).`);
    }
  }
  if (!fs.existsSync(suite)) throw new UsageError(`The test suite ${suite} does not exist: build it first (npm run build).`);
}

async function saveScreenshot(page, file) {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file, timeout: 15_000 });
  } catch (err) {
    defaultLog(`could not save a screenshot to ${file}: ${err.message}`);
  }
}

function isDir(p) {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function tailLines(text, n) {
  return text.split('\n').slice(-n).join('\n');
}

function parseCli(argv) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      workspace: { type: 'string' },
      'no-copy': { type: 'boolean' },
      extension: { type: 'string' },
      suite: { type: 'string' },
      'no-trust': { type: 'boolean' },
      timeout: { type: 'string' },
      env: { type: 'string', multiple: true },
      'screenshot-dir': { type: 'string' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true };
  const env = {};
  for (const pair of values.env ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--env expects KEY=VALUE, got "${pair}"`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const timeoutSeconds = values.timeout === undefined ? 300 : Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new UsageError(`--timeout expects seconds, got "${values.timeout}"`);
  return {
    workspace: values.workspace,
    copy: !values['no-copy'],
    extensionDir: values.extension,
    suite: values.suite,
    trust: !values['no-trust'],
    timeoutSeconds,
    env,
    screenshotDir: values['screenshot-dir'],
    verbose: Boolean(values.verbose),
  };
}

async function main() {
  let opts;
  try {
    opts = parseCli(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // parseArgs leaves unset options undefined; let runVsCodeTests apply its defaults.
  for (const key of Object.keys(opts)) if (opts[key] === undefined) delete opts[key];
  try {
    return await runVsCodeTests(opts);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${prefix} ${err.message}\n`);
    } else {
      process.stderr.write(`${prefix} error: ${err.stack ?? err}\n`);
    }
    return 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
