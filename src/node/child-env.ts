/**
 * An explicit environment for a child process: a copy of `source` (usually the process's own, read
 * by the caller) without the names whose value is undefined, as Node types unset variables. The
 * copy is the caller's to extend; `source` is never changed.
 */
export function childEnv(source: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) if (value !== undefined) env[name] = value;
  return env;
}
