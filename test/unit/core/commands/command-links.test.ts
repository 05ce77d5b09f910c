import assert from 'node:assert/strict';
import { commandLinks } from '../../../../src/core/commands/command-links';
import { ListedTree } from '../../../../src/core/commands/repo-tree';
import { parseDoc } from '../../../../src/core/parse-doc';
import { runbook } from './drift-fixture';

/** The command links of `doc` (a path among `files`) as `path:line raw`. */
function linksOf(files: Record<string, string>, doc: string, extraLanguages: string[] = []): string[] {
  const tree = new ListedTree(Object.keys(files), async (path) => files[path]);
  return commandLinks(parseDoc(doc, files[doc]!), tree, extraLanguages).map((l) => `${l.path}:${l.line} ${l.raw}`);
}

describe('command links (what a runbook\'s commands call, as staleness links)', () => {
  it('links the scripts a block runs, from its cwd, the doc folder or the root', () => {
    const files = {
      'scripts/failover.sh': '',
      'ops/local.sh': '',
      'ops/guide.md': runbook('./local.sh --now\nbash scripts/failover.sh\n./scripts/gone.sh'),
    };
    assert.deepEqual(linksOf(files, 'ops/guide.md'), ['ops/local.sh:4 ./local.sh', 'scripts/failover.sh:5 scripts/failover.sh']);
  });

  it('links the scripts of blocks in the languages runbooks.run.extraLanguages adds', () => {
    const files = { 'scripts/failover.sh': '', 'ops.md': runbook('./scripts/failover.sh', 'fish') };
    assert.deepEqual(linksOf(files, 'ops.md'), []);
    assert.deepEqual(linksOf(files, 'ops.md', ['fish']), ['scripts/failover.sh:4 ./scripts/failover.sh']);
  });

  it('does not link the root package.json for a workspace\'s script (yarn workspace X run T, yarn workspaces foreach, npm -w)', () => {
    const files = {
      'package.json': JSON.stringify({ workspaces: ['packages/*'], scripts: { lint: 'eslint .' } }),
      'packages/app/package.json': JSON.stringify({ name: 'app', scripts: { build: 'tsc' } }),
      'docs/release.md': runbook('yarn workspace app run build\nyarn workspace app build\nyarn workspaces foreach run build\nnpm run build -w app\nyarn lint'),
    };
    assert.deepEqual(linksOf(files, 'docs/release.md'), ['package.json:8 yarn lint']);
  });

  it('does not link package.json for the package manager\'s own commands (yarn add, yarn create, yarn install, pnpm add)', () => {
    const files = {
      'package.json': JSON.stringify({ scripts: { lint: 'eslint .' } }),
      'packages/jest-worker/package.json': JSON.stringify({ name: 'jest-worker' }),
      'packages/jest-worker/README.md': runbook('yarn add jest-worker\nyarn add --dev jest-worker\nyarn create jest\nyarn install\nyarn\npnpm add -D jest\npnpm install\nyarn upgrade\nyarn lint'),
    };
    assert.deepEqual(linksOf(files, 'packages/jest-worker/README.md'), ['packages/jest-worker/package.json:12 yarn lint']);
  });

  it('links the file a target is read from: make -C, npm --prefix, the justfile of the cwd', () => {
    const files = {
      'deploy/Makefile': 'up:\n\ttrue\n',
      'web/package.json': '{"scripts":{"build":"tsc"}}',
      justfile: 'restart:\n  echo\n',
      'runbooks/db/restart.md': runbook('make -C deploy up\nnpm run build --prefix web\njust restart', 'sh', '{cwd=../..}'),
    };
    assert.deepEqual(linksOf(files, 'runbooks/db/restart.md'), ['deploy/Makefile:4 make up', 'web/package.json:5 npm build', 'justfile:6 just restart']);
  });

  it('links the workflow file of gh workflow run W.yml, and nothing for a workflow named by its title or a missing file', () => {
    const files = {
      '.github/workflows/deploy.yml': 'on:\n  workflow_dispatch:\n    inputs:\n      env: {}\n',
      'release.md': runbook('gh workflow run deploy.yml -f env=prod\ngh workflow run "Deploy"\ngh workflow run gone.yml'),
    };
    assert.deepEqual(linksOf(files, 'release.md'), ['.github/workflows/deploy.yml:4 gh workflow run deploy.yml']);
  });

  it('leaves out mage targets and go run folders (no single file to link)', () => {
    const files = { 'magefile.go': '//go:build mage\npackage main\nfunc Deploy() error { return nil }\n', 'cmd/tool/main.go': 'package main\n', 'doc.md': runbook('mage deploy\ngo run ./cmd/tool') };
    assert.deepEqual(linksOf(files, 'doc.md'), []);
  });
});
