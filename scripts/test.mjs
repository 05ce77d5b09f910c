// `npm test`: every check a change must pass, in the order that fails fastest.
// Type-check, lint, build, unit tests (plain Node), integration tests in a real VS Code
// (code-server + headless Chromium, installed on first run), then the package check.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(repo, 'node_modules', '.bin', name);
const only = process.argv.includes('--unit') ? 'unit' : process.argv.includes('--integration') ? 'integration' : undefined;

const steps = [
  { name: 'typecheck', cmd: bin('tsc'), args: ['--noEmit', '-p', '.'] },
  { name: 'lint', cmd: bin('eslint'), args: ['src', 'test', 'bench', 'scripts', 'esbuild.js'] },
  { name: 'build', cmd: process.execPath, args: ['esbuild.js'] },
  { name: 'unit', cmd: bin('mocha'), args: [], counts: true },
  {
    name: 'integration',
    cmd: process.execPath,
    args: ['scripts/run-vscode-tests.mjs', '--workspace', 'test/fixtures/workspace-basic'],
    counts: true,
  },
  {
    name: 'integration (Restricted Mode)',
    cmd: process.execPath,
    args: ['scripts/run-vscode-tests.mjs', '--workspace', 'test/fixtures/workspace-basic', '--no-trust', '--suite', 'out/test/integration/restricted-mode.js'],
    counts: true,
  },
  {
    name: 'integration (first contact: a repository without runbook folders)',
    cmd: process.execPath,
    args: ['scripts/run-vscode-tests.mjs', '--workspace', 'test/fixtures/workspace-plain', '--suite', 'out/test/integration/first-contact.js'],
    counts: true,
  },
  { name: 'package', cmd: process.execPath, args: ['scripts/check-package.mjs'] },
].filter((s) => !only || s.name.startsWith(only) || s.name === 'build');

function run(step) {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(step.cmd, step.args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    child.stdout.on('data', (d) => {
      output += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

let passed = 0;
let failed = 0;
const started = Date.now();
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const { code, output } = await run(step);
  if (step.counts) {
    passed += Number(/(\d+) passing/.exec(output)?.[1] ?? 0);
    failed += Number(/(\d+) failing/.exec(output)?.[1] ?? 0);
  }
  if (code !== 0) {
    console.error(`\n${step.name} failed (exit ${code}).`);
    if (failed === 0) failed = 1;
    console.log(`tests: ${passed} passed, ${failed} failed`);
    process.exit(1);
  }
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
console.log(`tests: ${passed} passed, ${failed} failed`);
