#!/usr/bin/env node
// Takes the README's screenshots from the real workbench on the demo workspace:
//   node scripts/readme-screenshots.mjs   (after npm run build)
// Writes media/screenshots/*.png (not packaged: .vscodeignore admits only media/*.svg|png).
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
// Work on a copy so nothing the workbench writes (settings, open editors) lands in the repo.
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-shots-'));
fs.cpSync(demo, path.join(workspace, 'acme-platform'), { recursive: true });
const folder = path.join(workspace, 'acme-platform');

async function palette(page, command) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget:not([style*="display: none"]) input', { timeout: 15_000 });
  await page.keyboard.type(command);
  await page.waitForTimeout(600);
  await page.keyboard.press('Enter');
}

try {
  await withWorkbench({ folder, viewport: { width: 1440, height: 900 }, settings: { 'workbench.colorTheme': 'Default Dark Modern' } }, async (page) => {
    const icon = page.locator('.activitybar [aria-label^="Runbooks"]').first();
    await icon.waitFor({ timeout: 60_000 });
    await icon.click();
    await page.waitForSelector('.monaco-list-row[aria-level="2"]', { timeout: 60_000 });
    // Open a runbook from the tree and expand its outline.
    const row = page.locator('.monaco-list-row', { hasText: 'Checkout DB connection pool exhausted' }).first();
    await row.click();
    await row.locator('.monaco-tl-twistie').click();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(out, 'tree.png') });

    await palette(page, 'Runbooks: Search Runbooks');
    await page.waitForTimeout(800);
    await page.keyboard.type('pool exhausted pgbouncer');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(out, 'search.png') });
    await page.keyboard.press('Escape');

    await palette(page, 'Runbooks: Open Runbook for Alert');
    await page.waitForTimeout(1200);
    await page.screenshot({ path: path.join(out, 'alert.png') });
    await page.keyboard.press('Escape');

    await palette(page, 'Runbooks: Check Runbook Staleness');
    await page.waitForTimeout(5000);
    await palette(page, 'View: Show Problems');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(out, 'problems.png') });

    // Run a check from its CodeLens: output in "Runbook Runs", ✓ mark and time on the fence.
    await palette(page, 'View: Close Panel');
    const diagnosis = page.locator('.monaco-list-row', { hasText: 'Diagnosis' }).first();
    await diagnosis.click();
    await page.waitForTimeout(1500);
    const run = page.locator('.codelens-decoration a', { hasText: /^\s*Run\s*$/ }).first();
    await run.waitFor({ timeout: 30_000 });
    await run.click();
    await page.waitForSelector('.codelens-decoration a:has-text(" s")', { timeout: 30_000 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(out, 'run.png') });

    // An incident: start it, add a note, run a check, open the timeline.
    await palette(page, 'Runbooks: Start Incident');
    await page.waitForTimeout(800);
    await page.keyboard.type('Checkout 5xx: DB pool exhausted');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(800);
    await page.keyboard.type('SEV2');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(800);
    await page.keyboard.press('Enter'); // keep the open runbook as the incident's runbook
    await page.waitForTimeout(1500);
    await palette(page, 'Runbooks: Add Incident Note');
    await page.waitForTimeout(800);
    await page.keyboard.type('Paged team-checkout; error rate 12% and climbing');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1000);
    await page.locator('.codelens-decoration a', { hasText: /^\s*Run\s*$/ }).first().click();
    await page.waitForTimeout(2500);
    await palette(page, 'Runbooks: Open Active Incident');
    await page.waitForTimeout(1500);
    await palette(page, 'View: Close Panel');
    await palette(page, 'Notifications: Clear All Notifications');
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(out, 'incident.png') });
  });
  console.log(`screenshots written to ${path.relative(repoRoot, out)}/`);
} finally {
  fs.rmSync(workspace, { recursive: true, force: true });
}
