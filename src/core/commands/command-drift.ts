import { posix } from 'node:path';
import type { DocModel } from '../doc-model';
import { RuleId, type PlacedFinding } from '../findings/finding';
import type { CommandCall } from './command-calls';
import type { PathFate } from './call-types';
import type { PlacedCall } from './placed-call';
import { nearestName } from './near-name';
import { parentOf, resolveIn, type RepoTree } from './repo-tree';
import { GitIgnores } from './git-ignores';
import { goOptions, pythonOptions, scriptLanguage, shellOptions, type ScriptOptions } from './script-flags';
import { defines } from './target-files';
import { readTargets, targetSource } from './target-lookup';
import { VendoredPaths } from './vendored';
import { isPastRecord } from '../past-records';
import { WORKFLOW_DIR, workflowDispatch } from './workflow-inputs';
import { workspaceFolder } from './workspace-packages';

/** Options of `commandDrift`. */
export interface CommandDriftOptions {
  /**
   * The calls of the runnable blocks of a doc, with the folders of `tree` each runs in: the drivers
   * (`workspaceDrift`, `changeSetDrift`) pass `walkCalls` over `runnableBlocks`.
   */
  walk: (doc: DocModel, tree: RepoTree) => Iterable<PlacedCall>;
  /** What history says about a missing path; undefined (or none given): nothing known. */
  fate?: (path: string) => PathFate | undefined;
  /** Stops the check between docs. */
  signal?: AbortSignal;
  /** Docs known to call this repository (their commands resolved at the merge base): they need no anchor here. */
  anchoredDocs?: ReadonlySet<string>;
  /** Told the path of each doc some command of which resolves in `tree` (a script found, a target defined, a workflow found). */
  onAnchored?: (docPath: string) => void;
}

/** Suffixes of files GNU make's built-in rules build a target of the same name from (`foo.c` → `foo`). */
const BUILT_IN_SOURCES = /^\.(?:c|cc|cpp|C|cxx|f|F|r|p|s|S|y|l|o|sh|mod|def|sym|w|web|tex|texi|texinfo|txinfo|ch)$/;

/**
 * Targets most Makefiles, justfiles and package.json files define: finding one from a guessed folder
 * proves nothing about which project a doc means (`make help` in a guide to another repository's Makefile).
 */
const COMMON_TARGETS = new Set(['all', 'build', 'check', 'clean', 'default', 'help', 'install', 'lint', 'test', 'generate', 'manifests', 'fmt', 'vet', 'run']);

/** Yarn and pnpm commands that are not scripts. */
const PACKAGE_MANAGER_COMMANDS = new Set([
  'add', 'audit', 'autoclean', 'bin', 'cache', 'check', 'config', 'create', 'dedupe', 'dlx', 'exec', 'explain', 'generate-lock-entry', 'global', 'help',
  'import', 'info', 'init', 'install', 'i', 'licenses', 'link', 'list', 'ls', 'login', 'logout', 'node', 'npm', 'outdated', 'owner', 'pack', 'patch', 'plugin',
  'policies', 'publish', 'rebuild', 'remove', 'rm', 'search', 'set', 'start', 'tag', 'team', 'test', 'unlink', 'unplug', 'up', 'update', 'upgrade',
  'upgrade-interactive', 'version', 'versions', 'why', 'workspace', 'workspaces', 'store', 'prune', 'fetch', 'setup', 'env', 'deploy', 'root',
]);

/**
 * Command drift: every command of every runnable block of `docs` checked against the repository
 * as `tree` holds it, except in vendored docs (see `VendoredPaths`) and records of the past (see `isPastRecord`). Findings, on the command's doc line:
 * - `command.missing-script` (error): an executed repository path does not exist, said only with
 *   evidence that it belongs to this repository: its folder exists (and the file is not ignored by
 *   git, as a build output is), or history shows it renamed or deleted;
 * - `command.missing-target` (error): the Makefile/justfile/Taskfile/package.json/Rakefile/mage
 *   files the tool would read do not define the target, said only when they can be read whole;
 * - `command.unknown-flag` (warning): a long option the script's own parsing never mentions, or a
 *   `gh workflow run -f` input the workflow does not declare.
 * Sorted by doc, line, rule.
 */
