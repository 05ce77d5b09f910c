import assert from 'node:assert/strict';
import { withBlocks } from '../../../../../src/core/staleness/diffs/diff-notes';
import { NoteCache } from '../../../../../src/core/staleness/diffs/noted-diff';
import type { BlobContent, FileAt } from '../../../../../src/core/staleness/ports';

const URL = 'https://github.com/acme/platform/blob/main/runbooks/db.md';

const ruleFile = (expr: string): string =>
  ['groups:', '- name: db', '  rules:', '  - alert: PostgresDown', `    expr: ${expr}`, '    annotations:', `      runbook_url: ${URL}`, ''].join('\n');

const state = (sha: string): FileAt => ({ sha: sha.repeat(40), path: 'rules/db.yaml' });
const blob = (oid: string, text: string): BlobContent => ({ oid, size: text.length, text });
const lineDiff = { added: 1, deleted: 1, hunks: [{ oldStart: 5, oldLines: 1, newStart: 5, newLines: 1 }] };

describe('diff notes: the alert rules a rule file change touched', () => {
  it('parses a rule file blob once while it is kept: the file at HEAD compared with two older versions is read from what was parsed the first time', () => {
    const [v1, v2, head] = [blob('b1', ruleFile('pg_up == 0')), blob('b2', ruleFile('pg_ready == 0')), blob('b3', ruleFile('pg_alive == 0'))];
    const blobs = new Map([['1', v1], ['2', v2], ['3', head]]);
    const read = (s: FileAt | undefined) => (s ? blobs.get(s.sha[0]!) : undefined);
    const kept = new NoteCache();
    const first = withBlocks(lineDiff, state('1'), state('3'), read, 'rules', kept);
    assert.deepEqual(first.rules, [{ value: URL, words: { lost: ['pg_up'], gained: ['pg_alive'] } }]);
    assert.ok(kept.hasRules('b1') && kept.hasRules('b3'));
    // Rules are kept by blob id: HEAD's id now read with v2's text is compared as HEAD was parsed,
    // so the change from v2 shows; parsed afresh, that text leaves no change.
    blobs.set('3', blob('b3', v2.text!));
    assert.deepEqual(withBlocks(lineDiff, state('2'), state('3'), read, 'rules', kept).rules, [{ value: URL, words: { lost: ['pg_ready'], gained: ['pg_alive'] } }]);
    assert.deepEqual(withBlocks(lineDiff, state('2'), state('3'), read, 'rules', new NoteCache()).rules, []);
  });

  it('compares a rule file that does not exist on one side as one without rules', () => {
    const head = blob('b3', ruleFile('pg_alive == 0'));
    const read = (s: FileAt | undefined) => (s ? head : undefined);
    assert.deepEqual(withBlocks(lineDiff, undefined, state('3'), read, 'rules').rules, []);
    assert.deepEqual(withBlocks(lineDiff, state('3'), undefined, read, 'rules').rules, [{ value: URL, words: { lost: ['PostgresDown', 'pg_alive'], gained: [] } }]);
  });
});
