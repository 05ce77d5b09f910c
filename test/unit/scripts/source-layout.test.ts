import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '../../..');

/** Every `.ts` file under `dir`, relative to the repository. */
function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(repo, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return entry.name.endsWith('.ts') ? [rel] : [];
  });
}

// What issue #17 keeps true between landings: two landings of one session broke each without a
// test noticing (a folder cycle commands/ ↔ staleness/, a 301-line file).
describe('source layout (#17)', () => {
  it('has no file in src/ over 300 lines', () => {
    const over = sourceFiles('src')
      .map((file) => [file, readFileSync(path.join(repo, file), 'utf8').split('\n').length - 1] as const)
      .filter(([, lines]) => lines > 300);
    assert.deepEqual(over, []);
  });

  // The import graph of src/core, computed once (it parses every file: slow on a loaded machine).
  let graph: { cycles: string[][]; folderCycles: string[][]; longestChain: string[] };
  before(function () {
    this.timeout(180_000);
    graph = JSON.parse(execFileSync(process.execPath, [path.join(repo, 'scripts/import-graph.mjs'), '--json'], { cwd: repo, encoding: 'utf8' })) as typeof graph;
  });

  it('has no import cycle between files or between the folders of src/core', () => {
    assert.deepEqual([graph.cycles, graph.folderCycles], [[], []]);
  });

  // A ratchet: lower MAX_DEPTH whenever a change shortens the longest chain (the goal, 6, is reached).
  it('keeps the longest import chain of src/core (type imports included) at most MAX_DEPTH files', () => {
    const MAX_DEPTH = 6;
    assert.ok(graph.longestChain.length <= MAX_DEPTH, `depth ${graph.longestChain.length} > ${MAX_DEPTH}: ${graph.longestChain.join(' → ')}`);
  });
});
