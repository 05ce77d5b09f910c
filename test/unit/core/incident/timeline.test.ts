import assert from 'node:assert/strict';
import { formatCheckRun, formatDuration, formatFeedback, formatNote, formatStatus, resolveExplicitTime } from '../../../../src/core/incident/timeline';
import type { CheckRunInput } from '../../../../src/core/incident/types';

const NOW = new Date('2026-11-22T14:05:00Z');
const GITHUB_TOKEN = `ghp_${'a1B2'.repeat(9)}`;

function check(overrides: Partial<CheckRunInput> = {}): CheckRunInput {
  return {
    runbookPath: 'runbooks/db.md',
    line: 12,
    blockName: 'pool-usage',
    command: "psql -c 'show pools'",
    cwd: 'runbooks',
    exitCode: 0,
    durationMs: 1234,
    passed: true,
    output: 'pool | active\nmain | 42\n',
    finishedAt: new Date('2026-11-22T14:07:09Z'),
    author: 'Alice',
    ...overrides,
  };
}

describe('timeline entries', () => {
  it('writes a note as one list item: UTC stamp, local time in the given zone, italic author, text', () => {
    assert.equal(formatNote({ text: 'paged the DB team', author: 'Alice' }, NOW, 'Europe/Berlin'), '- **2026-11-22T14:05:00Z** (15:05 local) — *Alice*: paged the DB team\n');
    assert.equal(formatNote({ text: 'paged the DB team', author: 'Alice' }, NOW, 'UTC'), '- **2026-11-22T14:05:00Z** (14:05 local) — *Alice*: paged the DB team\n');
  });

  it('uses the explicit time of a note instead of now, and leaves out an unknown author', () => {
    assert.equal(formatNote({ text: 'failover done', at: new Date('2026-11-22T13:50:30Z') }, NOW, { timeZone: 'UTC' }), '- **2026-11-22T13:50:30Z** (13:50 local) — failover done\n');
  });

  it('indents the further lines of a multi-line note under the item, blank lines left empty', () => {
    assert.equal(
      formatNote({ text: 'From logs:\r\n```\nERROR pool exhausted\n\nretrying\n```', author: 'Bob' }, NOW, 'UTC'),
      '- **2026-11-22T14:05:00Z** (14:05 local) — *Bob*: From logs:\n  ```\n  ERROR pool exhausted\n\n  retrying\n  ```\n',
    );
  });

  it('escapes an author with asterisks, and a note without author that starts like one', () => {
    assert.equal(formatNote({ text: 'x', author: ' A*B \n C ' }, NOW, 'UTC'), '- **2026-11-22T14:05:00Z** (14:05 local) — *A\\*B C*: x\n');
    assert.equal(formatNote({ text: '*DB*: down' }, NOW, 'UTC'), '- **2026-11-22T14:05:00Z** (14:05 local) — \\*DB*: down\n');
  });

  it('redacts a token in a note, its author and user patterns', () => {
    assert.equal(
      formatNote({ text: `used ${GITHUB_TOKEN} and password=hunter22 on db-7`, author: 'Alice' }, NOW, { timeZone: 'UTC', redactionPatterns: ['db-(\\d+)'] }),
      '- **2026-11-22T14:05:00Z** (14:05 local) — *Alice*: used [REDACTED:github-token] and password=[REDACTED:secret-assignment] on db-[REDACTED:custom]\n',
    );
  });

  it('records a check run with a relative link, result, command, cwd and the output in a collapsed block', () => {
    assert.equal(
      formatCheckRun(check(), 'incidents/2026-11-22-db.md', { timeZone: 'Europe/Berlin' }),
      [
        '- **2026-11-22T14:07:09Z** (15:07 local) — *Alice*: ▶ check `pool-usage` in [runbooks/db.md#L12](../runbooks/db.md#L12) — ✓ passed, exit 0, 1.2 s',
        '',
        '  cwd: `runbooks`',
        '',
        '  ```sh',
        "  psql -c 'show pools'",
        '  ```',
        '',
        '  <details><summary>output (2 lines)</summary>',
        '',
        '  ```text',
        '  pool | active',
        '  main | 42',
        '  ```',
        '',
        '  </details>',
        '',
      ].join('\n'),
    );
  });

  it('fences output with more backticks than it holds, and redacts tokens in output, command and cwd', () => {
    const block = formatCheckRun(
      check({ output: `a\n\`\`\`\`\ntoken: ${GITHUB_TOKEN}\n`, command: `curl -H "Authorization: Bearer ${GITHUB_TOKEN}" x`, cwd: 'x', passed: false, exitCode: 7 }),
      'incidents/x.md',
      { timeZone: 'UTC' },
    );
    assert.equal(
      block,
      [
        '- **2026-11-22T14:07:09Z** (14:07 local) — *Alice*: ▶ check `pool-usage` in [runbooks/db.md#L12](../runbooks/db.md#L12) — ✗ failed, exit 7, 1.2 s',
        '',
        '  cwd: `x`',
        '',
        '  ```sh',
        '  curl -H "Authorization: Bearer [REDACTED:github-token]" x',
        '  ```',
        '',
        '  <details><summary>output (3 lines)</summary>',
        '',
        '  `````text',
        '  a',
        '  ````',
        '  token: [REDACTED:github-token]',
        '  `````',
        '',
        '  </details>',
        '',
      ].join('\n'),
    );
    assert.ok(!block.includes(GITHUB_TOKEN));
  });

  it('counts output lines after redaction: a private key block becomes one line', () => {
    const key = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1234567890abcdef\nZZZZZZZZZZZZZZZZZZZZZZZZ\n-----END RSA PRIVATE KEY-----';
    const block = formatCheckRun(check({ output: `before\n${key}\nafter\n` }), 'incidents/x.md', { timeZone: 'UTC' });
    assert.match(block, /output \(3 lines\)/);
    assert.match(block, /\n {2}before\n {2}\[REDACTED:private-key\]\n {2}after\n/);
  });

  it('says "no output", "no exit code" for a killed run, and links runbooks with spaces percent-encoded', () => {
    const block = formatCheckRun(check({ output: '', exitCode: null, passed: false, durationMs: 125_000, runbookPath: 'run books/db [old].md', author: undefined }), 'ops/incidents/x.md', { timeZone: 'UTC' });
    assert.equal(
      block.split('\n')[0],
      '- **2026-11-22T14:07:09Z** (14:07 local) — ▶ check `pool-usage` in [run books/db \\[old\\].md#L12](../../run%20books/db%20%5Bold%5D.md#L12) — ✗ failed, no exit code, 2 min 5 s',
    );
    assert.match(block, /\n {2}no output\n$/);
  });

  it('links check runs from the default incidents folder when no incident path is given', () => {
    assert.match(formatCheckRun(check(), undefined, { timeZone: 'UTC' }), /\]\(\.\.\/runbooks\/db\.md#L12\)/);
  });

  it('records feedback on a runbook line with a path#Lnn link, redacted', () => {
    assert.equal(
      formatFeedback({ runbookPath: 'runbooks/db.md', line: 30, text: 'step 3 is wrong: pool is in pgbouncer.ini (password=s3cretpw)', at: NOW, author: 'Alice' }, 'incidents/x.md', { timeZone: 'Europe/Berlin' }),
      '- **2026-11-22T14:05:00Z** (15:05 local) — *Alice*: ✎ feedback on [runbooks/db.md#L30](../runbooks/db.md#L30): step 3 is wrong: pool is in pgbouncer.ini (password=[REDACTED:secret-assignment])\n',
    );
  });

  it('writes status changes with the ⚑ marker', () => {
    assert.equal(formatStatus('Incident resolved', NOW, 'Alice', { timeZone: 'UTC' }), '- **2026-11-22T14:05:00Z** (14:05 local) — *Alice*: ⚑ Incident resolved\n');
  });

  it('formats durations in ms, seconds and minutes', () => {
    assert.deepEqual([formatDuration(340), formatDuration(1234), formatDuration(59_949), formatDuration(125_000)], ['340 ms', '1.2 s', '59.9 s', '2 min 5 s']);
  });
});

describe('resolveExplicitTime', () => {
  const at = (text: string, now: string, zone: string) => {
    const result = resolveExplicitTime(text, new Date(now), zone);
    return result && { at: result.at.toISOString(), text: result.text };
  };

  it('reads HH:MM as that time today in the zone, and returns the rest of the text', () => {
    assert.deepEqual(at('14:01 paged DB team', '2026-11-22T14:05:00Z', 'Europe/Berlin'), { at: '2026-11-22T13:01:00.000Z', text: 'paged DB team' });
    assert.deepEqual(at('14:01 paged DB team', '2026-11-22T14:05:00Z', 'UTC'), { at: '2026-11-22T14:01:00.000Z', text: 'paged DB team' });
  });

  it('accepts H:MM and HH:MM:SS, and a time alone', () => {
    assert.deepEqual(at('7:05 woke up', '2026-11-22T14:05:00Z', 'UTC'), { at: '2026-11-22T07:05:00.000Z', text: 'woke up' });
    assert.deepEqual(at('13:04:59  x', '2026-11-22T14:05:00Z', 'UTC'), { at: '2026-11-22T13:04:59.000Z', text: 'x' });
    assert.deepEqual(at('09:00', '2026-11-22T14:05:00Z', 'UTC'), { at: '2026-11-22T09:00:00.000Z', text: '' });
  });

  it('means yesterday when the time is still to come today', () => {
    assert.deepEqual(at('16:00 deploy went out', '2026-11-22T14:05:00Z', 'Europe/Berlin'), { at: '2026-11-21T15:00:00.000Z', text: 'deploy went out' });
    assert.deepEqual(at('23:59 alert fired', '2026-11-22T00:10:00Z', 'UTC'), { at: '2026-11-21T23:59:00.000Z', text: 'alert fired' });
    assert.deepEqual(at('14:05 now exactly', '2026-11-22T14:05:00Z', 'UTC'), { at: '2026-11-22T14:05:00.000Z', text: 'now exactly' });
  });

  it('uses the day in the zone, not in UTC', () => {
    // 00:30 on the 23rd in Berlin is still the 22nd in UTC.
    assert.deepEqual(at('00:10 x', '2026-11-22T23:30:00Z', 'Europe/Berlin'), { at: '2026-11-22T23:10:00.000Z', text: 'x' });
  });

  it('on the day clocks go forward, moves a skipped time forward by the gap', () => {
    // Europe/Berlin, 2026-03-29: 02:00 CET → 03:00 CEST.
    const now = '2026-03-29T10:00:00Z';
    assert.equal(at('01:30 x', now, 'Europe/Berlin')!.at, '2026-03-29T00:30:00.000Z');
    assert.equal(at('02:30 x', now, 'Europe/Berlin')!.at, '2026-03-29T01:30:00.000Z');
    assert.equal(at('03:30 x', now, 'Europe/Berlin')!.at, '2026-03-29T01:30:00.000Z');
    assert.equal(at('11:00 x', now, 'Europe/Berlin')!.at, '2026-03-29T09:00:00.000Z');
  });

  it('on the day clocks go back, takes the first of a repeated time', () => {
    // Europe/Berlin, 2026-10-25: 03:00 CEST → 02:00 CET; 02:30 happens twice.
    const now = '2026-10-25T10:00:00Z';
    assert.equal(at('02:30 x', now, 'Europe/Berlin')!.at, '2026-10-25T00:30:00.000Z');
    assert.equal(at('01:30 x', now, 'Europe/Berlin')!.at, '2026-10-24T23:30:00.000Z');
    assert.equal(at('03:30 x', now, 'Europe/Berlin')!.at, '2026-10-25T02:30:00.000Z');
  });

  it('goes back to yesterday across a DST change with yesterday\'s offset', () => {
    // 08:00 CEST on 2026-03-29; 09:00 is still to come, so it is 09:00 CET on the 28th.
    assert.equal(at('09:00 x', '2026-03-29T06:00:00Z', 'Europe/Berlin')!.at, '2026-03-28T08:00:00.000Z');
  });

  it('ignores text that does not start with a valid time', () => {
    for (const text of ['paged 14:05', '24:00 x', '14:60 x', '14:5 x', '14:05pm x', '1405 x', '14:05:61 x', '']) {
      assert.equal(resolveExplicitTime(text, NOW, 'UTC'), undefined, text);
    }
  });
});
