// Checks log-from-objects against git on a real repository (issue #10): for a seeded random sample
// of commits on the first-parent chain, the range `c ^c~k` (k = 1..K) read from the objects must be
// byte for byte what `git log` prints, wherever it is proven; it prints how many were proven, how
// many were left to git (renames and other cases outside the proof), and every difference (exit 1).
//   node --import tsx bench/log-from-objects-check.ts REPO [--sample 200] [--k 3] [--seed 1]
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import { parseArgs } from 'node:util';
import { CatFileReader } from '../src/node/cat-file-reader';
import { MAX_OBJECT_BYTES, STABLE_CONFIG } from '../src/node/git-invocation';
import { LOG_FORMAT } from '../src/node/git-log-parser';
import { logFromObjects } from '../src/node/log-from-objects';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { sample: { type: 'string', default: '200' }, k: { type: 'string', default: '3' }, seed: { type: 'string', default: '1' } } });
const repo = positionals[0]!;
const env = { PATH: process.env.PATH ?? '', HOME: os.homedir(), LC_ALL: 'C' };
const git = (args: string[]) => execFileSync('git', [...STABLE_CONFIG.flatMap((c) => ['-c', c]), ...args], { cwd: repo, env, maxBuffer: 1 << 30 });

/** A small seeded generator (mulberry32), so the sample is the same on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function main(): Promise<void> {
  const chain = git(['rev-list', '--first-parent', 'HEAD']).toString().trim().split('\n');
  const next = random(Number(values.seed));
  const reader = new CatFileReader(repo, env, STABLE_CONFIG, MAX_OBJECT_BYTES);
  const [k, sample] = [Number(values.k), Number(values.sample)];
  let [proven, left, differ] = [0, 0, 0];
  for (let n = 0; n < sample; n++) {
    const at = Math.floor(next() * (chain.length - k - 1));
    for (let back = 1; back <= k; back++) {
      const [head, since] = [chain[at]!, chain[at + back]!];
      const ours = await logFromObjects((names) => reader.read(names), head, since);
      if (!ours) {
        left++;
        continue;
      }
      const theirs = git(['log', '--first-parent', '--diff-merges=first-parent', '--raw', '--no-abbrev', '-M', '-z', '--no-ext-diff', LOG_FORMAT, head, `^${since}`, '--']);
      if (Buffer.compare(ours, theirs) === 0) proven++;
      else {
        differ++;
        console.log(`DIFFERS ${head} ^${since}\n  ours:   ${JSON.stringify(ours.toString('utf8').slice(0, 400))}\n  theirs: ${JSON.stringify(theirs.toString('utf8').slice(0, 400))}`);
      }
    }
  }
  reader.close();
  console.log(`${repo}: ${sample} commits of ${chain.length} on the first-parent chain, ranges of 1..${k}: ${proven} equal to git log, ${differ} different, ${left} left to git`);
  process.exit(differ > 0 ? 1 : 0);
}
main().catch((e) => { console.error(e); process.exit(1); });
