import assert from 'node:assert/strict';
import { withBlocks, withMinor, withShape } from '../../../../../src/core/staleness/diffs/diff-notes';
import { NoteCache, notedDiff, type DiffJob, type DiffSide } from '../../../../../src/core/staleness/diffs/noted-diff';
import { diffIgnoringWhitespace } from '../../../../../src/core/staleness/diffs/text-diff';
import type { BlobContent, FileAt } from '../../../../../src/core/staleness/ports';

const URL = 'https://github.com/acme/platform/blob/main/runbooks/db.md';
const ruleFile = (expr: string, team = 'db'): string =>
  ['groups:', '- name: db', '  rules:', '  - alert: PostgresDown', `    expr: ${expr}`, '    labels:', `      team: ${team}`, '    annotations:', `      runbook_url: ${URL}`, ''].join('\n');
const side = (path: string, key: string, text: string): DiffSide => ({ path, key, text });

/** The notes worked out one after another on the calling thread, as diff batches did before `notedDiff`. */
function stepByStep({ from, to, shape, blocks }: DiffJob): unknown {
  const [a, b]: Array<FileAt | undefined> = [from && { sha: '1', path: from.path }, to && { sha: '2', path: to.path }];
  const read = (s: FileAt | undefined): BlobContent | undefined => {
    const blob = s === a ? from : s === b ? to : undefined;
    return blob && { oid: blob.key, size: blob.text.length, text: blob.text };
  };
  const { added, deleted, hunks } = diffIgnoringWhitespace(from?.text, to?.text);
  const noted = withMinor({ added, deleted, hunks }, a, b, read);
  const shaped = shape ? withShape(noted, a, b, read) : noted;
  return blocks ? withBlocks(shaped, a, b, read, blocks) : shaped;
}

const JOBS: Record<string, DiffJob> = {
  'a text file': { from: side('notes.txt', 't1', 'restart the pgbouncer pool\nthen wait\n'), to: side('notes.txt', 't2', 'restart the odyssey pool\nthen wait\n# v1.2.3\n') },
  'a YAML file whose shape changed': { from: side('values.yaml', 'y1', 'pool:\n  size: 10\n'), to: side('values.yaml', 'y2', 'pool:\n  size: 10\n  mode: session\n'), shape: true },
  'a YAML file whose shape stayed the same': { from: side('teams.yaml', 'y3', 'teams:\n- name: alpha\n'), to: side('teams.yaml', 'y4', 'teams:\n- name: alpha\n- name: bravo\n'), shape: true },
  'a YAML file that is not data on one side': { from: side('chart.yaml', 'y5', 'a: [1, 2\n'), to: side('chart.yaml', 'y6', 'a: 1\nb: 2\n'), shape: true },
  'an alert rule file asked for its rules and shape': { from: side('rules/db.yaml', 'r1', ruleFile('pg_up == 0')), to: side('rules/db.yaml', 'r2', ruleFile('pg_alive == 0', 'storage')), shape: true, blocks: 'rules' },
  'a new rule file': { to: side('rules/db.yaml', 'r2', ruleFile('pg_alive == 0', 'storage')), blocks: 'rules' },
  'a Makefile asked for its targets': { from: side('Makefile', 'm1', 'deploy:\n\t./deploy.sh\n'), to: side('Makefile', 'm2', 'deploy:\n\t./deploy.sh --all\n'), blocks: 'targets' },
};

