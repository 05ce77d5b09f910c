// Staleness benchmark (issue: staleness). Prints figures, asserts nothing.
//   npm run bench:staleness -- [--commits N] [--files N] [--docs N]   a generated repository
//   npm run bench:staleness -- --repo PATH                            any real repository (never written to)
// In one run: our cold report (no history cache) against one bare `git log --first-parent
// --name-status` pass over the same repository (the practical limit) and against the per-path
// baseline (`git log -1 -- <path>` per target, timed on a sample and extrapolated); then the warm
// re-check after one new commit, in a shared clone so the measured repository is left as it was
// (under --scratch DIR when given; the clone borrows the objects and `git replace` stand-ins).
// With it: where the cold report's time goes (history pass, target resolution, blob reads, diffs,
// scoring, JSON output), CPU time next to wall time (on a shared machine CPU is the steadier
// figure), the load average, and the peak memory of the process (the docs are indexed in a child
// process, bench/index-docs-child.ts, whose own peak is printed apart).
// BENCH_ROUNDS=n takes the best of n for the bare pass and the cold report.
import { ChildProcess, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import type { DocModel } from '../src/core/doc-model';
import type { StalenessReport } from '../src/core/staleness/model/report';
import type { WatchedChanges } from '../src/core/staleness/model/run-control';
import { StalenessEngine } from '../src/core/staleness/engine';
import type { GitHistory, TextDiffer } from '../src/core/staleness/ports';
import { loadContext } from '../src/core/staleness/scan/workspace-context';
import { renderReport } from '../src/cli/commands/report-command';
import { openStalenessEngine } from '../src/node/git-staleness';
import { SimpleGitHistory } from '../src/node/git-history';
import { GitWorkspaceFiles } from '../src/node/git-workspace-files';
import { WorkerTextDiffer } from '../src/node/worker-text-differ';
import { prng } from './generate-corpus';
import { generateGitRepo, git, isolatedGitEnv } from './generate-git-repo';

const { values } = parseArgs({
  options: {
    commits: { type: 'string', default: '50000' },
    files: { type: 'string', default: '5000' },
    docs: { type: 'string', default: '1000' },
    repo: { type: 'string' },
    sample: { type: 'string', default: '100' },
    rechecks: { type: 'string', default: '5' },
    scratch: { type: 'string' },
    'cold-only': { type: 'boolean', default: false },
  },
});
const SIZE = { commits: Number(values.commits), files: Number(values.files), docs: Number(values.docs) };
const SAMPLE = Number(values.sample);
const RECHECKS = Number(values.rechecks);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
/** --cold-only: the bare pass and the cold report alone (no per-path baseline, no re-check clone). */
const COLD_ONLY = values['cold-only'];
/** What the engine and the baselines get: the engine keeps only PATH, HOME and a few platform variables. */
const env = { PATH: process.env.PATH, HOME: os.homedir() };
const baselineEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: os.homedir(), LC_ALL: 'C' };

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function time(millis: number): string {
  return millis >= 1000 ? `${(millis / 1000).toFixed(2)} s` : `${millis.toFixed(1)} ms`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** CPU time so far in ms: this process (all its threads) and its ended child processes (git). */
function cpuNow(): { own: number; children: number } {
  const usage = process.cpuUsage();
  let children = 0;
  try {
    // /proc/self/stat fields 16 and 17: cutime and cstime, in clock ticks (100 per second on Linux).
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    children = (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    children = NaN;
  }
  return { own: (usage.user + usage.system) / 1000, children };
}

function cpuSince(start: { own: number; children: number }): { own: number; children: number; total: number } {
  const now = cpuNow();
  const own = now.own - start.own;
  const children = now.children - start.children;
  return { own, children, total: own + children };
}

function load(): string {
  return os.loadavg().map((l) => l.toFixed(1)).join(' ');
}

/** Child processes started so far (git, cat-file readers): each start blocks the thread for a fork. */
let processesStarted = 0;
{
  const start = Object.getOwnPropertyDescriptor(ChildProcess.prototype, 'spawn')!;
  Object.defineProperty(ChildProcess.prototype, 'spawn', {
    ...start,
    value: function (this: ChildProcess, options: unknown) {
      processesStarted++;
      return (start.value as (o: unknown) => unknown).call(this, options);
    },
  });
}

/** Time spent in each kind of port call during one report (calls overlap: these are sums of their durations). */
class PortClock {
  readonly spent = new Map<string, { millis: number; calls: number; items: number }>();
  /** A proxy of `target` that times the listed async methods; `items` counts what each call asked for. */
  wrap<T extends object>(target: T, methods: Record<string, string>): T {
    return new Proxy(target, {
      get: (obj, name, receiver) => {
        const value = Reflect.get(obj, name, receiver) as unknown;
        const phase = typeof name === 'string' ? methods[name] : undefined;
        if (!phase || typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const start = process.hrtime.bigint();
          const done = () => {
            const entry = this.spent.get(phase) ?? { millis: 0, calls: 0, items: 0 };
            entry.millis += ms(start);
            entry.calls++;
            entry.items += Array.isArray(args[0]) ? args[0].length : 1;
            this.spent.set(phase, entry);
          };
          const result = (value as (...a: unknown[]) => Promise<unknown>).apply(obj, args);
          result.then(done, done);
          return result;
        };
      },
    });
  }
}

/** One diff thread for the timed engines (as `openStalenessEngine` shares one). */
const timedDiffer = new WorkerTextDiffer();

/** An engine like `openStalenessEngine(root, { cache: false })`, with its git reads and diffs timed by `clock`. */
function timedEngine(root: string, clock: PortClock): StalenessEngine {
  const git = clock.wrap(new SimpleGitHistory(root, env) as GitHistory, {
    log: 'history pass (git log, parsed as it streams)',
    readFiles: 'blob reads (cat-file by commit:path)',
    readBlobs: 'blob reads (cat-file by blob id)',
    readWorkingFiles: 'blob reads (working tree, unchanged files)',
    changedFiles: 'working tree status',
    diffHunks: 'working tree diffs',
  });
  const differ = clock.wrap(timedDiffer as TextDiffer, { diff: 'diffs (worker thread)' });
  return new StalenessEngine({ git, files: new GitWorkspaceFiles(root, env), differ }, { readAhead: os.availableParallelism() >= 4 });
}

/** One bare history pass, its output read through a pipe (as the engine reads its own) and dropped. */
function bareLogPass(root: string): Promise<{ millis: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn('git', ['log', '--first-parent', '--name-status', '-M'], { cwd: root, env: baselineEnv, stdio: ['ignore', 'pipe', 'inherit'] });
    let bytes = 0;
    child.stdout.on('data', (chunk: Buffer) => (bytes += chunk.length));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ millis: ms(start), bytes }) : reject(new Error(`git log exited with ${code}`))));
  });
}

