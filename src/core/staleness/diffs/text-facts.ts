// What a diff's notes work out of one side's text alone (its lines, their hashes, its words, its
// comment lines, its make targets), each worked out once per text: a re-check diffs a file's new
// version at HEAD against the versions several docs last saw (8 of loki's Makefile), and those
// older versions again at the next re-check.

/** A text and what was worked out of it so far. */
export class TextFacts {
  private readonly memo = new Map<(facts: TextFacts) => unknown, unknown>();

  constructor(readonly text: string) {}

  /** What `derive` gives for this text: worked out on the first ask, then kept with it. `derive` must depend on the text alone and its result must not be changed by whoever asks. */
  of<T>(derive: (facts: TextFacts) => T): T {
    if (this.memo.has(derive)) return this.memo.get(derive) as T;
    const value = derive(this);
    this.memo.set(derive, value);
    return value;
  }
}

/** A text, or its facts when they are kept between diffs. */
export type Text = string | TextFacts;

/** The facts of `text` (new ones, kept by no one, for a plain string). */
export function factsOf(text: Text): TextFacts {
  return typeof text === 'string' ? new TextFacts(text) : text;
}

/** The text of `text`. */
export function textOf(text: Text): string {
  return typeof text === 'string' ? text : text.text;
}

/** The text split at every `\n` (a final newline leaves a last `''`); shared: never change it. */
export const rawLines = (facts: TextFacts): readonly string[] => facts.text.split('\n');