export async function commandDrift(docs: readonly DocModel[], tree: RepoTree, options: CommandDriftOptions): Promise<PlacedFinding[]> {
  const out: PlacedFinding[] = [];
  const ignored = new GitIgnores(tree);
  const vendored = new VendoredPaths(tree);
  for (const doc of docs) {
    options.signal?.throwIfAborted();
    // Another project's copy describes that project's checkout; a record of the past (minutes, a
    // changelog) says what was run then, and nobody runs it from there now.
    if (isPastRecord(doc.path) || (await vendored.has(doc.path))) continue;
    const seen = new Set<string>();
    const found: Found[] = [];
    const state: DocState = { anchors: new Set() };
    for (const placed of options.walk(doc, tree)) {
      for (const finding of await checkCall(placed, tree, ignored, options, state)) {
        const key = `${finding.ruleId}\0${finding.line}\0${finding.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        found.push(finding);
      }
    }
    if (state.anchors.size) options.onAnchored?.(doc.path);
    // Without history, a doc none of whose commands resolves here is about another checkout; so is
    // one that calls more missing things than present ones (a guide to another repository that
    // happens to share a target name with this one). A block's `cwd` attribute says it runs here.
    const unsure = found.filter((f) => f.needsAnchor && !f.attributed).length;
    const known = options.anchoredDocs?.has(doc.path) === true;
    const anchored = known || state.anchors.size > 0;
    const believed = known || (state.anchors.size > 0 && state.anchors.size >= unsure);
    for (const { needsAnchor, attributed, ...finding } of found) if (!needsAnchor || (attributed ? anchored : believed)) out.push({ ...finding, path: doc.path });
  }
  return out;
}

/**
 * A finding before it is placed; `needsAnchor` when only a doc that calls this repository elsewhere
 * makes it believable; `attributed` when its block has a `cwd` attribute.
 */
type Found = Omit<PlacedFinding, 'path'> & { needsAnchor?: boolean; attributed?: boolean };
/** The distinct calls of the doc that resolved in this repository (a script found, a target other than the common ones defined, a workflow found). */
interface DocState {
  anchors: Set<string>;
}

function checkCall(placed: PlacedCall, tree: RepoTree, ignored: GitIgnores, options: CommandDriftOptions, state: DocState): Promise<Found[]> {
  const attributed = placed.block.attributes.cwd !== undefined;
  return checkCallOf(placed, tree, ignored, options, state).then((found) => (attributed ? found.map((f) => ({ ...f, attributed })) : found));
}

function checkCallOf(placed: PlacedCall, tree: RepoTree, ignored: GitIgnores, options: CommandDriftOptions, state: DocState): Promise<Found[]> {
  const { call } = placed;
  if (call.kind === 'script') return checkScript(placed, call, tree, ignored, options, state);
  if (call.kind === 'target') return checkTarget(placed, call, tree, state);
  return checkWorkflow(placed, call, tree, state);
}

async function checkScript(placed: PlacedCall, call: Extract<CommandCall, { kind: 'script' }>, tree: RepoTree, ignored: GitIgnores, options: CommandDriftOptions, state: DocState): Promise<Found[]> {
  const candidates = placed.bases.map((b) => ({ base: b, path: resolveIn(b, call.path) })).filter((c): c is { base: string; path: string } => c.path !== undefined && c.path !== '');
  const existing = candidates.find((c) => tree.hasFile(c.path) || (call.go && tree.hasDir(c.path)));
  if (existing) {
    state.anchors.add(`script\0${existing.path}`);
    return checkFlags(placed, call, existing.path, tree);
  }
  if (candidates.some((c) => tree.hasDir(c.path))) return [];
  for (const c of candidates) {
    const fate = options.fate?.(c.path);
    if (fate?.renamedTo) {
      const to = fate.renamedTo;
      const written = rewrite(call.path, c.path, to.path);
      const when = to.commit ? ` in ${to.commit.sha.slice(0, 7)} "${to.commit.subject}"` : fate.inChange ? ' in this change' : ' (not committed yet)';
      return [{
        ruleId: RuleId.commandMissingScript,
        severity: 'error',
        line: placed.line,
        target: c.path,
        message: `\`${call.path}\` does not exist: \`${c.path}\` was renamed to \`${to.path}\`${when}. Change the command to \`${written}\`.`,
        fix: { description: `Change \`${call.path}\` to \`${written}\`.`, link: { path: to.path, ...(to.commit ? { commit: to.commit } : {}) }, replace: { text: call.path, with: written } },
        commits: to.commit ? [to.commit] : [],
      }];
    }
    if (fate?.deletedIn || fate?.deleted) {
      const when = fate.deletedIn ? ` (deleted in ${fate.deletedIn.sha.slice(0, 7)} "${fate.deletedIn.subject}")` : fate.inChange ? ' (deleted in this change)' : ' (deleted, not committed yet)';
      return [{ ruleId: RuleId.commandMissingScript, severity: 'error', line: placed.line, target: c.path, message: `\`${call.path}\` does not exist${when}. Fix or remove the command.`, commits: fate.deletedIn ? [fate.deletedIn] : [] }];
    }
  }
  // No history: only a path inside a folder of this repository is evidence that it belongs here.
  // A file right in a guessed folder (`./configure` from the doc's folder) may be meant for another checkout.
  const inFolder = candidates.find((c) => (placed.stated || parentOf(c.path) !== c.base) && tree.hasDir(parentOf(c.path)) && tree.filesIn(parentOf(c.path)).length > 0);
  if (!inFolder || (await ignored.ignores(inFolder.path)) || /(?:^|\/)(?:bin|build|dist|out|target|_output|node_modules|vendor|\.venv|venv)\//.test(inFolder.path)) return [];
  const name = posix.basename(inFolder.path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The block makes it itself: fetched, copied, unpacked, built (`go build -o x`, `gcc -o x`) or written (`> x`).
  if (new RegExp(`(?:^|[\\s;&|(])(?:curl|wget|cp|mv|chmod|cat|tee|touch|ln|scp|tar|unzip|install|git\\s+clone)\\b[^\\n]*${name}|(?:\\s-o\\s*|\\s--output[=\\s]|>>?\\s*)\\S*${name}\\b`).test(placed.block.script)) return [];
  const dir = parentOf(inFolder.path);
  const near = nearestName(posix.basename(inFolder.path), tree.filesIn(dir));
  const hint = near ? ` Did you mean \`${rewrite(call.path, inFolder.path, dir ? `${dir}/${near}` : near)}\`?` : '';
  return [{
    needsAnchor: true,
    ruleId: RuleId.commandMissingScript,
    severity: 'error',
    line: placed.line,
    target: inFolder.path,
    message: `\`${call.path}\` does not exist: there is no \`${inFolder.path}\` in the repository.${hint} Fix the command.`,
    ...(near ? { fix: { description: `Change \`${call.path}\` to \`${rewrite(call.path, inFolder.path, dir ? `${dir}/${near}` : near)}\`.`, replace: { text: call.path, with: rewrite(call.path, inFolder.path, dir ? `${dir}/${near}` : near) } } } : {}),
    commits: [],
  }];
}

/** `written` (which resolved to `from`) rewritten to point at `to`, keeping its `./` and relative form. */
function rewrite(written: string, from: string, to: string): string {
  const base = from.slice(0, from.length - posix.normalize(written).replace(/^\.\//, '').length).replace(/\/$/, '');
  const relative = posix.relative(base || '.', to) || '.';
  return written.startsWith('./') && !relative.startsWith('../') ? `./${relative}` : relative;
}

async function checkFlags(placed: PlacedCall, call: Extract<CommandCall, { kind: 'script' }>, path: string, tree: RepoTree): Promise<Found[]> {
  const end = call.args.indexOf('--');
  const flags = [...new Set((end < 0 ? call.args : call.args.slice(0, end)).filter((a) => /^--[A-Za-z][\w-]*(?:=|$)/.test(a)).map((a) => a.slice(2).split('=')[0]!))];
  if (!flags.length) return [];
  const parsed = await scriptOptions(path, call.go === true, tree);
  if (!parsed) return [];
  return flags.filter((f) => !parsed.accepts(f)).map((flag) => ({
    ruleId: RuleId.commandUnknownFlag,
    severity: 'warning' as const,
    line: placed.line,
    target: path,
    message: `\`${call.path}\` never mentions \`--${flag}\` in its option parsing (${parsed.parser}), so it will likely refuse or ignore it. Check the script's options and fix the command.`,
    commits: [],
  }));
}

async function scriptOptions(path: string, go: boolean, tree: RepoTree): Promise<ScriptOptions | undefined> {
  if (go) {
    const files = tree.hasDir(path) ? tree.filesIn(path).filter((n) => n.endsWith('.go') && !n.endsWith('_test.go')).map((n) => `${path}/${n}`) : [path];
    const texts = await Promise.all(files.map((f) => tree.read(f)));
    return texts.length && texts.every((t) => t !== undefined) ? goOptions(texts.join('\n')) : undefined;
  }
  const text = await tree.read(path);
  if (text === undefined) return undefined;
  const language = scriptLanguage(path, text);
  return language === 'shell' ? shellOptions(text) : language === 'python' ? pythonOptions(text) : language === 'go' ? goOptions(text) : undefined;
}

async function checkTarget(placed: PlacedCall, call: Extract<CommandCall, { kind: 'target' }>, tree: RepoTree, state: DocState): Promise<Found[]> {
  let dirs = call.dir !== undefined ? placed.bases.map((b) => resolveIn(b, call.dir!)).filter((d): d is string => d !== undefined && tree.hasDir(d)) : placed.bases;
  // `yarn workspace X T`, `npm run T -w X`: the package.json of workspace X (none known: nothing said).
  if (call.workspace !== undefined) dirs = [...new Set((await Promise.all(dirs.map((d) => workspaceFolder(tree, d, call.workspace!)))).filter((d) => d !== undefined))];
  const sources = [...new Map(dirs.map((d) => targetSource(tree, call.tool, d, call.file)).filter((s) => s !== undefined).map((s) => [s.files.join(','), s])).values()];
  if (!sources.length) return [];
  const read = await Promise.all(sources.map((s) => readTargets(tree, call.tool, s)));
  if (read.some((t) => t === undefined || t.opaque)) return [];
  const out: Found[] = [];
  for (const target of call.targets) {
    if (read.some((t) => defines(t!, target))) {
      // A common name proves something only where the author said where it runs (`-C`, `--prefix`, `-f`, a cwd).
      if (!COMMON_TARGETS.has(target) || call.dir !== undefined || call.file !== undefined || call.workspace !== undefined || placed.stated) state.anchors.add(`${call.tool}\0${sources[0]!.files[0]}\0${target}`);
      continue;
    }
    // `make foo` also builds a file from a built-in rule (`foo.c`, `foo.o`): such names prove nothing.
    if (call.tool === 'make' && (/[./]/.test(target) || sources.some((s) => tree.filesIn(s.dir).some((n) => n === target || (n.startsWith(`${target}.`) && BUILT_IN_SOURCES.test(n.slice(target.length))))))) continue;
    const names = read.flatMap((t) => [...t!.names]);
    const near = nearestName(target, names);
    if (!call.strict) {
      // yarn and pnpm run a dependency's binary or their own command by the same name.
      if (read.some((t) => t!.dependencies?.has(target))) {
        state.anchors.add(`${call.tool}\0${sources[0]!.files[0]}\0${target}`);
        continue;
      }
      if (PACKAGE_MANAGER_COMMANDS.has(target) || !near) continue;
    }
    const file = sources[0]!.files[0]!;
    const what = call.tool === 'make' ? 'target' : call.tool === 'just' ? 'recipe' : call.tool === 'npm' || call.tool === 'yarn' || call.tool === 'pnpm' ? 'script' : 'task';
    out.push({
      needsAnchor: true,
      ruleId: RuleId.commandMissingTarget,
      severity: 'error',
      line: placed.line,
      target: file,
      message: `\`${call.tool}\` ${what} \`${target}\` is not defined in \`${sources.map((s) => s.files[0]).join('` or `')}\`.${near ? ` Did you mean \`${near}\`?` : ''} Fix the command.`,
      ...(near ? { fix: { description: `Change \`${target}\` to \`${near}\`.`, replace: { text: target, with: near } } } : {}),
      commits: [],
    });
  }
  return out;
}

