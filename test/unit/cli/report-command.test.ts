import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import { main } from '../../../src/cli';
import { githubAnnotations, toSarif } from '../../../src/cli/commands/check-command';
import { exitCodeFor } from '../../../src/cli/commands/report-command';
import { renderIncident } from '../../../src/core/incident/incident-template';
import { formatFeedback } from '../../../src/core/incident/timeline';
import type { CheckFinding } from '../../../src/core/staleness/check/check-changes';
import { STALENESS_RULES } from '../../../src/core/staleness/rules/rule-table';
import type { FindingsEnvelope, FindingJson } from '../../../src/core/findings/format-json';
import { GitFixture } from '../node/git-fixture';
import { version } from '../../../package.json';

/** What `runbooks check --format json` prints. */
type CheckJson = FindingsEnvelope & { findings: FindingJson[]; summary: { docsChecked: number; changedFiles: number }; base: string; mergeBase: string; head?: string };

const RUNBOOK = ['---', 'owner: team-db', '---', '# Postgres down', '', 'Pool: [pool](../deploy/db/pool.yaml)', 'Alert: [rule](../deploy/alerts.yml#L2-L3)', ''].join('\n');
const POOL = Array.from({ length: 10 }, (_, i) => `key${i + 1}: ${i + 1}\n`).join('');
const ALERTS = 'groups:\n- alert: PostgresDown\n  for: 5m\n- alert: Other\n  for: 1m\n';

