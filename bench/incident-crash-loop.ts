// Crash loop on the incident file (issue #21). Prints figures, asserts nothing.
//   node --import tsx bench/incident-crash-loop.ts [--kills 300] [--writers 4] [--seed 1] [--seconds 15]
// Three phases in one run, each on its own incident file, so their figures compare under the same load:
//   baseline   one writer, no kills, --seconds: what one append and one uncontended lock cost here now
//   contended  --writers writers, no kills, --seconds: the waits the lock's queue itself causes
//   crash      --writers writers; one of them is killed with SIGKILL at a random moment of its work
//              and replaced, until --kills kills; then the incident is resolved while they keep going
// Writers (bench/incident-crash-writer.ts, bundled once with esbuild so a restart costs little) append
// notes and print the time each append took and how long it waited for the lock. Per phase: notes
// acknowledged and landed, lost (acknowledged but missing), torn (a timeline entry that is not a whole
// note), duplicates; lock wait and hold (append minus wait) median/p99/max; waits over 1 s; the time
// until a running writer lands a note after a kill that left the lock behind; notes after "Incident
// resolved"; leftovers (lock, temporary files, queue tickets); load average before and after.
// Progress goes to stdout every 25 kills; run it in the background with output to a file.
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { parseIncident } from '../src/core/incident/incident-parser';
import { IncidentStore } from '../src/node/incident-store';
import { prng } from './generate-corpus';

const { values } = parseArgs({ options: { kills: { type: 'string', default: '300' }, writers: { type: 'string', default: '4' }, seed: { type: 'string', default: '1' }, seconds: { type: 'string', default: '15' } } });
const KILLS = Number(values.kills);
const WRITERS = Number(values.writers);
const SECONDS = Number(values.seconds);
const random = prng(Number(values.seed));
const startedAll = Date.now();

