import assert from 'node:assert/strict';
import * as path from 'node:path';
import { main } from '../../../src/cli';
import { GitFixture } from '../node/git-fixture';

const ESC = '\x1b';
/** Repository text that would clear the screen, set the window title, plant a link and write the clipboard. */
const HOSTILE = `${ESC}[2J${ESC}]0;pwned\x07${ESC}]8;;https://evil.invalid\x07click${ESC}]8;;\x07${ESC}]52;c;cm0gLXJmIH4=\x07`;

/** No raw control character other than newline, and no line that a CI runner would take as a workflow command. */
function assertInert(text: string): void {
  assert.doesNotMatch(text, /[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
  for (const line of text.split('\n')) assert.doesNotMatch(line.trimStart(), /^::/);
}

describe('CLI output of hostile repository text', () => {
  let repo: GitFixture;

  async function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const env = { ...repo.env, XDG_CACHE_HOME: path.join(repo.base, 'cache') };
    const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), cwd: repo.dir, env });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  beforeEach(async () => {
    repo = await GitFixture.create('terminal-output');
    await repo.commit('hostile docs', '2025-01-01', {
      'runbooks/db.md': `---\nowner: "team${ESC}[31m"\nservices: ["db\\n::add-mask::x"]\nalerts: ["A\\n::error::forged"]\n---\n# Postgres ${HOSTILE}\n\n## Check ${ESC}[8m hidden\n\n\`\`\`sh name="pool${ESC}[2J\\n::error::x"\necho pool\n\`\`\`\n\nSee [pool](../deploy/pool.yaml).\n`,
      'runbooks/evil\n::error file=x::forged.md': '# Evil name\n',
      'deploy/pool.yaml': 'size: 1\n',
    });
  });
  afterEach(() => repo.remove());

  it('index escapes titles, owners, services, alerts and file names', async () => {
    const result = await run('index', '--no-cache');
    assert.equal(result.code, 0);
    assertInert(result.out);
    assert.match(result.out, /runbooks\/evil\\n::error file=x::forged\.md {2}"Evil name"/);
    assert.match(result.out, /"Postgres \\x1b\[2J\\x1b\]0;pwned\\x07/);
  });

  it('search escapes titles, headings and paths', async () => {
    const result = await run('search', 'postgres', '--no-cache');
    assert.equal(result.code, 0);
    assertInert(result.out);
    assert.match(result.out, /Postgres \\x1b\[2J/);
  });

  it('blocks escapes block names', async () => {
    const result = await run('blocks', 'runbooks/db.md');
    assert.equal(result.code, 0);
    assertInert(result.out);
    assert.match(result.out, /pool\\x1b\[2Jn::error::x/);
  });

  it('report and check escape file names in text output', async () => {
    await repo.commit('change pool', '2025-02-01', { 'deploy/pool.yaml': 'size: 2\n' });
    await repo.write({ 'runbooks/new\n::warning::forged.md': '# New\n\n[pool](../deploy/pool.yaml)\n' });
    const report = await run('report', '--no-cache');
    const check = await run('check', '--base', 'HEAD~1', '--no-cache');
    for (const result of [report, check]) {
      assertInert(result.out);
      assertInert(result.err);
    }
    assert.match(report.out, /runbooks\/evil\\n::error file=x::forged\.md/);
  });

  it('config errors escape keys and never forge a line', async () => {
    await repo.write({ '.runbooks.yml': 'staleness:\n  "bad\\n::add-mask::secret\\u001b[2J": 1\n' });
    const result = await run('report', '--no-cache');
    assert.equal(result.code, 2);
    assertInert(result.err);
    assert.match(result.err, /bad\\n::add-mask::secret\\x1b\[2J/);
  });

  it('a tool error is one line without a stack trace, unless --debug', async () => {
    const plain = await run('incident', 'list', '--incidents-dir', path.join('runbooks', 'db.md'), '--incidents-outside-root');
    assert.equal(plain.code, 2);
    assert.doesNotMatch(plain.err, /\n\s+at /);
    assert.equal(plain.err.split('\n').length, 1);
    const debug = await run('incident', 'list', '--incidents-dir', path.join('runbooks', 'db.md'), '--debug');
    assert.equal(debug.code, 2);
    assert.match(debug.err, /\n\s+at /);
  });
});
