import type { TextDiffer } from '../ports';

/**
 * A re-check after new commits waits on their diffs most (a hot file linked by several docs is
 * diffed against each doc's reference version). On the one main thread, starting a process
 * blocks it for milliseconds (the fork of a large process), and so does reading the index file
 * for the docs' texts: done first, they keep the file texts git has already sent from reaching
 * the differ. `DiffsFirst` holds such work back until the early diffs are on their way to the
 * differ (or none will be); the status and the texts are needed only by the verdicts, at the end.
 */
export class DiffsFirst {
  private open: () => void = () => undefined;
  /** Resolves once the early diffs are handed to the differ, or the early work settled without any. */
  readonly handed = new Promise<void>((resolve) => (this.open = resolve));

  /**
   * `differ`, opening the gate as soon as a batch is on its way to it. Without a differ the diffs
   * run on this thread, where holding work back until they are done would only delay it: the gate
   * opens now.
   */
  differ(differ: TextDiffer | undefined): TextDiffer | undefined {
    if (!differ) {
      this.open();
      return undefined;
    }
    return {
      diff: (jobs, signal) => {
        const diffs = differ.diff(jobs, signal);
        this.open();
        return diffs;
      },
    };
  }

  /** `value`, once the gate is open. */
  after<T>(value: Promise<T>): Promise<T> {
    return value.then((v) => this.handed.then(() => v));
  }

  /** `early` (the early work), opening the gate when it settles, however it ends. */
  until<T>(early: Promise<T>): Promise<T> {
    early.then(this.open, this.open);
    return early;
  }
}