describe('notedDiff: a line diff with its notes from the two texts alone', () => {
  for (const [name, job] of Object.entries(JOBS)) {
    it(`equals the notes worked out one after another for ${name}`, () => {
      assert.deepEqual(notedDiff(job, new NoteCache()), stepByStep(job));
    });
  }

  it('gives a YAML diff whose shape changed the words of its keys and settings', () => {
    const diff = notedDiff(JOBS['a YAML file whose shape changed']!, new NoteCache());
    assert.equal(diff.shape, 'changed');
    assert.deepEqual(diff.vocabulary, { lost: [], gained: ['mode', 'session'], copies: [] });
  });

  it('keeps what it parsed by content key: the shape of both sides and the rules of a rule file', () => {
    const notes = new NoteCache();
    notedDiff(JOBS['an alert rule file asked for its rules and shape']!, notes);
    assert.deepEqual([notes.hasShape('r1'), notes.hasShape('r2'), notes.hasRules('r1'), notes.hasRules('r2'), notes.hasRules('y1')], [true, true, true, true, false]);
  });

  it('lets go of the least recently used rules past its bound', () => {
    const notes = new NoteCache({ rules: 1 });
    notedDiff(JOBS['an alert rule file asked for its rules and shape']!, notes);
    assert.deepEqual([notes.hasRules('r1'), notes.hasRules('r2')], [false, true]);
  });

  // A cold run works out the shapes of the structured files it read at HEAD while the history pass
  // runs (issue #10: moby's api/swagger.yaml, 460 KB, 0.3-0.8 s a parse); a diff job's side then
  // finds its shape by its text, whatever key the side has.
  it('takes a shape worked out ahead from a text for the first side with that text, then keeps it by content key', () => {
    const job = JOBS['a YAML file whose shape changed']!;
    const notes = new NoteCache();
    notes.prepareShape(job.to!.text);
    assert.equal(notes.hasPrepared(job.to!.text), true);
    assert.deepEqual(notedDiff(job, notes), notedDiff(job, new NoteCache()));
    assert.deepEqual([notes.hasPrepared(job.to!.text), notes.hasShape('y2'), notes.hasShape('y1')], [false, true, true]);
  });

  it('gives the same notes with shapes worked out ahead for every job, text that is not data included', () => {
    for (const job of Object.values(JOBS)) {
      const notes = new NoteCache();
      for (const side of [job.from, job.to]) if (side) notes.prepareShape(side.text);
      assert.deepEqual(notedDiff(job, notes), stepByStep(job));
    }
  });

  it('lets go of the oldest shapes worked out ahead past its bound in characters of text', () => {
    const notes = new NoteCache({ aheadChars: 30 });
    const [a, b] = ['pool:\n  size: 10\n  mode: x\n', 'teams:\n- name: alpha\n- b\n'];
    notes.prepareShape(a);
    notes.prepareShape(b);
    assert.deepEqual([notes.hasPrepared(a), notes.hasPrepared(b)], [false, true]);
  });

  // A re-check after a commit to loki's Makefile diffs its new version against the 8 versions its
  // docs last saw, and those again at the next re-check (#10): what one side's text gives (lines,
  // hashes, words, comment lines, make rules, entries) is worked out once per text and kept.
  describe('with the facts of each text kept by content key', () => {
    const makefile = (...targets: string[]) => targets.map((t) => `${t}:\n\tgolangci-lint run ./...\n`).join('') + 'build: lint\n\tgo build -o $(OUT) ./cmd/app\n';
    const versions = [makefile('lint'), makefile('lint', 'fmt'), makefile('fmt', 'lint').replace('$(OUT)', '$(BIN)'), makefile('lint', 'fmt', 'vet')];
    const head = side('Makefile', 'mk-head', versions[3]!.replace('./cmd/app', './cmd/app  # v1.2.3') + '# trivy-scan-fs\n');
    const pairs: DiffJob[] = versions.map((text, i) => ({ from: side('Makefile', `mk-${i}`, text), to: head, blocks: 'targets' }));

    it('gives the notes worked out one after another for every side shared by several diffs, diff after diff', () => {
      const notes = new NoteCache();
      const expected = pairs.map(stepByStep);
      // Twice: the second round finds every text's facts kept.
      for (let round = 0; round < 2; round++) assert.deepEqual(pairs.map((job) => notedDiff(job, notes)), expected);
      assert.deepEqual([...versions.keys()].map((i) => notes.hasFacts(`mk-${i}`)).concat(notes.hasFacts('mk-head')), [true, true, true, true, true]);
      // The pairs' own notes are still there: an added target like its siblings, the rules that
      // changed (the default goal: `fmt` was first), the variables a rule reads now.
      assert.deepEqual(notedDiff(pairs[1]!, notes).vocabulary?.copies, [{ key: 'vet', like: ['fmt', 'lint'] }]);
      const third = notedDiff(pairs[2]!, notes);
      assert.deepEqual([third.targets, third.calls && third.calls.find((c) => c.name === 'build')?.variables], [['', 'build', 'vet'], { lost: ['BIN'], gained: ['OUT'], had: ['BIN'] }]);
    });

    it('gives every kind of job the notes worked out one after another, with one cache for all of them', () => {
      const notes = new NoteCache();
      for (let round = 0; round < 2; round++) for (const [name, job] of Object.entries(JOBS)) assert.deepEqual(notedDiff(job, notes), stepByStep(job), name);
    });

    // Most texts of a cold run are the side of one diff: what is worked out of them is let go at once.
    it('keeps the facts of a text from the second diff it is a side of', () => {
      const notes = new NoteCache();
      notedDiff(pairs[0]!, notes);
      assert.deepEqual([notes.hasFacts('mk-0'), notes.hasFacts('mk-head')], [false, false]);
      notedDiff(pairs[1]!, notes);
      assert.deepEqual([notes.hasFacts('mk-0'), notes.hasFacts('mk-1'), notes.hasFacts('mk-head')], [false, false, true]);
      notedDiff(pairs[0]!, notes);
      assert.deepEqual([notes.hasFacts('mk-0'), notes.hasFacts('mk-1')], [true, false]);
    });

    it('works the facts out anew for a key that comes with another text', () => {
      const notes = new NoteCache();
      for (const job of [pairs[0]!, pairs[1]!, pairs[0]!]) notedDiff(job, notes);
      assert.deepEqual([notes.hasFacts('mk-0'), notes.hasFacts('mk-head')], [true, true]);
      const reused: DiffJob = { from: side('Makefile', 'mk-head', versions[1]!), to: side('Makefile', 'mk-0', versions[2]!), blocks: 'targets' };
      assert.deepEqual(notedDiff(reused, notes), stepByStep(reused));
    });

    it('keeps no facts of texts past its bound in characters of text, and gives the same notes', () => {
      const notes = new NoteCache({ factChars: 10 });
      assert.deepEqual(pairs.map((job) => notedDiff(job, notes)), pairs.map(stepByStep));
      assert.deepEqual([notes.hasFacts('mk-0'), notes.hasFacts('mk-head')], [false, false]);
    });
  });
});
