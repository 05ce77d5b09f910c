import assert from 'node:assert/strict';
import * as path from 'node:path';
import { main } from '../../../src/cli';
import { rulesOf } from '../../../src/core/findings/rule-table';
import { GitFixture } from '../node/git-fixture';

const RUNBOOK = ['---', 'owner: team-db', '---', '# Postgres down', '', 'Pool: [pool](../deploy/db/pool.yaml)', ''].join('\n');
const POOL = Array.from({ length: 10 }, (_, i) => `key${i + 1}: ${i + 1}\n`).join('');
const BROKEN = ['---', 'owner: [team', '---', '# Draft', ''].join('\n');
const MENTIONS_OFF = 'staleness:\n  mentions: false\n';

describe('findings in every format, with configured rule severities', () => {
  let repo: GitFixture;
  let sha: string;

  beforeEach(async () => {
    repo = await GitFixture.create('cli-findings');
    // Every real change counts here (`mentions: false`): the formats are under test, not what the runbook says.
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': RUNBOOK, 'deploy/db/pool.yaml': POOL, 'drafts/broken.md': BROKEN, '.runbooks.yml': MENTIONS_OFF });
    sha = await repo.commit('raise pool size', '2025-02-01', { 'deploy/db/pool.yaml': POOL.replace('key5: 5', 'key5: 50') });
  });
  afterEach(() => repo.remove());

  async function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const env = { ...repo.env, XDG_CACHE_HOME: path.join(repo.base, 'cache') };
    const code = await main([...argv, '--no-cache'], { out: (s) => out.push(s), err: (s) => err.push(s), cwd: repo.dir, env });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  const staleMessage = () =>
    `Linked file \`deploy/db/pool.yaml\` changed in 1 commit (+1/\u22121 lines) since this runbook was last changed on 2025-01-01 — latest: ${sha.slice(0, 7)} "raise pool size". Check this runbook against the change, then update it or mark it reviewed.`;

  it('report --format github annotates the doc lines, then prints the totals', async () => {
    const result = await run('report', '--format', 'github');
    assert.deepEqual(result, {
      code: 0,
      out: [`::warning file=runbooks/db.md,line=6,col=7,title=Runbooks%3A stale.linked-code-changed::${staleMessage()}`, '2 documents: 1 fresh, 1 stale, 0 broken, 0 unknown; 0 reviews overdue.'].join('\n'),
      err: '',
    });
  });

  it('report --format sarif lists the staleness rules with help links and one result per reason, with its commits', async () => {
    const log = JSON.parse((await run('report', '--format', 'sarif')).out);
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.rules[0].helpUri, 'https://example.invalid/living-runbooks#rule-stale-linked-code-changed');
    assert.deepEqual(log.runs[0].results, [
      {
        ruleId: 'stale.linked-code-changed',
        ruleIndex: 0,
        level: 'warning',
        message: { text: staleMessage() },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'runbooks/db.md', uriBaseId: 'SRCROOT' }, region: { startLine: 6, startColumn: 7 } } }],
        partialFingerprints: { 'runbooksTarget/v1': 'stale.linked-code-changed:deploy/db/pool.yaml:runbooks/db.md' },
        properties: { commits: [{ sha, date: '2025-02-01T12:00:00Z', subject: 'raise pool size' }] },
      },
    ]);
  });

  it('index --format github and sarif report the index findings', async () => {
    const github = await run('index', '--format', 'github');
    assert.equal(github.code, 0);
    assert.match(github.out, /^::error file=drafts\/broken\.md,line=2,col=8,title=Runbooks%3A front-matter\.invalid::Front matter is not valid YAML/);
    assert.match(github.out, /\n2 documents: 1 runbooks, 0 architecture, 1 other; 1 findings \(front matter, encoding, blocks; links and staleness: runbooks report\)\.$/);
    const sarif = JSON.parse((await run('index', '--format', 'sarif')).out);
    assert.deepEqual(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id), rulesOf('index').map((r) => r.id));
    assert.equal(sarif.runs[0].tool.driver.rules[0].id, 'front-matter.invalid');
    assert.deepEqual(sarif.runs[0].results.map((r: { ruleId: string; ruleIndex: number; level: string }) => [r.ruleId, r.ruleIndex, r.level]), [['front-matter.invalid', 0, 'error']]);
  });

  it('applies .runbooks.yml rules: to report (text, JSON and exit code) without changing the verdicts', async () => {
    await repo.write({ '.runbooks.yml': `${MENTIONS_OFF}rules:\n  stale.linked-code-changed: error\n` });
    const raised = await run('report', '--fail-on', 'error');
    assert.equal(raised.code, 1);
    assert.equal(raised.out.split('\n')[3], `         error runbooks/db.md:6 ${staleMessage()} [stale.linked-code-changed]`);
    await repo.write({ '.runbooks.yml': `${MENTIONS_OFF}rules:\n  stale.linked-code-changed: off\n` });
    const off = JSON.parse((await run('report', '--format', 'json', '--fail-on', 'warning')).out);
    assert.deepEqual(off.docs[1], { path: 'runbooks/db.md', kind: 'runbook', level: 'stale', score: 1.02, reviewDue: false, referenceTime: '2025-01-01T12:00:00Z', reasons: [] });
  });

  it('applies rules: to check and index, and index only warns about an invalid config file', async () => {
    repo.git(['checkout', '-q', '-b', 'feature']);
    await repo.commit('more pool', '2025-03-01', { 'deploy/db/pool.yaml': POOL.replace('key7: 7', 'key7: 70') });
    assert.equal((await run('check', '--base', 'main')).code, 1);
    await repo.write({ '.runbooks.yml': 'rules:\n  stale.linked-code-changed: off\n  front-matter.invalid: info\n' });
    const check = await run('check', '--base', 'main', '--format', 'json');
    assert.deepEqual([check.code, JSON.parse(check.out).findings], [0, []]);
    const index = JSON.parse((await run('index', '--format', 'json')).out) as { docs: Array<{ path: string; findings: Array<{ severity: string }> }>; findings: Array<{ path: string; severity: string }> };
    assert.deepEqual(index.docs.find((d) => d.path === 'drafts/broken.md')!.findings.map((f) => f.severity), ['info']);
    assert.deepEqual(index.findings.filter((f) => f.path === 'drafts/broken.md').map((f) => f.severity), ['info']);
    await repo.write({ '.runbooks.yml': 'rules:\n  front-matter.invalid: never\n' });
    const invalid = await run('index');
    assert.equal(invalid.code, 0);
    assert.equal(invalid.err, 'runbooks: .runbooks.yml:2:25: `rules.front-matter.invalid` must be error, warning, info or off, not `never` (the default is `error`). [config.invalid]');
  });
});

