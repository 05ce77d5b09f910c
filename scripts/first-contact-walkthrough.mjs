#!/usr/bin/env node
// The first two minutes on a repository nobody tuned for, in the real workbench (code-server +
// headless Chromium): opens FOLDER with the built extension, clicks the Runbooks icon as soon as it
// appears, and times how long until the tree has docs and until Problems has findings. Screenshots
// of the tree and of Problems go to --out. With --search QUERY it also searches the runbooks (the
// command palette's "Runbooks: Search Runbooks…") once the tree shows, and times the first result.
// Run `node esbuild.js` first.
//
//   node scripts/first-contact-walkthrough.mjs --folder DIR [--out DIR] [--name NAME] [--expand GROUP] [--search QUERY]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { withWorkbench } from './screenshot.mjs';

const { values } = parseArgs({
  options: { folder: { type: 'string' }, out: { type: 'string' }, name: { type: 'string' }, expand: { type: 'string' }, search: { type: 'string' } },
});
if (!values.folder) {
  process.stderr.write('usage: node scripts/first-contact-walkthrough.mjs --folder DIR [--out DIR] [--name NAME] [--expand GROUP] [--search QUERY]\n');
  process.exit(2);
}
const folder = path.resolve(values.folder);
const out = path.resolve(values.out ?? 'test-results/first-contact');
const name = values.name ?? path.basename(folder);
fs.mkdirSync(out, { recursive: true });
const log = (line) => process.stderr.write(`[walkthrough] ${line}\n`);

const times = await withWorkbench({ folder, viewport: { width: 1400, height: 900 }, log }, async (page) => {
  const start = Date.now();
  const since = () => ((Date.now() - start) / 1000).toFixed(1);
  const result = { workbench: 0, icon: 0, tree: 0, problems: 0, problemCount: '' };
  result.workbench = Number(since());

  // The extension activates by itself on a workspace with markdown: its icon appears without any command.
  const icon = page.locator('.activitybar [aria-label^="Runbooks"]').first();
  await icon.waitFor({ timeout: 120_000 });
  result.icon = Number(since());
  await icon.click();
  await page.waitForSelector('.pane-body .monaco-list-row[aria-level="2"]', { timeout: 180_000 });
  result.tree = Number(since());
  log(`tree shows docs after ${result.tree} s`);

  if (values.search) {
    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget:not([style*="display: none"]) input', { timeout: 15_000 });
    await page.keyboard.type('Runbooks: Search Runbooks');
    await page.waitForTimeout(800);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.quick-input-widget input[placeholder^="Search runbooks"]', { timeout: 30_000 });
    const firstRow = () => document.querySelector('.quick-input-widget .quick-input-list .monaco-list-row')?.textContent ?? '';
    const browsing = await page.evaluate(firstRow);
    await page.keyboard.type(values.search);
    // The list changes from the browse list (runbooks by title) to the query's hits.
    await page
      .waitForFunction((before) => {
        const now = document.querySelector('.quick-input-widget .quick-input-list .monaco-list-row')?.textContent ?? '';
        return now !== '' && now !== before;
      }, browsing, { timeout: 30_000 })
      .catch(() => log('the first search result is the first runbook of the browse list, or there is none'));
    result.search = Number(since());
    result.searchTop = ((await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().textContent({ timeout: 2000 }).catch(() => '(no result)')) ?? '').trim().slice(0, 120);
    log(`search "${values.search}" shows results after ${result.search} s: ${result.searchTop}`);
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(out, `${name}-search.png`) });
    await page.keyboard.press('Escape');
  }

  // Problems: the status bar's count leaves 0 once the index and the staleness check are done.
  const status = page.locator('#status\\.problems');
  const deadline = Date.now() + 180_000;
  let text = '';
  while (Date.now() < deadline) {
    text = ((await status.getAttribute('aria-label').catch(() => '')) ?? '').trim();
    if (/[1-9]/.test(text)) break;
    await page.waitForTimeout(250);
  }
  result.problems = Number(since());
  log(`Problems non-empty after ${result.problems} s: ${text}`);
  // Let the staleness check settle (the count can grow as verdicts arrive).
  let last = '';
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(1000);
    const now = ((await status.getAttribute('aria-label').catch(() => '')) ?? '').trim();
    if (now === last && i > 5) break;
    last = now;
  }
  result.problemCount = last;
  result.settled = Number(since());

  if (values.expand) {
    const group = page.locator('.pane-body .monaco-list-row[aria-level="1"]', { hasText: values.expand }).first();
    if (await group.count()) await group.click();
    await page.waitForTimeout(800);
  }
  await page.screenshot({ path: path.join(out, `${name}-tree.png`) });

  await page.keyboard.press('Control+Shift+M');
  await page.waitForTimeout(2500);
  await page.screenshot({ path: path.join(out, `${name}-problems.png`) });

  // The worst problem: open it from Problems, reveal its doc in the Runbooks view, hover the node
  // (its health line and the badge legend).
  const marker = page.locator('.markers-panel .monaco-list-row[aria-level="2"]').first();
  if (await marker.count()) {
    await marker.dblclick();
    await page.waitForTimeout(1500);
    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget:not([style*="display: none"]) input', { timeout: 15_000 });
    await page.keyboard.type('Runbooks: Reveal in Runbooks View');
    await page.waitForTimeout(800);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1500);
    const node = page.locator('.part.sidebar .monaco-list-row.selected').first();
    if (await node.count()) {
      await node.hover();
      await page.waitForTimeout(2500);
    }
    await page.screenshot({ path: path.join(out, `${name}-reveal.png`) });
  }
  return result;
});

process.stdout.write(`${JSON.stringify({ name, ...times })}\n`);
