import type { CommitRef } from '../findings/finding';

/** Scripts, Makefiles and the like larger than this are not read (their targets and options count as unknown). */
export const MAX_COMMAND_FILE_BYTES = 1024 * 1024;

/** A tool that runs a named target from a file of its own (Makefile, package.json…). */
export type TargetTool = 'make' | 'just' | 'task' | 'npm' | 'yarn' | 'pnpm' | 'rake' | 'mage';

/** What one command calls that the repository must provide. */
export type CommandCall =
  /** Runs a file by its path (`./scripts/x.sh`, `bash ops/x.sh`, `python tools/x.py`, `go run ./cmd/x`). */
  | { kind: 'script'; path: string; args: string[]; go?: boolean }
  /**
   * Runs targets of a tool; `dir` from `-C`/`--prefix`/`--cwd`/`-d`, `file` from `-f`/`--justfile`/`-t`;
   * `workspace` the name or folder of an npm/yarn workspace whose package.json holds the script.
   */
  | { kind: 'target'; tool: TargetTool; targets: string[]; dir?: string; file?: string; workspace?: string; strict: boolean }
  /** `gh workflow run W -f key=value`: the input keys given. */
  | { kind: 'workflow'; workflow: string; inputs: string[] }
  /** Changes the directory the next commands run in; `dir` undefined when it cannot be known. */
  | { kind: 'cd'; dir: string | undefined }
  /** `git clone URL [DIR]`: the repository's name (the URL's last part) and the folder the clone makes; undefined when they cannot be known. */
  | { kind: 'clone'; repo: string | undefined; dir: string | undefined }
  /** Opens a session elsewhere (`ssh host`, `kubectl exec -it … -- bash`): the block's next lines run there. */
  | { kind: 'leaves' };

/** Words that cannot be a path of the repository as written: variables, placeholders, globs, substitutions. */
const UNKNOWABLE = /[$`*?[\]{}<>~]|RUNBOOKS_(?:SUBSTITUTION|ARITHMETIC)/;
/** True when `word` is a relative path that a reader can resolve as written. */
export function isLiteralPath(word: string): boolean {
  return word !== '' && !word.startsWith('/') && !word.startsWith('-') && !UNKNOWABLE.test(word) && !word.includes('\\') && !/^[a-z][a-z0-9+.-]*:/i.test(word);
}

/** True when `word` names a target as written: not a variable, placeholder (`<environment>`), glob or substitution the reader fills in. */
export function isLiteralName(word: string): boolean {
  return word !== '' && !UNKNOWABLE.test(word);
}

/** What history says about a path that does not exist now. */
export interface PathFate {
  /** Renamed (following later renames) to a path that exists now; `commit` undefined for a rename not committed yet or in the change set. */
  renamedTo?: { path: string; commit?: CommitRef };
  /** Deleted in this commit; or, with `deleted` and no commit, in the working tree or the change set. */
  deletedIn?: CommitRef;
  deleted?: boolean;
  /** The rename or deletion is part of the change set being checked (`runbooks check`), not of history. */
  inChange?: boolean;
}
