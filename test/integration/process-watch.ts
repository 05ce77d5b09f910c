// Sees every git process started in the extension host (the extension's bundle calls
// child_process through the module object, so wrapping its functions catches every start).
import { createRequire } from 'node:module';

const started: string[][] = [];
let installed = false;

/** Starts recording; call before the suite's tests load. */
export function watchGitProcesses(): void {
  if (installed) return;
  installed = true;
  // The module object itself (an `import * as` namespace is a read-only copy).
  const cp = createRequire(__filename)('node:child_process') as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ['spawn', 'execFile', 'spawnSync', 'execFileSync']) {
    const original = cp[name]!;
    cp[name] = function (this: unknown, file: unknown, args: unknown, ...rest: unknown[]) {
      if (typeof file === 'string' && /(^|[/\\])git(\.exe)?$/.test(file)) started.push(Array.isArray(args) ? args.map(String) : []);
      return original.call(this, file, args, ...rest);
    };
  }
}

/** The arguments of every git process started since `watchGitProcesses`. */
export function gitProcesses(): string[][] {
  return started.map((args) => [...args]);
}
