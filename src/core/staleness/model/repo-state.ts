/** What kind of folder the workspace root is. */
export type RepoState =
  | {
      kind: 'git';
      /** The commit HEAD points at; undefined before the first commit. */
      head: string | undefined;
      /** A shallow clone: history is cut off, so no verdict can be trusted. */
      shallow: boolean;
    }
  | {
      kind: 'none';
      /** Why there is no usable repository, for the `staleness.unknown` reason. */
      reason: string;
    };
