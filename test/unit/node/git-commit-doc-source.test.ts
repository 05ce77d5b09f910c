import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { GitCommitFiles } from '../../../src/node/git-commit-files';
import { SimpleGitHistory } from '../../../src/node/git-history';
import { openCommitIndex } from '../../../src/node/open-index';
import { GitFixture } from './git-fixture';

describe('the docs of one commit (runbooks check --head)', () => {
  let repo: GitFixture;
  let history: SimpleGitHistory;

  beforeEach(async () => {
    repo = await GitFixture.create('commit-docs');
    history = new SimpleGitHistory(repo.dir, repo.env);
  });

  afterEach(async () => {
    history.dispose();
    await repo.remove();
  });

  it('indexes a committed symbolic link to a document once, under the document, and never as the link text', async () => {
    await repo.write({ 'AGENTS.md': '# Agents\n\nRun `make verify`.\n', 'docs/runbook.md': '# Runbook\n' });
    await fs.symlink('AGENTS.md', path.join(repo.dir, 'CLAUDE.md'));
    await fs.symlink('../AGENTS.md', path.join(repo.dir, 'docs', 'agents.md'));
    const head = await repo.commit('docs', '2025-03-01');
    const files = new GitCommitFiles(repo.dir, head, history, repo.env);
    const index = openCommitIndex(files, history);
    await index.build();
    assert.deepEqual(index.all().map((d) => d.path).sort(), ['AGENTS.md', 'docs/runbook.md']);
    assert.ok((await files.list()).includes('CLAUDE.md'), 'the link is still a file of the commit (a script may be called through it)');
  });
});
