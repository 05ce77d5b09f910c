// One writer of the incident crash loop (bench/incident-crash-loop.ts): appends notes to one
// incident until it is resolved or killed, printing "ok <id> <append ms> <lock wait ms>" after
// each note that landed.
//   node --import tsx bench/incident-crash-writer.ts INCIDENTS_DIR ROOT FILE TAG
import { writeSync } from 'node:fs';
import { IncidentClosedError } from '../src/core/incident/incident-log';
import { formatNote } from '../src/core/incident/timeline';
import { IncidentStore } from '../src/node/incident-store';

async function main(): Promise<void> {
  const [dir, root, file, tag] = process.argv.slice(2);
  let waited = 0;
  const store = new IncidentStore(dir!, root!, { timeZone: 'UTC', lock: { onAcquired: (ms) => (waited = ms) } });
  writeSync(1, 'ready\n');
  for (let i = 0; ; i++) {
    const id = `${tag}-${i}`;
    const started = performance.now();
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
    writeSync(1, `ok ${id} ${(performance.now() - started).toFixed(1)} ${waited.toFixed(1)}\n`);
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exitCode = 1;
});
