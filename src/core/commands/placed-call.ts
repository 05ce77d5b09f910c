import type { RunnableBlock } from '../runner/types';
import type { CommandCall } from './call-types';

/** One call of a command of a runnable block, with where it runs. */
export interface PlacedCall {
  call: Exclude<CommandCall, { kind: 'cd' } | { kind: 'leaves' } | { kind: 'clone' }>;
  /**
   * The folders (root-relative) the command may run in: the block's `cwd` when it has one, else
   * the doc's folder (where the runner starts), the folders above it (a sub-project's root, where
   * its readers start) and the root; changed by `cd` lines before it.
   */
  bases: string[];
  /** True when `bases` is where the author said (a `cwd` attribute, a `cd` into a folder of the repository), not a guess. */
  stated: boolean;
  /** 1-based doc line the command starts on, and that line's text. */
  line: number;
  text: string;
  block: RunnableBlock;
}
