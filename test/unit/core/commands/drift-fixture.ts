import { walkCalls } from '../../../../src/core/commands/block-walk';
import { commandDrift, type CommandDriftOptions } from '../../../../src/core/commands/command-drift';
import { ListedTree } from '../../../../src/core/commands/repo-tree';
import type { PlacedFinding } from '../../../../src/core/findings/finding';
import { parseDoc } from '../../../../src/core/parse-doc';
import { runnableBlocks } from '../../../../src/core/runner/runnable-blocks';

/** A repository in memory: path → text. */
export type Files = Record<string, string>;

/** What `driftOf` takes: `commandDrift`'s options, with the fence languages and repository names its walk of the blocks takes. */
export type DriftOptions = Omit<CommandDriftOptions, 'walk'> & { extraLanguages?: readonly string[]; repoNames?: readonly string[] };

/** The command drift findings of the docs among `files` (`.md` files) against the others. */
export async function driftOf(files: Files, options: DriftOptions = {}): Promise<PlacedFinding[]> {
  const tree = new ListedTree(Object.keys(files), async (path) => files[path]);
  const docs = Object.entries(files).filter(([path]) => path.endsWith('.md')).map(([path, text]) => parseDoc(path, text));
  const { extraLanguages = [], repoNames = [], ...rest } = options;
  return commandDrift(docs, tree, { walk: (doc, folders) => walkCalls(doc, runnableBlocks(doc, { extraLanguages }), folders, repoNames), ...rest });
}

/** `path:line rule` of each finding, for exact comparisons. */
export function brief(findings: PlacedFinding[]): string[] {
  return findings.map((f) => `${f.path}:${f.line} ${f.ruleId}`);
}

/** A doc holding one fenced block of `lang` with `body`, under a heading: the block's first command is on line 4. */
export function runbook(body: string, lang = 'sh', info = ''): string {
  return `# Failover\n\n\`\`\`${lang}${info ? ` ${info}` : ''}\n${body}\n\`\`\`\n`;
}
