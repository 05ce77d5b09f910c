// The staleness benchmark's doc index, built in a process of its own (bench/staleness-bench.ts runs
// it): parsing hundreds of docs on worker threads has a memory peak of its own, which must not be
// counted as the staleness report's. Builds the index of ROOT without a cache and writes the docs
// and this process's peak memory to OUT (v8 serialization, read back by the benchmark).
//   node --import tsx bench/index-docs-child.ts ROOT OUT
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as v8 from 'node:v8';
import { openWorkspaceIndex } from '../src/node/open-index';

async function main(): Promise<void> {
  const [root, out] = process.argv.slice(2);
  if (!root || !out) throw new Error('usage: index-docs-child.ts ROOT OUT');
  const index = openWorkspaceIndex(root, { cache: false, env: { PATH: process.env.PATH, HOME: os.homedir() } });
  await index.build();
  await fs.writeFile(out, v8.serialize({ docs: index.all(), peakKiB: process.resourceUsage().maxRSS }));
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
