// Report identity (issue #17): proves a restructuring changed no verdict, score, reason or message.
//   node --import tsx bench/report-identity.ts record  --out DIR [--demo] [--generated C:F:D] [NAME=PATH ...]
//   node --import tsx bench/report-identity.ts compare --out DIR [--demo] [--generated C:F:D] [NAME=PATH ...]
// Runs the built CLI (`npm run build` first: dist/cli.js) as `runbooks report --format json` on each
// checkout three ways: without the history cache, then with a cold and a warm cache in a throw-away
// XDG_CACHE_HOME (so the cache code paths are covered too, and the user's cache is never touched).
// `record` saves DIR/NAME.json; `compare` checks that all three runs equal the saved output byte for
// byte (the top-level `root` aside, when it names the checkout given: the demo is built under the
// checkout running this) and prints the figures (documents, reasons, levels, sha256, time). `--demo` adds the
// acme-platform example with its scripted git history (scripts/lib/demo.mjs), built under .cache/;
// `--generated COMMITS:FILES:DOCS` the staleness benchmark's deterministic repository of that size
// (bench/generate-git-repo.ts, same SHAs on every machine), built once under .cache/report-identity/.
// Checkouts are only read. Exit 1 when anything differs.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { generateGitRepo } from './generate-git-repo';

const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const cli = path.join(repoRoot, 'dist', 'cli.js');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, demo: { type: 'boolean', default: false }, generated: { type: 'string' } },
});
const [mode, ...targetArgs] = positionals;
if ((mode !== 'record' && mode !== 'compare') || !values.out) {
  process.stderr.write('usage: report-identity.ts record|compare --out DIR [--demo] [--generated C:F:D] [NAME=PATH ...]\n');
  process.exit(2);
}
const outDir = path.resolve(values.out);

interface Run {
  stdout: string;
  stderr: string;
  code: number | null;
  ms: number;
}

function runReport(root: string, extraArgs: string[], env: Record<string, string | undefined>): Promise<Run> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'report', '--root', root, '--format', 'json', ...extraArgs], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code, ms: Number(process.hrtime.bigint() - started) / 1e6 }),
    );
  });
}

interface ReportJson {
  docs: Array<{ level: string; reasons: unknown[] }>;
}

function figures(json: string): string {
  const report = JSON.parse(json) as ReportJson;
  const levels = new Map<string, number>();
  for (const doc of report.docs) levels.set(doc.level, (levels.get(doc.level) ?? 0) + 1);
  const reasons = report.docs.reduce((n, d) => n + d.reasons.length, 0);
  const sha = createHash('sha256').update(json).digest('hex').slice(0, 12);
  const byLevel = [...levels].sort().map(([l, n]) => `${l} ${n}`).join(', ');
  return `${report.docs.length} docs (${byLevel}), ${reasons} reasons, sha256 ${sha}`;
}

/** The date an overdue review's advice names (the day the report ran): a recording made on another day names another. */
const REVIEWED_TODAY = /set `reviewed: \d{4}-\d{2}-\d{2}`/g;

/**
 * Whether `output` equals `reference` but for the top-level `root`, where it names `root` (the demo
 * is built under the checkout running this, so a compare from another worktree has another path),
 * and for the day an overdue review's advice names (`set \`reviewed: <today>\``).
 */
function sameButRoot(output: string, reference: string, root: string): boolean {
  const today = (text: string) => text.replace(REVIEWED_TODAY, 'set `reviewed: <today>`');
  const [ours, theirs] = [JSON.parse(today(output)) as { root?: string }, JSON.parse(today(reference)) as { root?: string }];
  if (typeof theirs.root !== 'string' || (ours.root !== root && ours.root !== theirs.root)) return false;
  return JSON.stringify({ ...ours, root: theirs.root }) === JSON.stringify(theirs);
}

async function targets(): Promise<Array<{ name: string; root: string }>> {
  const list: Array<{ name: string; root: string }> = [];
  if (values.demo) {
    const { prepareDemoWorkspace } = (await import(path.join(repoRoot, 'scripts', 'lib', 'demo.mjs'))) as {
      prepareDemoWorkspace: (o: { repoRoot: string }) => Promise<string>;
    };
    list.push({ name: 'demo', root: await prepareDemoWorkspace({ repoRoot }) });
  }
  if (values.generated) {
    const [commits, files, docs] = values.generated.split(':').map(Number);
    const root = path.join(repoRoot, '.cache', 'report-identity', `generated-${commits}-${files}-${docs}`);
    await generateGitRepo(root, { commits, files, docs }, process.env);
    list.push({ name: `generated-${commits}-${files}-${docs}`, root });
  }
  for (const arg of targetArgs) {
    const eq = arg.indexOf('=');
    if (eq <= 0) throw new Error(`expected NAME=PATH, got ${arg}`);
    list.push({ name: arg.slice(0, eq), root: path.resolve(arg.slice(eq + 1)) });
  }
  return list;
}

async function main(): Promise<number> {
  await fs.access(cli).catch(() => {
    throw new Error(`${cli} is missing: run npm run build first`);
  });
  await fs.mkdir(outDir, { recursive: true });
  const baseEnv = { PATH: process.env.PATH, HOME: os.homedir() };
  let failures = 0;
  for (const { name, root } of await targets()) {
    const cacheHome = await fs.mkdtemp(path.join(os.tmpdir(), 'report-identity-cache-'));
    try {
      const runs: Array<[string, Run]> = [
        ['no cache', await runReport(root, ['--no-cache'], baseEnv)],
        ['cold cache', await runReport(root, [], { ...baseEnv, XDG_CACHE_HOME: cacheHome })],
        ['warm cache', await runReport(root, [], { ...baseEnv, XDG_CACHE_HOME: cacheHome })],
      ];
      for (const [label, run] of runs) {
        if (run.code !== 0) throw new Error(`${name} (${label}): exit ${run.code}\n${run.stderr.slice(-2000)}`);
      }
      const file = path.join(outDir, `${name}.json`);
      const saved = mode === 'record' ? undefined : await fs.readFile(file, 'utf8');
      const reference = saved ?? runs[0][1].stdout;
      if (mode === 'record') await fs.writeFile(file, reference);
      const times = runs.map(([label, run]) => `${label} ${Math.round(run.ms)} ms`).join(', ');
      process.stdout.write(`${name}: ${figures(reference)}; ${times}\n`);
      for (const [label, run] of runs) {
        if (run.stdout === reference || sameButRoot(run.stdout, reference, root)) continue;
        failures++;
        process.stdout.write(`  DIFFERS (${label}): ${figures(run.stdout)}\n`);
        await fs.writeFile(path.join(outDir, `${name}.${label.replace(' ', '-')}.differs.json`), run.stdout);
      }
      if (mode === 'compare' && failures === 0) process.stdout.write(`  identical to ${path.relative(process.cwd(), file)} (all three runs)\n`);
    } finally {
      await fs.rm(cacheHome, { recursive: true, force: true });
    }
  }
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
  },
);
