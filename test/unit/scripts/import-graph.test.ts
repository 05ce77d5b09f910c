import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const script = path.resolve(__dirname, '../../../scripts/import-graph.mjs');

interface GraphJson {
  files: number;
  imports: number;
  longestChain: string[];
  longestValueChain: string[];
  topChains?: string[][];
  over?: string[][];
  chains?: string[][];
  cycles: string[][];
  folderCycles: string[][];
}

/** Writes `files` (path → text) under a fresh `src/` and returns the script's JSON for it. */
function graphOf(files: Record<string, string>, ...args: string[]): GraphJson {
  const root = mkdtempSync(path.join(os.tmpdir(), 'import-graph-'));
  try {
    for (const [file, text] of Object.entries(files)) {
      const full = path.join(root, 'src', file);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, text);
    }
    return JSON.parse(execFileSync(process.execPath, [script, '--root', root, '--dir', 'src', '--json', ...args], { encoding: 'utf8' })) as GraphJson;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('import-graph script', () => {
  const layered = {
    'entry.ts': "import { b } from './mid/b';\nexport const a = b;\n",
    'mid/b.ts': "import type { C } from '../leaf/c';\nexport const b: C = 1;\n",
    'leaf/c.ts': 'export type C = number;\n',
    'other.ts': "import type { C } from './leaf/c';\nexport type D = C;\n",
  };

  it('counts type imports in the longest chain and leaves them out of the value-only chain', () => {
    const graph = graphOf(layered);
    assert.equal(graph.files, 4);
    assert.equal(graph.imports, 3);
    assert.deepEqual(graph.longestChain, ['entry.ts', 'mid/b.ts', 'leaf/c.ts']);
    assert.deepEqual(graph.longestValueChain, ['entry.ts', 'mid/b.ts']);
    assert.deepEqual(graph.cycles, []);
    assert.deepEqual(graph.folderCycles, []);
  });

  it('lists with --top the longest chains from different entry files, longest first', () => {
    const graph = graphOf(layered, '--top', '5');
    assert.deepEqual(graph.topChains, [
      ['entry.ts', 'mid/b.ts', 'leaf/c.ts'],
      ['other.ts', 'leaf/c.ts'],
    ]);
  });

  it('lists with --over N every file whose longest chain is longer than N, with that chain, longest first', () => {
    assert.deepEqual(graphOf(layered, '--over', '1').over, [
      ['entry.ts', 'mid/b.ts', 'leaf/c.ts'],
      ['mid/b.ts', 'leaf/c.ts'],
      ['other.ts', 'leaf/c.ts'],
    ]);
    assert.deepEqual(graphOf(layered, '--over', '2').over, [['entry.ts', 'mid/b.ts', 'leaf/c.ts']]);
  });

  it('lists with --chains N every chain of exactly N + 1 files, whichever file it starts at', () => {
    const diamond = {
      'top.ts': "import { l } from './left';\nimport { r } from './right';\nexport const t = l + r;\n",
      'left.ts': "import type { B } from './bottom';\nexport const l: B = 1;\n",
      'right.ts': "import type { B } from './bottom';\nexport const r: B = 2;\n",
      'bottom.ts': 'export type B = number;\n',
    };
    assert.deepEqual(graphOf(diamond, '--chains', '2').chains, [
      ['top.ts', 'left.ts', 'bottom.ts'],
      ['top.ts', 'right.ts', 'bottom.ts'],
    ]);
    assert.deepEqual(graphOf(diamond, '--chains', '1').chains, [
      ['left.ts', 'bottom.ts'],
      ['right.ts', 'bottom.ts'],
      ['top.ts', 'left.ts'],
      ['top.ts', 'right.ts'],
    ]);
    assert.deepEqual(graphOf(diamond, '--chains', '3').chains, []);
  });

  it('reports a type-only cycle once, from its smallest file', () => {
    const graph = graphOf({
      'x.ts': "import type { Y } from './y';\nexport type X = { y?: Y };\n",
      'y.ts': "import type { X } from './x';\nexport type Y = { x?: X };\n",
    });
    assert.deepEqual(graph.cycles, [['x.ts', 'y.ts', 'x.ts']]);
  });
});
