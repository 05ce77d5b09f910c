import { boundedMatcher } from '../../bounded-glob';
import type { DocModel } from '../../doc-model';
import { RuleId } from '../../findings/finding';
import { hunksTouching } from '../model/line-ranges';
import type { FileChange, FileHunks, Hunk, RepoState, StalenessDeps } from '../ports';
import type { StalenessOptions } from '../options';
import type { LinkedTarget } from '../model/evidence';
import { CheckError, type CheckFinding, type CheckRange, type CheckReport } from '../model/check';
import type { WorkspaceContext } from '../model/report-run';

export { CheckError, type CheckFinding, type CheckRange, type CheckReport } from '../model/check';

interface Dependent {
  doc: DocModel;
  target: LinkedTarget;
}

/**
 * The code-review check: every doc (of `checkKinds`) whose linked code or config changed between
 * the merge base of `base` and `head` (or the working tree, when `head` is undefined) while the doc
 * itself did not change (whitespace-only edits do not count). One warning per changed hunk (or per
 * file and rule with `mergeHunks`), on its first changed line, naming every doc that depends on it; anchored links only count hunks that
 * touch their range. Links the change breaks (target deleted or renamed) are errors on the doc's
 * link line. Rejects with `CheckError` when a ref is unknown or there is no repository.
 */
