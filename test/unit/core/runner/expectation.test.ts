import assert from 'node:assert/strict';
import { judge, parseExpectation } from '../../../../src/core/runner/expectation';

describe('parseExpectation', () => {
  it('defaults to exit code 0 when there is no attribute', () => {
    assert.deepEqual(parseExpectation(undefined), { expect: { exitCodes: [0] } });
  });

  it('reads a single exit code given as a number', () => {
    assert.deepEqual(parseExpectation(1), { expect: { exitCodes: [1] } });
  });

  it('reads a list of exit codes', () => {
    assert.deepEqual(parseExpectation('0,1'), { expect: { exitCodes: [0, 1] } });
    assert.deepEqual(parseExpectation('0, 2, 2'), { expect: { exitCodes: [0, 2] } });
  });

  it('reads an output regex, keeping exit code 0 required', () => {
    assert.deepEqual(parseExpectation('/ready/'), { expect: { exitCodes: [0], outputPattern: 'ready' } });
    assert.deepEqual(parseExpectation('/^status: (ok|degraded)$/i'), { expect: { exitCodes: [0], outputPattern: '^status: (ok|degraded)$', outputFlags: 'i' } });
  });

  it('reads exit= and output= together, in either order, with spaces and slashes in the regex', () => {
    assert.deepEqual(parseExpectation('exit=0,2 output=/pods are ready/'), { expect: { exitCodes: [0, 2], outputPattern: 'pods are ready' } });
    assert.deepEqual(parseExpectation('output=/a\\/b/ exit=3'), { expect: { exitCodes: [3], outputPattern: 'a\\/b' } });
    assert.deepEqual(parseExpectation('exit=1'), { expect: { exitCodes: [1] } });
    assert.deepEqual(parseExpectation('output=/up/'), { expect: { exitCodes: [0], outputPattern: 'up' } });
  });

  it('explains what it cannot read and falls back to exit code 0', () => {
    assert.deepEqual(parseExpectation(true), { expect: { exitCodes: [0] }, error: '`expect` needs a value, e.g. `expect=0` or `expect="/ready/"`' });
    assert.deepEqual(parseExpectation(-1), { expect: { exitCodes: [0] }, error: '`expect=-1` is not an exit code (0–255)' });
    assert.deepEqual(parseExpectation('0,256'), { expect: { exitCodes: [0] }, error: '`expect=0,256` has an exit code above 255' });
    assert.deepEqual(parseExpectation('/(/'), {
      expect: { exitCodes: [0] },
      error: '`expect` output pattern /(/ is not a valid regular expression (Invalid regular expression: /(/: Unterminated group)',
    });
    assert.deepEqual(parseExpectation('/x/g'), { expect: { exitCodes: [0] }, error: '`expect` regex flags may only be i, m, s and u, not `g`' });
    assert.deepEqual(parseExpectation('//'), { expect: { exitCodes: [0] }, error: '`expect` has an empty output pattern `//`' });
    assert.deepEqual(parseExpectation('ready'), {
      expect: { exitCodes: [0] },
      error: 'cannot read `expect=ready`; write exit codes (`0,1`), a regex (`/ready/`) or both (`exit=0 output=/ready/`)',
    });
  });
});

describe('judge', () => {
  it('passes on a listed exit code', () => {
    assert.equal(judge({ exitCodes: [0, 1] }, 1, ''), true);
    assert.equal(judge({ exitCodes: [0] }, 2, ''), false);
  });

  it('never passes a run killed by a signal', () => {
    assert.equal(judge({ exitCodes: [0] }, null, ''), false);
  });

  it('needs both the exit code and the output pattern', () => {
    const expect = { exitCodes: [0], outputPattern: '^Ready$' };
    assert.equal(judge(expect, 0, 'node-1\nReady\n'), true);
    assert.equal(judge(expect, 0, 'NotReady\n'), false);
    assert.equal(judge(expect, 1, 'Ready\n'), false);
  });

  it('applies the pattern flags', () => {
    assert.equal(judge({ exitCodes: [0], outputPattern: 'ready', outputFlags: 'i' }, 0, 'READY'), true);
    assert.equal(judge({ exitCodes: [0], outputPattern: 'ready' }, 0, 'READY'), false);
  });

  it('fails rather than throws on a pattern that does not compile', () => {
    assert.equal(judge({ exitCodes: [0], outputPattern: '(' }, 0, '('), false);
  });
});
