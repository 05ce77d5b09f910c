import { ChildProcess } from 'node:child_process';

/**
 * Calls `onStart` with the git command of every child process started until the returned
 * function is called: its arguments past the `-c key=value` pairs, and its environment
 * (`KEY=value` entries). Every child process goes through ChildProcess#spawn (simple-git,
 * execFile, the cat-file readers alike).
 */
export function recordSpawns(onStart: (command: string[], env: readonly string[]) => void): () => void {
  const spawn = Object.getOwnPropertyDescriptor(ChildProcess.prototype, 'spawn')!;
  Object.defineProperty(ChildProcess.prototype, 'spawn', {
    ...spawn,
    value: function (this: ChildProcess, options: { args?: string[]; envPairs?: string[] }) {
      const args = options.args ?? [];
      const command: string[] = [];
      for (let i = 1; i < args.length; i++) {
        if (args[i] === '-c') i++;
        else command.push(args[i]!);
      }
      onStart(command, options.envPairs ?? []);
      return (spawn.value as (o: unknown) => unknown).call(this, options);
    },
  });
  return () => Object.defineProperty(ChildProcess.prototype, 'spawn', spawn);
}
