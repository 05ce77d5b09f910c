import assert from 'node:assert/strict';
import { generateHostileMarkdown, HOSTILE_KINDS } from '../../../bench/hostile-markdown';
import { parseBytes } from '../../../src/core/parse-bytes';
import { DEFAULT_PARSE_BUDGET } from '../../../src/node/worker-pool-parser';

describe('a seeded corpus of 300 hostile markdown files', () => {
  it('parses each within its parse budget without a crash, and every bad file has its finding', function () {
    this.timeout(600_000);
    const files = generateHostileMarkdown(300, 20261206);
    assert.equal(files.length, 300);
    assert.deepEqual(new Set(files.map((f) => f.kind)), new Set(HOSTILE_KINDS));
    const wrong: string[] = [];
    const slow: string[] = [];
    for (const file of files) {
      const started = Date.now();
      const doc = parseBytes(file.path, file.bytes);
      const ms = Date.now() - started;
      const budget = DEFAULT_PARSE_BUDGET.baseMs + (DEFAULT_PARSE_BUDGET.perMegabyteMs * file.bytes.length) / (1024 * 1024);
      if (ms > budget) slow.push(`${file.path} ${ms} ms`);
      const ids = doc.findings.map((f) => f.ruleId);
      const ok = file.expect ? file.expect.split('|').some((id) => ids.includes(id)) : !ids.includes('doc.unparseable');
      if (!ok) wrong.push(`${file.path}: expected ${file.expect ?? 'no doc.unparseable'}, got [${ids.join(', ')}]`);
    }
    assert.deepEqual(wrong, []);
    assert.deepEqual(slow, []);
  });
});
