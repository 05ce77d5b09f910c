import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { incidentFileName, renderIncident } from '../../../../src/core/incident/incident-template';
import type { IncidentMeta } from '../../../../src/core/incident/types';

const META: IncidentMeta = {
  id: '2026-11-22-db-failover',
  title: 'DB failover',
  severity: 'SEV2',
  status: 'active',
  started: '2026-11-22T14:05:00.000Z',
  runbooks: ['runbooks/db.md', 'runbooks/pgbouncer.md'],
  commander: 'Alice',
};

describe('incident template', () => {
  it('names the file after the UTC start date and the title slug', () => {
    assert.equal(incidentFileName(new Date('2026-11-22T23:30:00-02:00'), 'Checkout DB pool exhausted!'), '2026-11-23-checkout-db-pool-exhausted.md');
    assert.equal(incidentFileName(new Date('2026-11-22T00:00:00Z'), '🔥🔥'), '2026-11-22-incident.md');
    assert.equal(incidentFileName(new Date('2026-11-22T00:00:00Z'), 'Postmortem'), '2026-11-22-postmortem-incident.md');
  });

  it('renders front matter, title, Summary, Actions, Follow-ups and the Timeline last with the start entry', () => {
    assert.equal(
      renderIncident(META, { timeZone: 'Europe/Berlin' }),
      [
        '---',
        'type: incident',
        'id: 2026-11-22-db-failover',
        'title: DB failover',
        'severity: SEV2',
        'status: active',
        'started: 2026-11-22T14:05:00Z',
        'runbooks:',
        '  - runbooks/db.md',
        '  - runbooks/pgbouncer.md',
        'commander: Alice',
        '---',
        '',
        '# DB failover',
        '',
        '## Summary',
        '',
        '<!-- One or two sentences: what is broken, for whom, since when. Keep it current while the incident runs. -->',
        '',
        '## Actions',
        '',
        '<!-- Who is doing what right now: one line each, with a name. -->',
        '',
        '## Follow-ups',
        '',
        '<!-- Work for after the incident, one "- " line each; they become action items in the postmortem draft. -->',
        '',
        '## Timeline',
        '',
        '<!-- In time order (an entry with an earlier time is placed before later ones). Add entries with "Runbooks: Add Incident Note" or `runbooks note TEXT` (start it with HH:MM for an earlier time); keep this section last. -->',
        '',
        '- **2026-11-22T14:05:00Z** (15:05 local) — *Alice*: ⚑ Incident started (severity SEV2)',
        '',
      ].join('\n'),
    );
  });

  it('keeps titles with colons, quotes and # safe in YAML, and writes empty runbooks and no commander', () => {
    const title = `DB: "primary" down # 'again' [x]`;
    const text = renderIncident({ ...META, title, runbooks: [], commander: undefined }, { timeZone: 'UTC' });
    const yamlText = text.split('---\n')[1]!;
    assert.deepEqual(parse(yamlText), { type: 'incident', id: META.id, title, severity: 'SEV2', status: 'active', started: '2026-11-22T14:05:00Z', runbooks: [] });
    assert.match(text, /\n# DB: "primary" down # 'again' \[x\]\n/);
    assert.match(text, /\n- \*\*2026-11-22T14:05:00Z\*\* \(14:05 local\) — ⚑ Incident started \(severity SEV2\)\n$/);
  });

  it('records the alert and the page time, with a "Paged" entry before the start entry (#22)', () => {
    const text = renderIncident({ ...META, alert: 'PostgresDown', paged: '2026-11-22T13:58:00Z' }, { timeZone: 'UTC' });
    assert.deepEqual((parse(text.split('---\n')[1]!) as { alert: string; paged: string }), { ...(parse(text.split('---\n')[1]!) as object), alert: 'PostgresDown', paged: '2026-11-22T13:58:00Z' });
    assert.match(text, /\n- \*\*2026-11-22T13:58:00Z\*\* \(13:58 local\) — ⚑ Paged: PostgresDown\n- \*\*2026-11-22T14:05:00Z\*\* \(14:05 local\) — \*Alice\*: ⚑ Incident started \(severity SEV2\)\n$/);
  });

  it('redacts secrets in the title before writing the YAML, so the front matter stays valid', () => {
    const token = `ghp_${'x1'.repeat(18)}`;
    const text = renderIncident({ ...META, title: token }, { timeZone: 'UTC' });
    assert.ok(!text.includes(token));
    assert.equal((parse(text.split('---\n')[1]!) as { title: string }).title, '[REDACTED:github-token]');
  });
});