export async function checkChanges(
  docs: DocModel[],
  range: CheckRange,
  deps: StalenessDeps,
  options: StalenessOptions,
  signal: AbortSignal | undefined,
  /** The workspace context of the checked docs (the engine passes the scan stage, `loadContext`). */
  loadContext: (docs: DocModel[], state: RepoState) => Promise<WorkspaceContext>,
): Promise<CheckReport> {
  const { git } = deps;
  const state = await git.state(signal);
  if (state.kind === 'none') throw new CheckError(`cannot check changes: ${state.reason}`);
  if (!state.head) throw new CheckError('cannot check changes: the repository has no commits yet.');
  const base = await git.resolve(range.base, signal);
  if (!base) throw new CheckError(`base ref "${range.base}" not found. Fetch it first (e.g. \`git fetch origin ${range.base.replace(/^origin\//, '')}\`).`);
  const head = range.head !== undefined ? await git.resolve(range.head, signal) : undefined;
  if (range.head !== undefined && !head) throw new CheckError(`head ref "${range.head}" not found.`);
  const mergeBase = await git.mergeBase(base, head ?? state.head, signal);
  if (!mergeBase) {
    throw new CheckError(
      `no common ancestor of "${range.base}" and ${range.head ? `"${range.head}"` : 'HEAD'} in this clone${state.shallow ? ' (it is shallow: fetch more history, e.g. `fetch-depth: 0` for actions/checkout)' : ''}.`,
    );
  }

  const changes = await git.changedFiles(mergeBase, head, signal);
  const changed = new Map<string, FileChange>();
  const removed = new Map<string, FileChange>();
  for (const change of changes) {
    if (change.status === 'D') removed.set(change.path, change);
    else changed.set(change.path, change);
    if (change.status === 'R' && change.from !== undefined) removed.set(change.from, change);
  }

  const checked = docs.filter((d) => options.checkKinds.includes(d.kind));
  // A doc changed only in whitespace was not updated: ask git with -w.
  const touchedDocs = checked.filter((d) => changed.has(d.path)).map((d) => d.path);
  const docDiff = new Map((await git.diffHunks(mergeBase, head, withRenameSources(touchedDocs, changed), signal)).map((f) => [f.path, f]));
  const updated = new Set(
    touchedDocs.filter((p) => {
      const diff = docDiff.get(p);
      return diff ? diff.binary || diff.added + diff.deleted > 0 : changed.get(p)!.status === 'A';
    }),
  );

  const context = await loadContext(checked, state);
  const byFile = new Map<string, Dependent[]>();
  const findings: CheckFinding[] = [];
  for (const doc of checked) {
    if (updated.has(doc.path)) continue;
    for (const target of context.resolved.get(doc.path)!.targets) {
      if (target.pinned) continue;
      if (target.kind === 'missing') {
        const gone = removed.get(target.path);
        if (gone) findings.push(brokenFinding(doc, target, gone));
        continue;
      }
      if (!target.tracked) continue;
      for (const path of coveredPaths(target, changed, removed)) {
        if (removed.has(path) && !changed.has(path)) {
          findings.push(removedUnderFinding(doc, target, path));
          continue;
        }
        const list = byFile.get(path) ?? [];
        list.push({ doc, target });
        byFile.set(path, list);
      }
    }
  }

  const diffs = new Map((await git.diffHunks(mergeBase, head, withRenameSources([...byFile.keys()], changed), signal)).map((f) => [f.path, f]));
  for (const [path, dependents] of [...byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const diff = diffs.get(path);
    const change = changed.get(path)!;
    findings.push(...hunkFindings(path, change, diff, dependents, range.mergeHunks ?? false));
  }
  // Git names a file whose name is not UTF-8 by bytes that decode to U+FFFD, so the change set cannot
  // be matched to such a doc (listed under its escaped name): when it holds one, say so on each.
  if (changes.some((c) => c.path.includes('\uFFFD') || c.from?.includes('\uFFFD'))) {
    for (const doc of checked) {
      const notUtf8 = doc.findings.find((f) => f.ruleId === RuleId.pathNotUtf8);
      if (notUtf8) findings.push({ ruleId: RuleId.pathNotUtf8, severity: 'warning', path: doc.path, line: 1, message: `${notUtf8.message} The change set touches a file git cannot name in UTF-8, so this doc was not checked.`, target: doc.path, docs: [] });
    }
  }
  findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  return { base, ...(head ? { head } : {}), mergeBase, changedFiles: changes.length, docsChecked: checked.length, findings };
}

function withRenameSources(paths: string[], changed: Map<string, FileChange>): string[] {
  const out = new Set(paths);
  for (const p of paths) {
    const from = changed.get(p)?.from;
    if (from !== undefined) out.add(from);
  }
  return [...out];
}

/** Changed or removed paths a target covers. */
function coveredPaths(target: LinkedTarget, changed: Map<string, FileChange>, removed: Map<string, FileChange>): string[] {
  if (target.kind === 'file') return changed.has(target.path) ? [target.path] : [];
  const isMatch = target.kind === 'glob' ? boundedMatcher(target.path) : undefined;
  const prefix = target.path === '' ? '' : `${target.path}/`;
  const test = (p: string) => (isMatch ? isMatch(p) : p.startsWith(prefix));
  const out = new Set<string>();
  for (const p of changed.keys()) if (test(p)) out.add(p);
  for (const p of removed.keys()) if (test(p)) out.add(p);
  return [...out].sort();
}

function hunkFindings(path: string, change: FileChange, diff: FileHunks | undefined, dependents: Dependent[], mergeHunks: boolean): CheckFinding[] {
  // No diff: whitespace-only (skip), unless the file is new and untracked (no hunks to show).
  let hunks: Hunk[];
  if (!diff) {
    if (change.status !== 'A') return [];
    hunks = [{ oldStart: 0, oldLines: 0, newStart: 1, newLines: 0 }];
  } else if (diff.binary || diff.hunks.length === 0) {
    if (!diff.binary && change.status !== 'A' && change.status !== 'R') return [];
    hunks = [{ oldStart: 0, oldLines: 0, newStart: 1, newLines: 0 }];
  } else hunks = diff.hunks;

  const touched: TouchedHunk[] = [];
  for (const hunk of hunks) {
    const who = dependents.filter((d) => !d.target.lines || hunksTouching(d.target.lines, [hunk]).length > 0 || hunk.oldLines + hunk.newLines === 0);
    if (who.length === 0) continue;
    // A pure deletion has no new lines: annotate the line it happened after.
    const line = Math.max(1, hunk.newStart);
    const endLine = hunk.newLines > 1 ? hunk.newStart + hunk.newLines - 1 : undefined;
    touched.push({ line, ...(endLine !== undefined ? { endLine } : {}), who, anchored: who.every((d) => d.target.lines) });
  }
  if (!mergeHunks) return touched.map((t) => touchFinding(path, [t]));
  const byRule = new Map<boolean, TouchedHunk[]>();
  for (const t of touched) byRule.set(t.anchored, [...(byRule.get(t.anchored) ?? []), t]);
  return [...byRule.values()].map((group) => touchFinding(path, group));
}

/** A changed hunk of a linked file and the docs that depend on the lines it touches. */
interface TouchedHunk {
  line: number;
  endLine?: number;
  who: Dependent[];
  anchored: boolean;
}

/** One warning for hunks of `path` (of one rule): on the first hunk's line, naming every dependent doc and, for several hunks, their lines. */
function touchFinding(path: string, hunks: TouchedHunk[]): CheckFinding {
  const first = hunks[0]!;
  const who = hunks.flatMap((h) => h.who);
  const docs = unique(who.map((d) => ({ path: d.doc.path, line: d.target.line })));
  const names = docs.map((d) => `${d.path}:${d.line}`);
  const listed = names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
  const noun = who.every((d) => d.doc.kind === 'runbook') ? (docs.length === 1 ? 'runbook' : 'runbooks') : docs.length === 1 ? 'doc' : 'docs';
  const what = first.anchored ? `the linked lines of \`${path}\`` : `\`${path}\``;
  const where = hunks.length > 1 ? ` in ${hunks.length} places (lines ${hunks.map((h) => (h.endLine !== undefined ? `${h.line}\u2013${h.endLine}` : `${h.line}`)).join(', ')})` : '';
  return {
    ruleId: first.anchored ? RuleId.staleAnchoredRangeChanged : RuleId.staleLinkedCodeChanged,
    severity: 'warning',
    path,
    line: first.line,
    ...(hunks.length === 1 && first.endLine !== undefined ? { endLine: first.endLine } : {}),
    message: `This change touches ${what}${where}, which the ${noun} ${listed} ${docs.length === 1 ? 'links to' : 'link to'}, but does not update ${docs.length === 1 ? 'it' : 'them'}. Check the ${noun} against this change; update ${docs.length === 1 ? 'it' : 'them'} or mark ${docs.length === 1 ? 'it' : 'them'} reviewed.`,
    target: path,
    docs,
  };
}

function brokenFinding(doc: DocModel, target: LinkedTarget, gone: FileChange): CheckFinding {
  const renamed = gone.status === 'R' && gone.from === target.path;
  return {
    ruleId: renamed ? RuleId.linkRenamedTarget : RuleId.linkMissingTarget,
    severity: 'error',
    path: doc.path,
    line: target.line,
    message: renamed
      ? `This change renames \`${target.path}\` to \`${gone.path}\`, which this doc links to. Update the link to \`${gone.path}\`.`
      : `This change deletes \`${target.path}\`, which this doc links to. Fix or remove the link.`,
    target: target.path,
    docs: [{ path: doc.path, line: target.line }],
  };
}

function removedUnderFinding(doc: DocModel, target: LinkedTarget, path: string): CheckFinding {
  return {
    ruleId: RuleId.staleLinkedCodeChanged,
    severity: 'warning',
    path: doc.path,
    line: target.line,
    message: `This change removes \`${path}\` from ${target.kind === 'glob' ? `the watched files \`${target.path}\`` : `the linked folder \`${target.path}/\``}, but does not update this doc. Check it against the change; update it or mark it reviewed.`,
    target: path,
    docs: [{ path: doc.path, line: target.line }],
  };
}

function unique(docs: Array<{ path: string; line: number }>): Array<{ path: string; line: number }> {
  const seen = new Set<string>();
  return docs.filter((d) => (seen.has(d.path) ? false : (seen.add(d.path), true)));
}
