import type { DocModel } from '../../doc-model';
import type { CallChange } from '../model/call-change';
import type { LinkedTarget } from '../model/evidence';
import { isPackageJson } from '../diffs/package-scripts';
import { usesGone } from '../diffs/call-changes';

// Issue 18: a doc calls a script or a make target, it does not read it. A change of how it is
// called (arguments, options, usage, the variables the doc names) concerns the doc; a change of
// its insides does not.

/** Stands for "this doc" / "this runbook" in a phrase until the message is written (see `callText`). */
const THIS_DOC = '\u0000this-doc\u0000';

/** A phrase of `callPhrases` as the message says it, for a doc called `noun`. */
export function callText(phrase: string, noun: string): string {
  return phrase.split(THIS_DOC).join(`this ${noun}`);
}

/** At most this many names are listed per phrase. */
const LISTED = 3;
const listed = (names: string[]): string => {
  const shown = names.slice(0, LISTED).map((n) => `\`${n}\``);
  return names.length > LISTED ? `${shown.join(', ')} and ${names.length - LISTED} more` : shown.join(', ');
};
const ORDINALS = ['1st', '2nd', '3rd'];
const ordinal = (n: number): string => ORDINALS[n - 1] ?? `${n}th`;
/** A line as shown: at most 80 characters. */
const line = (text: string): string => `\`${text.length > 80 ? `${text.slice(0, 79)}…` : text}\``;

/** The words a doc says that could name an option, subcommand or variable (`--force`, `SKIP_TESTS`, `rpm-deps`), spelt as written. */
const saidCache = new WeakMap<DocModel, ReadonlySet<string>>();
export function docNames(doc: DocModel): ReadonlySet<string> {
  let said = saidCache.get(doc);
  if (!said) {
    said = new Set([...doc.sections.map((s) => s.text).join('\n').matchAll(/-{0,2}[A-Za-z_][A-Za-z0-9_-]*/g)].map((m) => m[0]));
    saidCache.set(doc, said);
  }
  return said;
}

/**
 * How many arguments the doc's commands pass to the script `target` at most (the words after the
 * script on its line, up to a shell operator); undefined when a link, not a command, names it.
 */
export function argumentsPassed(doc: DocModel, target: LinkedTarget): number | undefined {
  if (target.via !== 'command') return undefined;
  let most = 0;
  const base = target.path.slice(target.path.lastIndexOf('/') + 1);
  for (const o of target.occurrences) {
    const block = doc.codeBlocks.find((b) => o.line > b.line && o.line < b.endLine);
    const lines = block?.value.split('\n') ?? [];
    let text = lines[o.line - block!.line - 1] ?? '';
    for (let i = o.line - block!.line; text.endsWith('\\') && i < lines.length; i++) text = `${text.slice(0, -1)} ${lines[i]}`;
    const words = text.trim().split(/\s+/);
    const at = words.findIndex((w) => w === o.raw || w.endsWith(`/${base}`) || w === base);
    if (at < 0) continue;
    const after = words.slice(at + 1);
    const end = after.findIndex((w) => /^(\||\|\||&&|;|&|>|>>|<|2>|2>&1|\))$/.test(w) || /^[0-9]?>/.test(w));
    most = Math.max(most, end < 0 ? after.length : end);
  }
  return most;
}

/** The tool that reads recipes from `path`: `just` for a justfile, `npm` for a package.json's scripts, else `make`. */
export function recipeTool(path: string): 'make' | 'just' | 'npm' {
  return /(?:^|\/)\.?[Jj]ustfile$/.test(path) ? 'just' : isPackageJson(path) ? 'npm' : 'make';
}

/**
 * Why the call changes of a target concern the doc, as phrases for the message; empty when they do
 * not (the change is internal). `said`: the doc's names (see `docNames`); `passed`: how many
 * arguments the doc passes (undefined: it only links the script, so every argument counts);
 * `tool`: the changes are of make targets (or just recipes, or package.json scripts).
 */
export function callPhrases(calls: readonly CallChange[], said: ReadonlySet<string>, passed: number | undefined, tool?: 'make' | 'just' | 'npm'): string[] {
  const out: string[] = [];
  const its = tool ? 'the recipe' : 'it';
  for (const c of calls) {
    const who = tool === 'npm' ? `the package script \`${c.name}\`` : tool ? `\`${[tool, c.name].filter(Boolean).join(' ')}\`` : 'the script';
    if (c.removed) {
      out.push(`${who} is gone`);
      continue;
    }
    for (const a of c.args) {
      const n = Number(a.param);
      // Uses compared without their defaults (see `usesGone`): the new one, the one that went.
      const now = usesGone(a.after, a.before)[0];
      const was = usesGone(a.before, a.after)[0];
      if (a.param === '#') out.push(`the check of how many arguments it takes is now ${now ? line(now) : 'gone'}`);
      else if (a.param === '@' && passed !== 0) out.push(now ? `its arguments are now passed on as ${line(now)}` : 'its arguments are no longer passed on where they were');
      else if (Number.isInteger(n) && n > 0 && (passed === undefined || n <= passed) && was !== undefined) {
        out.push(now === undefined ? `the ${ordinal(n)} argument is no longer used as ${line(was)}` : `the ${ordinal(n)} argument is now used as ${line(now)} (was ${line(was)})`);
      }
    }
    if (c.usage && tool) out.push(c.usage.after[0] ? `${who} now takes the parameters ${line(c.usage.after[0])}` : `${who} takes no parameters any more`);
    else if (c.usage) out.push(c.usage.after.length > 0 ? `its usage text is now ${line(c.usage.after.join(' '))}` : 'its usage text is gone');
    for (const [kind, set] of [['option', c.options], ['variable', c.variables]] as const) {
      const gone = set.lost.filter((n) => said.has(n));
      if (gone.length > 0) out.push(kind === 'option' ? `${who} no longer takes ${listed(gone)}, which ${THIS_DOC} names` : `${its} no longer reads ${listed(gone)}, which ${THIS_DOC} names`);
      // A new one concerns a doc that lists its siblings one by one: two or more, and at least half of them.
      const named = set.had.filter((n) => said.has(n)).length;
      const missing = set.gained.filter((n) => !said.has(n));
      if (missing.length > 0 && named >= 2 && named * 2 >= set.had.length) {
        out.push(kind === 'option' ? `${who} now takes ${listed(missing)}, which ${THIS_DOC}'s list of its options lacks` : `${its} now reads ${listed(missing)}, which ${THIS_DOC}'s list of its variables lacks`);
      }
    }
  }
  return [...new Set(out)];
}
