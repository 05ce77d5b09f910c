import assert from 'node:assert/strict';
import { overDocBudget } from '../../../src/core/doc-budget';
import { parseBytes } from '../../../src/core/parse-bytes';
import { generateRunbook } from '../support/generated-runbook';

const bytes = (text: string) => Buffer.from(text, 'utf8');

/** Parses `text` as a file and returns its rule ids and the first finding's message, timing the parse. */
function parse(text: string): { ruleIds: string[]; message: string; ms: number; headings: number } {
  const started = Date.now();
  const doc = parseBytes('runbooks/hostile.md', bytes(text));
  return { ruleIds: doc.findings.map((f) => f.ruleId), message: doc.findings[0]?.message ?? '', ms: Date.now() - started, headings: doc.headings.length };
}

describe('one hostile document never stops the run', () => {
  describe('front matter', () => {
    it('an alias bomb is front-matter.invalid, and the body is still parsed', () => {
      const bomb = ['a: &a [x,x,x,x,x,x,x,x,x]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]'].join('\n');
      const result = parse(`---\n${bomb}\n---\n# Still here\n`);
      assert.deepEqual([result.ruleIds, result.headings], [['front-matter.invalid'], 1]);
      assert.match(result.message, /^Front matter cannot be read: Excessive alias count/);
    });

    it('an alias to no anchor is front-matter.invalid', () => {
      const result = parse('---\nowner: team\nalerts: *a\n---\n# Title\n');
      assert.deepEqual(result.ruleIds, ['front-matter.invalid']);
      assert.match(result.message, /^Front matter cannot be read: Unresolved alias/);
    });

    it('YAML nested 20,000 levels deep is a finding, not a crash', () => {
      const result = parse(`---\na: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n---\n# T\n`);
      assert.equal(result.ruleIds.length >= 1, true);
      assert.ok(result.ruleIds.every((id) => id === 'front-matter.invalid' || id === 'doc.unparseable'), result.ruleIds.join());
    });
  });

  describe('markdown over the parse budget is doc.unparseable, at once', () => {
    const cases: Array<[string, () => string, RegExp]> = [
      ['4,000 `>` on one line', () => `${'>'.repeat(4000)} x\n`, /nests block quotes or lists more than 32 levels deep on line 1/],
      ['a million `# h` lines', () => '# h\n'.repeat(1_000_000), /has more than 10,000 headings/],
      ['300,000 blank-ish lines', () => 'x\n'.repeat(300_000), /has more than 250,000 lines/],
      ['200,000 `- ` lines', () => '- \n'.repeat(200_000), /has more than 25,000 list items/],
      ['20,000 headings', () => '# h\n\n'.repeat(20_000), /has more than 10,000 headings/],
      ['nested blockquotes 200 deep', () => Array.from({ length: 2000 }, (_, i) => `${'> '.repeat(i % 200)}q`).join('\n'), /nests block quotes or lists more than 32 levels deep/],
      ['nested lists 100 deep', () => Array.from({ length: 100 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n'), /nests block quotes or lists more than 32 levels deep/],
      ['a 350 KB emphasis and bracket bomb', () => '*a _b [c '.repeat(40_000), /has a line of 360,000 characters|brackets, emphasis or code marks in one paragraph/],
      ['100,000 unmatched brackets', () => `${'['.repeat(50_000)}\n${']'.repeat(50_000)}\n`, /brackets, emphasis or code marks in one paragraph/],
      ['50,000 `[a](` openers over many lines', () => '[a](\n'.repeat(50_000), /brackets, emphasis or code marks in one paragraph/],
    ];
    for (const [name, make, reason] of cases) {
      it(name, () => {
        const result = parse(make());
        assert.deepEqual(result.ruleIds, ['doc.unparseable']);
        assert.match(result.message, reason);
        assert.ok(result.ms < 2000, `${result.ms} ms`);
      });
    }
  });

  it('a 5 MB generated runbook is inside every bound', () => {
    assert.equal(overDocBudget(generateRunbook(5 * 1024 * 1024).text), undefined);
  });

  it('fenced code is not counted: a block of 50,000 `*` lines is fine', () => {
    assert.equal(overDocBudget(`# Logs\n\n\`\`\`\n${'* [x] _y_\n'.repeat(20_000)}\`\`\`\n`), undefined);
  });
});
