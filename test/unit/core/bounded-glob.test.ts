import assert from 'node:assert/strict';
import picomatch from 'picomatch';
import { boundedMatcher, compileBoundedGlob, GLOB_BOUNDS, globRefusals, isGlobRefusal, type BoundedGlob } from '../../../src/core/bounded-glob';

function compiled(pattern: string): BoundedGlob {
  const glob = compileBoundedGlob(pattern);
  assert.ok(!isGlobRefusal(glob), `${pattern} was refused: ${isGlobRefusal(glob) ? glob.reason : ''}`);
  return glob;
}

describe('bounded globs (patterns from repository content)', () => {
  it('match as picomatch with dot: true does, on the patterns runbook repositories write', () => {
    const patterns = [
      'docs/**/*.md', 'src/{a,b}/*.ts', '**/x?[ab].go', '**/*rules*.y?(a)ml', '**/prometheus*/**/*.y?(a)ml',
      '**/{testdata,test,tests,fixtures,__fixtures__,__tests__,node_modules,vendor}/**', 'a/**', '**', '*', '**/*.md',
      'deploy/db/**', 'f{1..3}.md', '**/.git/**', 'a/**/b/*.yml', '*.{md,markdown}', '[[:digit:]]*', 'charts/@(pg|redis)/values.yaml', '**/test/**', 'docs/**/a.md', '**/b/**/c',
    ];
    const paths = [
      'a', 'a/', 'a/x', 'a/b', 'a/x/b/c.yml', 'a/b/c.yml', 'docs/x.md', 'docs/a/b/x.md', 'docs/.x.md', 'x.md', '.x.md', 'src/a/z.ts',
      'src/c/z.ts', 'q/xya.go', 'xya.go', 'alerts.yml', 'k/recording_rules.yaml', 'k/rules.yml', 'prometheus/x/a.yml', 'prometheus-op/r.yaml',
      'test/x/y', 'a/test/z', 'node_modules/', 'b/node_modules/x', 'deploy/db', 'deploy/db/a/b', 'f2.md', 'f4.md', '.git/x', 'r.markdown',
      '1a', 'a1', 'charts/pg/values.yaml', 'charts/mysql/values.yaml', 'deploy/latest/rules.yml', 'x/atest/y', 'docs/a.md/b', 'xdocs/a.md',
    ];
    const disagreements: string[] = [];
    for (const pattern of patterns) {
      const expected = picomatch(pattern, { dot: true });
      const ours = compiled(pattern);
      for (const path of paths) if (expected(path) !== ours.match(path)) disagreements.push(`${pattern} ${path}`);
    }
    assert.deepEqual(disagreements, []);
  });

  it('refuses the slow pattern of the issue, naming the bound, instead of matching it', () => {
    const refusal = compileBoundedGlob('*a*a*a*a*a*a*a*a*a*a*c');
    assert.deepEqual(refusal, { pattern: '*a*a*a*a*a*a*a*a*a*a*c', reason: 'it has 11 wildcards, over the bound of 10' });
  });

  it('matches a pattern at the wildcard bound against long file names without backtracking', function () {
    this.timeout(5000);
    const glob = compiled('*a*a*a*a*a*a*a*a*a*c');
    const long = 'a'.repeat(250);
    // picomatch's regex for this pattern takes minutes on one such name; here each is a few thousand steps
    for (let i = 0; i < 200; i++) assert.equal(glob.match(`deep/${long}${i}`), false);
    assert.equal(glob.match(`${long}c`), true);
    assert.equal(glob.match(`x/${long}c`), false);
  });

  it('refuses patterns over the length and alternative bounds, and the repeating extglobs', () => {
    assert.deepEqual(globRefusals(['a'.repeat(GLOB_BOUNDS.maxLength + 1), '{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}', '{1..1000}.md', '+(a|b).md', '!(x).md', 'ok/**/*.md']).map((r) => r.reason), [
      'it is 257 characters long, over the bound of 256',
      'its `{…}` alternatives expand to more than 64 patterns',
      'its `{…}` alternatives expand to more than 64 patterns',
      'the extglobs `*(…)`, `+(…)` and `!(…)` are not supported (use `{a,b}`, `@(a|b)` or `?(a)`)',
      'the extglobs `*(…)`, `+(…)` and `!(…)` are not supported (use `{a,b}`, `@(a|b)` or `?(a)`)',
    ]);
  });

  it('compiles each pattern once', () => {
    assert.equal(compileBoundedGlob('runbooks/**/*.md'), compileBoundedGlob('runbooks/**/*.md'));
  });

  it('reads bash character classes, escapes and negation', () => {
    assert.deepEqual(['x/d1.txt', 'x/a1.txt', 'x/-.txt'].map(compiled('x/[!a-c]*.txt').match), [true, false, true]);
    assert.deepEqual(['a*b', 'axb'].map(compiled('a\\*b').match), [true, false]);
    assert.deepEqual([']', 'a', 'b'].map(compiled('[]a]').match), [true, true, false]);
  });

  it('matches any of several patterns, case-insensitively when asked, skipping refused ones', () => {
    const match = boundedMatcher(['**/ALERTS.yml', '*a*a*a*a*a*a*a*a*a*a*c'], { nocase: true });
    assert.deepEqual(['ops/alerts.yml', 'aaac'].map(match), [true, false]);
  });

  it('matches as picomatch on every short path of a small alphabet, where the literal start and end of a pattern are checked first', () => {
    const patterns = ['a', 'ab', 'a/b', 'a*', '*a', 'a*a', 'a/**', '**/a', 'a/**/a', '**/a.b', 'a?b', '*.b', 'a/*/b', '**/a/**', 'a/**/b/*.b', '.a', '**'];
    // Every path of up to five characters over `a`, `b`, `.`, `/` that a repository can hold (no
    // empty, `.` or `..` segment).
    const all = [''];
    for (let length = 1; length <= 5; length++) for (const prefix of all.filter((p) => p.length === length - 1)) for (const c of ['a', 'b', '.', '/']) all.push(prefix + c);
    const paths = all.filter((p) => p.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..'));
    assert.equal(paths.length, 577);
    const disagreements: string[] = [];
    for (const pattern of patterns) {
      const expected = picomatch(pattern, { dot: true });
      const ours = compiled(pattern);
      for (const path of paths) if (expected(path) !== ours.match(path)) disagreements.push(`${pattern} ${path}`);
    }
    assert.deepEqual(disagreements, []);
  });
});
