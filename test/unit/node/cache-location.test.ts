import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { cliIndexCacheFile } from '../../../src/node/cache-location';

const key = (root: string) => createHash('sha256').update(path.resolve(root)).digest('hex').slice(0, 16);

describe('cliIndexCacheFile', () => {
  it('puts the cache under $XDG_CACHE_HOME/living-runbooks/<hash of the root>/', () => {
    assert.equal(
      cliIndexCacheFile('/work/repo', { XDG_CACHE_HOME: '/tmp/xdg', HOME: '/home/me' }),
      path.join('/tmp/xdg', 'living-runbooks', key('/work/repo'), 'index.json'),
    );
  });

  it('falls back to ~/.cache when XDG_CACHE_HOME is unset or empty', () => {
    const expected = path.join('/home/me', '.cache', 'living-runbooks', key('/work/repo'), 'index.json');
    assert.equal(cliIndexCacheFile('/work/repo', { HOME: '/home/me' }), expected);
    assert.equal(cliIndexCacheFile('/work/repo', { XDG_CACHE_HOME: '', HOME: '/home/me' }), expected);
  });

  it('gives one file per root, the same for equivalent spellings of a root', () => {
    const env = { XDG_CACHE_HOME: '/tmp/xdg' };
    assert.notEqual(cliIndexCacheFile('/work/a', env), cliIndexCacheFile('/work/b', env));
    assert.equal(cliIndexCacheFile('/work/a/', env), cliIndexCacheFile('/work/x/../a', env));
  });
});
