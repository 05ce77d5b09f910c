/** How the CLI talks to its terminal; injected so tests can drive it. */
export interface CliIo {
  /** Writes a line to stdout. */
  out: (text: string) => void;
  /** Writes a line to stderr. */
  err: (text: string) => void;
  /** Writes to stdout without a newline (streamed command output). */
  write?: (text: string) => void;
  /** Asks a question on the terminal; absent when stdin is not a TTY (then nothing is asked). */
  prompt?: (question: string) => Promise<string>;
  cwd: string;
  env: Record<string, string | undefined>;
}