describe('runbooks coverage with configured rule severities', () => {
  it('turns a coverage rule off or changes its severity from .runbooks.yml rules:', async () => {
    const { makeTempDir, removeTempDir } = await import('../support/temp-dir');
    const { promises: fs } = await import('node:fs');
    const base = await makeTempDir('coverage-rules');
    try {
      const root = path.join(base, 'ws');
      await fs.cp(path.join(__dirname, '..', '..', 'fixtures', 'alerts-repo'), root, { recursive: true });
      const run = async () => {
        const out: string[] = [];
        const env = { XDG_CACHE_HOME: path.join(base, 'cache'), HOME: path.join(base, 'home') };
        const code = await main(['coverage', '--root', root, '--no-cache', '--format', 'json'], { out: (s) => out.push(s), err: () => {}, cwd: base, env });
        return { code, findings: (JSON.parse(out.join('\n')) as { findings: Array<{ ruleId: string; severity: string }> }).findings };
      };
      const before = await run();
      const noRunbook = before.findings.filter((f) => f.ruleId === 'alert.no-runbook');
      assert.deepEqual(noRunbook.map((f) => f.severity), ['warning', 'warning', 'info']);
      await fs.writeFile(path.join(root, '.runbooks.yml'), 'rules:\n  alert.no-runbook: off\n  runbook.alert-missing: error\n');
      const after = await run();
      assert.deepEqual(after.findings.filter((f) => f.ruleId === 'alert.no-runbook'), []);
      assert.deepEqual(
        after.findings.map((f) => `${f.ruleId} ${f.severity}`),
        before.findings.filter((f) => f.ruleId !== 'alert.no-runbook').map((f) => `${f.ruleId} ${f.ruleId === 'runbook.alert-missing' ? 'error' : f.severity}`),
      );
    } finally {
      await removeTempDir(base);
    }
  });
});
