// Crash loop on the incident file (issue #21 item 5). Prints figures, asserts nothing.
//   node --import tsx bench/incident-crash-loop.ts [--kills 300] [--writers 4] [--seed 1]
//   (--kills 0: no kills, 30 s of the same writers: the baseline of the wait figures on this machine)
// Writers (bench/incident-crash-writer.ts) append notes to one incident file at once; one of them
// is killed with SIGKILL at a random moment of its work and replaced, until --kills kills. Then the
// incident is resolved while the writers keep going. Reports: notes acknowledged and landed, lost
// (acknowledged but missing) and torn (a timeline entry that is not a whole note), duplicates, the
// longest wait of one append, notes after "Incident resolved", leftovers (lock, temporary files).
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { parseIncident } from '../src/core/incident/incident-parser';
import { IncidentStore } from '../src/node/incident-store';
import { prng } from './generate-corpus';

const { values } = parseArgs({ options: { kills: { type: 'string', default: '300' }, writers: { type: 'string', default: '4' }, seed: { type: 'string', default: '1' } } });
const KILLS = Number(values.kills);
const WRITERS = Number(values.writers);
const random = prng(Number(values.seed));
const WRITER = path.join(__dirname, 'incident-crash-writer.ts');
const REPO = path.resolve(__dirname, '..');

interface Writer {
  child: ChildProcess;
  tag: string;
  acked: number;
}

async function main(): Promise<void> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'incident-crash-'));
  const dir = path.join(root, 'incidents');
  const store = new IncidentStore(dir, root, { timeZone: 'UTC' });
  const file = await store.create({ id: '', title: 'Crash loop', severity: 'SEV2', status: 'active', started: new Date().toISOString(), runbooks: [] });
  const acked = new Set<string>();
  const waits: number[] = [];
  /** Time of the last acknowledgement from any writer, and the longest time without one. */
  let lastAck = 0;
  let longestGap = 0;
  /** Kills that left the lock behind, and how long until a writer already running then landed its next note. */
  const recoveries: number[] = [];
  let pendingRecovery: { at: number; warm: Set<string> } | undefined;
  let closed = 0;
  let errors = '';
  let kills = 0;
  let generation = 0;
  const started = Date.now();

  const spawnWriter = (slot: number): Writer => {
    const tag = `w${slot}g${generation++}`;
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, root, file, tag], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    const writer: Writer = { child, tag, acked: 0 };
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const [word, id, ms] = line.split(' ');
        if (word === 'ok') {
          const now = performance.now();
          if (lastAck) longestGap = Math.max(longestGap, now - lastAck);
          lastAck = now;
          if (pendingRecovery?.warm.has(writer.tag)) {
            recoveries.push(now - pendingRecovery.at);
            pendingRecovery = undefined;
          }
          acked.add(id!);
          waits.push(Number(ms));
          writer.acked++;
        } else if (word === 'closed') closed++;
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    return writer;
  };
  const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('close', () => resolve())));
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  const writers = Array.from({ length: WRITERS }, (_, slot) => spawnWriter(slot));
  while (kills < KILLS) {
    const slot = Math.floor(random() * WRITERS);
    const writer = writers[slot]!;
    // Kill it while it works: after it has landed a note, at a random moment of the next few.
    while (writer.acked === 0 && writer.child.exitCode === null) await sleep(5);
    await sleep(random() * 15);
    writer.child.kill('SIGKILL');
    await exited(writer.child);
    kills++;
    const lockLeft = await fs.stat(path.join(root, `${file}.lock`)).then(() => true, () => false);
    const warm = new Set(writers.filter((w) => w !== writer && w.acked > 0).map((w) => w.tag));
    if (lockLeft && warm.size > 0) pendingRecovery = { at: performance.now(), warm };
    writers[slot] = spawnWriter(slot);
    if (kills % 50 === 0) console.log(`${kills} kills, ${acked.size} notes acknowledged, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  // --kills 0: the same writers for 30 s without kills, the baseline of the wait figures on this machine.
  if (KILLS === 0) await sleep(30_000);
  // Resolve while every writer is still appending; they stop when they see it resolved.
  while (writers.some((w) => w.acked === 0)) await sleep(5);
  const resolved = await store.resolve(file, new Date(), 'bench');
  await Promise.race([Promise.all(writers.map((w) => exited(w.child))), sleep(20_000)]);
  for (const w of writers) w.child.kill('SIGKILL');

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
  const leftovers = (await fs.readdir(dir)).filter((name) => name.endsWith('.lock') || name.endsWith('.tmp'));
  waits.sort((a, b) => a - b);
  const pct = (p: number) => waits[Math.min(waits.length - 1, Math.floor(p * waits.length))]?.toFixed(1);

  console.log(`kills (SIGKILL): ${kills} on ${WRITERS} concurrent writers, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`notes acknowledged: ${acked.size}; landed: ${landed.size}; landed without acknowledgement (killed after the write): ${[...landed.keys()].filter((id) => !acked.has(id)).length}`);
  console.log(`lost: ${lost.length}${lost.length ? ` (${lost.slice(0, 5).join(', ')})` : ''}; torn entries: ${torn}; duplicates: ${duplicates}; parse problems: ${incident.problems.length}`);
  console.log(`append wait ms: median ${pct(0.5)}, p99 ${pct(0.99)}, max ${waits.at(-1)?.toFixed(1)} (over ${waits.length} appends)`);
  recoveries.sort((a, b) => a - b);
  console.log(`longest time without any note landing: ${longestGap.toFixed(0)} ms (includes writers starting up); kills that left the lock behind: ${recoveries.length}, a running writer's next note landed after: median ${recoveries[Math.floor(recoveries.length / 2)]?.toFixed(0)} ms, max ${recoveries.at(-1)?.toFixed(0)} ms`);
  console.log(`resolve: notes after "Incident resolved": ${afterResolved}; writers refused after it: ${closed}; postmortem holds ${inDraft} of ${landed.size} notes`);
  console.log(`left in the folder: ${leftovers.length ? leftovers.join(', ') : 'nothing (no lock, no temporary file)'}`);
  if (errors.trim()) console.log(`writer errors:\n${errors.trim().split('\n').slice(0, 10).join('\n')}`);
  await fs.rm(root, { recursive: true, force: true });
}

void main();