/** What one timed cold report measured. */
interface ColdRun {
  millis: number;
  report: StalenessReport;
  phases: string;
  cpu: { own: number; children: number; total: number };
  marks: Map<string, number>;
  clock: PortClock;
}

/** One report, with when its phases began (the history pass: when it ended). */
async function timedReport(engine: StalenessEngine, docs: DocModel[], saveInBackground = false, watched?: WatchedChanges): Promise<{ millis: number; report: StalenessReport; phases: string; marks: Map<string, number> }> {
  const start = process.hrtime.bigint();
  const marks = new Map<string, number>();
  const report = await engine.report(docs, {
    saveInBackground,
    ...(watched ? { watched } : {}),
    onProgress: (p) => {
      // The last 'history' message comes when the history pass has ended; the others at their start.
      if (p.phase === 'history' || !marks.has(p.phase)) marks.set(p.phase, ms(start));
    },
  });
  const millis = ms(start);
  const history = marks.get('history');
  const details = marks.get('details');
  const score = marks.get('score');
  const phases = [
    history !== undefined ? `history read by ${time(history)}` : undefined,
    details !== undefined ? `details from ${time(details)}` : undefined,
    score !== undefined ? `scoring from ${time(score)}` : undefined,
  ].filter(Boolean).join(', ');
  return { millis, report, phases, marks };
}

