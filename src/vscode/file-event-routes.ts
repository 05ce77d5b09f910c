import { isConfigFilePath } from '../core/config-file';

/** What happened to a path. A rename arrives as a deletion of the old path and a creation of the new one. */
export type FileEventKind = 'created' | 'changed' | 'deleted' | 'saved';

/** Who does what after a file event. */
export type FileEventRoute =
  | 'index.docChanged'
  | 'index.pathDeleted'
  | 'incidents.changed'
  | 'alerts.rulesChanged'
  | 'severities.configChanged'
  | 'staleness.configChanged'
  | 'staleness.saved'
  | 'staleness.created'
  | 'staleness.deleted'
  | 'staleness.touched';

/** What the router knows about the path (workspace-relative, posix). */
export interface PathFacts {
  /** A file there would be a document by the index's include globs. */
  isDocPath: boolean;
  /** A markdown file under the incidents folder. */
  isIncidentFile: boolean;
}

/**
 * The one answer to "what happens when a file is saved, created, changed or deleted", in order:
 *
 * | event                                   | index              | staleness        | incidents | alerts  | rule severities |
 * |-----------------------------------------|--------------------|------------------|-----------|---------|-----------------|
 * | document created / changed / deleted    | re-read the doc    | created, deleted |           |         |                 |
 * | anything deleted (a folder, a renamed)  | drop docs under it | deleted          |           |         |                 |
 * | anything else created                   |                    | created          |           |         |                 |
 * | `.runbooks.yml` created/changed/deleted |                    | rules re-read    |           |         | re-read         |
 * | `*.yml`/`*.yaml` created/changed/deleted|                    | (as above)       |           | re-run  |                 |
 * | a file saved in the editor              | (watcher: changed) | saved            |           |         |                 |
 * | `*.md` under the incidents folder       | as any document    | as any path      | re-read   |         |                 |
 * | anything under `.git/`                  |                    |                  |           |         |                 |
 *
 * And staleness notes every event outside `.git/` (`staleness.touched`): its next re-check asks git
 * about those paths (see `WatchedPaths`). (`.git/HEAD`, branch refs and `.git/info/exclude` have
 * their own watcher: staleness re-reads the history.)
 */
export function routesFor(kind: FileEventKind, path: string, facts: PathFacts): FileEventRoute[] {
  if (path === '' || path.split('/').includes('.git')) return [];
  const routes: FileEventRoute[] = [];
  if (kind !== 'saved') {
    if (facts.isDocPath) routes.push('index.docChanged');
    if (kind === 'deleted') routes.push('index.pathDeleted');
    if (facts.isIncidentFile) routes.push('incidents.changed');
    if (/\.ya?ml$/.test(path)) routes.push('alerts.rulesChanged');
    if (isConfigFilePath(path)) routes.push('severities.configChanged');
  }
  if (kind === 'changed') {
    if (isConfigFilePath(path)) routes.push('staleness.configChanged');
  } else {
    routes.push(`staleness.${kind}`);
  }
  routes.push('staleness.touched');
  return routes;
}
