// Times the editor's re-check after one new commit (a kept engine) and lists the processes it
// started (git command, when it began, how long it ran), with CPU time (node + ended git
// processes) and wall time, for N commits in a row (issue #10). It commits to the repository:
// give it a scratch clone. FILE (a path under it, or `auto`: a file target of a fresh doc) gets a
// line appended per commit; --profile FILE writes a CPU profile of the last re-check.
// --verify then compares the last re-check with a cold report of a new engine at the same HEAD.
// --timeline prints, for the first and last re-check, when each git port call and diff batch ran.
// --watched tells each re-check, as the editor's file watcher would, that FILE changed.
// --gap S waits S seconds before each commit, as re-checks in real use come minutes apart (idle
//   git processes stop meanwhile; the editor's cat-file readers are kept 10 minutes).
//   node --import tsx bench/recheck-trace.ts SCRATCH_CLONE [FILE|auto] [--n 5] [--profile FILE] [--out REPORT.json] [--verify] [--timeline] [--watched] [--gap S]
import { ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Session } from 'node:inspector/promises';
import { openWorkspaceIndex } from '../src/node/open-index';
import { openStalenessEngine } from '../src/node/git-staleness';
import { git, isolatedGitEnv } from './generate-git-repo';
import { PortTimeline } from './port-timeline';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { n: { type: 'string', default: '5' }, out: { type: 'string' }, profile: { type: 'string' }, verify: { type: 'boolean', default: false }, timeline: { type: 'boolean', default: false }, watched: { type: 'boolean', default: false }, gap: { type: 'string', default: '0' } } });
const timeline = values.timeline ? new PortTimeline() : undefined;
const root = path.resolve(positionals[0]!);
let file = positionals[1] ?? 'auto';
const env = { PATH: process.env.PATH, HOME: os.homedir() };
/** Every child process started: its command (without `-c` settings), start time and run time in ms. */
const spawns: Array<{ args: string; start: number; ms?: number }> = [];
{
  const start = Object.getOwnPropertyDescriptor(ChildProcess.prototype, 'spawn')!;
  Object.defineProperty(ChildProcess.prototype, 'spawn', {
    ...start,
    value: function (this: ChildProcess, options: { args?: string[] }) {
      const at = process.hrtime.bigint();
      const args = (options.args ?? []).slice(1);
      const command: string[] = [];
      for (let i = 0; i < args.length; i++) {
        if (args[i] === '-c') i++;
        else command.push(args[i]!);
      }
      const record: { args: string; start: number; ms?: number } = { args: command.slice(0, 8).join(' ') + (command.includes('--') && command.indexOf('--') >= 8 ? ` … -- ${command.slice(command.indexOf('--') + 1).join(' ').slice(0, 120)}` : ''), start: Number(at) / 1e6 };
      spawns.push(record);
      this.once('exit', () => (record.ms = Number(process.hrtime.bigint() - at) / 1e6));
      return (start.value as (o: unknown) => unknown).call(this, options);
    },
  });
}

/** CPU time (ms) of the ended child processes, in 10 ms ticks. */
function childCpu(): number {
  const f = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(f[13]) + Number(f[14])) * 10;
}

function cpu(): number {
  const u = process.cpuUsage();
  const f = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
  return (u.user + u.system) / 1000 + (Number(f[13]) + Number(f[14])) * 10;
}

/** CPU time (ms) per thread name of this process, from /proc (Linux; empty elsewhere): threads of one name summed. */
function threadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      const name = readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim();
      const ns = Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      const key = tid === String(process.pid) ? 'main' : `${name}#${tid}`;
      out.set(key, (out.get(key) ?? 0) + ns / 1e6);
    }
  } catch {
    // Not Linux: no breakdown.
  }
  return out;
}

/** What each thread name used between two `threadCpu` readings, largest first. */
function threadDelta(before: Map<string, number>, after: Map<string, number>): string {
  return [...after].map(([name, ms]) => [name, ms - (before.get(name) ?? 0)] as const).filter(([, ms]) => ms >= 1).sort((a, b) => b[1] - a[1]).map(([name, ms]) => `${name} ${ms.toFixed(0)}`).join(', ');
}