/** A cold report (no history cache) with its CPU time and its port calls timed. */
async function coldReport(root: string, docs: DocModel[]): Promise<ColdRun> {
  const clock = new PortClock();
  const cpu = cpuNow();
  const run = await timedReport(timedEngine(root, clock), docs);
  return { ...run, cpu: cpuSince(cpu), clock };
}

/** The cold report's time by phase, printed under it. */
async function phaseLines(root: string, docs: DocModel[], cold: ColdRun): Promise<string[]> {
  const lines: string[] = [];
  const pad = (label: string) => `  ${label}`.padEnd(50);
  const links = cold.marks.get('links') ?? 0;
  const details = cold.marks.get('details');
  const score = cold.marks.get('score');
  // Target resolution runs beside the history pass inside the report; timed alone here.
  const git = new SimpleGitHistory(root, env);
  const state = await git.state();
  const engineOptions = openStalenessEngine(root, { cache: false, env }).options;
  const contextStart = process.hrtime.bigint();
  await loadContext(docs, git, new GitWorkspaceFiles(root, env), state, engineOptions);
  const context = ms(contextStart);
  const outputStart = process.hrtime.bigint();
  const json = renderReport(cold.report, 'json', root);
  const output = ms(outputStart);
  lines.push(`${pad('repository state')}${time(links)}`);
  for (const [phase, spent] of [...cold.clock.spent].sort((a, b) => b[1].millis - a[1].millis)) {
    lines.push(`${pad(phase)}${time(spent.millis)}  (${spent.calls} call${spent.calls === 1 ? '' : 's'}, ${spent.items} item${spent.items === 1 ? '' : 's'})`);
  }
  lines.push(`${pad('target resolution (links, alert rules; timed alone)')}${time(context)}  (inside the report it runs beside the history pass)`);
  if (details !== undefined && score !== undefined) lines.push(`${pad('after the history pass: references, reads, diffs')}${time(score - details)}`);
  if (score !== undefined) lines.push(`${pad('scoring')}${time(cold.millis - score)}`);
  lines.push(`${pad('output (report --format json)')}${time(output)}  (${(json.length / 1048576).toFixed(1)} MiB; not part of the cold report figure)`);
  return lines;
}

/** The distinct paths whose history the verdicts depend on: existing, tracked, unpinned link targets. */
function historyTargets(report: StalenessReport): string[] {
  const paths = new Set<string>();
  for (const doc of report.docs) {
    for (const target of doc.targets) {
      if ((target.kind === 'file' || target.kind === 'directory') && target.tracked && !target.pinned) paths.add(target.path);
    }
  }
  return [...paths].sort();
}

/**
 * The docs of `root`, indexed in a child process (bench/index-docs-child.ts) so that the peak
 * memory of parsing them is not this process's: the peak printed below is the staleness report's.
 */
async function buildDocs(root: string): Promise<{ docs: DocModel[]; peakKiB: number }> {
  const out = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'runbooks-bench-docs-')), 'docs.bin');
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'index-docs-child.ts'), root, out], { stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`indexing ${root} failed (exit ${code})`))));
    });
    return v8.deserialize(await fs.readFile(out)) as { docs: DocModel[]; peakKiB: number };
  } finally {
    await fs.rm(path.dirname(out), { recursive: true, force: true });
  }
}

/**
 * Time of one report that follows a new commit touching `file`; `background`: as the editor runs it
 * (the cache written after); `watched`: told, as the editor's watcher tells it, that `file` changed.
 */
