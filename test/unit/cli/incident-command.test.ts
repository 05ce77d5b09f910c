import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli';
import { parseIncident } from '../../../src/core/incident/incident-parser';
import { resolveExplicitTime } from '../../../src/core/incident/timeline';
import { incidentFileName } from '../../../src/core/incident/incident-template';
import { utcStamp } from '../../../src/core/incident/zoned-time';
import { makeTempDir, removeTempDir, writeTree } from '../support/temp-dir';

describe('runbooks incident and runbooks note', () => {
  let base: string;
  let root: string;
  let env: Record<string, string | undefined>;

  beforeEach(async () => {
    base = await makeTempDir('cli-incident');
    root = path.join(base, 'ws');
    await writeTree(root, { 'runbooks/db.md': '# DB\n' });
    await writeTree(base, { gitconfig: '[user]\n\tname = Alice Example\n' });
    env = { PATH: process.env.PATH, HOME: base, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: path.join(base, 'gitconfig'), TZ: 'Europe/Berlin' };
  });
  afterEach(() => removeTempDir(base));

  async function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), cwd: root, env });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }
  const read = (relative: string) => fs.readFile(path.join(root, relative), 'utf8');

  it('start → note → note --at → list json → resolve writes the incident and its postmortem draft', async () => {
    const started = await run('incident', 'start', 'DB failover: primary', '--severity', 'SEV2', '--runbook', 'runbooks/db.md');
    assert.equal(started.code, 0, started.err);
    const file = `incidents/${incidentFileName(new Date(), 'DB failover: primary')}`;
    assert.equal(started.out.split('\n')[0], `Started incident "DB failover: primary": ${file}`);

    assert.equal((await run('note', 'paged', 'DB team', 'token=abc123456789')).code, 0);
    const atRun = await run('note', 'failover', 'started', '--at', '0:00');
    assert.equal(atRun.code, 0, atRun.err);
    assert.match(atRun.out, new RegExp(`^Noted in ${file} at 00:00 \\(\\d{4}-\\d\\d-\\d\\dT\\d\\d:00:00Z\\)\\.$`));
    assert.equal((await run('note', '00:01', 'leading time')).code, 0);

    const incident = parseIncident(file, await read(file));
    assert.deepEqual(
      incident.timeline.map((e) => [e.kind, e.author, e.text]),
      [
        // in time order (#22): the notes at 00:00 and 00:01 come before the start, written later
        ['note', 'Alice Example', 'failover started'],
        ['note', 'Alice Example', 'leading time'],
        ['status', 'Alice Example', '⚑ Incident started (severity SEV2)'],
        ['note', 'Alice Example', 'paged DB team token=[REDACTED:secret-assignment]'],
      ],
    );
    assert.equal(incident.timeline[0]!.at, utcStamp(resolveExplicitTime('00:00', new Date(), 'Europe/Berlin')!.at));
    assert.equal(incident.timeline[1]!.at, utcStamp(resolveExplicitTime('00:01', new Date(), 'Europe/Berlin')!.at));

    const listed = await run('incident', 'list', '--format', 'json');
    assert.equal(listed.code, 0);
    const rows = JSON.parse(listed.out) as Array<Record<string, unknown>>;
    assert.deepEqual(rows, [
      {
        path: file,
        id: path.posix.basename(file, '.md'),
        title: 'DB failover: primary',
        severity: 'SEV2',
        status: 'active',
        started: incident.meta!.started,
        resolved: null,
        entries: 4,
        problems: [],
      },
    ]);

    const resolved = await run('incident', 'resolve');
    assert.equal(resolved.code, 0, resolved.err);
    const draft = file.replace(/\.md$/, '-postmortem.md');
    assert.equal(resolved.out, `Resolved "DB failover: primary": ${file}\nPostmortem draft: ${draft}`);
    assert.match(await read(draft), /^# Postmortem: DB failover: primary\n/);
    const after = parseIncident(file, await read(file));
    assert.equal(after.meta?.status, 'resolved');
    assert.equal(after.timeline.at(-1)!.summary, 'Incident resolved');
    assert.equal((JSON.parse((await run('incident', 'list', '--format', 'json')).out) as Array<{ resolved: string }>)[0]!.resolved, after.meta!.resolved);

    const late = await run('note', 'too late');
    assert.equal(late.code, 2);
    assert.equal(late.err, 'runbooks: no active incident in incidents/. Start one with: runbooks incident start TITLE');
  });

  it('records the alert and page time at start or later, and counts the postmortem duration from the page (#22)', async () => {
    const pagedAt = new Date(Date.now() - 20 * 60_000);
    const started = await run('incident', 'start', 'Checkout errors', '--alert', 'CheckoutErrorRate', '--paged', pagedAt.toISOString());
    assert.equal(started.code, 0, started.err);
    const file = `incidents/${incidentFileName(new Date(), 'Checkout errors')}`;
    const meta = parseIncident(file, await read(file)).meta!;
    assert.deepEqual([meta.alert, meta.paged], ['CheckoutErrorRate', utcStamp(pagedAt)]);
    assert.deepEqual(parseIncident(file, await read(file)).timeline.map((e) => e.summary), ['Paged: CheckoutErrorRate', 'Incident started (severity unknown)']);
    const later = new Date(Date.now() - 30 * 60_000);
    const page = await run('incident', 'page', '--alert', 'CheckoutLatency', '--paged', later.toISOString());
    assert.equal(page.code, 0, page.err);
    const after = parseIncident(file, await read(file));
    assert.deepEqual([after.meta!.alert, after.meta!.paged], ['CheckoutLatency', utcStamp(later)]);
    assert.equal(after.timeline[0]!.summary, 'Paged: CheckoutLatency');
    const resolved = await run('incident', 'resolve');
    assert.match(await read(file.replace(/\.md$/, '-postmortem.md')), /\((?:29|30|31) min from the page\)\n- \*\*Alert:\*\* `CheckoutLatency`/);
    assert.equal(resolved.code, 0);
    for (const argv of [['incident', 'page'], ['incident', 'page', '--paged', 'soon'], ['incident', 'page', '--paged', '2999-01-01T00:00:00Z']]) assert.equal((await run(...argv)).code, 2, argv.join(' '));
  });

  it('leaves markdown in the incidents folder that is not ours alone, and says so in list (#22)', async () => {
    await writeTree(root, { 'incidents/checklist.md': '# On-call checklist\n\n- [ ] page the owner\n' });
    const list = await run('incident', 'list');
    assert.equal(list.out, 'No incidents in incidents/.');
    assert.equal(list.err, 'runbooks: left alone 1 markdown file in incidents/ that is not an incident file (incidents/checklist.md). To keep incidents apart, pass --incidents-dir DIR (e.g. incidents/log).');
    assert.equal((await run('note', 'x')).code, 2);
    assert.equal(await read('incidents/checklist.md'), '# On-call checklist\n\n- [ ] page the owner\n');
  });

  it('exits 2 for a note or resolve when there is no active incident, without creating anything', async () => {
    const note = await run('note', 'hello');
    assert.equal(note.code, 2);
    assert.match(note.err, /no active incident in incidents\//);
    assert.equal((await run('incident', 'resolve')).code, 2);
    await assert.rejects(fs.stat(path.join(root, 'incidents')));
  });

  it('honours --incidents-dir relative to --root, and lists as text', async () => {
    assert.equal((await run('incident', 'start', 'Disk full', '--incidents-dir', 'ops/inc')).code, 0);
    const file = `ops/inc/${incidentFileName(new Date(), 'Disk full')}`;
    assert.equal(parseIncident(file, await read(file)).meta?.severity, 'unknown');
    const list = await run('incident', 'list', '--incidents-dir', 'ops/inc');
    assert.match(list.out, new RegExp(`^active {4}unknown  \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ  ${file}  Disk full \\(1 entries\\)$`));
    assert.equal((await run('incident', 'list')).out, 'No incidents in incidents/.');
  });

  it('warns when starting an incident while another is active, and notes go to the new one', async () => {
    await run('incident', 'start', 'First');
    // Started within the same second: the tie goes to the later path, and "second" sorts after "first".
    const second = await run('incident', 'start', 'Second');
    assert.match(second.err, /"First" \(incidents\/.*-first\.md\) is still active; notes now go to the new incident\./);
    assert.match((await run('note', 'x')).out, /^Noted in incidents\/.*-second\.md /);
  });

  it('rejects usage mistakes with exit 2', async () => {
    for (const argv of [
      ['incident'],
      ['incident', 'stop'],
      ['incident', 'start'],
      ['incident', 'start', 'X', '--runbook', 'runbooks/missing.md'],
      ['incident', 'start', 'X', '--runbook', '../outside.md'],
      ['note'],
      ['note', '14:05'],
      ['note', 'x', '--at', '25:00'],
      ['note', 'x', '--at', '10:00 later'],
    ]) {
      const result = await run(...argv);
      assert.equal(result.code, 2, argv.join(' '));
      assert.match(result.err, /^runbooks: .*\nRun "runbooks --help" for usage\.$/s, argv.join(' '));
    }
  });
});
