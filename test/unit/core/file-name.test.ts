import assert from 'node:assert/strict';
import { diffMode, slugForFileName } from '../../../src/core/file-name';

describe('slugForFileName', () => {
  it('turns a title into lower-case words joined by dashes', () => {
    assert.equal(slugForFileName('Checkout DB connection pool exhausted!'), 'checkout-db-connection-pool-exhausted');
  });

  it('splits CamelCase alert names and drops accents', () => {
    assert.equal(slugForFileName('KubePodCrashLooping'), 'kube-pod-crash-looping');
    assert.equal(slugForFileName('HTTPServerDown in Zürich'), 'http-server-down-in-zurich');
  });

  it('never yields a path: slashes and dots become dashes', () => {
    assert.equal(slugForFileName('../../etc/passwd'), 'etc-passwd');
  });

  it('keeps at most 80 characters without a trailing dash', () => {
    const slug = slugForFileName(`${'word '.repeat(30)}end`);
    assert.equal(slug.length <= 80, true);
    assert.equal(slug.endsWith('-'), false);
  });

  it('uses the fallback when the title has no letters or digits', () => {
    assert.equal(slugForFileName('🔥 !!!'), 'runbook');
    assert.equal(slugForFileName('🔥 !!!', 'incident'), 'incident');
  });
});

describe('how a linked file is diffed against an older commit', () => {
  it('diffs SVG as XML text, other images not at all, everything else as text', () => {
    assert.deepEqual(['docs/arch.svg', 'docs/ARCH.SVG', 'media/tree.png', 'photo.jpeg', 'deploy/pool.yaml', 'Makefile'].map(diffMode), [
      'text-as-xml',
      'text-as-xml',
      'binary',
      'binary',
      'text',
      'text',
    ]);
  });
});
