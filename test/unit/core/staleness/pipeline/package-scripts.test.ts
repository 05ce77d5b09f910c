import assert from 'node:assert/strict';
import { packageScriptChanges, packageScriptsRun } from '../../../../../src/core/staleness/diffs/package-scripts';

describe('package.json scripts a doc runs (bad input)', () => {
  const pkg = (scripts: unknown) => JSON.stringify({ name: 'app', scripts });

  it('reads a package.json broken by a change as one whose scripts are gone, and a broken one fixed as scripts added', () => {
    const good = pkg({ lint: 'eslint .', test: 'mocha' });
    const broken = good.slice(0, -5);
    assert.deepEqual(
      packageScriptChanges(good, broken).calls.map((c) => [c.name, c.removed ?? false]),
      [['lint', true], ['test', true]],
    );
    assert.deepEqual(
      packageScriptChanges(broken, good).calls.map((c) => [c.name, c.removed ?? false]),
      [['lint', false], ['test', false]],
    );
  });

  it('reads a scripts field that is not an object as no scripts, and a command that is not a string by its text', () => {
    assert.deepEqual(packageScriptChanges(pkg(['lint']), pkg({ lint: 'eslint .' })).targets, ['lint']);
    assert.deepEqual(packageScriptChanges(pkg({ n: 1 }), pkg({ n: 1 })).targets, []);
    assert.deepEqual(packageScriptChanges('', '').targets, []);
  });

  it('takes the script names only from command links of npm, yarn or pnpm without options', () => {
    assert.deepEqual(
      [packageScriptsRun('npm lint'), packageScriptsRun('yarn test build'), packageScriptsRun('pnpm --filter x build'), packageScriptsRun('make lint'), packageScriptsRun('npm')],
      [['lint'], ['test', 'build'], undefined, undefined, undefined],
    );
  });
});
