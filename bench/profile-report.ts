// Profiles one cold staleness report of a folder (issue #10): indexes the docs first (not profiled),
// then runs the report under the V8 CPU profiler and writes DIR/report.cpuprofile (open it in Chrome
// DevTools or VS Code). Prints where the report's phases began and how long it took.
//   node --import tsx bench/profile-report.ts PATH [--out DIR] [--index-cache FILE]
// With --recheck FILE the profile is of the warm re-check instead: a cold report (not profiled),
// then a new commit that appends a line to FILE (a path under PATH), then the report of the same
// engine (as the editor keeps it). That commits to PATH's repository: give it a scratch clone
// (`git clone --shared`).
import { promises as fs } from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { openWorkspaceIndex } from '../src/node/open-index';
import { openStalenessEngine } from '../src/node/git-staleness';
import { git, isolatedGitEnv } from './generate-git-repo';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string', default: '.cache/profile' }, 'index-cache': { type: 'string' }, recheck: { type: 'string' } } });
const root = path.resolve(positionals[0] ?? '.');
const env = { PATH: process.env.PATH, HOME: os.homedir() };

/** Appends a line to `file` under `root` and commits it an hour after HEAD (plumbing: a mirror's tree may name blobs it lacks). */
async function commitTo(file: string): Promise<void> {
  const gitEnv = isolatedGitEnv(env, os.tmpdir());
  const last = Number((await git(['log', '-1', '--format=%ct'], root, gitEnv)).trim());
  await fs.appendFile(path.join(root, file), 'profile re-check\n');
  const date = `${last + 3600} +0000`;
  const commitEnv = { ...gitEnv, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  await git(['add', '--', file], root, commitEnv);
  const tree = (await git(['write-tree', '--missing-ok'], root, commitEnv)).trim();
  const commit = (await git(['commit-tree', tree, '-p', 'HEAD', '-m', `Profile re-check of ${file}`], root, commitEnv)).trim();
  await git(['update-ref', '--no-deref', 'HEAD', commit], root, commitEnv);
}

async function main(): Promise<void> {
  // --index-cache FILE keeps the doc index between runs (the index is not what is profiled).
  const indexCache = values['index-cache'];
  const index = openWorkspaceIndex(root, indexCache ? { env, cacheFile: path.resolve(indexCache) } : { cache: false, env });
  await index.build();
  if (indexCache) await index.persist();
  const docs = index.all();
  const engine = openStalenessEngine(root, { cache: false, env });
  if (values.recheck) {
    await engine.report(docs);
    await commitTo(values.recheck);
  }
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  const start = process.hrtime.bigint();
  const marks: string[] = [];
  const report = await engine.report(docs, {
    onProgress: (p) => {
      const at = Number(process.hrtime.bigint() - start) / 1e6;
      if (p.phase !== 'history') marks.push(`${p.phase} ${at.toFixed(0)} ms`);
    },
  });
  const millis = Number(process.hrtime.bigint() - start) / 1e6;
  const { profile } = await session.post('Profiler.stop');
  await fs.mkdir(values.out!, { recursive: true });
  const file = path.join(values.out!, values.recheck ? 'recheck.cpuprofile' : 'report.cpuprofile');
  await fs.writeFile(file, JSON.stringify(profile));
  console.log(`${report.docs.length} docs in ${millis.toFixed(0)} ms (${marks.join(', ')}; history ${report.history?.mode}, ${report.history?.commitsRead} commits read); profile in ${file}; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