async function commitAndReport(clone: string, file: string, n: number, gitEnv: Record<string, string>, engine: () => StalenessEngine, docs: DocModel[], background = false, watched = false): Promise<{ millis: number; report: StalenessReport; phases: string; marks: Map<string, number>; persist?: number; cpu: number; processes: number }> {
  const last = Number((await git(['log', '-1', '--format=%ct'], clone, gitEnv)).trim());
  await fs.appendFile(path.join(clone, file), `bench re-check ${n}\n`);
  const date = `${last + 3600} +0000`;
  const commitEnv = { ...gitEnv, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  await git(['add', '--', file], clone, commitEnv);
  // Plumbing rather than `git commit`: a mirror's tree may name blobs it lacks (stood in for by
  // `git replace`), which `git commit` refuses to write a tree over and `write-tree --missing-ok` allows.
  const tree = (await git(['write-tree', '--missing-ok'], clone, commitEnv)).trim();
  const commit = (await git(['commit-tree', tree, '-p', 'HEAD', '-m', `Tune ${path.posix.basename(file)} (bench re-check ${n})`], clone, commitEnv)).trim();
  await git(['update-ref', '--no-deref', 'HEAD', commit], clone, commitEnv);
  const kept = engine();
  const cpu = cpuNow();
  const started = processesStarted;
  // The editor's watcher would report `file`, and `.git/HEAD` rewritten on a detached HEAD: no ref name changed.
  const timed = await timedReport(kept, docs, background, watched ? { paths: [file], refs: false } : undefined);
  // CPU of node and of the git processes that ended (the long-lived cat-file readers are not counted).
  const run = { ...timed, cpu: cpuSince(cpu).total, processes: processesStarted - started };
  if (!background) return run;
  const start = process.hrtime.bigint();
  await kept.persist();
  return { ...run, persist: ms(start) };
}

async function main(): Promise<void> {
  let root: string;
  let origin: string;
  if (values.repo) {
    root = path.resolve(values.repo);
    origin = 'given with --repo';
  } else {
    root = path.join(__dirname, '.corpus', `git-${SIZE.commits}-${SIZE.files}-${SIZE.docs}`);
    console.log(`repository: ${SIZE.commits} commits, ${SIZE.files} files, ${SIZE.docs} docs in ${path.relative(process.cwd(), root)} (generating if missing)…`);
    const start = process.hrtime.bigint();
    const generated = await generateGitRepo(root, SIZE, env);
    origin = generated ? `generated in ${time(ms(start))} (git fast-import, then git gc)` : 'reused (marker matches)';
  }
  const [commits, firstParent, tracked, version] = await Promise.all([
    git(['rev-list', '--count', 'HEAD'], root, baselineEnv),
    git(['rev-list', '--first-parent', '--count', 'HEAD'], root, baselineEnv),
    git(['ls-files', '-z'], root, baselineEnv),
    git(['--version'], root, baselineEnv),
  ]);
  const indexStart = process.hrtime.bigint();
  const { docs, peakKiB: indexPeakKiB } = await buildDocs(root);
  const indexMillis = ms(indexStart);
  console.log(`repository: ${root} — ${origin}`);
  console.log(`node ${process.version}, ${version.trim()}, ${os.availableParallelism()} cores; docs indexed in ${time(indexMillis)} in a child process (peak ${(indexPeakKiB / 1024).toFixed(0)} MiB; neither counted below)`);

  // Warm the page cache and the JIT, so neither side of the comparison pays for the first read.
  await bareLogPass(root);
  const rssBefore = process.memoryUsage().rss;
  let bare = { millis: Infinity, bytes: 0 };
  let bareCpu = Infinity;
  let cold: ColdRun | undefined;
  const loadBefore = load();
  for (let r = 0; r < ROUNDS; r++) {
    const cpu = cpuNow();
    const pass = await bareLogPass(root);
    bareCpu = Math.min(bareCpu, cpuSince(cpu).children);
    if (pass.millis < bare.millis) bare = pass;
    // A new engine without a history cache: the whole history is read from git.
    const run = await coldReport(root, docs);
    if (!cold || run.millis < cold.millis) cold = run;
  }
  const peakRss = process.resourceUsage().maxRSS;
  const phases = await phaseLines(root, docs, cold!);
  const report = cold!.report;
  const levels = { fresh: 0, stale: 0, broken: 0, unknown: 0 };
  for (const doc of report.docs) levels[doc.level]++;
  const targets = historyTargets(report);
  const links = report.docs.reduce((n, d) => n + d.targets.length, 0);

  // Per-path baseline: one `git log -1` process per target, on a fixed sample.
  const rand = prng(11);
  const sample = COLD_ONLY ? [] : targets.map((t) => ({ t, k: rand() })).sort((a, b) => a.k - b.k).slice(0, Math.min(SAMPLE, targets.length)).map((s) => s.t);
  const perPathStart = process.hrtime.bigint();
  for (const target of sample) await git(['log', '-1', '--format=%H', '--', target], root, baselineEnv);
  const perPathSample = ms(perPathStart);
  const perPathAll = sample.length > 0 ? (perPathSample / sample.length) * targets.length : 0;

  // Warm re-check, in a shared clone (objects borrowed from the repository, nothing written to it).
  if (values.scratch) await fs.mkdir(values.scratch, { recursive: true });
  const scratch = await fs.mkdtemp(path.join(values.scratch ? path.resolve(values.scratch) : os.tmpdir(), 'runbooks-staleness-bench-'));
  try {
    await warmRecheck(root, scratch, {
      bare,
      bareCpu,
      cold: cold!,
      phases,
      loadBefore,
      levels,
      targets,
      links,
      commits: Number(commits),
      firstParent: Number(firstParent),
      tracked: tracked.split('\0').filter(Boolean).length,
      perPath: { sample: sample.length, millis: perPathSample, all: perPathAll },
      peakRss,
      rssBefore,
    });
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

/** What the first part measured, printed together with the re-check. */
interface Measured {
  bare: { millis: number; bytes: number };
  /** CPU time of the bare pass (git's), ms. */
  bareCpu: number;
  cold: ColdRun;
  /** The cold report's time by phase, printed lines. */
  phases: string[];
  /** Load average when the timed runs began. */
  loadBefore: string;
  levels: Record<'fresh' | 'stale' | 'broken' | 'unknown', number>;
  targets: string[];
  links: number;
  commits: number;
  firstParent: number;
  tracked: number;
  perPath: { sample: number; millis: number; all: number };
  /** Peak resident memory after the cold reports, KiB. */
  peakRss: number;
  /** This process's resident memory before the first report (node, tsx, the docs), bytes. */
  rssBefore: number;
}

/** The bare pass and the cold report: their figures, phases and peak memory. */
function printCold(measured: Measured): void {
  const { bare, bareCpu, cold, phases, levels, targets, links, commits, firstParent, tracked } = measured;
  const report = cold.report;
  const ratio = cold.millis / bare.millis;
  const pad = (label: string) => label.padEnd(50);
  console.log('');
  console.log(`commits ${commits} (${firstParent} first-parent), files ${tracked} tracked (docs included), docs ${report.docs.length}, links ${links}, targets ${targets.length} (distinct existing files and folders), stale docs ${levels.stale} (fresh ${levels.fresh}, broken ${levels.broken}, unknown ${levels.unknown})`);
  console.log('');
  console.log(`${pad('bare git log --first-parent --name-status -M')}${time(bare.millis)}  (${(bare.bytes / 1048576).toFixed(1)} MiB of output)   practical limit`);
  console.log(`${pad('cold report (no history cache)')}${time(cold.millis)}  ratio to bare ${ratio.toFixed(2)}x  [target <= 1.5x runbooks repo, <= 2x large code repo]`);
  console.log(`${pad('')}(${cold.phases}; ${report.history?.commitsRead ?? 0} commits read)`);
  console.log(`${pad('  CPU time: bare git log')}${time(bareCpu)}`);
  console.log(`${pad('  CPU time: cold report (node + git)')}${time(cold.cpu.total)}  ratio to bare ${(cold.cpu.total / bareCpu).toFixed(2)}x  (node ${time(cold.cpu.own)}, git ${time(cold.cpu.children)})`);
  console.log(`${pad('  peak memory of the process (bench + cold reports)')}${(measured.peakRss / 1024).toFixed(0)} MiB  [target <= 300 MiB]  (${(measured.rssBefore / 2 ** 20).toFixed(0)} MiB before the first report: node, tsx, the docs)`);
  console.log('  where the cold report\'s time went (port calls overlap each other and the history pass):');
  for (const line of phases) console.log(line);
}

/** Times the re-check after one new commit in a shared clone under `scratch`, then prints every figure. */
async function warmRecheck(root: string, scratch: string, measured: Measured): Promise<void> {
  const { cold, loadBefore, perPath, targets } = measured;
  if (COLD_ONLY) {
    printCold(measured);
    console.log(`load average (1, 5, 15 min): ${loadBefore} when the timed runs began, ${load()} at the end; ${os.availableParallelism()} cores`);
    return;
  }
  const cacheFile = path.join(scratch, 'history.json');
  const gitEnv = isolatedGitEnv(env, scratch);
  // The clone is of the whole repository; the root may be a folder inside it.
  const [top, prefix, head] = (await Promise.all([
    git(['rev-parse', '--show-toplevel'], root, baselineEnv),
    git(['rev-parse', '--show-prefix'], root, baselineEnv),
    git(['rev-parse', 'HEAD'], root, baselineEnv),
  ])).map((s) => s.trim());
  const cloneTop = path.join(scratch, 'repo');
  await git(['clone', '--quiet', '--shared', '--no-checkout', top!, cloneTop], scratch, gitEnv);
  // Stand-ins for blobs a mirror lacks (`git replace`), so the checkout and `log -M` read on as in the repository.
  await git(['fetch', '--quiet', 'origin', 'refs/replace/*:refs/replace/*'], cloneTop, gitEnv);
  await git(['checkout', '--quiet', '--detach', head!], cloneTop, gitEnv);
  const clone = path.join(cloneTop, prefix!);
  const { docs: cloneDocs } = await buildDocs(clone);
  const kept = openStalenessEngine(clone, { env, cacheFile });
  const seedStart = process.hrtime.bigint();
  const seeded = await kept.report(cloneDocs);
  const seedMillis = ms(seedStart);
  const cachedStart = process.hrtime.bigint();
  const cachedReport = await openStalenessEngine(clone, { env, cacheFile }).report(cloneDocs);
  const cachedMillis = ms(cachedStart);
  const cacheBytes = (await fs.stat(cacheFile).catch(() => undefined))?.size ?? 0;

  // Touch a file target of a fresh doc when there is one, so the re-check has a verdict to change.
  const freshDoc = seeded.docs.find((d) => d.level === 'fresh' && d.targets.some((t) => t.kind === 'file' && t.tracked && !t.pinned));
  const anyDoc = seeded.docs.find((d) => d.targets.some((t) => t.kind === 'file' && t.tracked && !t.pinned));
  const touched = (freshDoc ?? anyDoc)?.targets.find((t) => t.kind === 'file' && t.tracked && !t.pinned)?.path;
  const inMemory: number[] = [];
  const inMemoryCpu: number[] = [];
  const inMemoryProcesses: number[] = [];
  const persisted: number[] = [];
  const fromFile: number[] = [];
  const noStore: number[] = [];
  const unwatched: number[] = [];
  const unwatchedCpu: number[] = [];
  let recheck: Awaited<ReturnType<typeof timedReport>> | undefined;
  if (touched) {
    for (let i = 0; i < RECHECKS; i++) {
      const run = await commitAndReport(clone, touched, i, gitEnv, () => kept, cloneDocs, true, true);
      inMemory.push(run.millis);
      inMemoryCpu.push(run.cpu);
      inMemoryProcesses.push(run.processes);
      persisted.push(run.persist ?? 0);
      recheck ??= run;
    }
    // The same engine not told what changed (no watcher): the whole tree's status.
    for (let i = 0; i < RECHECKS; i++) {
      const run = await commitAndReport(clone, touched, 3 * RECHECKS + i, gitEnv, () => kept, cloneDocs, true);
      unwatched.push(run.millis);
      unwatchedCpu.push(run.cpu);
    }
    for (let i = 0; i < RECHECKS; i++) {
      const run = await commitAndReport(clone, touched, RECHECKS + i, gitEnv, () => openStalenessEngine(clone, { env, cacheFile }), cloneDocs);
      fromFile.push(run.millis);
    }
    // The same in-memory engine without a cache file: what the re-check costs besides saving the cache.
    const memoryOnly = openStalenessEngine(clone, { cache: false, env });
    await memoryOnly.report(cloneDocs);
    for (let i = 0; i < RECHECKS; i++) {
      const run = await commitAndReport(clone, touched, 2 * RECHECKS + i, gitEnv, () => memoryOnly, cloneDocs, false, true);
      noStore.push(run.millis);
    }
  }

  const speedUp = perPath.all / cold.millis;
  const pad = (label: string) => label.padEnd(50);
  printCold(measured);
  console.log(`${pad(`per-path git log -1 -- <path>, ${perPath.sample} targets`)}${time(perPath.millis)}  (${time(perPath.millis / Math.max(1, perPath.sample))} per path)`);
  console.log(`${pad(`  extrapolated to all ${targets.length} targets`)}${time(perPath.all)}  our speed-up ${speedUp.toFixed(1)}x  [target >= 30x]`);
  console.log(`${pad('first report with a cache file (writes it)')}${time(seedMillis)}  (${(cacheBytes / 1048576).toFixed(1)} MiB history cache)`);
  console.log(`${pad('report from the cache file, nothing changed')}${time(cachedMillis)}  (history ${cachedReport.history?.mode})`);
  if (touched) {
    const before = freshDoc ? `${freshDoc.path} was fresh` : 'no doc was fresh';
    const after = freshDoc ? recheck!.report.docs.find((d) => d.path === freshDoc.path)?.level : undefined;
    console.log(`warm re-check: each of ${RECHECKS} new commits touches ${touched} (${before}${after ? `, now ${after}` : ''})`);
    console.log(`${pad('  engine kept, told what the watcher saw (editor)')}p50 ${time(median(inMemory))}  max ${time(Math.max(...inMemory))}  [target <= 100 ms]`);
    console.log(`${pad('    CPU time (node + git), processes started')}p50 ${time(median(inMemoryCpu))}  max ${time(Math.max(...inMemoryCpu))}; p50 ${median(inMemoryProcesses)} processes`);
    console.log(`${pad('    then writing the cache, in the background')}p50 ${time(median(persisted))}  max ${time(Math.max(...persisted))}`);
    console.log(`${pad('')}(first one: ${recheck!.phases}; history ${recheck!.report.history?.mode}, ${recheck!.report.history?.commitsRead} commit read)`);
    console.log(`${pad('  engine kept, not told (whole-tree status)')}p50 ${time(median(unwatched))}  max ${time(Math.max(...unwatched))}; CPU p50 ${time(median(unwatchedCpu))}`);
    console.log(`${pad('  new engine from the cache file (a CLI run)')}p50 ${time(median(fromFile))}  max ${time(Math.max(...fromFile))}  [target <= 100 ms]`);
    console.log(`${pad('  engine kept in memory, no cache file')}p50 ${time(median(noStore))}  max ${time(Math.max(...noStore))}  (for comparison: the cost besides saving)`);
  } else {
    console.log('warm re-check: skipped, no doc links an existing tracked file');
  }
  console.log(`load average (1, 5, 15 min): ${loadBefore} when the timed runs began, ${load()} at the end; ${os.availableParallelism()} cores`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
