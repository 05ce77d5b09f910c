import assert from 'node:assert/strict';
import { forgeLines, parseRemoteUrl, remoteLocations, resolveRepoUrl } from '../../../../src/core/repo/repo-urls';

describe('forge URLs into this repository', () => {
  it('reads remote URLs in every common form', () => {
    assert.deepEqual(parseRemoteUrl('git@github.com:Acme/Platform.git'), { host: 'github.com', path: 'acme/platform' });
    assert.deepEqual(parseRemoteUrl('https://user@www.github.com/acme/platform'), { host: 'github.com', path: 'acme/platform' });
    assert.deepEqual(parseRemoteUrl('ssh://git@bitbucket.acme.com:7999/ops/platform.git'), { host: 'bitbucket.acme.com', path: 'ops/platform' });
    assert.deepEqual(parseRemoteUrl('https://bitbucket.acme.com/scm/ops/platform.git'), { host: 'bitbucket.acme.com', path: 'ops/platform' });
    assert.deepEqual(parseRemoteUrl('git@gitlab.com:group/sub/repo.git'), { host: 'gitlab.com', path: 'group/sub/repo' });
    assert.equal(parseRemoteUrl('/srv/git/platform.git'), undefined);
    assert.equal(parseRemoteUrl('file:///srv/git/platform.git'), undefined);
  });

  const repos = remoteLocations([
    { name: 'origin', url: 'git@github.com:acme/platform.git' },
    { name: 'gitlab', url: 'https://gitlab.com/group/sub/platform.git' },
    { name: 'bb', url: 'git@bitbucket.org:acme/platform.git' },
    { name: 'server', url: 'ssh://git@bitbucket.acme.com:7999/ops/platform.git' },
  ]);
  const refs = { branches: ['main', 'release/1.2'], tags: ['v1.0'] };

  it('resolves GitHub blob and tree URLs, with line ranges and branch names that hold slashes', () => {
    assert.deepEqual(resolveRepoUrl('https://github.com/acme/platform/blob/main/deploy/db/pool.yaml#L10-L20', repos, refs), {
      path: 'deploy/db/pool.yaml',
      kind: 'file',
      ref: 'main',
      lines: { start: 10, end: 20 },
    });
    assert.deepEqual(resolveRepoUrl('https://github.com/acme/platform/tree/release/1.2/deploy', repos, refs), { path: 'deploy', kind: 'directory', ref: 'release/1.2' });
    assert.deepEqual(resolveRepoUrl('https://raw.githubusercontent.com/acme/platform/main/a%20b.sh', repos, refs), { path: 'a b.sh', kind: 'file', ref: 'main' });
  });

  it('marks links pinned to a commit or a tag', () => {
    assert.deepEqual(resolveRepoUrl('https://github.com/acme/platform/blob/0123456789abcdef0123456789abcdef01234567/x.sh#L3', repos, refs), {
      path: 'x.sh',
      kind: 'file',
      ref: '0123456789abcdef0123456789abcdef01234567',
      pinned: 'commit',
      lines: { start: 3, end: 3 },
    });
    assert.equal(resolveRepoUrl('https://github.com/acme/platform/blob/v1.0/x.sh', repos, refs)?.pinned, 'tag');
  });

  it('resolves GitLab, Bitbucket Cloud and Bitbucket Server URLs with their line fragments', () => {
    assert.deepEqual(resolveRepoUrl('https://gitlab.com/group/sub/platform/-/blob/main/x.sh#L4-8', repos, refs), { path: 'x.sh', kind: 'file', ref: 'main', lines: { start: 4, end: 8 } });
    assert.deepEqual(resolveRepoUrl('https://bitbucket.org/acme/platform/src/main/x.sh#lines-4:8', repos, refs), { path: 'x.sh', kind: 'file', ref: 'main', lines: { start: 4, end: 8 } });
    assert.deepEqual(resolveRepoUrl('https://bitbucket.acme.com/projects/OPS/repos/platform/browse/x.sh?at=refs%2Fheads%2Fmain#4-8', repos, refs), {
      path: 'x.sh',
      kind: 'file',
      ref: 'main',
      lines: { start: 4, end: 8 },
    });
  });

  it('leaves URLs of other repositories and sites alone', () => {
    assert.equal(resolveRepoUrl('https://github.com/acme/other/blob/main/x.sh', repos, refs), undefined);
    assert.equal(resolveRepoUrl('https://example.com/acme/platform/blob/main/x.sh', repos, refs), undefined);
    assert.equal(resolveRepoUrl('https://github.com/acme/platform', repos, refs), undefined);
    assert.equal(resolveRepoUrl('https://github.com/acme/platform/issues/3', repos, refs), undefined);
  });

  it('reads line fragments of every forge', () => {
    assert.deepEqual([forgeLines('L5'), forgeLines('L5-L9'), forgeLines('L5-9'), forgeLines('lines-5:9'), forgeLines('5-9'), forgeLines('intro')], [
      { start: 5, end: 5 },
      { start: 5, end: 9 },
      { start: 5, end: 9 },
      { start: 5, end: 9 },
      { start: 5, end: 9 },
      undefined,
    ]);
  });
});
