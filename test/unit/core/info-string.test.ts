import assert from 'node:assert/strict';
import { parseInfoAttributes } from '../../../src/core/info-string';

describe('parseInfoAttributes', () => {
  it('returns no attributes for an empty, missing or `{}` meta', () => {
    assert.deepEqual([undefined, null, '', '   ', '{}'].map(parseInfoAttributes), [
      { attributes: {} },
      { attributes: {} },
      { attributes: {} },
      { attributes: {} },
      { attributes: {} },
    ]);
  });

  it('reads our `{key=value}` form with numbers, booleans and bare flags', () => {
    assert.deepEqual(parseInfoAttributes('{name=check-db cwd=deploy timeout=30 confirm retries=-1 ratio=0.5 dry=false}'), {
      attributes: { name: 'check-db', cwd: 'deploy', timeout: 30, confirm: true, retries: -1, ratio: 0.5, dry: false },
    });
  });

  it('reads double- and single-quoted values with spaces, and escaped quotes', () => {
    assert.deepEqual(parseInfoAttributes(`{name="check the db" title='Primary "A"' note="say \\"hi\\""}`), {
      attributes: { name: 'check the db', title: 'Primary "A"', note: 'say "hi"' },
    });
  });

  it('keeps a quoted number as a string', () => {
    assert.deepEqual(parseInfoAttributes('{timeout="30"}'), { attributes: { timeout: '30' } });
  });

  it('accepts attributes without braces', () => {
    assert.deepEqual(parseInfoAttributes('name=x confirm'), { attributes: { name: 'x', confirm: true } });
  });

  it('accepts commas between attributes without keeping them in the values', () => {
    assert.deepEqual(parseInfoAttributes('{name=rollback, cwd=deploy, confirm}'), {
      attributes: { name: 'rollback', cwd: 'deploy', confirm: true },
    });
  });

  it('keeps a comma inside a value that has no space after it', () => {
    assert.deepEqual(parseInfoAttributes('{hosts=db1,db2 confirm}'), { attributes: { hosts: 'db1,db2', confirm: true } });
  });

  it('reads Runme JSON attributes, coercing "false"/"true"/numbers written as strings', () => {
    assert.deepEqual(parseInfoAttributes('{"name":"check-db","interactive":"false","background":true,"timeout":"30"}'), {
      attributes: { name: 'check-db', interactive: false, background: true, timeout: 30 },
    });
  });

  it('drops nested JSON values it cannot represent', () => {
    assert.deepEqual(parseInfoAttributes('{"name":"x","env":{"A":"1"},"list":[1]}'), { attributes: { name: 'x' } });
  });

  it('reports an unclosed `{`', () => {
    assert.deepEqual(parseInfoAttributes('{name=x timeout=3'), { attributes: {}, error: 'the `{` of the attributes is not closed' });
  });

  it('reports JSON that does not parse', () => {
    const result = parseInfoAttributes('{"name": broken}');
    assert.deepEqual(result.attributes, {});
    assert.match(result.error!, /^the JSON attributes do not parse \(/);
  });

  it('reports text it cannot read, quoting where', () => {
    assert.deepEqual(parseInfoAttributes('{=oops}'), { attributes: {}, error: 'cannot read the attributes near `=oops`' });
  });
});
