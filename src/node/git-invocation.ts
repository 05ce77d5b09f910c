// How SimpleGitHistory calls git: stable config, the kept environment, limits, command-line
// chunking and ref checks, and the reading of which working-tree files git would convert.
import * as os from 'node:os';
import type { BlobContent } from '../core/staleness/ports';
import { looksBinary, type CatFileRecord } from './cat-file-batch';
import { SAFE_GIT_CONFIG } from './safe-git';
import type { PathMapper } from './git-parse';

/**
 * Settings that make git's output the same on every machine, whatever the user's config, and
 * keep the repository's own config from running anything (`SAFE_GIT_CONFIG`).
 */
export const STABLE_CONFIG = [
  ...SAFE_GIT_CONFIG,
  'core.quotePath=false',
  'diff.noprefix=false',
  'diff.mnemonicPrefix=false',
  'diff.relative=false',
  'diff.renames=true',
  'log.showSignature=false',
  'color.ui=false',
];

/** Environment variables passed to git; everything else (notably every `GIT_*`) is left out. */
export const ENV_KEYS = ['PATH', 'Path', 'HOME', 'USERPROFILE', 'HOMEDRIVE', 'HOMEPATH', 'SYSTEMROOT', 'SystemRoot', 'COMSPEC', 'TMPDIR', 'TEMP', 'TMP', 'LANG', 'XDG_CONFIG_HOME', 'APPDATA', 'LOCALAPPDATA'];

/** Batches of objects at least this big are split over several git processes (up to `PARALLEL_PROCESSES`). */
export const PARALLEL_MIN_OBJECTS = 1000;
export const PARALLEL_PROCESSES = Math.max(1, Math.min(4, os.availableParallelism()));

/** Objects larger than this are never kept in memory (the engine asks for less). */
export const MAX_OBJECT_BYTES = 16 * 1024 * 1024;

/** A `.git-blame-ignore-revs` of a few thousand commits; past this it is not read. */
export const MAX_IGNORE_REVS_BYTES = 4 * 1024 * 1024;

/** Longest command line we build (Windows allows 32K characters). */
export const MAX_ARGS_CHARS = 24_000;

/** Where git runs for a workspace root, and how its paths map to the root's. */
export interface RepoLayout {
  top: string;
  prefix: string;
  map: PathMapper;
  /** The environment for git here: the kept variables, plus settings that switch off the repository's filter drivers. */
  env: Record<string, string>;
  /** Where the clone's shallow file is (`git rev-parse --git-path shallow`): the clone is shallow while it exists. */
  shallowFile?: string;
  /** The index file (`--git-path index`): what it flags is read from it (see `ConvertedPaths`). */
  indexFile?: string;
  /** `$GIT_DIR/info/attributes` (`--git-path info/attributes`). */
  infoAttributes?: string;
  /** The common git dir's `config` and this worktree's `config.worktree` (`--git-path`): see `KeptConfig`. */
  configFiles?: string[];
}

/** How long the repository's object ids are in bytes: 32 when its config says `extensions.objectFormat=sha256`, else 20. */
export function oidBytesOf(config: ReadonlyMap<string, string[]> | undefined): number {
  return config?.get('extensions.objectformat')?.at(-1)?.toLowerCase() === 'sha256' ? 32 : 20;
}

/** Splits a big batch into a few parts (at least `minPart` each), so several cores work on it. */
export function splitForParallel(items: string[], minPart: number): string[][] {
  const parts = Math.min(PARALLEL_PROCESSES, Math.ceil(items.length / minPart));
  if (parts <= 1) return [items];
  const size = Math.ceil(items.length / parts);
  return Array.from({ length: parts }, (_, i) => items.slice(i * size, (i + 1) * size)).filter((p) => p.length > 0);
}

/** `paths` as literal top-level pathspecs, in chunks that fit one command line. */
export function chunkPathspecs(paths: string[], layout: RepoLayout): string[][] {
  return chunkArgs(paths.map((p) => `:(top,literal)${layout.prefix}${p}`));
}

/** Arguments in chunks that fit one command line. */
export function chunkArgs(args: string[]): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const arg of args) {
    if (current.length > 0 && size + arg.length + 1 > MAX_ARGS_CHARS) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(arg);
    size += arg.length + 1;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Refs come from users (`--base`) and URLs: never let one be read as an option. */
export function isSafeRev(ref: string): boolean {
  return ref.length > 0 && !ref.startsWith('-') && !/[\s\0]/.test(ref);
}

/** Throws for a ref that could be read as an option or holds whitespace. */
export function assertRev(ref: string): void {
  if (!isSafeRev(ref)) throw new Error(`Not a valid git revision: ${JSON.stringify(ref)}`);
}

/**
 * The top-relative paths whose working-tree file may differ from the blob: a `filter`, `ident` or
 * `working-tree-encoding` attribute (`check-attr -z` output), or skip-worktree / assume-unchanged
 * (`ls-files -v -z` output: `S`, or a lower-case tag).
 */
export function convertedPaths(attrs: string, listed: string): Set<string> {
  const converted = new Set<string>();
  for (const entry of listed.split('\0')) {
    if (entry.length > 2 && (entry[0] === 'S' || entry[0] !== entry[0]!.toUpperCase())) converted.add(entry.slice(2));
  }
  const fields = attrs.split('\0');
  for (let k = 0; k + 2 < fields.length; k += 3) {
    if (fields[k + 2] !== 'unspecified' && fields[k + 2] !== 'unset') converted.add(fields[k]!);
  }
  return converted;
}

/** A `cat-file` record as file content: undefined when it is not a blob, only its size when over `maxBytes`. */
export function blobOf(record: CatFileRecord, maxBytes: number): BlobContent | undefined {
  if (!record.found || record.type !== 'blob') return undefined;
  const blob: BlobContent = { oid: record.oid, size: record.size };
  if (record.size > maxBytes || !record.content) blob.tooLarge = true;
  else if (looksBinary(record.content)) blob.binary = true;
  else blob.text = record.content.toString('utf8');
  return blob;
}
