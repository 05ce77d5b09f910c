import { parseDoc } from '../../../../src/core/parse-doc';
import { day, FakeFiles, type FakeGit } from './fake-git';

/** Two runbooks, each linking one config file, committed together: the re-check tests' starting point. */
export const DB_TEXT = '# Db\n\nThe [pool](../deploy/pool.yaml) sets `size`.\n';
export const WEB_TEXT = '# Web\n\nThe [proxy](../deploy/proxy.yaml) sets `port`.\n';
export const DB = parseDoc('runbooks/db.md', DB_TEXT);
export const WEB = parseDoc('runbooks/web.md', WEB_TEXT);

/** Commits both runbooks and their config files to `git` and returns the working tree's files. */
export function addTwoRunbooks(git: FakeGit): FakeFiles {
  git.add({
    time: day('2025-01-01'),
    subject: 'add',
    changes: ['runbooks/db.md', 'runbooks/web.md', 'deploy/pool.yaml', 'deploy/proxy.yaml'].map((path) => ({ status: 'A' as const, path })),
    files: { 'runbooks/db.md': DB_TEXT, 'runbooks/web.md': WEB_TEXT, 'deploy/pool.yaml': 'size: 10\nmax: 20\n', 'deploy/proxy.yaml': 'port: 80\n' },
  });
  return new FakeFiles({ 'runbooks/db.md': DB_TEXT, 'runbooks/web.md': WEB_TEXT, 'deploy/pool.yaml': '', 'deploy/proxy.yaml': '' });
}
