#!/usr/bin/env node
// Takes the README's screenshot of the Alerts view from the real workbench on the demo workspace:
//   node scripts/alerts-screenshot.mjs   (builds first; writes media/screenshots/alerts.png)
// Kept apart from readme-screenshots.mjs so it can be retaken without retaking the others.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withWorkbench } from './screenshot.mjs';
import { prepareDemoWorkspace } from './lib/demo.mjs';
import { repoRoot } from './lib/test-env.mjs';

execFileSync(process.execPath, ['esbuild.js'], { cwd: repoRoot, stdio: 'inherit' });
const out = path.join(repoRoot, 'media', 'screenshots');
fs.mkdirSync(out, { recursive: true });
const demo = await prepareDemoWorkspace({ repoRoot });
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-alerts-shot-'));
const folder = path.join(workspace, 'acme-platform');
fs.cpSync(demo, folder, { recursive: true });

try {
  await withWorkbench({ folder, viewport: { width: 1440, height: 900 }, settings: { 'workbench.colorTheme': 'Default Dark Modern' } }, async (page) => {
    const icon = page.locator('.activitybar [aria-label^="Runbooks"]').first();
    await icon.waitFor({ timeout: 60_000 });
    await icon.click();
    // Give the Alerts view the room: fold the Runbooks and Incidents views.
    for (const title of ['Runbooks', 'Incidents']) {
      const header = page.locator('.pane-header', { has: page.locator(`h3.title:text-is("${title}")`) }).first();
      await header.waitFor({ timeout: 60_000 });
      if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
    }
    const alerts = page.locator('.pane-header', { has: page.locator('h3.title:text-is("Alerts")') }).first();
    if ((await alerts.getAttribute('aria-expanded')) !== 'true') await alerts.click();
    const uncovered = page.locator('.monaco-list-row', { hasText: 'CheckoutLatencyP99High' }).first();
    await uncovered.waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1500);
    await uncovered.click();
    await page.waitForSelector('.notifications-toasts .notification-toast', { timeout: 15_000 });
    await page.waitForTimeout(1000);
    await page.screenshot({ path: path.join(out, 'alerts.png') });
  });
  console.log(`screenshot written to ${path.relative(repoRoot, path.join(out, 'alerts.png'))}`);
} finally {
  fs.rmSync(workspace, { recursive: true, force: true });
}
