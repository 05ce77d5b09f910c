import assert from 'node:assert/strict';
import { capOutput } from '../../../../src/core/runner/output-cap';

const lines = (count: number) => Array.from({ length: count }, (_, i) => `line ${String(i + 1).padStart(3, '0')}`).join('\n') + '\n';

describe('capOutput', () => {
  it('returns output within the cap unchanged', () => {
    assert.deepEqual(capOutput('short\n', 100), { text: 'short\n', truncated: false });
    assert.deepEqual(capOutput('exactly10!', 10), { text: 'exactly10!', truncated: false });
  });

  it('keeps whole lines from the head and the tail and says how much was cut', () => {
    const text = lines(100); // 9 characters a line
    const capped = capOutput(text, 200);
    assert.equal(capped.truncated, true);
    assert.ok(capped.text.length <= 200, `${capped.text.length}`);
    assert.equal(
      capped.text,
      lines(9) + '[… 738 characters (82 lines) cut …]\n' + lines(100).slice(91 * 9),
    );
  });

  it('cuts inside a line when the text has no line breaks to cut at', () => {
    const text = 'x'.repeat(1000);
    const capped = capOutput(text, 100);
    assert.equal(capped.truncated, true);
    assert.ok(capped.text.length <= 100);
    assert.match(capped.text, /^x+\n\[… 9\d\d characters \(1 line\) cut …\]\nx+$/);
    const [head, , tail] = capped.text.split('\n');
    assert.equal(head!.length + tail!.length + Number(/(\d+) characters/.exec(capped.text)![1]), 1000);
  });

  it('never splits a surrogate pair', () => {
    const text = '😀'.repeat(500);
    const capped = capOutput(text, 101);
    const [head, , tail] = capped.text.split('\n');
    assert.equal(head!.length % 2, 0);
    assert.equal(tail!.length % 2, 0);
    assert.doesNotMatch(capped.text, /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });

  it('keeps only the marker when the cap is smaller than the marker', () => {
    assert.deepEqual(capOutput('a\nb\nc\n', 3), { text: '[… 6 characters (3 lines) cut …]', truncated: true });
  });
});
