import assert from 'node:assert/strict';
import { parseIncident } from '../../../../src/core/incident/incident-parser';
import { renderIncident } from '../../../../src/core/incident/incident-template';
import { DRAFT_NOTE, isPostmortemFileName, postmortemFileName, renderPostmortem } from '../../../../src/core/incident/postmortem';
import { formatCheckRun, formatFeedback, formatNote, formatStatus } from '../../../../src/core/incident/timeline';
import type { IncidentMeta } from '../../../../src/core/incident/types';

const PATH = 'incidents/2026-11-22-db-failover.md';
const META: IncidentMeta = { id: '2026-11-22-db-failover', title: 'DB failover', severity: 'SEV2', status: 'active', started: '2026-11-22T14:05:00Z', runbooks: ['runbooks/db.md'], commander: 'Alice' };
const UTC = { timeZone: 'UTC' };

function incidentText(): string {
  const base = renderIncident(META, UTC)
    .replace('## Summary\n\n<!--', '## Summary\n\nPrimary DB down, checkout failing.\n\n<!--')
    .replace('## Follow-ups\n\n<!-- Work for after the incident, one "- " line each; they become action items in the postmortem draft. -->\n', '## Follow-ups\n\n<!-- Work for after the incident, one "- " line each; they become action items in the postmortem draft. -->\n- Alert on pool saturation\n- Automate | failover\n  and test it\n');
  return (
    base +
    formatNote({ text: 'paged DB team\nsee dashboard', author: 'Bob' }, new Date('2026-11-22T14:06:00Z'), UTC) +
    formatCheckRun({ runbookPath: 'runbooks/db.md', line: 12, blockName: 'pool', command: 'echo', cwd: '.', exitCode: 0, durationMs: 800, passed: true, output: 'ok\n', finishedAt: new Date('2026-11-22T14:07:00Z'), author: 'Bob' }, PATH, UTC) +
    formatFeedback({ runbookPath: 'runbooks/pgbouncer.md', line: 30, text: 'step 3 is wrong', at: new Date('2026-11-22T14:08:00Z'), author: 'Carol' }, PATH, UTC) +
    formatStatus('Incident resolved', new Date('2026-11-22T15:40:00Z'), 'Alice', UTC)
  );
}

