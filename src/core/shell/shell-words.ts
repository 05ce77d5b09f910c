/** The words `shellCommands` puts in place of what it cannot know before a run. A leaf: the command rules compare words with these. */

/** Stands for the output of a `$(…)`, backtick or `<(…)` substitution in the words of a command. */
export const SUBSTITUTION_WORD = 'RUNBOOKS_SUBSTITUTION';
/** Stands for a `$((…))` / `((…))` arithmetic expression. */
export const ARITHMETIC_WORD = 'RUNBOOKS_ARITHMETIC';