describe('runbooks report and runbooks check', () => {
  let repo: GitFixture;

  beforeEach(async () => {
    repo = await GitFixture.create('cli-staleness');
    // Every real change counts here (`mentions: false`): the commands are under test, not what the runbook says.
    await repo.commit('add runbook', '2025-01-01', { 'runbooks/db.md': RUNBOOK, 'deploy/db/pool.yaml': POOL, 'deploy/alerts.yml': ALERTS, 'README.md': '# Platform\n', '.runbooks.yml': 'staleness:\n  mentions: false\n' });
  });
  afterEach(() => repo.remove());

  async function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const env = { ...repo.env, XDG_CACHE_HOME: path.join(repo.base, 'cache') };
    const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), cwd: repo.dir, env });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  describe('report', () => {
    it('prints every doc with level, score, review flag, reference time and reasons as JSON', async () => {
      const sha = await repo.commit('raise pool size', '2025-02-01', { 'deploy/db/pool.yaml': POOL.replace('key5: 5', 'key5: 50') });
      const result = await run('report', '--format', 'json', '--no-cache');
      assert.deepEqual([result.code, result.err], [0, '']);
      const message = `Linked file \`deploy/db/pool.yaml\` changed in 1 commit (+1/\u22121 lines) since this runbook was last changed on 2025-01-01 — latest: ${sha.slice(0, 7)} "raise pool size". Check this runbook against the change, then update it or mark it reviewed.`;
      assert.deepEqual(JSON.parse(result.out), {
        schemaVersion: 1,
        tool: { name: 'runbooks', version },
        command: 'report',
        root: repo.dir,
        summary: { findings: 1, errors: 0, warnings: 1, infos: 0, documents: 2, fresh: 1, stale: 1, broken: 0, unknown: 0, reviewsOverdue: 0 },
        findings: [
          {
            ruleId: 'stale.linked-code-changed',
            severity: 'warning',
            message,
            path: 'runbooks/db.md',
            line: 6,
            column: 7,
            target: 'deploy/db/pool.yaml',
            commits: [{ sha, date: '2025-02-01T12:00:00Z', subject: 'raise pool size' }],
          },
        ],
        docs: [
          { path: 'README.md', kind: 'other', level: 'fresh', score: 0, reviewDue: false, referenceTime: '2025-01-01T12:00:00Z', reasons: [] },
          {
            path: 'runbooks/db.md',
            kind: 'runbook',
            level: 'stale',
            score: 1.02,
            reviewDue: false,
            referenceTime: '2025-01-01T12:00:00Z',
            reasons: [
              {
                ruleId: 'stale.linked-code-changed',
                severity: 'warning',
                target: 'deploy/db/pool.yaml',
                line: 6,
                message,
                commits: [{ sha, date: '2025-02-01T12:00:00Z', subject: 'raise pool size' }],
              },
            ],
          },
        ],
      });
    });

    it('prints a text report with totals, and exits 1 with --fail-on warning when a doc is stale', async () => {
      await repo.commit('raise pool size', '2025-02-01', { 'deploy/db/pool.yaml': POOL.replace('key5: 5', 'key5: 50') });
      const result = await run('report', '--no-cache', '--fail-on', 'warning');
      assert.equal(result.code, 1);
      const lines = result.out.split('\n');
      assert.equal(lines[0], '2 documents: 1 fresh, 1 stale, 0 broken, 0 unknown; 0 reviews overdue.');
      assert.equal(lines[1], '');
      assert.equal(lines[2], 'stale    runbooks/db.md  score 1.02  (changed 2025-01-01)');
      assert.match(lines[3]!, /^ {9}warning runbooks\/db.md:6 Linked file `deploy\/db\/pool.yaml` changed in 1 commit .* \[stale.linked-code-changed\]$/);
      assert.equal(lines.at(-1), 'fresh    README.md  score 0  (changed 2025-01-01)');
    });

    it('names the branch commit behind a merge, with the merge, in the text line and the JSON commits alike', async () => {
      repo.git(['checkout', '-q', '-b', 'pool']);
      const side = await repo.commit('raise pool size', '2025-01-20', { 'deploy/db/pool.yaml': POOL.replace('key5: 5', 'key5: 50') });
      repo.git(['checkout', '-q', 'main']);
      repo.git(['merge', '-q', '--no-ff', 'pool', '-m', 'Merge pull request #187 from acme/pool'], { date: '2025-02-01' });
      const merge = repo.git(['rev-parse', 'HEAD']).trim();
      const latest = `latest: ${side.slice(0, 7)} "raise pool size" (2025-01-20, via ${merge.slice(0, 7)} "Merge pull request #187")`;
      const text = await run('report', '--no-cache', '--only', 'stale');
      assert.equal(
        text.out.split('\n')[4],
        `         warning runbooks/db.md:6 Linked file \`deploy/db/pool.yaml\` changed in 1 commit (+1/\u22121 lines) since this runbook was last changed on 2025-01-01 — ${latest}. Check this runbook against the change, then update it or mark it reviewed. [stale.linked-code-changed]`,
      );
      const json = JSON.parse((await run('report', '--format', 'json', '--no-cache')).out) as { findings: FindingJson[]; docs: Array<{ reasons: Array<{ commits: unknown }> }> };
      const commits = [{ sha: side, date: '2025-01-20T12:00:00Z', subject: 'raise pool size', mergedBy: { sha: merge, date: '2025-02-01T12:00:00Z', subject: 'Merge pull request #187 from acme/pool' } }];
      assert.deepEqual([json.findings[0]!.commits, json.docs[1]!.reasons[0]!.commits], [commits, commits]);
      assert.ok(json.findings[0]!.message.includes(latest));
    });

    it('lists only the levels --only names, or leaves fresh docs out with --quiet, under the totals of every doc', async () => {
      await repo.commit('raise pool size', '2025-02-01', { 'deploy/db/pool.yaml': POOL.replace('key5: 5', 'key5: 50') });
      const quiet = await run('report', '--no-cache', '--quiet');
      const lines = quiet.out.split('\n');
      assert.deepEqual(lines.slice(0, 4), [
        '2 documents: 1 fresh, 1 stale, 0 broken, 0 unknown; 0 reviews overdue.',
        '1 listed below (--quiet: fresh docs left out).',
        '',
        'stale    runbooks/db.md  score 1.02  (changed 2025-01-01)',
      ]);
      assert.equal(lines.length, 5);
      const fresh = await run('report', '--no-cache', '--only', 'fresh', '--format', 'json', '--fail-on', 'warning');
      assert.deepEqual([fresh.code, (JSON.parse(fresh.out) as { docs: Array<{ path: string }> }).docs.map((d) => d.path)], [0, ['README.md']]);
      const none = await run('report', '--no-cache', '--only', 'broken,review');
      assert.equal(none.out, '2 documents: 1 fresh, 1 stale, 0 broken, 0 unknown; 0 reviews overdue.\n0 listed below (--only broken,review).');
      const wrong = await run('report', '--only', 'old');
      assert.deepEqual([wrong.code, wrong.err.split('\n')[0]], [2, 'runbooks: --only must be broken, stale, unknown, fresh, review (comma-separated), not "old"']);
    });

    it('keeps the history cache between runs unless --no-cache', async () => {
      assert.equal((await run('report', '--format', 'json')).code, 0);
      const cached = await run('report', '--format', 'json');
      assert.deepEqual(JSON.parse(cached.out).docs.map((d: { level: string }) => d.level), ['fresh', 'fresh']);
    });

    it('counts open incident feedback written after the runbook changed, from --incidents-dir', async () => {
      const incident = 'ops/incidents/2025-02-01-db-pool.md';
      const meta = { id: '2025-02-01-db-pool', title: 'DB pool exhausted', severity: 'SEV2', status: 'active' as const, started: '2025-02-01T09:00:00Z', runbooks: ['runbooks/db.md'] };
      const feedback = formatFeedback({ runbookPath: 'runbooks/db.md', line: 6, text: 'the pool is in pgbouncer.ini now', at: new Date('2025-02-01T09:30:00Z'), author: 'Alice' }, incident, { timeZone: 'UTC' });
      await repo.commit('incident', '2025-02-02', { [incident]: renderIncident(meta, { timeZone: 'UTC' }) + feedback });
      const levels = (out: string) => (JSON.parse(out) as { docs: Array<{ path: string; level: string }> }).docs.map((d) => [d.path, d.level]);
      const elsewhere = await run('report', '--format', 'json', '--no-cache');
      assert.deepEqual(levels(elsewhere.out), [['README.md', 'fresh'], [incident, 'fresh'], ['runbooks/db.md', 'fresh']]);

      const result = await run('report', '--format', 'json', '--no-cache', '--incidents-dir', 'ops/incidents', '--fail-on', 'warning');
      assert.deepEqual([result.code, result.err], [1, '']);
      const db = (JSON.parse(result.out) as { docs: Array<{ path: string }> }).docs.find((d) => d.path === 'runbooks/db.md');
      assert.deepEqual(db, {
        path: 'runbooks/db.md',
        kind: 'runbook',
        level: 'stale',
        score: 1,
        reviewDue: false,
        referenceTime: '2025-01-01T12:00:00Z',
        reasons: [
          {
            ruleId: 'stale.incident-feedback',
            severity: 'warning',
            target: null,
            line: 6,
            message: `Noted in incident "DB pool exhausted" (${incident}) on 2025-02-01 by Alice: "the pool is in pgbouncer.ini now", after this runbook was last changed on 2025-01-01. Update this step, or mark the runbook reviewed if it is still right.`,
            commits: [],
          },
        ],
      });
    });

    it('scores with the weights of .runbooks.yml in the root, or of the file --config names', async () => {
      await repo.commit('raise pool size', '2025-02-01', { 'deploy/db/pool.yaml': POOL.replace('key5: 5', 'key5: 50') });
      await repo.write({ '.runbooks.yml': 'staleness:\n  mentions: false\n  weights:\n    commit: 0.5\n', 'ci/strict.yml': 'staleness:\n  mentions: false\n  staleThreshold: 0.5\n' });
      const verdicts = (out: string) => (JSON.parse(out) as { docs: Array<{ path: string; level: string; score: number }> }).docs.map((d) => [d.path, d.level, d.score]);
      const lenient = await run('report', '--format', 'json', '--no-cache');
      assert.deepEqual([lenient.code, lenient.err, verdicts(lenient.out)], [0, '', [['README.md', 'fresh', 0], ['runbooks/db.md', 'fresh', 0.52]]]);
      const strict = await run('report', '--format', 'json', '--no-cache', '--config', 'ci/strict.yml');
      assert.deepEqual([strict.code, strict.err, verdicts(strict.out)], [0, '', [['README.md', 'fresh', 0], ['runbooks/db.md', 'stale', 1.02]]]);
    });

    it('exits 2 with each problem of an invalid config file, line by line, and reports nothing', async () => {
      await repo.write({ '.runbooks.yml': 'staleness:\n  weights:\n    comit: 2\n  staleThreshold: -1\n' });
      assert.deepEqual(await run('report', '--format', 'json', '--no-cache'), {
        code: 2,
        out: '',
        err: [
          'runbooks: .runbooks.yml:3:5: `staleness.weights.comit` is not a weight; did you mean `commit`? [config.invalid]',
          'runbooks: .runbooks.yml:4:19: `staleness.staleThreshold` must be a number above 0, not `-1` (the default is `1`). [config.invalid]',
        ].join('\n'),
      });
      const missing = await run('report', '--no-cache', '--config', 'nope.yml');
      assert.deepEqual([missing.code, missing.out, missing.err], [2, '', `runbooks: config file ${path.join(repo.dir, 'nope.yml')} does not exist`]);
    });

    it('calls every doc unknown, naming the object, when git cannot read an object the history needs (a damaged or partial clone)', async () => {
      // Renamed with changes: following the rename means comparing both blobs' contents.
      await repo.commit('move and grow pool', '2025-02-01', { 'deploy/db/pool.yaml': null, 'deploy/db/pool-main.yaml': `${POOL}key11: 11\n` });
      await repo.commit('point at the new pool', '2025-02-02', { 'runbooks/db.md': RUNBOOK.replace('pool.yaml', 'pool-main.yaml') });
      const oid = repo.git(['rev-parse', 'HEAD~1:deploy/db/pool-main.yaml']).trim();
      await rm(path.join(repo.dir, '.git', 'objects', oid.slice(0, 2), oid.slice(2)));
      const reason = `Staleness unknown: git could not read object ${oid.slice(0, 12)} of the history: this clone is missing objects (a partial clone, or a damaged repository: \`git fsck\` lists what is missing). Fetch the full history to check staleness.`;
      const result = await run('report', '--format', 'json', '--no-cache');
      const json = JSON.parse(result.out) as FindingsEnvelope & { summary: Record<string, number>; findings: FindingJson[] };
      assert.deepEqual(
        [result.code, result.err, json.summary.unknown, json.summary.fresh, json.summary.stale, json.findings.map((f) => [f.path, f.ruleId, f.message])],
        [0, '', 2, 0, 0, [['README.md', 'staleness.unknown', reason], ['runbooks/db.md', 'staleness.unknown', reason]]],
      );
    });

    it('rejects an unknown --fail-on value with exit code 2', async () => {
      const result = await run('report', '--fail-on', 'sometimes');
      assert.equal(result.code, 2);
      assert.match(result.err, /--fail-on must be none, warning or error, not "sometimes"/);
    });
  });

  describe('check', () => {
    beforeEach(() => {
      repo.git(['checkout', '-q', '-b', 'feature']);
    });

    it('flags the changed code line of a linked file the change set touches while the runbook is unchanged', async () => {
      await repo.commit('raise pool size', '2025-02-01', { 'deploy/db/pool.yaml': POOL.replace('key7: 7', 'key7: 70') });
      const result = await run('check', '--base', 'main', '--format', 'json', '--no-cache');
      assert.equal(result.code, 1);
      const report = JSON.parse(result.out) as CheckJson;
      assert.deepEqual(report.findings, [
        {
          ruleId: 'stale.linked-code-changed',
          severity: 'warning',
          path: 'deploy/db/pool.yaml',
          line: 7,
          message:
            'This change touches `deploy/db/pool.yaml`, which the runbook runbooks/db.md:6 links to, but does not update it. Check the runbook against this change; update it or mark it reviewed.',
          target: 'deploy/db/pool.yaml',
          related: [{ path: 'runbooks/db.md', line: 6, message: 'Linked from runbooks/db.md:6' }],
        },
      ]);
      assert.deepEqual(
        [report.command, report.summary, report.base, report.mergeBase, 'head' in report],
        ['check', { findings: 1, errors: 0, warnings: 1, infos: 0, docsChecked: 1, changedFiles: 1 }, 'main', repo.git(['rev-parse', 'main']).trim(), false],
      );
    });

    it('includes the working tree when --head is absent, and only committed changes with --head', async () => {
      await repo.write({ 'deploy/db/pool.yaml': POOL.replace('key2: 2', 'key2: 20') });
      const worktree = JSON.parse((await run('check', '--base', 'main', '--format', 'json', '--no-cache')).out) as CheckJson;
      assert.deepEqual(worktree.findings.map((f) => [f.path, f.line]), [['deploy/db/pool.yaml', 2]]);
      const committed = await run('check', '--base', 'main', '--head', 'HEAD', '--format', 'json', '--no-cache');
      assert.deepEqual([committed.code, (JSON.parse(committed.out) as CheckJson).findings], [0, []]);
    });

    it('says nothing when the runbook changed in the same change set', async () => {
      await repo.commit('raise pool size', '2025-02-01', { 'deploy/db/pool.yaml': POOL.replace('key7: 7', 'key7: 70'), 'runbooks/db.md': `${RUNBOOK}\nPool is 70 now.\n` });
      const result = await run('check', '--base', 'main', '--no-cache');
      assert.equal(result.code, 0);
      assert.match(result.out, /^runbooks check: no findings; 1 docs checked against main \(merge base [0-9a-f]{7}, 2 changed files, working tree included\)\.$/);
    });

    it('counts a whitespace-only edit of the runbook as not updated, and ignores whitespace-only code changes', async () => {
      await repo.commit('touch', '2025-02-01', { 'runbooks/db.md': RUNBOOK.replace('Postgres down', 'Postgres down  '), 'deploy/alerts.yml': ALERTS.replace('  for: 5m', '  for:   5m') });
      assert.equal((await run('check', '--base', 'main', '--no-cache')).code, 0);
      await repo.commit('page sooner', '2025-02-02', { 'deploy/alerts.yml': ALERTS.replace('for: 5m', 'for: 1m') });
      const result = JSON.parse((await run('check', '--base', 'main', '--format', 'json', '--no-cache')).out) as CheckJson;
      assert.deepEqual(result.findings.map((f) => [f.ruleId, f.path, f.line]), [['stale.anchored-range-changed', 'deploy/alerts.yml', 3]]);
    });

    it('ignores changes of an anchored file outside the linked lines', async () => {
      await repo.commit('other alert', '2025-02-01', { 'deploy/alerts.yml': ALERTS.replace('for: 1m', 'for: 2m') });
      assert.equal((await run('check', '--base', 'main', '--no-cache')).code, 0);
    });

    it('reports a link the change breaks by renaming its target as an error on the runbook line', async () => {
      await repo.move('deploy/db/pool.yaml', 'deploy/postgres/pool.yaml', 'move pool', '2025-02-01');
      const result = await run('check', '--base', 'main', '--format', 'json', '--fail-on', 'error', '--no-cache');
      assert.equal(result.code, 1);
      assert.deepEqual((JSON.parse(result.out) as CheckJson).findings.map((f) => [f.ruleId, f.severity, f.path, f.line]), [['link.renamed-target', 'error', 'runbooks/db.md', 6]]);
    });

    it('merges the hunks of one changed file into one warning that lists their lines', async () => {
      await repo.commit('resize', '2025-02-01', { 'deploy/db/pool.yaml': POOL.replace('key1: 1', 'key1: 10').replace('key5: 5', 'key5: 50').replace('key9: 9', 'key9: 90\nkey9b: 1') });
      const result = await run('check', '--base', 'main', '--format', 'json', '--no-cache');
      assert.equal(result.code, 1);
      assert.deepEqual((JSON.parse(result.out) as CheckJson).findings, [
        {
          ruleId: 'stale.linked-code-changed',
          severity: 'warning',
          path: 'deploy/db/pool.yaml',
          line: 1,
          message:
            'This change touches `deploy/db/pool.yaml` in 3 places (lines 1, 5, 9\u201310), which the runbook runbooks/db.md:6 links to, but does not update it. Check the runbook against this change; update it or mark it reviewed.',
          target: 'deploy/db/pool.yaml',
          related: [{ path: 'runbooks/db.md', line: 6, message: 'Linked from runbooks/db.md:6' }],
        },
      ]);
    });

    it('prints GitHub annotations on the changed line', async () => {
      await repo.commit('raise pool size', '2025-02-01', { 'deploy/db/pool.yaml': POOL.replace('key7: 7', 'key7: 70\nkey7b: 1') });
      const result = await run('check', '--base', 'main', '--format', 'github', '--fail-on', 'none', '--no-cache');
      assert.equal(result.code, 0);
      const lines = result.out.split('\n');
      assert.equal(
        lines[0],
        '::warning file=deploy/db/pool.yaml,line=7,endLine=8,title=Runbooks%3A stale.linked-code-changed::This change touches `deploy/db/pool.yaml`, which the runbook runbooks/db.md:6 links to, but does not update it. Check the runbook against this change; update it or mark it reviewed.',
      );
      assert.match(lines[1]!, /^runbooks check: 1 finding \(0 errors, 1 warning\) in 1 file;/);
    });

    it('prints SARIF 2.1.0 with the stable rule ids', async () => {
      await repo.commit('raise pool size', '2025-02-01', { 'deploy/db/pool.yaml': POOL.replace('key7: 7', 'key7: 70') });
      const result = await run('check', '--base', 'main', '--format', 'sarif', '--no-cache');
      assert.equal(result.code, 1);
      const log = JSON.parse(result.out);
      assert.equal(log.version, '2.1.0');
      assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
      const run0 = log.runs[0];
      assert.equal(run0.tool.driver.name, 'runbooks');
      assert.deepEqual(run0.tool.driver.rules.map((r: { id: string }) => r.id), STALENESS_RULES.map((r) => r.id));
      assert.deepEqual(run0.results[0].locations, [{ physicalLocation: { artifactLocation: { uri: 'deploy/db/pool.yaml', uriBaseId: 'SRCROOT' }, region: { startLine: 7 } } }]);
      assert.equal(run0.results[0].ruleId, 'stale.linked-code-changed');
      assert.equal(run0.tool.driver.rules[run0.results[0].ruleIndex].id, 'stale.linked-code-changed');
      assert.equal(run0.results[0].level, 'warning');
      assert.deepEqual(run0.results[0].relatedLocations[0].physicalLocation.region, { startLine: 6 });
    });

    it('checks only the doc kinds the config file names, and exits 2 when it is invalid', async () => {
      await repo.commit('raise pool size', '2025-02-01', { 'deploy/db/pool.yaml': POOL.replace('key7: 7', 'key7: 70') });
      await repo.write({ '.runbooks.yml': 'staleness:\n  checkKinds: [architecture]\n' });
      const result = await run('check', '--base', 'main', '--format', 'json', '--no-cache');
      assert.deepEqual([result.code, (JSON.parse(result.out) as CheckJson).findings, (JSON.parse(result.out) as CheckJson).summary.docsChecked], [0, [], 0]);
      await repo.write({ '.runbooks.yml': 'staleness:\n  checkKinds: [adr]\n' });
      assert.deepEqual(await run('check', '--base', 'main', '--no-cache'), {
        code: 2,
        out: '',
        err: 'runbooks: .runbooks.yml:2:16: `staleness.checkKinds` holds `adr`, which is not a doc kind; use runbook, architecture or other (the default is `[runbook, architecture]`). [config.invalid]',
      });
    });

    it('compares with the default branch without --base and says which, and exits 2 when there is none', async () => {
      await repo.write({ 'deploy/db/pool.yaml': POOL.replace('key2: 2', 'key2: 20') });
      const chosen = await run('check', '--format', 'json', '--no-cache');
      assert.deepEqual([chosen.code, chosen.err], [1, 'runbooks: comparing with main (no remote names its default branch; it exists); pass --base REF to choose another branch.']);
      assert.deepEqual((JSON.parse(chosen.out) as CheckJson).findings.map((f) => [f.path, f.line]), [['deploy/db/pool.yaml', 2]]);
      repo.git(['branch', '-m', 'main', 'trunk']);
      const missing = await run('check', '--no-cache');
      assert.equal(missing.code, 2);
      assert.match(missing.err, /check needs --base REF: the repository has no origin\/HEAD, origin\/main, origin\/master, main or master to compare with/);
    });

    it('exits 2 for a base that does not exist', async () => {
      const unknown = await run('check', '--base', 'origin/nope', '--no-cache');
      assert.equal(unknown.code, 2);
      assert.match(unknown.err, /^runbooks: base ref "origin\/nope" not found/);
    });

    it('rejects --format github for commands that report no findings', async () => {
      const result = await run('search', 'pool', '--format', 'github');
      assert.equal(result.code, 2);
      assert.match(result.err, /--format must be text or json, not "github"/);
    });
  });

  describe('annotation limits and exit codes', () => {
    const finding = (path: string, line: number, severity: CheckFinding['severity'] = 'warning'): CheckFinding => ({
      ruleId: severity === 'error' ? 'link.missing-target' : 'stale.linked-code-changed',
      severity,
      path,
      line,
      message: `m ${path}:${line}`,
      target: path,
      docs: [{ path: 'runbooks/a.md', line: 1 }],
    });

    it('prints each finding when there are at most 10', () => {
      const lines = githubAnnotations([finding('a, b.yaml', 1), finding('c.yaml', 2, 'error')]);
      assert.deepEqual(lines, [
        '::error file=c.yaml,line=2,title=Runbooks%3A link.missing-target::m c.yaml:2',
        '::warning file=a%2C b.yaml,line=1,title=Runbooks%3A stale.linked-code-changed::m a, b.yaml:1',
      ]);
    });

    it('merges findings per file and rule past 10, errors first, and summarises the rest in one notice', () => {
      const findings = [finding('z.yaml', 5, 'error')];
      for (let f = 0; f < 12; f++) for (let line = 1; line <= 3; line++) findings.push(finding(`f${String(f).padStart(2, '0')}.yaml`, line));
      const lines = githubAnnotations(findings, 'ops/');
      assert.equal(lines.length, 10);
      assert.equal(lines[0], '::error file=ops/z.yaml,line=5,title=Runbooks%3A link.missing-target::m z.yaml:5');
      assert.equal(lines[1], '::warning file=ops/f00.yaml,line=1,title=Runbooks%3A stale.linked-code-changed::m f00.yaml:1 (and 2 more places in this file)');
      assert.equal(lines.filter((l) => l.startsWith('::warning') || l.startsWith('::error')).length, 9);
      assert.equal(
        lines[9],
        '::notice title=Runbooks%3A more findings::12 more findings not annotated (GitHub shows at most 10 per step): ops/f08.yaml:1, ops/f09.yaml:1, ops/f10.yaml:1, ops/f11.yaml:1. Run runbooks check locally or use --format sarif for all of them.',
      );
    });

    it('fails at or above --fail-on only', () => {
      assert.deepEqual(
        [exitCodeFor(['warning'], 'none'), exitCodeFor(['warning'], 'warning'), exitCodeFor(['warning', 'info'], 'error'), exitCodeFor(['error'], 'error'), exitCodeFor(['info'], 'warning')],
        [0, 1, 0, 1, 0],
      );
    });

    it('writes URI-encoded SARIF locations relative to the repository', () => {
      const log = toSarif({ base: 'b', mergeBase: 'm', changedFiles: 1, docsChecked: 1, findings: [finding('deploy/pool é.yaml', 3)] }, 'ops/');
      assert.equal(log.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri, 'ops/deploy/pool%20%C3%A9.yaml');
    });
  });
});
