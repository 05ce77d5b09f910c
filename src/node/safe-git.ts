import { execFile } from 'node:child_process';
import * as os from 'node:os';

/**
 * `-c` settings (without the `-c`) given to every git process, so that nothing the repository
 * configures runs: its `.git/config` (from a tarball, a shared folder, an included file) can name
 * an fsmonitor program, hooks (`git status` and `git diff` write the index, which runs
 * `post-index-change`), and a bare repository committed inside the work tree could bring its own
 * config. Command-line settings win over every config file. Filter drivers are switched off per
 * name by `neutralisingEnv`.
 */
export const SAFE_GIT_CONFIG: readonly string[] = [
  'core.fsmonitor=false',
  'core.useBuiltinFSMonitor=false',
  `core.hooksPath=${os.devNull}`,
  'safe.bareRepository=explicit',
];

/**
 * simple-git refuses to pass some settings at all (it guards against untrusted arguments); these
 * are the ones `SAFE_GIT_CONFIG` and `neutralisingEnv` use, and only ever to turn things off.
 */
export const SIMPLE_GIT_UNSAFE = {
  allowUnsafeFsMonitor: true,
  allowUnsafeHooksPath: true,
  allowUnsafeFilter: true,
  allowUnsafeConfigEnvCount: true,
} as const;

/** `SAFE_GIT_CONFIG` as command-line arguments (`-c key=value` pairs), to put before the git command. */
export function safeGitArgs(): string[] {
  return SAFE_GIT_CONFIG.flatMap((setting) => ['-c', setting]);
}

/**
 * The filter drivers defined in a configuration listing (`git config --list --name-only -z`):
 * the `<name>` of every `filter.<name>.clean`, `.smudge` or `.process` key. Names may hold dots,
 * `=` or newlines (subsections are free text), so each key is split at its first and last dot.
 */
export function filterDriverNames(listing: string): string[] {
  const names = new Set<string>();
  for (const key of listing.split('\0')) {
    const match = /^filter\.([\s\S]+)\.(clean|smudge|process|required)$/i.exec(key);
    if (match) names.add(match[1]!);
  }
  return [...names];
}

/** The filter drivers of a parsed configuration listing (`git config --list -z`, see `parseConfigList`): as `filterDriverNames`. */
export function filterDriversOf(config: ReadonlyMap<string, readonly string[]>): string[] {
  return filterDriverNames([...config.keys()].join('\0'));
}

/**
 * Environment variables that switch off every named filter driver for one git process (git's
 * `GIT_CONFIG_COUNT` / `GIT_CONFIG_KEY_n` / `GIT_CONFIG_VALUE_n`, which take the key whole, so
 * no name can break out of it): an empty clean, smudge and process command makes git read and
 * write the bytes as they are, and `required=false` keeps it from failing for want of a filter.
 */
export function neutralisingEnv(drivers: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  let n = 0;
  for (const driver of drivers) {
    for (const [key, value] of [['clean', ''], ['smudge', ''], ['process', ''], ['required', 'false']] as const) {
      env[`GIT_CONFIG_KEY_${n}`] = `filter.${driver}.${key}`;
      env[`GIT_CONFIG_VALUE_${n}`] = value;
      n++;
    }
  }
  if (n > 0) env.GIT_CONFIG_COUNT = String(n);
  return env;
}

/**
 * The filter drivers configured for the repository at `cwd` (every scope, includes followed),
 * read with `git config` (which runs nothing). Empty when git fails, e.g. outside a repository.
 */
export function readFilterDrivers(cwd: string, env: Record<string, string>, signal?: AbortSignal): Promise<string[]> {
  return new Promise((resolve) => {
    execFile(
      'git',
      [...safeGitArgs(), 'config', '--list', '--name-only', '-z'],
      { cwd, env, windowsHide: true, maxBuffer: 16 * 1024 * 1024, ...(signal ? { signal } : {}) },
      (error, stdout) => resolve(error ? [] : filterDriverNames(stdout)),
    );
  });
}