const log = (line: string) => process.stdout.write(`[${((Date.now() - startedAll) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
const load = () => os.loadavg().map((n) => n.toFixed(1)).join(' ');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('close', () => resolve())));
process.on('uncaughtException', (error) => {
  log(`harness error: ${error.stack ?? error.message}`);
  process.exit(2);
});
process.on('unhandledRejection', (error) => {
  log(`harness error: ${(error as Error).stack ?? String(error)}`);
  process.exit(2);
});

interface Writer {
  child: ChildProcess;
  tag: string;
  acked: number;
}

interface PhaseOptions {
  name: string;
  writers: number;
  kills: number;
  seconds: number;
}

async function runPhase(writerJs: string, options: PhaseOptions): Promise<void> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), `incident-crash-${options.name}-`));
  const dir = path.join(root, 'incidents');
  const store = new IncidentStore(dir, root, { timeZone: 'UTC' });
  const file = await store.create({ id: '', title: `Crash loop ${options.name}`, severity: 'SEV2', status: 'active', started: new Date().toISOString(), runbooks: [] });
  const loadBefore = load();
  const acked = new Set<string>();
  const waits: number[] = [];
  const holds: number[] = [];
  /** Per landed note: when its writer started waiting, got the lock and released it (epoch ms). */
  const holdsAt: Array<{ start: number; acquired: number; released: number; runq: number }> = [];
  const phaseTimes: Record<string, number[]> = {};
  let lastAck = performance.now();
  /** The longest time without any note landing (from the phase's start: includes the writers starting up). */
  let longestGap = 0;
  const recoveries: number[] = [];
  let pendingRecovery: { at: number; warm: Set<string> } | undefined;
  let closed = 0;
  let errors = '';
  let kills = 0;
  let generation = 0;
  const started = Date.now();

  const spawnWriter = (slot: number): Writer => {
    const tag = `w${slot}g${generation++}`;
    const child = spawn(process.execPath, [writerJs, dir, root, file, tag], { stdio: ['ignore', 'pipe', 'pipe'] });
    const writer: Writer = { child, tag, acked: 0 };
    child.on('error', (error) => (errors += `spawn ${tag}: ${error.message}\n`));
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const [word, id, total, wait, acquiredAt, releasedAt, phaseList] = line.split(' ');
        if (word === 'ok') {
          let runq = 0;
          for (const item of (phaseList ?? '').split(',').filter(Boolean)) {
            const [phase, ms] = item.split('=');
            (phaseTimes[phase!] ??= []).push(Number(ms));
            if (phase === 'runq') runq = Number(ms);
          }
          holdsAt.push({ start: Number(acquiredAt) - Number(wait), acquired: Number(acquiredAt), released: Number(releasedAt), runq });
          const now = performance.now();
          longestGap = Math.max(longestGap, now - lastAck);
          lastAck = now;
          if (pendingRecovery?.warm.has(writer.tag)) {
            recoveries.push(now - pendingRecovery.at);
            pendingRecovery = undefined;
          }
          acked.add(id!);
          waits.push(Number(wait));
          holds.push(Number(total) - Number(wait));
          writer.acked++;
        } else if (word === 'closed') closed++;
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    return writer;
  };

  const writers = Array.from({ length: options.writers }, (_, slot) => spawnWriter(slot));
  let lastProgress = 0;
  while (kills < options.kills) {
    const slot = Math.floor(random() * options.writers);
    const writer = writers[slot]!;
    // Kill it while it works: after it has landed a note, at a random moment of the next few.
    const waitFrom = Date.now();
    while (writer.acked === 0 && writer.child.exitCode === null) {
      await sleep(5);
      if (Date.now() - waitFrom > 60_000) {
        const names = await fs.readdir(dir).catch(() => []);
        log(`stall: writer ${writer.tag} landed nothing for 60 s; folder: ${names.join(', ')}`);
        break;
      }
    }
    await sleep(random() * 15);
    writer.child.kill('SIGKILL');
    await exited(writer.child);
    kills++;
    const lockLeft = await fs.stat(path.join(root, `${file}.lock`)).then(() => true, () => false);
    const warm = new Set(writers.filter((w) => w !== writer && w.acked > 0).map((w) => w.tag));
    if (lockLeft && warm.size > 0) pendingRecovery = { at: performance.now(), warm };
    writers[slot] = spawnWriter(slot);
    if (kills - lastProgress >= 25) {
      lastProgress = kills;
      log(`${options.name}: ${kills} kills, ${acked.size} notes acknowledged, load ${load()}`);
    }
  }
  if (options.kills === 0) await sleep(options.seconds * 1000);
  // Resolve while every writer is still appending; they stop when they see it resolved.
  const resolveFrom = Date.now();
  while (writers.some((w) => w.acked === 0 && w.child.exitCode === null) && Date.now() - resolveFrom < 60_000) await sleep(5);
  const resolved = await store.resolve(file, new Date(), 'bench');
  await Promise.race([Promise.all(writers.map((w) => exited(w.child))), sleep(20_000)]);
  for (const w of writers) w.child.kill('SIGKILL');
  const seconds = (Date.now() - started) / 1000;

  const text = await fs.readFile(path.join(root, file), 'utf8');
  const incident = parseIncident(file, text);
  const landed = new Map<string, number>();
  let torn = 0;
  let afterResolved = 0;
  let seenResolved = false;
  for (const entry of incident.timeline) {
    if (entry.kind === 'status') {
      if (entry.summary === 'Incident resolved') seenResolved = true;
      continue;
    }
    const match = /^note (\S+)\nsecond line of (\S+)$/.exec(entry.text);
    if (!match || match[1] !== match[2]) {
      torn++;
      continue;
    }
    landed.set(match[1]!, (landed.get(match[1]!) ?? 0) + 1);
    if (seenResolved) afterResolved++;
  }
  const lost = [...acked].filter((id) => !landed.has(id));
  const duplicates = [...landed.values()].filter((n) => n > 1).length;
  const draft = await fs.readFile(path.join(root, resolved.postmortemPath), 'utf8');
  const inDraft = [...landed.keys()].filter((id) => draft.includes(`note ${id}`)).length;
  const leftovers = (await fs.readdir(dir)).filter((name) => /\.(lock|tmp|wait)$/.test(name));
  const figures = (list: number[]) => {
    const sorted = [...list].sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]?.toFixed(1);
    return `median ${at(0.5)}, p99 ${at(0.99)}, max ${sorted.at(-1)?.toFixed(1)}`;
  };
  recoveries.sort((a, b) => a - b);
  // Hand-off: from one writer's release to the next one's acquisition, when that one was already waiting.
  holdsAt.sort((a, b) => a.acquired - b.acquired);
  const handoffs: number[] = [];
  for (let i = 1; i < holdsAt.length; i++) {
    const before = holdsAt[i - 1]!;
    const next = holdsAt[i]!;
    if (next.start < before.released && next.acquired >= before.released) handoffs.push(next.acquired - before.released);
  }
  const underLock = holdsAt.map((h) => h.released - h.acquired);
  // Each wait over 1 s, split into: the lock held by others (of which their threads waited for a CPU) and the lock free (hand-offs, take-overs after kills, and holders that were killed, whose holds are not known).
  const longWaits = holdsAt.filter((h) => h.acquired - h.start > 1000).map((w) => {
    let held = 0;
    let cpu = 0;
    for (const h of holdsAt) {
      if (h === w) continue;
      const overlap = Math.min(h.released, w.acquired) - Math.max(h.acquired, w.start);
      if (overlap <= 0) continue;
      held += overlap;
      cpu += h.runq * (overlap / Math.max(1e-9, h.released - h.acquired));
    }
    return { wait: w.acquired - w.start, held, cpu };
  });
  const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
  const out = [
    `== ${options.name}: ${options.writers} writer${options.writers === 1 ? '' : 's'}, ${kills} kills (SIGKILL), ${seconds.toFixed(0)} s; load average before ${loadBefore}, after ${load()}`,
    `notes acknowledged: ${acked.size}; landed: ${landed.size}; landed without acknowledgement (killed after the write): ${[...landed.keys()].filter((id) => !acked.has(id)).length}`,
    `lost: ${lost.length}${lost.length ? ` (${lost.slice(0, 5).join(', ')})` : ''}; torn entries: ${torn}; duplicates: ${duplicates}; parse problems: ${incident.problems.length}`,
    `lock wait ms (per acquisition): ${figures(waits)}; over 1 s: ${waits.filter((w) => w > 1000).length} of ${waits.length}`,
    `lock hold ms (append minus wait): ${figures(holds)}`,
    `lock held ms (acquired to released): ${figures(underLock)}; over 100 ms: ${underLock.filter((h) => h > 100).length}`,
    ...Object.entries(phaseTimes).map(([phase, list]) => `  phase ${phase} ms: ${figures(list)}`),
    `hand-off ms (release to the next waiter's acquisition${options.kills ? '; includes take-overs after kills' : ''}): ${figures(handoffs)}; over 100 ms: ${handoffs.filter((h) => h > 100).length} of ${handoffs.length}`,
    `waits over 1 s: ${longWaits.length}${longWaits.length ? `, ${sum(longWaits.map((w) => w.wait)).toFixed(0)} ms in all: lock held by writers that landed their note ${sum(longWaits.map((w) => w.held)).toFixed(0)} ms (of which their threads waited for a CPU ${sum(longWaits.map((w) => w.cpu)).toFixed(0)} ms), the rest free or held by writers killed before landing` : ''}`,
    `runnable but waiting for a CPU while holding the lock, ms: ${figures(holdsAt.map((h) => h.runq))}; in holds over 100 ms: ${sum(holdsAt.filter((h) => h.released - h.acquired > 100).map((h) => h.runq)).toFixed(0)} of ${sum(underLock.filter((h) => h > 100)).toFixed(0)} ms`,
    `longest time without any note landing: ${longestGap.toFixed(0)} ms (includes writers starting up)`,
    `kills that left the lock behind: ${recoveries.length}; a running writer's next note landed after: median ${recoveries[Math.floor(recoveries.length / 2)]?.toFixed(0) ?? '-'} ms, max ${recoveries.at(-1)?.toFixed(0) ?? '-'} ms`,
    `resolve: notes after "Incident resolved": ${afterResolved}; writers refused after it: ${closed}; postmortem holds ${inDraft} of ${landed.size} notes`,
    `left in the folder: ${leftovers.length ? leftovers.join(', ') : 'nothing (no lock, no temporary file, no ticket)'}`,
  ];
  if (errors.trim()) out.push(`writer errors:\n${errors.trim().split('\n').slice(0, 10).join('\n')}`);
  for (const line of out) log(line);
  await fs.rm(root, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'incident-crash-writer-'));
  const writerJs = path.join(work, 'writer.js');
  await build({ entryPoints: [path.join(__dirname, 'incident-crash-writer.ts')], bundle: true, platform: 'node', target: 'node20', outfile: writerJs, logLevel: 'error' });
  log(`kills ${KILLS}, writers ${WRITERS}, seed ${values.seed}, ${os.availableParallelism()} cores, load ${load()}`);
  await runPhase(writerJs, { name: 'baseline', writers: 1, kills: 0, seconds: SECONDS });
  await runPhase(writerJs, { name: 'contended', writers: WRITERS, kills: 0, seconds: SECONDS });
  await runPhase(writerJs, { name: 'crash', writers: WRITERS, kills: KILLS, seconds: 0 });
  await fs.rm(work, { recursive: true, force: true });
  log('done');
}

void main();
