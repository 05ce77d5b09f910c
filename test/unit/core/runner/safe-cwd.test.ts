import assert from 'node:assert/strict';
import { resolveBlockCwd } from '../../../../src/core/runner/safe-cwd';

describe('resolveBlockCwd', () => {
  it('joins the document folder with the cwd and normalises it', () => {
    assert.deepEqual(resolveBlockCwd('runbooks/db/pool.md', 'scripts'), { path: 'runbooks/db/scripts' });
    assert.deepEqual(resolveBlockCwd('runbooks/db/pool.md', '../../deploy/./k8s/'), { path: 'deploy/k8s' });
    assert.deepEqual(resolveBlockCwd('runbooks/db/pool.md', '.'), { path: 'runbooks/db' });
  });

  it('gives `.` for the workspace root, from a document at the root too', () => {
    assert.deepEqual(resolveBlockCwd('runbooks/db/pool.md', '../..'), { path: '.' });
    assert.deepEqual(resolveBlockCwd('README.md', '.'), { path: '.' });
    assert.deepEqual(resolveBlockCwd('README.md', ''), { path: '.' });
  });

  it('refuses a cwd that leaves the workspace', () => {
    assert.deepEqual(resolveBlockCwd('runbooks/db/pool.md', '../../..'), {
      error: "The block's `cwd=../../..` leaves the workspace; give a folder inside it, relative to the runbook.",
    });
    assert.deepEqual(resolveBlockCwd('README.md', 'a/../../b'), {
      error: "The block's `cwd=a/../../b` leaves the workspace; give a folder inside it, relative to the runbook.",
    });
  });

  it('reads backslashes as separators, so Windows-style climbing is caught too', () => {
    assert.deepEqual(resolveBlockCwd('runbooks/pool.md', '..\\..\\..'), {
      error: "The block's `cwd=..\\..\\..` leaves the workspace; give a folder inside it, relative to the runbook.",
    });
    assert.deepEqual(resolveBlockCwd('runbooks/pool.md', 'deploy\\k8s'), { path: 'runbooks/deploy/k8s' });
  });

  it('refuses absolute and home paths', () => {
    assert.deepEqual(resolveBlockCwd('runbooks/pool.md', '/etc'), {
      error: "The block's `cwd=/etc` is an absolute path; give a folder relative to the runbook instead.",
    });
    assert.deepEqual(resolveBlockCwd('runbooks/pool.md', 'C:\\Windows'), {
      error: "The block's `cwd=C:\\Windows` is an absolute path; give a folder relative to the runbook instead.",
    });
    assert.deepEqual(resolveBlockCwd('runbooks/pool.md', '~/ops'), {
      error: "The block's `cwd=~/ops` points to a home folder; give a folder relative to the runbook instead.",
    });
  });
});
