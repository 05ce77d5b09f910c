import { posix } from 'node:path';
import type { DocModel } from '../doc-model';
import { resolveBlockCwd } from '../runner/safe-cwd';
import type { RunnableBlock } from '../runner/types';
import { commandCalls } from './command-calls';
import { blockLead, leadsElsewhere } from './block-lead';
import { blockCommandLines } from './command-lines';
import type { PlacedCall } from './placed-call';
import { resolveIn } from './repo-tree';

export type { PlacedCall } from './placed-call';

/** What the walk needs of the repository: which folders exist. */
export interface FolderCheck {
  hasDir(path: string): boolean;
}

/**
 * Every call of `blocks`, the runnable blocks of `doc` (see `runnableBlocks`), in
 * order, with the folders it runs in. A block stops being followed at a `cd` whose folder cannot
 * be known or does not exist, and at a command that opens a session elsewhere (`ssh host`,
 * `kubectl exec -it … -- bash`): the lines after it are typed there. The doc's blocks are typed in
 * one terminal: a `cd` carries over to the later blocks without a `cwd` (they may run in the folder
 * it went to, or where they would without it), and after a block that stopped being followed they
 * are not followed either. The whole doc stops at a
 * `git clone` of another repository (one whose folder is not among `repoNames`, the names this
 * repository goes by; any, when none is given): its next commands run in that checkout. After a
 * clone of this repository, a `cd` into the clone goes to the root. A block whose `cwd` is
 * refused is left out.
 */
export function* walkCalls(doc: DocModel, blocks: Iterable<RunnableBlock>, folders: FolderCheck, repoNames: readonly string[] = []): Generator<PlacedCall> {
  const names = new Set(repoNames.map((n) => n.toLowerCase()));
  let clone: string | undefined;
  const docDir = posix.dirname(doc.path) === '.' ? '' : posix.dirname(doc.path);
  // Where the terminal is after the blocks so far, when a `cd` moved it; null: nowhere known.
  let terminal: string[] | null | undefined;
  for (const block of blocks) {
    const code = doc.codeBlocks.find((c) => c.line === block.line);
    if (!code) continue;
    // "check out receptor and build it like this:": the block runs in that checkout, not this one
    // (only a clone in it still counts: it says where the doc goes on).
    const lead = blockLead(doc, code);
    const elsewhere = lead !== undefined && leadsElsewhere(lead, repoNames);
    let bases: string[];
    let stated = true;
    const own = typeof block.attributes.cwd === 'string' || typeof block.attributes.cwd === 'number';
    if (own) {
      const cwd = resolveBlockCwd(doc.path, String(block.attributes.cwd));
      if ('error' in cwd) continue;
      bases = [cwd.path === '.' ? '' : cwd.path];
    } else {
      if (terminal === null) continue;
      // A later section may start afresh: where the cd went is tried first, then where the block would run without it.
      bases = [...new Set([...(terminal ?? []), ...ancestors(docDir)])];
      stated = false;
    }
    let moved = false;
    let lost = false;
    walk: for (const command of blockCommandLines(block.script, code.value, block.line)) {
      for (const call of commandCalls(command.words)) {
        if (elsewhere && call.kind !== 'clone') continue;
        if (call.kind === 'leaves') {
          lost = true;
          break walk;
        }
        if (call.kind === 'clone') {
          if (call.repo === undefined || call.dir === undefined || !names.has(call.repo.toLowerCase())) return;
          clone = call.dir;
          continue;
        }
        if (call.kind === 'cd') {
          const into = clone !== undefined && call.dir !== undefined ? intoClone(call.dir, clone) : undefined;
          const next = into !== undefined ? [into] : call.dir === undefined ? [] : bases.map((b) => resolveIn(b, call.dir!)).filter((d): d is string => d !== undefined && folders.hasDir(d));
          if (!next.length) {
            lost = true;
            break walk;
          }
          bases = [...new Set(next)];
          stated = true;
          moved = true;
          continue;
        }
        yield { call, bases, stated, line: command.line, text: command.text, block };
      }
    }
    if (!own && (lost || moved)) terminal = lost ? null : bases;
  }
}

/** The root-relative folder of `cd dir` into a clone of this repository made in folder `clone`; undefined when `dir` is not inside it. */
function intoClone(dir: string, clone: string): string | undefined {
  const normal = posix.normalize(dir).replace(/\/+$/, '');
  if (normal === clone) return '';
  return normal.startsWith(`${clone}/`) ? resolveIn('', normal.slice(clone.length + 1)) : undefined;
}

/** `dir` and every folder above it, nearest first, ending with the root (''). */
function ancestors(dir: string): string[] {
  const out = [dir];
  for (let at = dir; at !== ''; ) {
    at = posix.dirname(at) === '.' ? '' : posix.dirname(at);
    out.push(at);
  }
  return out;
}
