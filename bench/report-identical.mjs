#!/usr/bin/env node
// Runs two builds of the CLI on the same folders and says whether their output is byte for byte
// the same: `runbooks report --format json` and `runbooks index --format json` by default.
//
//   node bench/report-identical.mjs --before OLD/dist/cli.js [--after dist/cli.js] [--command report] [--rows] [--format F] DIR...
//
// `--rows` compares the rows only (`docs` of the JSON envelope, or the whole output of a build from
// before the envelope), re-serialised the same way: for comparing across the JSON envelope change.
// `--format` (default json) compares another format byte for byte (text, github, sarif).
//
// Build the "before" CLI from a commit in a scratch worktree, e.g.
//   git worktree add /tmp/before <commit> && ln -s "$PWD/node_modules" /tmp/before/ && (cd /tmp/before && node esbuild.js)
// Runs with --no-cache and a throwaway XDG_CACHE_HOME, so nothing is read from or written to a cache
// (and never to the folders). Exit code 1 when any output differs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const args = process.argv.slice(2);
const take = (name) => {
  const values = [];
  for (let i = args.indexOf(name); i >= 0; i = args.indexOf(name)) {
    values.push(args[i + 1]);
    args.splice(i, 2);
  }
  return values;
};
const before = take('--before')[0];
const after = take('--after')[0] ?? 'dist/cli.js';
const commands = take('--command');
const format = take('--format')[0] ?? 'json';
const rowsOnly = args.includes('--rows');
if (rowsOnly) args.splice(args.indexOf('--rows'), 1);
/** The rows of a JSON output (`docs` of the envelope, or the output itself before it), re-serialised; other text as it is. */
function rowsOf(out) {
  try {
    const parsed = JSON.parse(out);
    return JSON.stringify(parsed.docs ?? parsed, null, 2);
  } catch {
    return out;
  }
}
if (!before || args.length === 0) {
  console.error('usage: node bench/report-identical.mjs --before OLD/dist/cli.js [--after dist/cli.js] [--command report|index ...] DIR...');
  process.exit(2);
}

const cache = mkdtempSync(path.join(tmpdir(), 'runbooks-identical-'));
const env = { ...process.env, XDG_CACHE_HOME: cache };
function run(cli, command, dir) {
  const started = process.hrtime.bigint();
  let out;
  try {
    out = execFileSync(process.execPath, [path.resolve(cli), command, '--root', dir, '--format', format, '--no-cache'], { env, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  } catch (error) {
    out = `exit ${error.status}\n${error.stdout ?? ''}`;
  }
  return { out, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

let differ = 0;
try {
  for (const dir of args.map((d) => path.resolve(d))) {
    for (const command of commands.length ? commands : ['report', 'index']) {
      const a = run(before, command, dir);
      const b = run(after, command, dir);
      if (rowsOnly) {
        a.out = rowsOf(a.out);
        b.out = rowsOf(b.out);
      }
      const same = a.out === b.out;
      if (!same) differ++;
      let detail = '';
      if (!same) {
        const la = a.out.split('\n');
        const lb = b.out.split('\n');
        const i = la.findIndex((line, n) => line !== lb[n]);
        detail = `  first difference at line ${i + 1}:\n    before: ${la[i]}\n    after:  ${lb[i]}`;
      }
      let docs = '';
      try {
        const parsed = JSON.parse(b.out);
        docs = `${(parsed.docs ?? parsed).length} docs, `;
      } catch {
        // not JSON (an error exit): the comparison above still holds
      }
      console.log(`${same ? 'identical' : 'DIFFERENT'}  ${command.padEnd(6)} ${format}${rowsOnly ? ' rows' : ''} ${dir}  (${docs}${a.out.length} bytes; before ${a.ms.toFixed(0)} ms, after ${b.ms.toFixed(0)} ms)`);
      if (detail) console.log(detail);
    }
  }
} finally {
  rmSync(cache, { recursive: true, force: true });
}
process.exitCode = differ ? 1 : 0;
