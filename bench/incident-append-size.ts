// How the time of one note grows with the size of the incident file (issue #21: "no stall over 1 s").
//   node --import tsx bench/incident-append-size.ts [--appends 40] [--sizes 0,264,1800,5000,20000]
// For each size, an incident with that many notes is built, then --appends notes are added one after
// the other through IncidentStore.append (status checked under the lock, as `runbooks incident note`
// does). Prints per size the median and p90 time of one append, the bytes read per append
// (/proc/self/io rchar, Linux) and the ratio of the median to the empty incident's, measured in the
// same run; and the load average. Prints figures, asserts nothing.
import { readFileSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { formatNote } from '../src/core/incident/timeline';
import { IncidentStore } from '../src/node/incident-store';

const { values } = parseArgs({ options: { appends: { type: 'string', default: '40' }, sizes: { type: 'string', default: '0,264,1800,5000,20000' } } });
const APPENDS = Number(values.appends);
const SIZES = values.sizes.split(',').map(Number);
const load = () => os.loadavg().map((n) => n.toFixed(1)).join(' ');
const rchar = () => {
  try {
    return Number(/^rchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))![1]);
  } catch {
    return NaN;
  }
};
const note = (text: string, at: Date) => formatNote({ text, author: 'bench' }, at, 'UTC');

async function main(): Promise<void> {
  console.log(`appends ${APPENDS} per size, ${os.availableParallelism()} cores, load average ${load()}`);
  let baseline: number | undefined;
  for (const size of SIZES) {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'incident-append-size-'));
    const store = new IncidentStore(path.join(root, 'incidents'), root, { timeZone: 'UTC' });
    const start = Date.now() - 86_400_000;
    const file = await store.create({ id: '', title: 'Append size', severity: 'SEV2', status: 'active', started: new Date(start).toISOString(), runbooks: [] });
    let body = '';
    for (let i = 0; i < size; i++) body += note(`note ${i}\nsecond line of note ${i}`, new Date(start + 1000 + i * 1000));
    await fs.appendFile(path.join(root, file), body);
    const bytes = (await fs.stat(path.join(root, file))).size;
    const times: number[] = [];
    const reads: number[] = [];
    for (let i = 0; i < APPENDS; i++) {
      const before = rchar();
      const t = performance.now();
      await store.append(file, note(`appended ${i}`, new Date()), { onlyIfActive: true });
      times.push(performance.now() - t);
      reads.push(rchar() - before);
    }
    times.sort((a, b) => a - b);
    reads.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    baseline ??= median;
    console.log(
      `${String(size).padStart(6)} notes (${(bytes / 1024).toFixed(0).padStart(5)} KB): append median ${median.toFixed(1)} ms, p90 ${times[Math.floor(times.length * 0.9)]!.toFixed(1)} ms, ` +
        `read ${(reads[Math.floor(reads.length / 2)]! / 1024).toFixed(0)} KB per append; ${(median / baseline).toFixed(1)}× the empty incident`,
    );
    await fs.rm(root, { recursive: true, force: true });
  }
  console.log(`load average after ${load()}`);
}

void main();
