import assert from 'node:assert/strict';
import { parseIncident, pickActiveIncident } from '../../../../src/core/incident/incident-parser';
import { renderIncident } from '../../../../src/core/incident/incident-template';
import { formatCheckRun, formatFeedback, formatNote, formatStatus } from '../../../../src/core/incident/timeline';
import type { IncidentFile, IncidentMeta } from '../../../../src/core/incident/types';

const META: IncidentMeta = { id: 'x', title: 'DB failover', severity: 'SEV2', status: 'active', started: '2026-11-22T14:05:00Z', runbooks: ['runbooks/db.md'], commander: 'Alice' };
const PATH = 'incidents/2026-11-22-db-failover.md';

describe('parseIncident', () => {
  it('reads the front matter and every kind of entry the formatters write, with lines, authors and targets', () => {
    const text =
      renderIncident(META, { timeZone: 'UTC' }) +
      formatNote({ text: 'paged DB team\nsecond line', author: 'Bob' }, new Date('2026-11-22T14:06:00Z'), 'UTC') +
      formatCheckRun(
        { runbookPath: 'runbooks/db.md', line: 12, blockName: 'pool', command: 'echo', cwd: '.', exitCode: 1, durationMs: 5, passed: false, output: '- **2026-11-22T14:05:00Z** fake\n', finishedAt: new Date('2026-11-22T14:07:00Z') },
        PATH,
        { timeZone: 'UTC' },
      ) +
      formatFeedback({ runbookPath: 'runbooks/db.md', line: 30, text: 'step 3: wrong file', at: new Date('2026-11-22T14:08:00Z'), author: 'Alice' }, PATH, { timeZone: 'UTC' }) +
      formatNote({ text: '*DB*: ok' }, new Date('2026-11-22T14:09:00Z'), 'UTC') +
      formatStatus('Incident resolved', new Date('2026-11-22T15:00:00Z'), 'A*B', { timeZone: 'UTC' });
    const file = parseIncident(PATH, text);
    assert.deepEqual(file.meta, META);
    assert.deepEqual(file.problems, []);
    assert.deepEqual(
      file.timeline.map((e) => [e.kind, e.at, e.author, e.summary, e.line, e.target, e.passed]),
      [
        ['status', '2026-11-22T14:05:00Z', 'Alice', 'Incident started (severity SEV2)', 31, undefined, undefined],
        ['note', '2026-11-22T14:06:00Z', 'Bob', 'paged DB team', 32, undefined, undefined],
        ['check', '2026-11-22T14:07:00Z', undefined, 'check pool in runbooks/db.md#L12 — ✗ failed, exit 1, 5 ms', 34, { path: 'runbooks/db.md', line: 12 }, false],
        ['feedback', '2026-11-22T14:08:00Z', 'Alice', 'step 3: wrong file', 49, { path: 'runbooks/db.md', line: 30 }, undefined],
        ['note', '2026-11-22T14:09:00Z', undefined, '*DB*: ok', 50, undefined, undefined],
        ['status', '2026-11-22T15:00:00Z', 'A*B', 'Incident resolved', 51, undefined, undefined],
      ],
    );
    assert.equal(file.timeline[1]!.text, 'paged DB team\nsecond line');
    assert.equal(file.timeline[2]!.blockName, 'pool');
    assert.equal(file.timeline[0]!.localTime, '14:05 local');
  });

  it('reports broken front matter with its line and still reads the timeline', () => {
    const text = '---\nid: x\ntitle: "unclosed\nstatus: active\n---\n# T\n\n- **2026-11-22T14:06:00Z** (14:06 local) — note\n';
    const file = parseIncident(PATH, text);
    assert.equal(file.meta, undefined);
    assert.equal(file.problems.length, 1);
    assert.match(file.problems[0]!, /^incidents\/2026-11-22-db-failover\.md:3: The front matter is not valid YAML \(line 3\)/);
    assert.deepEqual(file.timeline.map((e) => e.summary), ['note']);
  });

  it('reports a missing front matter and a missing closing line in a file with timeline entries', () => {
    const entry = '- **2026-11-22T14:06:00Z** (14:06 local) — note\n';
    assert.match(parseIncident(PATH, `# Just notes\n${entry}`).problems[0]!, /does not start with a `---` front matter line/);
    assert.match(parseIncident(PATH, `---\nid: x\n${entry}`).problems[0]!, /no closing `---` line/);
  });

  it('takes markdown without the incident marker, timeline entries, status and started for a file that is not ours (#22)', () => {
    assert.deepEqual(parseIncident('incidents/checklist.md', '# On-call checklist\n\n- [ ] page the owner\n'), { path: 'incidents/checklist.md', timeline: [], problems: [], foreign: true });
    assert.equal(parseIncident('incidents/tpl.md', '---\ntitle: Template\nstatus: draft\n---\n# T\n').foreign, true);
    assert.equal(parseIncident('incidents/x.md', '---\ntype: incident\n---\n').foreign, undefined);
    assert.equal(parseIncident('incidents/x.md', '---\nstatus: active\nstarted: 2026-11-22T14:05:00Z\n---\n').foreign, undefined);
  });

  it('has no meta when status or started are unusable, and says why', () => {
    const file = parseIncident(PATH, '---\ntitle: T\nstatus: investigating\nstarted: soon\n---\n');
    assert.equal(file.meta, undefined);
    assert.deepEqual(file.problems, [
      'Front matter `status` must be active or resolved, not "investigating"; the incident\'s state is unknown.',
      'Front matter `started` is not a date and time (write it as 2026-11-22T14:05:00Z).',
    ]);
  });

  it('falls back to the heading and file name for a hand-written front matter with few fields', () => {
    const file = parseIncident(PATH, '---\nstatus: Active\nstarted: 2026-11-22T14:05:00+01:00\nrunbooks: runbooks/db.md\n---\n# Pool exhausted\n');
    assert.deepEqual(file.meta, { id: '2026-11-22-db-failover', title: 'Pool exhausted', severity: 'unknown', status: 'active', started: '2026-11-22T13:05:00Z', runbooks: ['runbooks/db.md'] });
  });

  it('ignores unrecognised content, indented stamps, stamps in fenced code, and hand edits between entries', () => {
    const text = [
      '---',
      'status: active',
      'started: 2026-11-22T14:05:00Z',
      '---',
      '## Timeline',
      '- 14:05 hand-written line without a stamp',
      '- **2026-11-22T14:06:00Z** hand-written with stamp only',
      'a loose paragraph',
      '  - **2026-11-22T14:07:00Z** (x) — nested, not an entry',
      '```',
      '- **2026-11-22T14:08:00Z** (x) — in code',
      '```',
      '* **2026-11-22T14:09:00.5Z** – dash variant',
      '- **not a date** — x',
      '',
    ].join('\n');
    const file = parseIncident(PATH, text);
    assert.deepEqual(file.timeline.map((e) => [e.at, e.summary, e.line]), [
      ['2026-11-22T14:06:00Z', 'hand-written with stamp only', 7],
      ['2026-11-22T14:09:00.500Z', 'dash variant', 13],
    ]);
  });

  it('reads a torn entry (no trailing newline) followed by a complete one', () => {
    const text = `${renderIncident(META, { timeZone: 'UTC' })}- **2026-11-22T14:06:00Z** (14:06 local) — *Bob*: half a no\n- **2026-11-22T14:07:00Z** (14:07 local) — *Bob*: whole\n`;
    assert.deepEqual(parseIncident(PATH, text).timeline.map((e) => e.summary), ['Incident started (severity SEV2)', 'half a no', 'whole']);
  });

  it('reads CRLF files and a BOM', () => {
    const text = `\uFEFF${renderIncident(META, { timeZone: 'UTC' })}`.replace(/\n/g, '\r\n');
    const file = parseIncident(PATH, text);
    assert.deepEqual(file.meta, META);
    assert.equal(file.timeline[0]!.summary, 'Incident started (severity SEV2)');
  });
});

describe('pickActiveIncident', () => {
  const file = (path: string, status: 'active' | 'resolved' | undefined, started: string): IncidentFile => ({
    path,
    ...(status ? { meta: { ...META, status, started } } : {}),
    timeline: [],
    problems: [],
  });

  it('picks the active incident that started last, ignoring resolved and unreadable ones', () => {
    const files = [
      file('a.md', 'active', '2026-11-22T10:00:00Z'),
      file('b.md', 'resolved', '2026-11-22T12:00:00Z'),
      file('c.md', 'active', '2026-11-22T11:00:00Z'),
      file('d.md', undefined, '2026-11-22T13:00:00Z'),
    ];
    assert.equal(pickActiveIncident(files)?.path, 'c.md');
  });

  it('returns undefined when nothing is active', () => {
    assert.equal(pickActiveIncident([file('b.md', 'resolved', '2026-11-22T12:00:00Z')]), undefined);
    assert.equal(pickActiveIncident([]), undefined);
  });
});
