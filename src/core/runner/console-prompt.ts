/** Languages whose blocks show a terminal session: prompts, commands and their output. */
export const CONSOLE_LANGUAGES: readonly string[] = ['console', 'shell-session', 'shellsession', 'terminal'];

/** A prompt: `$ ` or `# ` at the very start of a line (or a bare `$`/`#` with nothing after it). */
const PROMPT = /^[$#](?: |$)/;
/** A secondary prompt (`PS2`) on a line that continues a command. */
const CONTINUATION_PROMPT = /^>(?: |$)/;

/**
 * The script to run for a fenced block of language `lang` (lower-cased by the doc model).
 *
 * For terminal-session languages (`console`, `shell-session`, `shellsession`, `terminal`) only the
 * commands are kept: lines starting with a `$ ` or `# ` prompt, without the prompt, plus the lines
 * that continue them (after a line ending in `\`, with or without a `> ` prompt, and `> ` lines right
 * after a command, as a shell shows for here-documents and open quotes). Output lines are dropped.
 * When no line has a prompt, the whole block is the script.
 * Any other language: the block's value as is, comment lines included.
 */
export function scriptFromBlock(lang: string, value: string): string {
  if (!CONSOLE_LANGUAGES.includes(lang.toLowerCase())) return value;
  const lines = value.split('\n');
  if (!lines.some((line) => PROMPT.test(line))) return value;
  const script: string[] = [];
  let continues = false;
  let afterCommand = false;
  for (const line of lines) {
    if (continues) {
      const text = line.replace(CONTINUATION_PROMPT, '');
      script.push(text);
      continues = endsWithContinuation(text);
      continue;
    }
    const prompt = PROMPT.exec(line);
    if (prompt) {
      const text = line.slice(prompt[0].length);
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
  }
  return script.join('\n');
}

/** True when the line ends in an unescaped backslash, which joins it with the next. */
function endsWithContinuation(line: string): boolean {
  const trailing = /\\+$/.exec(line)?.[0].length ?? 0;
  return trailing % 2 === 1;
}
