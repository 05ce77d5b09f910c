#!/usr/bin/env node
// Pictures of the real workbench, for the README and for checking the UI by eye.
//
// As a module: `withWorkbench({ folder, extensionDevelopmentPath }, async (page) => { ... })`.
// As a command: node scripts/screenshot.mjs --folder DIR [--extension DIR] [--out FILE]
//   [--width 1400] [--height 900] [--wait-for SELECTOR]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { launchChromium, startCodeServer } from './lib/code-server.mjs';
import { ensureTestEnv, repoRoot } from './lib/test-env.mjs';

const defaultLog = (line) => process.stderr.write(`[screenshot] ${line}\n`);

/**
 * Starts code-server and headless Chromium, opens `folder` with the extension under development,
 * waits for the workbench, runs `fn(page)` and always cleans up.
 *
 * @template T
 * @param {object} options
 * @param {string} options.folder the workspace to open (opened in place, not copied)
 * @param {string} [options.extensionDevelopmentPath] default: the repo root
 * @param {{ width: number, height: number }} [options.viewport]
 * @param {number} [options.deviceScaleFactor] 2 for sharper README pictures; default 1
 * @param {boolean} [options.trust] false keeps Workspace Trust on
 * @param {Record<string, unknown>} [options.settings] VS Code user settings
 * @param {Record<string, string>} [options.extraEnv] reaches the extension host
 * @param {(line: string) => void} [options.log]
 * @param {(page: import('playwright-core').Page) => Promise<T>} fn
 * @returns {Promise<T>} what `fn` returned
 */
export async function withWorkbench(
  {
    folder,
    extensionDevelopmentPath = repoRoot,
    viewport = { width: 1400, height: 900 },
    deviceScaleFactor = 1,
    trust = true,
    settings,
    extraEnv,
    log = defaultLog,
  },
  fn,
) {
  const { codeServerBin, chromiumPath } = await ensureTestEnv({ log });
  const server = await startCodeServer({ codeServerBin, trust, settings, extraEnv, log });
  let browser;
  try {
    browser = await launchChromium({ chromiumPath });
    const page = await browser.newPage({ viewport, deviceScaleFactor });
    page.on('pageerror', (err) => log(`[page error] ${err.message}`));
    await page.goto(server.workbenchUrl({ folder: path.resolve(folder), extensionDevelopmentPath: path.resolve(extensionDevelopmentPath) }));
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    return await fn(page);
  } finally {
    await browser?.close();
    await server.stop();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      folder: { type: 'string' },
      extension: { type: 'string' },
      out: { type: 'string' },
      width: { type: 'string' },
      height: { type: 'string' },
      'wait-for': { type: 'string' },
    },
  });
  if (!values.folder) {
    process.stderr.write('Usage: node scripts/screenshot.mjs --folder DIR [--extension DIR] [--out FILE] [--width N] [--height N] [--wait-for SELECTOR]\n');
    return 2;
  }
  const out = path.resolve(values.out ?? path.join(repoRoot, 'test-results', 'screenshot.png'));
  await withWorkbench(
    {
      folder: values.folder,
      extensionDevelopmentPath: values.extension ?? repoRoot,
      viewport: { width: Number(values.width ?? 1400), height: Number(values.height ?? 900) },
    },
    async (page) => {
      if (values['wait-for']) await page.waitForSelector(values['wait-for'], { timeout: 30_000 });
      // Let late views and icons paint.
      await page.waitForTimeout(2000);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      await page.screenshot({ path: out });
    },
  );
  process.stdout.write(`${out}\n`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      defaultLog(`failed: ${err.stack ?? err}`);
      process.exit(1);
    },
  );
}
