// One writer of the incident crash loop (bench/incident-crash-loop.ts): appends notes to one
// incident until it is resolved or killed, printing after each note that landed
// "ok <id> <append ms> <lock wait ms> <acquired at> <released at> <phase>=<ms>,…" (times: epoch ms;
// phases: join (taking a queue ticket), inspect (reading the start and end of the file and deciding),
// write, fsync, release (removing the lock); runq: how long this process's threads were runnable but
// not running while it held the lock, from /proc/self/task/*/schedstat, i.e. waiting for a CPU).
//   node --import tsx bench/incident-crash-writer.ts INCIDENTS_DIR ROOT FILE TAG
import { readdirSync, readFileSync, writeSync } from 'node:fs';
import { IncidentClosedError } from '../src/core/incident/incident-log';
import { formatNote } from '../src/core/incident/timeline';
import { IncidentStore } from '../src/node/incident-store';

/** Nanoseconds the threads of this process spent waiting on a run queue (Linux; 0 elsewhere). */
function runQueueNs(): number {
  try {
    let sum = 0;
    for (const task of readdirSync('/proc/self/task')) sum += Number(readFileSync(`/proc/self/task/${task}/schedstat`, 'utf8').split(' ')[1]);
    return sum;
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  const [dir, root, file, tag] = process.argv.slice(2);
  let waited = 0;
  let acquiredAt = 0;
  let releasedAt = 0;
  let phases: string[] = [];
  const now = () => performance.timeOrigin + performance.now();
  let runQueueAtAcquire = 0;
  const onPhase = (phase: string, ms: number) => {
    phases.push(`${phase}=${ms.toFixed(2)}`);
    if (phase === 'release') {
      releasedAt = now();
      phases.push(`runq=${((runQueueNs() - runQueueAtAcquire) / 1e6).toFixed(2)}`);
    }
  };
  const onAcquired = (ms: number) => {
    waited = ms;
    acquiredAt = now();
    runQueueAtAcquire = runQueueNs();
  };
  const lock = { onAcquired, onPhase };
  const store = new IncidentStore(dir!, root!, { timeZone: 'UTC', lock, onPhase });
  writeSync(1, 'ready\n');
  for (let i = 0; ; i++) {
    const id = `${tag}-${i}`;
    const started = performance.now();
    phases = [];
    try {
      await store.append(file!, formatNote({ text: `note ${id}\nsecond line of ${id}`, author: tag }, new Date(), 'UTC'), { onlyIfActive: true });
    } catch (error) {
      if (error instanceof IncidentClosedError) {
        writeSync(1, `closed ${id}\n`);
        return;
      }
      throw error;
    }
    // Synchronous, so that "ok" is out before the next note starts: an acknowledged note is one that landed.
    writeSync(1, `ok ${id} ${(performance.now() - started).toFixed(1)} ${waited.toFixed(1)} ${acquiredAt.toFixed(2)} ${releasedAt.toFixed(2)} ${phases.join(',')}\n`);
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exitCode = 1;
});
