import assert from 'node:assert/strict';
import { compareShapes, dataShape, isStructuredPath } from '../../../../src/core/staleness/diffs/data-shape';

describe('the shape of a data file', () => {
  it('is the same when entries are added, removed or get other values with the same keys', () => {
    const before = dataShape('- name: a\n  team: x\n- name: b\n  team: y\n');
    assert.equal(dataShape('- name: c\n  team: z\n'), before);
    assert.equal(dataShape('- {name: a, team: x}\n- {name: b, team: y}\n- {name: d, team: w}\n'), before);
  });

  it('changes when a setting outside lists changes value', () => {
    assert.notEqual(dataShape('pool:\n  size: 10\n'), dataShape('pool:\n  size: 20\n'));
  });

  it('changes when a key is added, removed or renamed, or a value changes type', () => {
    const before = dataShape('approvers:\n  - a\nreviewers:\n  - b\n');
    assert.notEqual(dataShape('approvers:\n  - a\n'), before);
    assert.notEqual(dataShape('approvers:\n  - a\nreviewer:\n  - b\n'), before);
    assert.notEqual(dataShape('approvers:\n  - a\nreviewers: none\n'), before);
    assert.equal(dataShape("approvers:\n  - c\n  - d\nreviewers: []\n"), before!.replace('.reviewers[]:string\n', ''));
  });

  it('folds the keys of a large mapping (redirects, entries keyed by name) into one', () => {
    const redirects = (n: number) => `redirects:\n${Array.from({ length: n }, (_, i) => `  /old/${i}: /new/${i}\n`).join('')}`;
    assert.equal(dataShape(redirects(20)), dataShape(redirects(30)));
  });

  it('reads JSON and multi-document YAML, and gives up on text that is not data', () => {
    assert.equal(dataShape('{"a": {"b": [1, 2]}}'), dataShape('a:\n  b: [3]\n'));
    assert.equal(dataShape('key: [unclosed\n'), undefined);
    assert.deepEqual(['a.yml', 'b.YAML', 'c.json', 'OWNERS', 'x/OWNERS_ALIASES', 'main.go', 'OWNERS.md'].map(isStructuredPath), [true, true, true, true, true, false, false]);
  });

  it('calls a key gone with the last entry that had it an entry change, and a new or renamed key a shape change', () => {
    const shape = (text: string) => dataShape(text)!;
    const two = shape('- name: a\n  skip_docs: true\n- name: b\n');
    assert.equal(compareShapes(two, shape('- name: b\n')), 'same');
    assert.equal(compareShapes(two, shape('- name: a\n  skip_docs: true\n- name: b\n  alerts: x\n')), 'changed');
    assert.equal(compareShapes(shape('approvers: [a]\nreviewers: [b]\n'), shape('approvers: [a]\n')), 'changed');
  });
});
