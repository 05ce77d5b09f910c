/**
 * How the way a script or make target is called changed between two versions of its file (issue
 * 18: a doc calls these, it does not read them). Every list is sorted.
 */
export interface CallChange {
  /** The make target (`''`: the default goal), or `''` for a script. */
  name: string;
  /** The make target is gone. */
  removed?: boolean;
  /** Positional parameters (`1`…, `@`, `#`) whose uses changed: the lines using them before and after. */
  args: Array<{ param: string; before: string[]; after: string[] }>;
  /** The usage text, when it changed. */
  usage?: { before: string[]; after: string[] };
  /** Options and subcommands: gone, new, and all of them before. */
  options: { lost: string[]; gained: string[]; had: string[] };
  /** Environment (or make) variables read: gone, new, and all of them before. */
  variables: { lost: string[]; gained: string[]; had: string[] };
}
