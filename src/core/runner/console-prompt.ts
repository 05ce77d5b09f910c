/** Languages whose blocks show a terminal session: prompts, commands and their output. */
export const CONSOLE_LANGUAGES: readonly string[] = ['console', 'shell-session', 'shellsession', 'terminal'];

/**
 * Prompts in any shell block: `$ `, `% `, `user@host:~$ `, `user@host:/srv# `, `[root@x ~]# `,
 * `[user@x dir]$ `, `sh-4.4$ ` / `bash-5.1# ` (a shell inside a container) at the very start of a line (or a bare `$`/`%` with nothing after it).
 * A bare `# ` is not among them: in `sh`/`bash`/`zsh`/`shell` it starts a comment.
 */
const SHELL_PROMPT = /^(?:[$%]|[\w.-]+@[\w.-]+:[^\s$#]*[$#]|\[[\w.-]+@[\w.-]+(?: [^\]]*)?\][$#]|(?:ba|z)?sh-\d+(?:\.\d+)*[$#])(?: |$)/;
/** In terminal-session languages a bare `# ` is a root prompt too. */
const CONSOLE_PROMPT = new RegExp(`${SHELL_PROMPT.source}|^#(?: |$)`);
/** A secondary prompt (`PS2`) on a line that continues a command. */
const CONTINUATION_PROMPT = /^>(?: |$)/;

/** The commands of a block and what was left out of them. */
export interface BlockCommands {
  /** The shell script to run: the command lines, prompts removed. */
  script: string;
  /** True when the block is written as a terminal session (its commands follow prompts). */
  prompted: boolean;
  /** Non-blank lines without a prompt that were taken for sample output and are not run. */
  outputLines: number;
}

/**
 * The commands of a fenced block of language `lang` (case-insensitive).
 *
 * A block is a terminal session when some line starts with a prompt (`$ `, `% `, `user@host:~$ `,
 * `[root@x ~]# `…; in `console`, `shell-session`, `shellsession` and `terminal` blocks a bare `# `
 * too). Then only the commands are kept: the text after each prompt, plus the lines that continue
 * it (after a line ending in `\`, with or without a `> ` prompt, and `> ` lines right after a
 * command, as a shell shows for here-documents and open quotes). Every other non-blank line is
 * sample output and is counted in `outputLines`. A bare `# ` line in an `sh`/`bash`/`zsh`/`shell`
 * block is a comment, never a root prompt: it is neither run nor counted as output.
 * A block without any prompt is its own script, as written.
 */
export function commandsFromBlock(lang: string, value: string): BlockCommands {
  const prompt = CONSOLE_LANGUAGES.includes(lang.toLowerCase()) ? CONSOLE_PROMPT : SHELL_PROMPT;
  const lines = value.split('\n');
  if (!lines.some((line) => prompt.test(line))) return { script: value, prompted: false, outputLines: 0 };
  const script: string[] = [];
  let outputLines = 0;
  let continues = false;
  let afterCommand = false;
  for (const line of lines) {
    if (continues) {
      const text = line.replace(CONTINUATION_PROMPT, '');
      script.push(text);
      continues = endsWithContinuation(text);
      continue;
    }
    const match = prompt.exec(line);
    if (match) {
      const text = line.slice(match[0].length);
      script.push(text);
      continues = endsWithContinuation(text);
      afterCommand = true;
      continue;
    }
    if (afterCommand && CONTINUATION_PROMPT.test(line)) {
      const text = line.replace(CONTINUATION_PROMPT, '');
      script.push(text);
      continues = endsWithContinuation(text);
      continue;
    }
    afterCommand = false;
    if (line.trim() !== '' && !/^\s*#/.test(line)) outputLines++;
  }
  return { script: script.join('\n'), prompted: true, outputLines };
}

/** The script to run for a fenced block: `commandsFromBlock(lang, value).script`. */
export function scriptFromBlock(lang: string, value: string): string {
  return commandsFromBlock(lang, value).script;
}

/** True when the line ends in an unescaped backslash, which joins it with the next. */
function endsWithContinuation(line: string): boolean {
  const trailing = /\\+$/.exec(line)?.[0].length ?? 0;
  return trailing % 2 === 1;
}
