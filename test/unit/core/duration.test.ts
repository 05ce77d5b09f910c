import assert from 'node:assert/strict';
import { parseDuration } from '../../../src/core/duration';

describe('parseDuration', () => {
  const cases: Array<[string | number, number]> = [
    ['90', 90],
    ['2.5', 2.5],
    [' 2S ', 2],
    ['90s', 90],
    ['5m', 300],
    ['1h', 3600],
    ['1h30m', 5400],
    ['1m30s', 90],
    ['1500ms', 1.5],
    ['2s500ms', 2.5],
    [45, 45],
    ['24h', 86400],
  ];
  for (const [text, seconds] of cases) {
    it(`reads ${JSON.stringify(text)} as ${seconds} s`, () => {
      assert.deepEqual(parseDuration(text), { seconds });
    });
  }

  const FORMS = 'use `90` (seconds), `2s`, `1500ms`, `5m`, `1h30m`';
  const invalid: Array<[string | number, string]> = [
    ['soon', '`soon` is not a duration; ' + FORMS],
    ['2x', '`2x` is not a duration; ' + FORMS],
    ['', '`` is not a duration; ' + FORMS],
    ['-5s', '`-5s` is not a duration; ' + FORMS],
    ['5m1h', '`5m1h` is not a duration; ' + FORMS],
    ['1m1m', '`1m1m` is not a duration; ' + FORMS],
    ['1 h', '`1 h` is not a duration; ' + FORMS],
    ['0', '`0` is not above zero; ' + FORMS],
    ['0s', '`0s` is not above zero; ' + FORMS],
    [0, '`0` is not above zero; ' + FORMS],
    [-3, '`-3` is not above zero; ' + FORMS],
    [Number.POSITIVE_INFINITY, '`Infinity` is not a duration; ' + FORMS],
    ['25h', '`25h` is longer than 24h'],
    [1e308, '`1e+308` is longer than 24h'],
  ];
  for (const [text, error] of invalid) {
    it(`refuses ${JSON.stringify(text)}`, () => {
      assert.deepEqual(parseDuration(text), { error });
    });
  }
});
