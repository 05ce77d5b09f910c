import assert from 'node:assert/strict';
import { isLockFile, minorHunks, versionTokens } from '../../../../src/core/staleness/diffs/minor-change';
import { diffIgnoringWhitespace } from '../../../../src/core/staleness/diffs/text-diff';
import { HistoryIndex } from '../../../../src/core/staleness/history/history-index';

const kinds = (before: string, after: string) => minorHunks(before, after, diffIgnoringWhitespace(before, after).hunks);

describe('minor changes: version numbers, comments, lines moved', () => {
  it('calls a line whose only difference is a version number a version change, with the old versions', () => {
    assert.deepEqual(kinds('FROM golang:1.21-alpine\nRUN make\n', 'FROM golang:1.22-alpine\nRUN make\n'), { kinds: ['versions'], oldVersions: ['1.21'] });
    assert.deepEqual(kinds('module x\n\ngo 1.25.0\n\ntoolchain go1.25.3\n', 'module x\n\ngo 1.26\n\ntoolchain go1.26.6\n'), { kinds: ['versions', 'versions'], oldVersions: ['1.25.0', '1.25.3'] });
    assert.deepEqual(kinds('  - uses: actions/checkout@v3\n', '  - uses: actions/checkout@v4\n'), { kinds: ['versions'], oldVersions: ['v3'] });
    assert.deepEqual(kinds('"image": "mcr.microsoft.com/devcontainers/go:1.25-bookworm",\n', '"image": "mcr.microsoft.com/devcontainers/go:dev-1.26-bookworm",\n'), { kinds: ['versions'], oldVersions: ['1.25'] });
    assert.deepEqual(kinds('url: http://localhost:8080\n', 'url: http://localhost:9090\n'), { kinds: [undefined], oldVersions: [] });
  });

  it('does not call a changed setting a version change (pool size 10 to 20, a timeout, a new flag)', () => {
    assert.deepEqual(kinds('pool:\n  size: 10\n', 'pool:\n  size: 20\n'), { kinds: [undefined], oldVersions: [] });
    assert.deepEqual(kinds('timeout: 30s\n', 'timeout: 45s\n'), { kinds: [undefined], oldVersions: [] });
    assert.deepEqual(kinds('RUN go build\n', 'RUN go build -tags netgo\n'), { kinds: [undefined], oldVersions: [] });
    assert.deepEqual(kinds('image: app:1.2\n', 'image: other:1.3\n'), { kinds: [undefined], oldVersions: [] });
  });

  it('calls hunks that only touch comment lines comment changes', () => {
    assert.deepEqual(kinds('# build it\nmake build\n', '# build it (see docs)\nmake build\n'), { kinds: ['comments'], oldVersions: [] });
    assert.deepEqual(kinds('x := 1\n', '// x is one\nx := 1\n'), { kinds: ['comments'], oldVersions: [] });
    assert.deepEqual(kinds('x := 1\n', 'x := 2 // two\n'), { kinds: [undefined], oldVersions: [] });
    // Lines inside a block comment opened by a `/*` line, up to the line holding `*/` (a Go license header).
    assert.deepEqual(kinds('/*\nCopyright 2023.\n*/\npackage main\n', '/*\nCopyright The Authors.\n*/\npackage main\n'), { kinds: ['comments'], oldVersions: [] });
    assert.deepEqual(kinds('/* one */\nx := 1\n', '/* one */\nx := 2\n'), { kinds: [undefined], oldVersions: [] });
  });

  it('calls a diff whose removed lines all come back elsewhere lines moved (imports reordered)', () => {
    assert.deepEqual(kinds('import (\n  "b"\n  "a"\n)\n', 'import (\n  "a"\n  "b"\n)\n'), { kinds: ['moved', 'moved'], oldVersions: [] });
    assert.deepEqual(kinds('a\nb\nc\n', 'c\na\nb\nd\n').kinds.includes(undefined), true);
  });

  it('finds version tokens (dotted numbers, v-numbers), not plain numbers or durations', () => {
    assert.deepEqual(versionTokens('go1.26.6 golang:1.22-alpine @v4 v0.3.1-rc.1 size 10 1.5s 2.0'), ['1.26.6', '1.22', 'v4', 'v0.3.1-rc.1', '2.0']);
  });

  it('survives the history cache, with the data shape (a warm run says what a cold one said)', () => {
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    const index = HistoryIndex.fromLog(b, [
      { sha: b, parents: [a], time: 2, subject: 'bump', changes: [], fileCount: 1 },
      { sha: a, parents: [], time: 1, subject: 'add', changes: [], fileCount: 1 },
    ]);
    const hunks = [{ oldStart: 1, oldLines: 1, newStart: 1, newLines: 1 }];
    index.setDiff({ sha: a, path: 'Dockerfile' }, { sha: b, path: 'Dockerfile' }, { added: 1, deleted: 1, hunks, minor: ['versions'], oldVersions: ['1.21'] });
    index.setDiff({ sha: a, path: 'data.yml' }, { sha: b, path: 'data.yml' }, { added: 1, deleted: 0, hunks, shape: 'same' });
    const restored = HistoryIndex.fromSnapshot(JSON.parse(JSON.stringify(index.toSnapshot())))!;
    assert.deepEqual(restored.diff({ sha: a, path: 'Dockerfile' }, { sha: b, path: 'Dockerfile' }), { added: 1, deleted: 1, hunks, minor: ['versions'], oldVersions: ['1.21'] });
    assert.deepEqual(restored.diff({ sha: a, path: 'data.yml' }, { sha: b, path: 'data.yml' }), { added: 1, deleted: 0, hunks, shape: 'same' });
  });
  it('calls every hunk of a lock file a version change, with the versions its removed lines pinned and for what', () => {
    const before = 'github.com/a/b v1.2.0 h1:AAA=\ngithub.com/a/b v1.2.0/go.mod h1:BBB=\ngithub.com/gone/x v0.1.0 h1:CCC=\n';
    const after = 'github.com/a/b v1.3.0 h1:DDD=\ngithub.com/a/b v1.3.0/go.mod h1:EEE=\ngithub.com/new/y v0.2.0 h1:FFF=\ngithub.com/new/z v0.3.0 h1:GGG=\n';
    const hunks = diffIgnoringWhitespace(before, after).hunks;
    assert.deepEqual(minorHunks(before, after, hunks, 'go.sum'), { kinds: hunks.map(() => 'versions'), oldVersions: ['github.com/a/b v1.2.0', 'github.com/gone/x v0.1.0'] });
    assert.deepEqual(minorHunks(before, after, hunks, 'notes/go.sum.md').kinds, hunks.map(() => undefined));
    const gems = minorHunks('    rails (7.0.1)\n    rack (2.2.3)\n', '    rails (7.1.0)\n    rack (3.0.0)\n', diffIgnoringWhitespace('    rails (7.0.1)\n    rack (2.2.3)\n', '    rails (7.1.0)\n    rack (3.0.0)\n').hunks, 'Gemfile.lock');
    assert.deepEqual(gems.oldVersions, ['rails 7.0.1', 'rack 2.2.3']);
    const cargo = '[[package]]\nname = "serde"\nversion = "1.0.1"\n';
    assert.deepEqual(minorHunks(cargo, cargo.replace('1.0.1', '1.0.2'), diffIgnoringWhitespace(cargo, cargo.replace('1.0.1', '1.0.2')).hunks, 'Cargo.lock'), { kinds: ['versions'], oldVersions: [] });
  });

  it('knows the lock files of the usual package managers by name, not by a .lock ending', () => {
    const locks = ['go.sum', 'tools/go.work.sum', 'package-lock.json', 'web/yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'Cargo.lock', 'Gemfile.lock', 'poetry.lock', 'Pipfile.lock', 'uv.lock', 'composer.lock', 'mix.lock', 'flake.lock', 'pubspec.lock', 'ios/Podfile.lock', 'packages.lock.json', 'gradle.lockfile', 'infra/.terraform.lock.hcl'];
    assert.deepEqual(locks.filter((p) => !isLockFile(p)), []);
    assert.deepEqual(['deploy/state.lock', 'go.mod', 'package.json', 'yarn.lock.md', 'my-yarn.lock', 'Cargo.toml'].filter(isLockFile), []);
  });
  it('calls a changed image tag or digest a version change, not a URL port', () => {
    const before = 'E2E_BASE_IMAGE ?= "registry.k8s.io/ingress-nginx/e2e-test-runner:v20250112-a188f4eb@sha256:043038b1e30e5a0b64f3f919f096c5c9488ac3f617ac094b07fb9db8215f9441"\n';
    const after = 'E2E_BASE_IMAGE ?= "registry.k8s.io/ingress-nginx/e2e-test-runner:v2.2.9@sha256:6eda6a8d17ff65c5af647abb0714b882047b77d18161712d77daf5f610fd4020"\n';
    assert.deepEqual(kinds(before, after), { kinds: ['versions'], oldVersions: ['v20250112-a188f4eb', 'sha256:043038b1e30e5a0b64f3f919f096c5c9488ac3f617ac094b07fb9db8215f9441'] });
    assert.deepEqual(kinds('image: quay.io/org/app:build-4f2a91c\n', 'image: quay.io/org/app:build-9b7e203\n'), { kinds: ['versions'], oldVersions: ['build-4f2a91c'] });
    assert.deepEqual(kinds('image: quay.io/org/app:build-4f2a91c\n', 'image: quay.io/org/worker:build-4f2a91c\n'), { kinds: [undefined], oldVersions: [] });
    assert.deepEqual(kinds('url: http://localhost:8080/metrics\n', 'url: http://localhost:9090/metrics\n'), { kinds: [undefined], oldVersions: [] });
    assert.deepEqual(kinds('endpoint: https://api.example.com:8443/v1\n', 'endpoint: https://api.example.com:9443/v1\n'), { kinds: [undefined], oldVersions: [] });
  });
});
