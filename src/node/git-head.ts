import { promises as fs } from 'node:fs';
import type { CatFileReader } from './cat-file-reader';

/**
 * The commit HEAD names (undefined when it names none yet), asked of a `git cat-file --batch`
 * reader (the least busy of `readers`), which reads refs afresh for every name asked, and whether
 * the clone is shallow: its shallow file (`shallowFile`, from `git rev-parse --git-path shallow`)
 * exists, as git decides. No process of its own when a reader runs already (a re-check), and a
 * reader started here serves the run's later reads. Undefined when either cannot be told (no
 * shallow file path, a failed read, an odd answer): then git is asked otherwise.
 */
export async function readHead(readers: CatFileReader[], shallowFile: string | undefined, signal?: AbortSignal): Promise<{ head: string | undefined; shallow: boolean } | undefined> {
  if (shallowFile === undefined || readers.length === 0) return undefined;
  const reader = readers.reduce((a, b) => (b.queued < a.queued ? b : a));
  const [[record], shallow] = await Promise.all([
    reader.read(['HEAD^{commit}'], signal).catch(() => [undefined]),
    fs.lstat(shallowFile).then(
      () => true,
      (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? false : undefined),
    ),
  ]);
  if (!record || shallow === undefined) return undefined;
  if (!record.found) return { head: undefined, shallow };
  return record.type === 'commit' && /^[0-9a-f]{40,64}$/.test(record.oid) ? { head: record.oid, shallow } : undefined;
}