async function commitTo(n: number): Promise<void> {
  const gitEnv = isolatedGitEnv(env, os.tmpdir());
  const last = Number((await git(['log', '-1', '--format=%ct'], root, gitEnv)).trim());
  await fs.appendFile(path.join(root, file), `trace re-check ${n}\n`);
  const date = `${last + 3600} +0000`;
  const commitEnv = { ...gitEnv, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  await git(['add', '--', file], root, commitEnv);
  const tree = (await git(['write-tree', '--missing-ok'], root, commitEnv)).trim();
  const commit = (await git(['commit-tree', tree, '-p', 'HEAD', '-m', `Trace re-check ${n} of ${file}`], root, commitEnv)).trim();
  await git(['update-ref', '--no-deref', 'HEAD', commit], root, commitEnv);
}

async function main(): Promise<void> {
  const index = openWorkspaceIndex(root, { cache: false, env });
  await index.build();
  const docs = index.all();
  const engine = openStalenessEngine(root, { cache: false, env });
  const t0 = Date.now();
  const first = await engine.report(docs);
  if (file === 'auto') {
    // As the bench: a file target of a fresh doc, so the re-check has a verdict to change.
    const fresh = first.docs.find((d) => d.level === 'fresh' && d.targets.some((t) => t.kind === 'file' && t.tracked && !t.pinned)) ?? first.docs.find((d) => d.targets.some((t) => t.kind === 'file' && t.tracked && !t.pinned));
    file = fresh!.targets.find((t) => t.kind === 'file' && t.tracked && !t.pinned)!.path;
  }
  console.log(`cold ${Date.now() - t0} ms, ${first.docs.length} docs; re-checks touch ${file}`);
  const walls: number[] = [];
  const cpus: number[] = [];
  let last;
  for (let i = 0; i < Number(values.n); i++) {
    if (Number(values.gap) > 0) await new Promise((r) => setTimeout(r, Number(values.gap) * 1000));
    await commitTo(i);
    const profiling = values.profile && i === Number(values.n) - 1 ? new Session() : undefined;
    if (profiling) {
      profiling.connect();
      await profiling.post('Profiler.enable');
      await profiling.post('Profiler.setSamplingInterval', { interval: 200 });
      await profiling.post('Profiler.start');
    }
    const from = spawns.length;
    const c0 = cpu();
    const t0 = threadCpu();
    const children0 = childCpu();
    const s = process.hrtime.bigint();
    const marks: string[] = [];
    timeline?.start();
    last = await engine.report(docs, { saveInBackground: true, ...(values.watched ? { watched: { paths: [file], refs: false } } : {}), onProgress: (p) => marks.push(`${p.phase}@${(Number(process.hrtime.bigint() - s) / 1e6).toFixed(0)}`) });
    const wall = Number(process.hrtime.bigint() - s) / 1e6;
    if (profiling) await fs.writeFile(values.profile!, JSON.stringify((await profiling.post('Profiler.stop')).profile));
    await new Promise((r) => setTimeout(r, 50));
    const c = cpu() - c0;
    const threads = threadDelta(t0, threadCpu());
    const children = childCpu() - children0;
    walls.push(wall);
    cpus.push(c);
    const started = spawns.slice(from);
    const base = started[0]?.start ?? 0;
    console.log(`re-check ${i}: wall ${wall.toFixed(0)} ms, cpu ${c.toFixed(0)} ms, ${started.length} processes; ${marks.join(' ')}`);
    console.log(`   cpu by thread (ms): ${threads}; git processes ${children.toFixed(0)} (10 ms ticks)`);
    if (i === 0 || i === Number(values.n) - 1) for (const p of started) console.log(`   +${(p.start - base).toFixed(0)} ms, ran ${p.ms === undefined ? 'on' : `${p.ms.toFixed(0)} ms`}  ${p.args}`);
    if (timeline && (i === 0 || i === Number(values.n) - 1)) for (const line of timeline.lines()) console.log(`   ${line}`);
  }
  const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  console.log(`p50 wall ${med(walls).toFixed(0)} ms, p50 cpu ${med(cpus).toFixed(0)} ms; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  if (values.out) await fs.writeFile(values.out, JSON.stringify(last));
  if (values.verify) {
    // The kept engine's last re-check against a new engine's cold report at the same HEAD.
    const cold = await openStalenessEngine(root, { cache: false, env }).report(docs);
    const same = JSON.stringify(cold.docs) === JSON.stringify(last!.docs);
    console.log(`kept engine's last re-check ${same ? 'equals' : 'DIFFERS FROM'} a cold report at the same HEAD (${cold.docs.length} docs)`);
    if (!same) process.exitCode = 1;
  }
  process.exit(process.exitCode ?? 0);
}
main().catch((e) => { console.error(e); process.exit(1); });
