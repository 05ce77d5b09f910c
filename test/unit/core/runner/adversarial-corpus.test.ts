import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { classifyScript } from '../../../../src/core/runner/classify-command';
import { ruleFor } from '../../../../src/core/runner/command-rules';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'fixtures', 'classifier');

/** `CATEGORY<TAB>SCRIPT` lines, `⏎` for a newline in the script; `#` lines are comments. */
function corpus(file: string): Array<{ label: string; script: string }> {
  return readFileSync(path.join(FIXTURES, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const tab = line.indexOf('\t');
      return { label: line.slice(0, tab), script: line.slice(tab + 1).replace(/⏎/g, '\n') };
    });
}

/** A reason is specific when it names the command, option or shell feature it is about. */
function isSpecific(reason: string): boolean {
  return /`[^`]+`/.test(reason);
}

const CHANGES = corpus('adversarial-changes.txt');
const READS = corpus('real-read-only.txt');

describe('adversarial corpus (issue #20)', () => {
  it('holds at least 150 state-changing blocks in every category and 80 real read-only checks', () => {
    assert.ok(CHANGES.length >= 150, `${CHANGES.length} change blocks`);
    assert.ok(READS.length >= 80, `${READS.length} read-only blocks`);
    const categories = new Set(CHANGES.map((c) => c.label));
    assert.deepEqual([...categories].sort(), [
      'curl', 'databases', 'git', 'kubectl-helm-etcd', 'options', 'sed-awk-sort-less', 'shell-features', 'ssh', 'system', 'wget',
    ]);
  });

  describe('blocks that change state are never checks', () => {
    for (const { label, script } of CHANGES) {
      it(`[${label}] \`${script.replace(/\n/g, '⏎')}\` is a change with a specific reason`, () => {
        const result = classifyScript(script, ruleFor);
        assert.equal(result.kind, 'change', `classified check: ${result.reason}`);
        assert.ok(isSpecific(result.reason), `reason is not specific: ${result.reason}`);
      });
    }
  });

  describe('real read-only checks from public runbooks stay checks, or are refused with a specific reason', () => {
    for (const { label, script } of READS) {
      it(`[${label}] \`${script.replace(/\n/g, '⏎')}\``, () => {
        const result = classifyScript(script, ruleFor);
        if (result.kind === 'change') assert.ok(isSpecific(result.reason), `refused without a specific reason: ${result.reason}`);
      });
    }
  });
});
