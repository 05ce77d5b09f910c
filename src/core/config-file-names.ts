// Apart from config-file.ts so that the staleness rules, which the config file configures, can know
// which paths are config files without importing the config file's parser (no folder cycle).

/** The names a repository config file may have at the workspace root, in the order they are looked for. */
export const CONFIG_FILE_NAMES: readonly string[] = Object.freeze(['.runbooks.yml', '.runbooks.yaml']);

/** True when a root-relative posix path is a repository config file (`.runbooks.yml` or `.runbooks.yaml` at the root). */
export function isConfigFilePath(path: string): boolean {
  return CONFIG_FILE_NAMES.includes(path.replace(/^\/+/, ''));
}
