import { posix } from 'node:path';
import type { DocModel } from '../doc-model';
import { runnableBlocks } from '../runner/runnable-blocks';
import { walkCalls } from './block-walk';
import { resolveIn } from './repo-tree';
import { targetFile } from './target-lookup';
import { WORKFLOW_DIR } from './workflow-inputs';

/** A repository file a runbook's command calls: a link for staleness. */
export interface CommandLink {
  /** Root-relative path of the file. */
  path: string;
  /** 1-based doc line of the command. */
  line: number;
  /** What the command names: the script as written, `make deploy`, the workflow. */
  raw: string;
}

/** What finding the called files needs: which files and folders exist. */
export interface ExistingFiles {
  hasFile(path: string): boolean;
  hasDir(path: string): boolean;
}

/**
 * The files the runnable blocks of `doc` call that exist: scripts run by path (a `go run` folder is
 * left out), the Makefile/justfile/Taskfile/package.json/Rakefile a target is read from, the
 * workflow file of `gh workflow run W.yml`. Where a command runs is worked out as for command drift
 * (`walkCalls`, with the fence languages `extraLanguages` adds); with several folders possible, the
 * first that has the file counts. In doc order.
 */
export function commandLinks(doc: DocModel, files: ExistingFiles, extraLanguages: readonly string[] = []): CommandLink[] {
  const out: CommandLink[] = [];
  for (const { call, bases, line } of walkCalls(doc, runnableBlocks(doc, { extraLanguages }), files)) {
    if (call.kind === 'script') {
      const path = bases.map((b) => resolveIn(b, call.path)).find((p) => p !== undefined && p !== '' && files.hasFile(p));
      if (path !== undefined) out.push({ path, line, raw: call.path });
    } else if (call.kind === 'target') {
      // A workspace's package.json is found by its name, which needs the files read: not linked.
      if (call.tool === 'mage' || call.workspace !== undefined) continue;
      const tool = call.tool;
      const dirs = call.dir !== undefined ? bases.map((b) => resolveIn(b, call.dir!)).filter((d): d is string => d !== undefined && files.hasDir(d)) : bases;
      const path = dirs
        .map((d) => (call.file !== undefined ? resolveIn(d, call.file) : targetFile(files, tool, d)))
        .find((p) => p !== undefined && files.hasFile(p));
      if (path !== undefined) out.push({ path, line, raw: `${tool} ${call.targets.join(' ')}` });
    } else {
      const path = posix.join(WORKFLOW_DIR, call.workflow);
      if (/\.ya?ml$/.test(call.workflow) && files.hasFile(path)) out.push({ path, line, raw: `gh workflow run ${call.workflow}` });
    }
  }
  return out;
}
