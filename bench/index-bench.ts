// Index and search benchmark (issue: foundation). Prints figures, asserts nothing.
//   npm run bench -- [--docs N] [--queries N]
// Cold index is compared with a bare remark-parse of the same files (read + parse, no plugins),
// measured in the same run; warm start with cold; search latency over mixed queries.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { openWorkspaceIndex } from '../src/node/open-index';
import { generateCorpus, prng } from './generate-corpus';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '10000' }, queries: { type: 'string', default: '1000' } } });
const DOCS = Number(values.docs);
const QUERIES = Number(values.queries);
const env = { HOME: os.homedir() };

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function bareRemarkParse(root: string, files: string[]): Promise<number> {
  const parser = unified().use(remarkParse);
  const start = process.hrtime.bigint();
  for (const file of files) parser.parse(await fs.readFile(path.join(root, file), 'utf8'));
  return ms(start);
}

async function main(): Promise<void> {
  const root = path.join(__dirname, '.corpus', `index-${DOCS}`);
  const cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'runbooks-bench-'));
  const cacheFile = path.join(cacheDir, 'index.json');
  console.log(`corpus: ${DOCS} runbooks in ${path.relative(process.cwd(), root)} (generating if missing)…`);
  const files = await generateCorpus(root, DOCS);
  const bytes = (await Promise.all(files.map((f) => fs.stat(path.join(root, f))))).reduce((n, s) => n + s.size, 0);
  console.log(`corpus: ${(bytes / 1048576).toFixed(1)} MiB, ${(bytes / DOCS / 1024).toFixed(1)} KiB per doc; node ${process.version}, ${os.cpus().length} cores`);

  await bareRemarkParse(root, files.slice(0, 500)); // warm the JIT and the page cache
  const rounds = Number(process.env.BENCH_ROUNDS ?? 1);
  let bare = Infinity;
  let cold = Infinity;
  for (let r = 0; r < rounds; r++) {
    bare = Math.min(bare, await bareRemarkParse(root, files));
    const index = openWorkspaceIndex(root, { cache: false, env });
    const start = process.hrtime.bigint();
    await index.build();
    cold = Math.min(cold, ms(start));
  }

  // The same cold build on the calling thread only: the CPU cost per document, without worker threads.
  const serial = openWorkspaceIndex(root, { cache: false, env, parallel: false });
  const serialStart = process.hrtime.bigint();
  await serial.build();
  const coldSerial = ms(serialStart);

  const writer = openWorkspaceIndex(root, { env, cacheFile });
  await writer.build();
  const persistStart = process.hrtime.bigint();
  await writer.persist();
  const persistMs = ms(persistStart);
  const cacheBytes = (await fs.stat(cacheFile)).size;

  const warmIndex = openWorkspaceIndex(root, { env, cacheFile });
  const warmStart = process.hrtime.bigint();
  const warmStats = await warmIndex.build();
  const warm = ms(warmStart);

  // Incremental: change one doc on disk, then update it; median over 25 different docs.
  const rand = prng(7);
  const updates: number[] = [];
  for (let i = 0; i < 25; i++) {
    const file = files[Math.floor(rand() * files.length)]!;
    const absolute = path.join(root, file);
    const original = await fs.readFile(absolute, 'utf8');
    await fs.writeFile(absolute, `${original}\nEdited during the benchmark (${i}).\n`);
    const start = process.hrtime.bigint();
    await warmIndex.update(file);
    updates.push(ms(start));
    await fs.writeFile(absolute, original);
    await warmIndex.update(file);
  }
  updates.sort((a, b) => a - b);

  // Search: a mix of what people type — words, prefixes, typos, alert names, two-word queries.
  const vocabulary = warmIndex.all().slice(0, 2000).flatMap((d) => d.sections.flatMap((s) => s.text.split(/\W+/).filter((w) => w.length > 4)));
  const alerts = warmIndex.all().flatMap((d) => d.meta.alerts);
  const queries: string[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const word = vocabulary[Math.floor(rand() * vocabulary.length)]!.toLowerCase();
    const kind = i % 5;
    if (kind === 0) queries.push(word);
    else if (kind === 1) queries.push(word.slice(0, 3 + (i % 3)));
    else if (kind === 2) queries.push(word.length > 5 ? `${word.slice(0, 2)}${word[3]}${word[2]}${word.slice(4)}` : word);
    else if (kind === 3) queries.push(alerts[Math.floor(rand() * alerts.length)]!);
    else queries.push(`${word} ${vocabulary[Math.floor(rand() * vocabulary.length)]!.toLowerCase()}`);
  }
  for (const q of queries.slice(0, 50)) warmIndex.find(q); // warm-up
  const latencies: number[] = [];
  const byKind: number[][] = [[], [], [], [], []];
  let hits = 0;
  queries.forEach((q, i) => {
    const start = process.hrtime.bigint();
    hits += warmIndex.find(q, { limit: 20 }).length > 0 ? 1 : 0;
    const took = ms(start);
    latencies.push(took);
    byKind[i % 5]!.push(took);
  });
  latencies.sort((a, b) => a - b);

  const bundle = await fs.stat(path.join(__dirname, '..', 'dist', 'extension.js')).catch(() => undefined);
  const f = (n: number) => n.toFixed(1);
  console.log('');
  console.log(`bare remark-parse (read + parse)  ${f(bare)} ms  (${f(DOCS / (bare / 1000))} docs/s)   baseline`);
  console.log(`cold index (${os.availableParallelism()} parse threads)     ${f(cold)} ms  (${f(DOCS / (cold / 1000))} docs/s)   ratio to bare ${(cold / bare).toFixed(2)}x  [target <= 1.3x]`);
  console.log(`cold index, one thread (no workers) ${f(coldSerial)} ms  (${f(DOCS / (coldSerial / 1000))} docs/s)   ratio to bare ${(coldSerial / bare).toFixed(2)}x`);
  console.log(`persist index                     ${f(persistMs)} ms  (${(cacheBytes / 1048576).toFixed(1)} MiB cache file)`);
  console.log(`warm start from persisted index   ${f(warm)} ms  ratio to cold ${(warm / cold).toFixed(3)}x  [target <= 0.1x]  (${warmStats.fromCache} from cache, search restored: ${warmStats.searchFromCache})`);
  console.log(`re-index one changed doc          p50 ${f(percentile(updates, 50))} ms  max ${f(updates[updates.length - 1]!)} ms  [target <= 20 ms]`);
  console.log(`search (${QUERIES} mixed queries)      p50 ${percentile(latencies, 50).toFixed(2)} ms  p95 ${percentile(latencies, 95).toFixed(2)} ms  [target p95 <= 5 ms]  (${hits} with hits)`);
  const KIND_NAMES = ['one word', 'prefix (3-5 letters)', 'typo (two letters swapped)', 'alert name', 'two words'];
  byKind.forEach((times, i) => {
    times.sort((a, b) => a - b);
    console.log(`  ${KIND_NAMES[i]!.padEnd(28)} p50 ${percentile(times, 50).toFixed(2)} ms  p95 ${percentile(times, 95).toFixed(2)} ms`);
  });
  if (bundle) console.log(`bundled extension                 ${(bundle.size / 1024).toFixed(0)} KiB  [target <= 1536 KiB]`);
  await fs.rm(cacheDir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
