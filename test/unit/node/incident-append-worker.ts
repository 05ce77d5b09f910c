// Appends N notes to one incident through IncidentStore; run by incident-store.test.ts as a child
// process: node --import tsx incident-append-worker.ts INCIDENTS_DIR ROOT FILE WORKER N
import { formatNote } from '../../../src/core/incident/timeline';
import { IncidentStore } from '../../../src/node/incident-store';

async function main(): Promise<void> {
  const [dir, root, file, worker, count] = process.argv.slice(2);
  const store = new IncidentStore(dir!, root!, { timeZone: 'UTC' });
  for (let i = 0; i < Number(count); i++) {
    await store.append(file!, formatNote({ text: `worker ${worker} note ${i}\nsecond line of ${worker}/${i}`, author: `w${worker}` }, new Date(), 'UTC'));
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exitCode = 1;
});
