import type { CodeBlock, DocModel } from '../doc-model';

/**
 * The prose line right before `block` in its section (its lead: "Then run:", "In the receptor repo,
 * run:"), as the section's searchable text holds it (inline code marks removed); undefined when
 * there is none or the block cannot be found in it.
 */
export function blockLead(doc: DocModel, block: CodeBlock): string | undefined {
  const text = doc.sections.find((s) => s.heading === block.section)?.text;
  if (text === undefined) return undefined;
  const lines = text.split('\n');
  // The section's blocks in order, each found after the one before it.
  let cursor = 0;
  for (const b of doc.codeBlocks.filter((c) => c.section === block.section)) {
    const first = b.value.split('\n').find((l) => l.trim() !== '');
    if (first === undefined) continue;
    let at = cursor;
    while (at < lines.length && lines[at] !== first) at++;
    if (at >= lines.length) return undefined;
    if (b === block) {
      for (let i = at - 1; i >= cursor; i--) if (lines[i]!.trim() !== '') return lines[i];
      return undefined;
    }
    cursor = at + b.value.split('\n').length;
  }
  return undefined;
}

/**
 * Words after "check out"/"clone"/"in the" that name no other repository: pronouns and articles,
 * prepositions ("clone of your fork", "clone for best practices"), what is checked out
 * instead (a branch, the docs), and words for this project's own checkout or a package
 * repository ("a fresh repository", "your forked repo", "the default repository", "the stable repo").
 */
const NOT_REPOSITORIES = new Set(
  `it this that these those them here there more our your my its the a an branch tag commit code docs documentation source sources master main release
  version pr pull page link guide section files file repo repository project changes change below above following latest
  of for to into in from with and or as at on by using via over onto then
  fresh new local own fork forked forks default same upstream remote original stable official public private helm chart charts git github gitlab`.split(/\s+/),
);
const NAME = String.raw`([\w.-]+(?:/[\w.-]+)?)`;
/** "check out receptor", "clone the ansible/receptor repository", "clone of X". */
const CHECK_OUT = new RegExp(String.raw`\b(?:check(?:ing)?\s+out|clon(?:e|ing))\s+(the\s+|a\s+|your\s+)?${NAME}(\s+(?:repo|repository|project|checkout|source\s+tree)\b)?(\s+(?:branch|tag|commit|release|version)\b)?`, 'gi');
/** "from a checkout of kubernetes/kubernetes", "in your clone of X". */
const CHECKOUT_OF = new RegExp(String.raw`\b(?:in|from|inside|within)\s+(?:the\s+|your\s+|a\s+)?(?:checkout|clone|copy)\s+of\s+(?:the\s+)?${NAME}`, 'gi');
/** "in the receptor repo", "from your kubernetes checkout". */
const IN_REPO = new RegExp(String.raw`\b(?:in|from|inside|within)\s+(?:the\s+|your\s+)?${NAME}\s+(?:repo|repository|checkout|clone)\b`, 'gi');

/**
 * True when `lead` (see `blockLead`) sends the reader to a checkout of another repository than this
 * one (known by `repoNames`; any named one when none is given): "check out receptor and build it
 * like this", "In the receptor repo, run", "From a checkout of kubernetes/kubernetes". A word that
 * is no repository ("check out the docs below", "clone it", "check out this branch") says nothing.
 */
export function leadsElsewhere(lead: string, repoNames: readonly string[]): boolean {
  const own = new Set(repoNames.map((n) => n.toLowerCase()));
  const other = (written: string): boolean => {
    const name = written.replace(/\.git$/, '').split('/').pop()!.toLowerCase();
    return !NOT_REPOSITORIES.has(name) && !/^v?\d/.test(name) && !own.has(name);
  };
  for (const m of lead.matchAll(CHECK_OUT)) {
    const [, article, name, repoWord, refWord] = m;
    if (refWord !== undefined) continue;
    // With an article, only "the X repository" (or an owner/name) names a repository; a bare word
    // must end its clause ("check out receptor and build it", "clone receptor:"), not start a phrase
    // ("check out what the script does").
    if (repoWord === undefined && !name!.includes('/')) {
      if (article !== undefined) continue;
      if (!/^(?:\s+(?:and|then|first)\b|\s*[,.:;)!]|\s*$)/.test(lead.slice(m.index! + m[0].length))) continue;
    }
    if (other(name!)) return true;
  }
  for (const m of [...lead.matchAll(CHECKOUT_OF), ...lead.matchAll(IN_REPO)]) if (other(m[1]!)) return true;
  return false;
}