describe('postmortem draft', () => {
  it('is named after the incident, never colliding with an earlier draft', () => {
    assert.equal(postmortemFileName(PATH), '2026-11-22-db-failover-postmortem.md');
    assert.equal(postmortemFileName('2026-11-22-db-failover.md', 2), '2026-11-22-db-failover-postmortem-2.md');
    assert.ok(isPostmortemFileName('x-postmortem.md') && isPostmortemFileName('x-postmortem-3.md') && !isPostmortemFileName('x-postmortem-incident.md'));
  });

  it('follows the SRE postmortem structure, filled in from the incident', () => {
    const text = incidentText();
    const draft = renderPostmortem(parseIncident(PATH, text), text, new Date('2026-11-22T15:40:00Z'));
    assert.equal(
      draft,
      [
        '# Postmortem: DB failover',
        '',
        '- **Date:** 2026-11-22',
        '- **Authors:** Alice, Bob, Carol <!-- Everyone who writes this postmortem. -->',
        '- **Status:** draft',
        '- **Incident:** [2026-11-22-db-failover](2026-11-22-db-failover.md), severity SEV2, 2026-11-22 14:05 UTC – 2026-11-22 15:40 UTC (1 h 35 min)',
        '',
        '## Summary',
        '',
        '<!-- Two or three sentences: what happened, to whom, for how long, and how it ended. -->',
        '',
        'Primary DB down, checkout failing.',
        '',
        '## Impact',
        '',
        '<!-- Who and what was affected and how much: users, requests, revenue, data, other teams. Use numbers. -->',
        '',
        '<!-- No note mentions the impact; write it here. -->',
        '',
        '## Root Causes',
        '',
        '<!-- Why it happened: the conditions that made the trigger harmful. Blameless: systems and processes, not people. -->',
        '',
        '## Trigger',
        '',
        '<!-- The change or event that set it off (a deploy, a traffic spike, an expired certificate). -->',
        '',
        '<!-- No note names a trigger; write it here. -->',
        '',
        '## Resolution',
        '',
        '<!-- What stopped the impact and what restored service (the mitigation). Resolved at 2026-11-22 15:40 UTC. -->',
        '',
        '<!-- No note names a mitigation; write it here. -->',
        '',
        '## Detection',
        '',
        '<!-- How we found out (alert, customer report, a person noticing) and how long that took. -->',
        '',
        DRAFT_NOTE,
        '',
        '- 14:06 — paged DB team',
        '',
        '## Action Items',
        '',
        '<!-- One row per action. Type: mitigate, prevent, detect or process. Give every row an owner and a bug. -->',
        '',
        '| Action | Type | Owner | Bug |',
        '| --- | --- | --- | --- |',
        '| Alert on pool saturation |  |  |  |',
        '| Automate \\| failover and test it |  |  |  |',
        '| Update [runbooks/pgbouncer.md#L30](../runbooks/pgbouncer.md#L30): step 3 is wrong | process |  |  |',
        '',
        '## Lessons Learned',
        '',
        '### What went well',
        '',
        '<!-- What worked: alerts, runbooks, tools, people. -->',
        '',
        '### What went wrong',
        '',
        '<!-- What made it worse or slower. -->',
        '',
        '### Where we got lucky',
        '',
        '<!-- What limited the damage by chance rather than by design. -->',
        '',
        '## Timeline',
        '',
        '<!-- Copied from the incident file (times in UTC). Add what happened before the incident was started. -->',
        '',
        '- 2026-11-22 14:05 UTC — Alice: **Incident started (severity SEV2)**',
        '- 2026-11-22 14:06 UTC — Bob: paged DB team',
        '  see dashboard',
        '- 2026-11-22 14:07 UTC — Bob: check `pool` in [runbooks/db.md#L12](../runbooks/db.md#L12) — ✓ passed, exit 0, 800 ms',
        '- 2026-11-22 14:08 UTC — Carol: feedback on [runbooks/pgbouncer.md#L30](../runbooks/pgbouncer.md#L30): step 3 is wrong',
        '- 2026-11-22 15:40 UTC — Alice: **Incident resolved**',
        '',
        '## Supporting information',
        '',
        '- Incident file: [2026-11-22-db-failover.md](2026-11-22-db-failover.md)',
        '- Runbooks used:',
        '  - [runbooks/db.md](../runbooks/db.md)',
        '  - [runbooks/pgbouncer.md](../runbooks/pgbouncer.md)',
        '- Check runs:',
        '  - 2026-11-22 14:07 UTC: check `pool` in [runbooks/db.md#L12](../runbooks/db.md#L12) — ✓ passed, exit 0, 800 ms',
        '',
      ].join('\n'),
    );
  });

  it('has an empty action row, "no entries" and "none recorded" for an incident with unreadable front matter and no timeline', () => {
    const draft = renderPostmortem(parseIncident('incidents/x.md', '# x\n'), '# x\n', new Date('2026-11-22T15:40:00Z'));
    assert.match(draft, /^# Postmortem: x\n/);
    assert.match(draft, /\| --- \| --- \| --- \| --- \|\n\| {2}\| {2}\| {2}\| {2}\|\n/);
    assert.match(draft, /\n- no entries\n/);
    assert.match(draft, /- Runbooks used: none recorded\n- Check runs: none recorded\n$/);
  });

  it('redacts secrets that a hand edit put in the incident', () => {
    const text = incidentText().replace('Primary DB down', 'Primary DB down, password=hunter22x');
    const draft = renderPostmortem(parseIncident(PATH, text), text, new Date('2026-11-22T15:40:00Z'));
    assert.match(draft, /password=\[REDACTED:secret-assignment\]/);
    assert.ok(!draft.includes('hunter22x'));
  });
});

describe('postmortem drafts from the notes (#22)', () => {
  const text = [
    renderIncident({ ...META, alert: 'CheckoutErrorRate', paged: '2026-11-22T13:58:00Z' }, UTC),
    formatNote({ text: 'checkout 5xx at 30% of requests', author: 'Bob' }, new Date('2026-11-22T14:06:00Z'), UTC),
    formatCheckRun({ runbookPath: 'runbooks/db.md', line: 12, blockName: 'pool', command: 'echo', cwd: '.', exitCode: 1, durationMs: 800, passed: false, output: '', finishedAt: new Date('2026-11-22T14:07:00Z') }, PATH, UTC),
    formatNote({ text: 'deploy 4.2 of checkout went out at 13:50, suspect it' }, new Date('2026-11-22T14:09:00Z'), UTC),
    formatNote({ text: 'rolled back to 4.1' }, new Date('2026-11-22T14:20:00Z'), UTC),
    formatCheckRun({ runbookPath: 'runbooks/db.md', line: 12, blockName: 'pool', command: 'echo', cwd: '.', exitCode: 0, durationMs: 800, passed: true, output: '', finishedAt: new Date('2026-11-22T14:25:00Z') }, PATH, UTC),
    // back-dated, written after the later entries by a file of an older version
    formatNote({ text: 'noticed the error graph climbing' }, new Date('2026-11-22T14:01:00Z'), UTC),
    formatStatus('Incident resolved', new Date('2026-11-22T14:40:00Z'), 'Alice', UTC),
  ].join('');
  const draft = renderPostmortem(parseIncident(PATH, text), text, new Date('2026-11-22T14:40:00Z'));
  const section = (name: string) => draft.slice(draft.indexOf(`## ${name}\n`), draft.indexOf('\n## ', draft.indexOf(`## ${name}\n`) + 3));

  it('counts the duration from the page and names the alert', () => {
    assert.ok(draft.includes('2026-11-22 13:58 UTC – 2026-11-22 14:40 UTC (42 min from the page)\n- **Alert:** `CheckoutErrorRate`, paged 2026-11-22 13:58 UTC\n'));
  });

  it('drafts Detection, Trigger, Mitigation and Impact from the notes and runs, marked as drafts', () => {
    assert.equal(section('Detection').split('\n').filter((l) => l.startsWith('- ')).join('\n'), [
      '- 13:58 — Alert `CheckoutErrorRate` paged; the incident was started 7 min later (14:05 UTC).',
      '- 14:01 — noticed the error graph climbing',
    ].join('\n'));
    assert.equal(section('Trigger').split('\n').filter((l) => l.startsWith('- ')).join('\n'), '- 14:09 — deploy 4.2 of checkout went out at 13:50, suspect it');
    assert.equal(section('Resolution').split('\n').filter((l) => l.startsWith('- ')).join('\n'), ['- 14:20 — rolled back to 4.1', '- 14:25 — check `pool` passed after the mitigation'].join('\n'));
    assert.equal(section('Impact').split('\n').filter((l) => l.startsWith('- ')).join('\n'), [
      '- 14:01 — noticed the error graph climbing',
      '- 14:06 — checkout 5xx at 30% of requests',
      '- 14:07 — check `pool` failed (runbooks/db.md#L12)',
      '- 14:09 — deploy 4.2 of checkout went out at 13:50, suspect it',
    ].join('\n'));
    for (const name of ['Detection', 'Trigger', 'Resolution', 'Impact']) assert.ok(section(name).includes(DRAFT_NOTE), name);
  });

  it('lists the timeline in time order, a back-dated note in its place', () => {
    const timeline = section('Timeline').split('\n').filter((l) => l.startsWith('- ')).map((l) => l.slice(13, 18));
    assert.deepEqual(timeline, ['13:58', '14:01', '14:05', '14:06', '14:07', '14:09', '14:20', '14:25', '14:40']);
  });
});
