// What an editor's file watcher saw change, per workspace folder, between staleness runs: what a
// kept engine's re-check asks the status of (see `RunControl.watched`).
import type { WatchedChanges } from '../model/run-control';
import { MAX_WATCHED_PATHS } from './watched-status';

/** The longest a folder goes without a whole-tree status: a lost event is not missed for longer. */
export const WHOLE_TREE_EVERY_MS = 10 * 60 * 1000;

/** The editor's default `files.watcherExclude`: git's and Mercurial's object stores, never working-tree files. */
const DEFAULT_WATCHER_EXCLUDES = new Set(['**/.git/objects/**', '**/.git/subtree-cache/**', '**/.hg/store/**']);

/** Whether `files.watcherExclude` leaves working-tree files unwatched: any pattern in force beyond the defaults. */
export function watcherSkipsFiles(excludes: Readonly<Record<string, boolean>> | undefined): boolean {
  return Object.entries(excludes ?? {}).some(([pattern, on]) => on && !DEFAULT_WATCHER_EXCLUDES.has(pattern));
}

/**
 * What an event on `ref` (a path under `.git`: `HEAD`, `refs/…`, `packed-refs`) means, given the
 * branch HEAD names now (`branch`, undefined when detached or unreadable: `headRead`) and at the
 * last HEAD event (`last`, undefined when none was seen). `refresh`: the history may have moved
 * (HEAD, or the branch it names). `namesMayChange`: anything but the checked-out branch moving —
 * a ref made, moved or deleted, `packed-refs` rewritten, another branch checked out — may change
 * the ref names links resolve against (git's ref updates replace the file, which watchers report
 * as a creation, so a creation alone says nothing).
 */
export function refEventMeaning(ref: string, kind: 'created' | 'changed' | 'deleted', head: { read: boolean; branch: string | undefined }, last: { branch: string | undefined } | undefined): { refresh: boolean; namesMayChange: boolean } {
  if (ref === 'HEAD') return { refresh: true, namesMayChange: !head.read || last === undefined || last.branch !== head.branch };
  const own = head.read && head.branch === ref;
  return { refresh: !head.read || own, namesMayChange: !own || kind === 'deleted' };
}

/** One run's share: what it was told (undefined: read the whole tree), and how to say how it ended. */
export interface WatchedTake {
  watched: WatchedChanges | undefined;
  /** The run ended: `completed` when its report came back (else what it took is kept for the next run). */
  done(completed: boolean): void;
}

/**
 * Paths the watcher reported per folder since that folder's last run began. A run takes them at
 * its start (`take`) and gives them back unless it completed, so the next run is told everything
 * since the start of the last run whose memory the engine keeps (more is harmless: a path asked
 * about needlessly). A run is told nothing — it reads the whole tree — when the watcher may have
 * missed something: the user asked for the check, the folder's last whole-tree read is older than
 * `WHOLE_TREE_EVERY_MS` (or there was none), something marked it (`readWholeNext`: an exclude file
 * of the repository changed), or too many paths changed.
 */
export class WatchedPaths {
  private readonly seen = new Map<string, Set<string>>();
  private readonly lastWhole = new Map<string, number>();
  private readonly wholeNext = new Set<string>();
  private readonly refsMarked = new Set<string>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The watcher saw `path` (folder-relative) of `folder` created, changed or deleted. */
  touched(folder: string, path: string): void {
    let paths = this.seen.get(folder);
    if (!paths) this.seen.set(folder, (paths = new Set()));
    if (paths.size <= MAX_WATCHED_PATHS) paths.add(path);
  }

  /** The branch and tag names of `folder`'s repository may have changed: the next run reads them again. */
  refsChanged(folder: string): void {
    this.refsMarked.add(folder);
  }

  /** The next run of `folder` reads the whole tree. */
  readWholeNext(folder: string): void {
    this.wholeNext.add(folder);
  }

  /**
   * What a run of `folder` starting now is told; `explicit`: the user asked (the whole tree is read);
   * `refsWatched`: the watcher sees the repository's refs (the folder is its top), else the names are read every run.
   */
  take(folder: string, explicit: boolean, refsWatched = false): WatchedTake {
    const paths = this.seen.get(folder) ?? new Set<string>();
    this.seen.delete(folder);
    const wholeAsked = this.wholeNext.delete(folder);
    const refsAsked = this.refsMarked.delete(folder);
    const last = this.lastWhole.get(folder);
    const whole = explicit || wholeAsked || paths.size > MAX_WATCHED_PATHS || last === undefined || this.now() - last >= WHOLE_TREE_EVERY_MS;
    const started = this.now();
    return {
      watched: whole ? undefined : { paths: [...paths], refs: refsAsked || !refsWatched },
      done: (completed) => {
        if (completed) {
          if (whole) this.lastWhole.set(folder, started);
          return;
        }
        for (const path of paths) this.touched(folder, path);
        if (wholeAsked) this.wholeNext.add(folder);
        if (refsAsked) this.refsMarked.add(folder);
      },
    };
  }
}
