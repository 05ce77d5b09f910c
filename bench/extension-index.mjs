#!/usr/bin/env node
// Cold index of one repository, CLI against extension, in one run: `runbooks index --no-cache`
// (wall time of the process, the baseline) and the extension in the real workbench (code-server +
// headless Chromium, fresh user data, so no index cache): the time from the start of activation to
// the index being complete, as the extension records it. Prints both, their ratio, the doc counts
// and the load average. Build first (`npm run build`).
//
//   node bench/extension-index.mjs --folder DIR [--cli-runs 3] [--extension-runs 1]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { runVsCodeTests } from '../scripts/run-vscode-tests.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const { values } = parseArgs({ options: { folder: { type: 'string' }, 'cli-runs': { type: 'string' }, 'extension-runs': { type: 'string' } } });
if (!values.folder) {
  process.stderr.write('usage: node bench/extension-index.mjs --folder DIR [--cli-runs 3] [--extension-runs 1]\n');
  process.exit(2);
}
const folder = path.resolve(values.folder);
const cliRuns = Number(values['cli-runs'] ?? 3);
const extensionRuns = Number(values['extension-runs'] ?? 1);
const cli = path.join(repoRoot, 'dist', 'cli.js');
for (const file of [cli, path.join(repoRoot, 'dist', 'extension.js')]) {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
}
const load = () => os.loadavg().map((n) => n.toFixed(2)).join(' ');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const log = (line) => process.stderr.write(`[bench] ${line}\n`);
const loadBefore = load();

// The CLI: a warm-up run (the file cache, as the workbench run after it will have), then timed runs.
const tmpHome = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-bench-'));
const env = { PATH: process.env.PATH ?? '', HOME: tmpHome, XDG_CACHE_HOME: path.join(tmpHome, 'cache') };
function cliIndex() {
  const started = performance.now();
  const out = execFileSync(process.execPath, [cli, 'index', '--root', folder, '--no-cache', '--format', 'json'], { env, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' });
  const ms = performance.now() - started;
  return { ms, docs: JSON.parse(out).summary.documents };
}
cliIndex();
const cliTimes = [];
let cliDocs = 0;
for (let i = 0; i < cliRuns; i++) {
  const run = cliIndex();
  cliTimes.push(run.ms);
  cliDocs = run.docs;
  log(`CLI run ${i + 1}: ${run.ms.toFixed(0)} ms, ${run.docs} docs`);
}

// The extension: a fresh code-server per run (fresh user data: no index cache), the probe as its suite.
const probe = path.join(here, 'extension-index-probe.cjs');
const extension = [];
for (let i = 0; i < extensionRuns; i++) {
  const out = path.join(tmpHome, `extension-${i}.json`);
  // What the extension host prints goes to stdout in runVsCodeTests: to stderr here, so stdout is the figures.
  const write = process.stdout.write;
  process.stdout.write = process.stderr.write.bind(process.stderr);
  const code = await runVsCodeTests({ workspace: folder, copy: false, suite: probe, timeoutSeconds: 600, env: { RUNBOOKS_BENCH_OUT: out }, log }).finally(() => {
    process.stdout.write = write;
  });
  if (code !== 0 || !fs.existsSync(out)) throw new Error(`the workbench run failed (exit ${code})`);
  const stats = JSON.parse(fs.readFileSync(out, 'utf8'));
  extension.push(stats);
  log(`extension run ${i + 1}: ready ${stats.readyMs} ms after activation began (build ${stats.buildMs} ms), ${stats.docs} docs`);
}
fs.rmSync(tmpHome, { recursive: true, force: true });

const cliMs = median(cliTimes);
const readyMs = median(extension.map((s) => s.readyMs));
const buildMs = median(extension.map((s) => s.buildMs));
const lines = [
  `repository: ${folder}`,
  `docs: CLI ${cliDocs}, extension ${extension[0].docs}${cliDocs === extension[0].docs ? '' : '  (DIFFERENT)'}`,
  `CLI index --no-cache (process wall time, median of ${cliRuns}): ${cliMs.toFixed(0)} ms`,
  `extension cold index, activation began -> index complete (median of ${extensionRuns}): ${readyMs} ms (build alone ${buildMs} ms; activate() ${extension[0].activationMs} ms)`,
  `ratio extension / CLI: ${(readyMs / cliMs).toFixed(2)}`,
  `load average (1, 5, 15 min): before ${loadBefore}, after ${load()}; ${os.availableParallelism()} cores`,
];
process.stdout.write(`${lines.join('\n')}\n`);
