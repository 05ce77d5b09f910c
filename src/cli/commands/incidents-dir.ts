import { DEFAULT_INCIDENTS_FOLDER } from '../../core/incident/incident-log';
import * as path from 'node:path';
import { resolveInside } from '../../node/workspace-boundary';
import { UsageError, type CliArgs } from '../args';

/** The incidents folder when `--incidents-dir` is not given, relative to the root. */
export const DEFAULT_INCIDENTS_DIR = DEFAULT_INCIDENTS_FOLDER;

/**
 * The absolute incidents folder of `--incidents-dir` (default `incidents`, relative to the root).
 * It must resolve inside the root, so a committed `incidents` link cannot make notes land in (or
 * `incident list` show) a folder elsewhere while every printed path says `incidents/…`; a folder
 * outside needs `--incidents-outside-root`. Throws a `UsageError` otherwise.
 */
export async function incidentsFolder(root: string, args: CliArgs): Promise<{ dirArg: string; absolute: string }> {
  const dirArg = args.incidentsDir ?? DEFAULT_INCIDENTS_DIR;
  const absolute = path.resolve(root, dirArg);
  if (args.incidentsOutsideRoot) return { dirArg, absolute };
  const resolved = await resolveInside(root, absolute);
  if (resolved.kind === 'refused') throw new UsageError(`the incidents folder ${dirArg} ${resolved.reason}. Pass --incidents-outside-root to use a folder outside ${root}`);
  return { dirArg, absolute };
}
