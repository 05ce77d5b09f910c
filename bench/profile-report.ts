// Profiles one cold staleness report of a folder (issue #10): indexes the docs first (not profiled),
// then runs the report under the V8 CPU profiler and writes DIR/report.cpuprofile (open it in Chrome
// DevTools or VS Code). Prints where the report's phases began and how long it took.
//   node --import tsx bench/profile-report.ts PATH [--out DIR] [--index-cache FILE]
import { promises as fs } from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { openWorkspaceIndex } from '../src/node/open-index';
import { openStalenessEngine } from '../src/node/git-staleness';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string', default: '.cache/profile' }, 'index-cache': { type: 'string' } } });
const root = path.resolve(positionals[0] ?? '.');
const env = { PATH: process.env.PATH, HOME: os.homedir() };

async function main(): Promise<void> {
  // --index-cache FILE keeps the doc index between runs (the index is not what is profiled).
  const indexCache = values['index-cache'];
  const index = openWorkspaceIndex(root, indexCache ? { env, cacheFile: path.resolve(indexCache) } : { cache: false, env });
  await index.build();
  if (indexCache) await index.persist();
  const docs = index.all();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  const start = process.hrtime.bigint();
  const marks: string[] = [];
  const report = await openStalenessEngine(root, { cache: false, env }).report(docs, {
    onProgress: (p) => {
      const at = Number(process.hrtime.bigint() - start) / 1e6;
      if (p.phase !== 'history') marks.push(`${p.phase} ${at.toFixed(0)} ms`);
    },
  });
  const millis = Number(process.hrtime.bigint() - start) / 1e6;
  const { profile } = await session.post('Profiler.stop');
  await fs.mkdir(values.out!, { recursive: true });
  const file = path.join(values.out!, 'report.cpuprofile');
  await fs.writeFile(file, JSON.stringify(profile));
  console.log(`${report.docs.length} docs in ${millis.toFixed(0)} ms (${marks.join(', ')}); profile in ${file}; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