async function checkWorkflow(placed: PlacedCall, call: Extract<CommandCall, { kind: 'workflow' }>, tree: RepoTree, state: DocState): Promise<Found[]> {
  const files = tree.filesIn(WORKFLOW_DIR).filter((n) => /\.ya?ml$/.test(n)).map((n) => `${WORKFLOW_DIR}/${n}`);
  let file = files.find((f) => posix.basename(f) === call.workflow);
  let dispatch = file ? workflowDispatch((await tree.read(file)) ?? '') : undefined;
  if (!file) {
    for (const f of files) {
      const d = workflowDispatch((await tree.read(f)) ?? '');
      if (d?.name === call.workflow) {
        [file, dispatch] = [f, d];
        break;
      }
    }
  }
  const inputs = dispatch?.inputs;
  if (!file || !inputs) return [];
  state.anchors.add(`workflow\0${file}`);
  return call.inputs.filter((k) => !inputs.includes(k)).map((key) => {
    const near = nearestName(key, inputs);
    return {
      ruleId: RuleId.commandUnknownFlag,
      severity: 'warning' as const,
      line: placed.line,
      target: file!,
      message: `Workflow \`${file}\` declares no input \`${key}\` (${inputs.length ? `its inputs: ${inputs.map((i) => `\`${i}\``).join(', ')}` : 'it has none'}), so \`gh workflow run\` will refuse it.${near ? ` Did you mean \`${near}\`?` : ''} Fix the command.`,
      commits: [],
    };
  });
}
