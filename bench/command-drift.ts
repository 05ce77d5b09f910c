// Command drift on real checkouts (issue #23 section 1). Prints figures, asserts nothing.
//   node --import tsx bench/command-drift.ts PATH [PATH…] [--sample N] [--seed S] [--list]
// For each checkout: docs indexed as the CLI does, runnable blocks and their commands, what the
// commands call in the repository (scripts, targets, workflow inputs), and the findings by rule,
// with renames and deletions from the first-parent history (the staleness engine's). `--sample N`
// prints N findings drawn with a seeded generator across all checkouts, for judging by hand.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { walkCalls } from '../src/core/commands/block-walk';
import { workspaceDrift } from '../src/core/commands/workspace-drift';
import { runnableBlocks } from '../src/core/runner/runnable-blocks';
import type { PlacedFinding } from '../src/core/findings/finding';
import { GitWorkspaceFiles } from '../src/node/git-workspace-files';
import { openStalenessEngine } from '../src/node/git-staleness';
import { openWorkspaceIndex } from '../src/node/open-index';
import { prng } from './generate-corpus';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { list: { type: 'boolean', default: false }, sample: { type: 'string', default: '0' }, seed: { type: 'string', default: '23' } },
});

async function main(): Promise<void> {
  const all: Array<PlacedFinding & { repo: string }> = [];
  const env = { ...process.env };
  for (const root of positionals) {
    const repo = path.basename(path.resolve(root));
    const index = openWorkspaceIndex(root, { cache: false, env, parallel: false });
    await index.build();
    const docs = index.all();
    const files = new GitWorkspaceFiles(root, env);
    const list = new Set(await files.list());
    const dirs = { hasDir: (d: string) => d === '' || [...list].some((f) => f.startsWith(`${d}/`)) };
    // The names the repository goes by, as the drift check walks with them (a doc that clones this repository goes on).
    const repoNames = (await files.repositoryNames?.()) ?? [];
    let blocks = 0;
    const calls: Record<string, number> = {};
    for (const doc of docs) {
      const runnable = runnableBlocks(doc);
      blocks += runnable.length;
      for (const placed of walkCalls(doc, runnable, dirs, repoNames)) {
        const key = placed.call.kind === 'target' ? `target:${placed.call.tool}` : placed.call.kind;
        calls[key] = (calls[key] ?? 0) + 1;
      }
    }
    const engine = openStalenessEngine(root, { cache: false, env });
    const started = Date.now();
    await engine.report(docs);
    const findings = await workspaceDrift(docs, files, { ...(engine.currentHistory ? { history: engine.currentHistory } : {}) });
    const byRule: Record<string, number> = {};
    for (const f of findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
    console.log(`${repo}: ${docs.length} docs, ${blocks} runnable blocks, calls ${JSON.stringify(calls)}; findings ${JSON.stringify(byRule)} (${Date.now() - started} ms with history)`);
    if (values.list) for (const f of findings) console.log(`  ${f.path}:${f.line} ${f.ruleId} ${f.message}`);
    all.push(...findings.map((f) => ({ ...f, repo })));
  }
  const n = Number(values.sample);
  if (n > 0) {
    const random = prng(Number(values.seed));
    const pool = [...all];
    console.log(`\nsample of ${Math.min(n, pool.length)} of ${pool.length} findings (seed ${values.seed}):`);
    for (let i = 0; i < n && pool.length; i++) {
      const f = pool.splice(Math.floor(random() * pool.length), 1)[0]!;
      console.log(`${i + 1}. [${f.repo}] ${f.path}:${f.line} ${f.ruleId}: ${f.message}`);
    }
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(2);
});
