import assert from 'node:assert/strict';
import { MissingGitObjectError } from '../../../src/core/repo/missing-object';
import { gitFailure } from '../../../src/node/git-errors';

describe('gitFailure', () => {
  const oid = '3d9570c8e5138326baa6787e10f9457985f11725';

  it('names the missing object for each way git says an object is not there', () => {
    const messages = [
      `\u001ed5084…five\u0000\n:100644 100644 ${oid} 4eb9ad0 M\u0000conf2.yaml\u0000fatal: unable to read ${oid}`,
      `error: missing blob object '${oid}'`.replace("'", '').replace("'", ''),
      `fatal: bad object ${oid}`,
      `error: could not read object ${oid}`,
    ];
    assert.deepEqual(
      messages.map((m) => {
        const mapped = gitFailure(new Error(m));
        return mapped instanceof MissingGitObjectError ? mapped.oid : 'passed through';
      }),
      [oid, oid, oid, oid],
    );
  });

  it('passes every other failure through unchanged', () => {
    const other = new Error('fatal: ambiguous argument HEAD: unknown revision');
    assert.equal(gitFailure(other), other);
    assert.equal(gitFailure('fatal: unable to read tree (no id)'), 'fatal: unable to read tree (no id)');
  });
});
