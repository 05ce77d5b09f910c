import assert from 'node:assert/strict';
import type { LogCommit } from '../../../src/core/staleness/ports';
import { FIELD, LogParser, parseIgnoreRevs, parseNameStatus, parseConfigList, parseRefs, parseStatus, remotesFromConfig, prefixMapper, RECORD } from '../../../src/node/git-parse';
import { parsePatch, unquote } from '../../../src/node/git-parse-patch';

const header = (sha: string, parents: string, time: number, subject: string) => `${RECORD}${sha}${FIELD}${parents}${FIELD}${time}${FIELD}${subject}\0`;

describe('git output parsers', () => {
  const log =
    header('c3', 'c2 s1', 300, 'Merge: a, b') +
    '\nM\0deploy/pool config é.yaml\0R087\0old/x.sh\0ops/x.sh\0' +
    header('c2', 'c1', 200, 'empty') +
    header('c1', '', 100, 'root') +
    '\nA\0a\nb.txt\0C100\0a\nb.txt\0copy.txt\0D\0gone.md\0';

  it('streams commits from the name-status log in any chunking, keeping paths with spaces and newlines', () => {
    for (const size of [1, 3, 7, log.length]) {
      const commits: LogCommit[] = [];
      const parser = new LogParser((c) => commits.push(c));
      for (let i = 0; i < log.length; i += size) parser.feed(log.slice(i, i + size));
      parser.end();
      assert.deepEqual(commits, [
        {
          sha: 'c3',
          parents: ['c2', 's1'],
          time: 300,
          subject: 'Merge: a, b',
          changes: [{ status: 'M', path: 'deploy/pool config é.yaml' }, { status: 'R', path: 'ops/x.sh', from: 'old/x.sh', similarity: 87 }],
          fileCount: 2,
        },
        { sha: 'c2', parents: ['c1'], time: 200, subject: 'empty', changes: [], fileCount: 0 },
        {
          sha: 'c1',
          parents: [],
          time: 100,
          subject: 'root',
          changes: [{ status: 'A', path: 'a\nb.txt' }, { status: 'C', path: 'copy.txt', from: 'a\nb.txt', similarity: 100 }, { status: 'D', path: 'gone.md' }],
          fileCount: 3,
        },
      ], `chunk size ${size}`);
    }
  });

  it('streams commits from bytes in any chunking, a character split across chunks decoded whole (as git writes them)', () => {
    const bytes = Buffer.from(log, 'utf8');
    for (const size of [1, 2, 3, 7, bytes.length]) {
      const fromText: LogCommit[] = [];
      const text = new LogParser((c) => fromText.push(c));
      text.feed(log);
      text.end();
      const fromBytes: LogCommit[] = [];
      const parser = new LogParser((c) => fromBytes.push(c));
      for (let i = 0; i < bytes.length; i += size) parser.feed(bytes.subarray(i, i + size));
      parser.end();
      assert.deepEqual(fromBytes, fromText, `chunk size ${size}`);
      assert.equal(fromBytes[0]!.changes[0]!.path, 'deploy/pool config é.yaml');
    }
  });

  it('decodes a path or subject that is not UTF-8 with replacement characters, and rejects malformed --raw lines', () => {
    const blob = (c: string) => c.repeat(40);
    const bytes = Buffer.concat([
      Buffer.from(`${RECORD}c1${FIELD}${FIELD}100${FIELD}caf`),
      Buffer.from([0xe9]),
      Buffer.from(`\0\n:100644 100644 ${blob('1')} ${blob('2')} M\0bad-`),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`.txt\0:100644 100644 ${blob('1')} ${blob('x')} M\0skipped-1\0:100644 100644  ${blob('2')} M\0skipped-2\0:100644 100644 ${blob('1')} ${blob('2')} M 7\0skipped-3\0`),
      Buffer.from(`:1006a4 100644 ${blob('1')} ${blob('2')} M\0skipped-4\0:100644 100644 ${blob('1')} ${blob('2')} R08x\0skipped-5\0:100644 100644 ${blob('1')} ${blob('2')} R100\0a\0b\0`),
    ]);
    const commits: LogCommit[] = [];
    const parser = new LogParser((c) => commits.push(c));
    parser.feed(bytes);
    parser.end();
    assert.equal(commits[0]!.subject, 'caf\ufffd');
    assert.deepEqual(commits[0]!.changes, [
      { status: 'M', path: 'bad-\ufffd\ufffd.txt', oid: blob('2') },
      { status: 'M', path: 'skipped-1' },
      { status: 'M', path: 'skipped-2' },
      { status: 'M', path: 'skipped-3' },
      { status: 'M', path: 'skipped-4' },
      { status: 'M', path: 'skipped-5' },
      { status: 'R', path: 'b', from: 'a', similarity: 100, oid: blob('2') },
    ].filter((c) => !c.path.startsWith('skipped')));
  });

  it('reads --raw changes with the blob after each change (none for deletions and submodules)', () => {
    const blob = (c: string) => c.repeat(40);
    const raw = [
      `${RECORD}c1${FIELD}${FIELD}100${FIELD}raw\0`,
      `\n:100644 100644 ${blob('1')} ${blob('2')} M\0pool.yaml\0`,
      `:100644 100644 ${blob('2')} ${blob('3')} R087\0old.sh\0new.sh\0`,
      `:100644 000000 ${blob('4')} ${blob('0')} D\0gone.md\0`,
      `:160000 160000 ${blob('5')} ${blob('6')} M\0vendor/lib\0`,
    ].join('');
    const commits: LogCommit[] = [];
    const parser = new LogParser((c) => commits.push(c));
    parser.feed(raw);
    parser.end();
    assert.deepEqual(commits[0]!.changes, [
      { status: 'M', path: 'pool.yaml', oid: blob('2') },
      { status: 'R', path: 'new.sh', from: 'old.sh', similarity: 87, oid: blob('3') },
      { status: 'D', path: 'gone.md' },
      { status: 'M', path: 'vendor/lib' },
    ]);
  });

  it('reads git status --porcelain=v2 as changes against HEAD', () => {
    const h = 'a'.repeat(40);
    const text = [
      `# branch.oid ${h}`,
      '# branch.head main',
      `1 .M N... 100644 100644 100644 ${h} ${h} deploy/pool config.yaml`,
      `1 D. N... 100644 000000 000000 ${h} ${'0'.repeat(40)} gone.md`,
      `1 AD N... 000000 100644 000000 ${'0'.repeat(40)} ${h} added-then-deleted.txt`,
      `1 A. N... 000000 100644 100644 ${'0'.repeat(40)} ${h} new.sh`,
      `2 RM N... 100644 100644 100644 ${h} ${h} R92 ops/failover.sh`,
      'scripts/failover.sh',
      '? notes/todo é.md',
      '',
    ].join('\0');
    assert.deepEqual(parseStatus(text), [
      { status: 'M', path: 'deploy/pool config.yaml' },
      { status: 'D', path: 'gone.md' },
      { status: 'A', path: 'new.sh' },
      { status: 'R', path: 'ops/failover.sh', from: 'scripts/failover.sh', similarity: 92 },
      { status: 'A', path: 'notes/todo é.md' },
    ]);
    assert.deepEqual(parseStatus(text, prefixMapper('ops/')), [{ status: 'A', path: 'failover.sh' }]);
  });

  it('maps paths to a root below the top level, turning renames across the boundary into additions and deletions', () => {
    const commits: LogCommit[] = [];
    const parser = new LogParser((c) => commits.push(c), prefixMapper('ops/'));
    parser.feed(`${header('c1', '', 1, 's')}\nR100\0elsewhere/a.sh\0ops/a.sh\0R100\0ops/b.sh\0elsewhere/b.sh\0M\0elsewhere/c\0M\0ops/d\0`);
    parser.end();
    assert.deepEqual(commits[0]!.changes, [{ status: 'A', path: 'a.sh' }, { status: 'D', path: 'b.sh' }, { status: 'M', path: 'd' }]);
    assert.equal(commits[0]!.fileCount, 4);
  });

  it('reads name-status diffs without commit headers', () => {
    assert.deepEqual(parseNameStatus('M\0a.txt\0R100\0b\0c\0'), [{ status: 'M', path: 'a.txt' }, { status: 'R', path: 'c', from: 'b', similarity: 100 }]);
  });

  it('reads zero-context patches, skipping hunk bodies that look like headers', () => {
    const text = [
      `${RECORD}c1`,
      '',
      'diff --git a/sp ace é.txt b/sp ace é.txt',
      'index 1..2 100644',
      '--- a/sp ace é.txt\t',
      '+++ b/sp ace é.txt\t',
      '@@ -2 +2,2 @@ ctx',
      '---- removed line that starts with dashes',
      '+diff --git a/fake b/fake',
      `+${RECORD}fake`,
      '\\ No newline at end of file',
      'diff --git "a/q\\"uo.txt" "b/q\\"uo.txt"',
      'new file mode 100644',
      '--- /dev/null',
      '+++ "b/q\\"uo.txt"',
      '@@ -0,0 +1 @@',
      '+x',
      'diff --git a/img.png b/img.png',
      'Binary files a/img.png and b/img.png differ',
      `${RECORD}c2`,
      '',
      'diff --git a/old.txt b/new.txt',
      'similarity index 100%',
      'rename from old.txt',
      'rename to new.txt',
      '',
    ].join('\n');
    assert.deepEqual(parsePatch(text), [
      { sha: 'c1', path: 'sp ace é.txt', hunks: [{ oldStart: 2, oldLines: 1, newStart: 2, newLines: 2 }], added: 2, deleted: 1 },
      { sha: 'c1', path: 'q"uo.txt', hunks: [{ oldStart: 0, oldLines: 0, newStart: 1, newLines: 1 }], added: 1, deleted: 0 },
      { sha: 'c1', path: 'img.png', hunks: [], added: 0, deleted: 0, binary: true },
      { sha: 'c2', path: 'new.txt', hunks: [], added: 0, deleted: 0 },
    ]);
  });

  it('unquotes C-style quoted paths, octal escapes as UTF-8', () => {
    assert.equal(unquote('"sp\\303\\251cial\\ttab \\"q\\".txt"'), 'spécial\ttab "q".txt');
    assert.equal(unquote('plain.txt'), 'plain.txt');
  });

  it('reads remotes, refs and .git-blame-ignore-revs', () => {
    const config = parseConfigList('core.quotepath\nfalse\0remote.origin.url\ngit@github.com:a/b.git\0remote.origin.fetch\n+refs/heads/*:refs/remotes/origin/*\0remote.Up.url\nhttps://x/y\0remote.Up.url\nhttps://mirror/y\0remote.gh.url\ngh:org/repo\0url.git@github.com:.insteadof\ngh:\0blame.ignorerevsfile\n.revs\0');
    assert.deepEqual(remotesFromConfig(config), [
      { name: 'origin', url: 'git@github.com:a/b.git' },
      { name: 'Up', url: 'https://x/y' },
      { name: 'gh', url: 'git@github.com:org/repo' },
    ]);
    assert.deepEqual(config.get('blame.ignorerevsfile'), ['.revs']);
    assert.deepEqual(parseRefs('refs/heads/main\nrefs/heads/release/1.2\nrefs/remotes/origin/HEAD\nrefs/remotes/origin/feature/x\nrefs/tags/v1\n'), {
      branches: ['main', 'release/1.2', 'feature/x'],
      tags: ['v1'],
      remoteTracking: ['refs/remotes/origin/HEAD', 'refs/remotes/origin/feature/x'],
    });
    // With `%(HEAD)` and `%(symref)`: the checked-out branch and the remote's default branch.
    assert.deepEqual(parseRefs('*refs/heads/main \n refs/heads/old \n refs/remotes/origin/HEAD refs/remotes/origin/trunk\n refs/remotes/origin/trunk \n refs/tags/v1 \n'), {
      branches: ['main', 'old', 'trunk'],
      tags: ['v1'],
      remoteTracking: ['refs/remotes/origin/HEAD', 'refs/remotes/origin/trunk'],
      current: ['main', 'trunk'],
    });
    assert.deepEqual(parseIgnoreRevs('# formatting\nABCDEF0123456789abcdef0123456789abcdef01\n\nnot-a-sha\nabc1234 # short\n'), ['abcdef0123456789abcdef0123456789abcdef01', 'abc1234']);
  });
});
