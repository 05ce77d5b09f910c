import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { diffIgnoringWhitespace } from '../../../src/core/staleness/diffs/text-diff';
import { makeTempDir, removeTempDir } from '../support/temp-dir';

/** A small deterministic generator, so a failure can be reproduced. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const WORDS = ['replicas: 3', 'replicas:3', 'pool: 20', '  timeout: 30s', '\ttimeout:\t30s', '', '# comment', 'kubectl get pods', '}', 'end'];

describe('diffIgnoringWhitespace against git diff -w', () => {
  let dir: string | undefined;
  afterEach(() => removeTempDir(dir));

  it('counts the same added and deleted lines as git for 60 random edits', async () => {
    dir = await makeTempDir('text-diff');
    const rand = prng(7);
    const pick = () => WORDS[Math.floor(rand() * WORDS.length)]!;
    for (let round = 0; round < 60; round++) {
      const before = Array.from({ length: 5 + Math.floor(rand() * 40) }, pick);
      const after = [...before];
      for (let edits = Math.floor(rand() * 6); edits > 0; edits--) {
        const at = Math.floor(rand() * (after.length + 1));
        const op = rand();
        if (op < 0.4) after.splice(at, 0, pick());
        else if (op < 0.7) after.splice(at, 1);
        else after[Math.min(at, after.length - 1)] = `${pick()} x`;
      }
      const a = `${before.join('\n')}\n`;
      const b = `${after.join('\n')}\n`;
      await fs.writeFile(path.join(dir, 'a'), a);
      await fs.writeFile(path.join(dir, 'b'), b);
      let out = '';
      try {
        out = execFileSync('git', ['diff', '--no-index', '-w', '--numstat', 'a', 'b'], { cwd: dir, encoding: 'utf8' });
      } catch (error) {
        out = (error as { stdout: string }).stdout;
      }
      const [added = '0', deleted = '0'] = out.trim() ? out.trim().split('\t') : [];
      const ours = diffIgnoringWhitespace(a, b);
      assert.deepEqual([ours.added, ours.deleted], [Number(added), Number(deleted)], `round ${round}:\n${a}---\n${b}`);
    }
  });
});
