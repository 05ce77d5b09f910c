import { posix } from 'node:path';

/**
 * Resolves a block's `cwd` attribute against the folder of its document. Both are posix and
 * workspace-relative; the result is workspace-relative too (`.` for the root).
 * Refuses, with a message for people, an absolute path (`/srv`, `C:/x`, `~/x`) and any path that
 * leaves the workspace (`../../..` above the root). Backslashes count as separators, so
 * `..\..` is caught on every platform.
 */
export function resolveBlockCwd(docPath: string, cwd: string): { path: string } | { error: string } {
  const written = cwd.trim() === '' ? '.' : cwd;
  if (written.includes('\0')) return { error: 'The block\'s `cwd` contains a NUL character.' };
  const slashed = written.replace(/\\/g, '/');
  if (posix.isAbsolute(slashed) || /^[A-Za-z]:/.test(slashed)) {
    return { error: `The block's \`cwd=${cwd}\` is an absolute path; give a folder relative to the runbook instead.` };
  }
  if (slashed === '~' || slashed.startsWith('~/')) {
    return { error: `The block's \`cwd=${cwd}\` points to a home folder; give a folder relative to the runbook instead.` };
  }
  const joined = posix.normalize(posix.join(posix.dirname(docPath.replace(/\\/g, '/')), slashed));
  const path = joined.replace(/\/+$/, '') || '.';
  if (path === '..' || path.startsWith('../')) {
    return { error: `The block's \`cwd=${cwd}\` leaves the workspace; give a folder inside it, relative to the runbook.` };
  }
  return { path };
}
