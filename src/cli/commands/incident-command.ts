import { promises as fs } from 'node:fs';
import { incidentsFolder } from './incidents-dir';
import { escapeControl } from '../../core/terminal-text';
import * as path from 'node:path';
import { IncidentClosedError, IncidentLog } from '../../core/incident/incident-log';
import { resolveExplicitTime } from '../../core/incident/timeline';
import { hostTimeZone, utcStamp, clockTime } from '../../core/incident/zoned-time';
import type { IncidentFile } from '../../core/incident/types';
import { gitUserName, IncidentStore } from '../../node/incident-store';
import { UsageError, type CliArgs } from '../args';
import type { CliIo } from '../io';

export { DEFAULT_INCIDENTS_DIR } from './incidents-dir';

/** What `runbooks incident list --format json` prints per incident; fields of unreadable front matter are null. */
export interface IncidentRow {
  path: string;
  id: string | null;
  title: string | null;
  severity: string | null;
  status: string | null;
  started: string | null;
  resolved: string | null;
  entries: number;
  problems: string[];
}

/** Clock and zone, injectable for tests. */
export interface IncidentCommandDeps {
  now?: () => Date;
}

/**
 * `runbooks incident start|resolve|list` and `runbooks note`. Returns the exit code: 0 done,
 * 2 usage error, no active incident (note, resolve), or a resolve that could not update the front matter.
 */
export async function runIncidentCommand(root: string, args: CliArgs, io: CliIo, deps: IncidentCommandDeps = {}): Promise<number> {
  const now = deps.now ?? (() => new Date());
  const timeZone = zoneFromEnv(io.env.TZ);
  const { dirArg, absolute: incidentsDir } = await incidentsFolder(root, args);
  const store = new IncidentStore(incidentsDir, root, { timeZone });
  const log = new IncidentLog(store, { timeZone, now, author: () => gitUserName(root, io.env as NodeJS.ProcessEnv) });

  if (args.command === 'note') {
    const words = args.positionals.join(' ').trim();
    let at: Date | undefined;
    let text = words;
    if (args.at !== undefined) {
      const explicit = resolveExplicitTime(args.at, now(), timeZone);
      if (!explicit || explicit.text !== '') throw new UsageError(`--at must be a time of day as HH:MM or HH:MM:SS, not "${args.at}"`);
      at = explicit.at;
    } else {
      const explicit = resolveExplicitTime(words, now(), timeZone);
      if (explicit) ({ at, text } = explicit);
    }
    if (!text) throw new UsageError('note needs TEXT, e.g. runbooks note "paged the DB team"');
    const noted = await log.note(text, at).catch((error: unknown) => {
      if (error instanceof IncidentClosedError) return error;
      throw error;
    });
    if (noted instanceof IncidentClosedError) {
      io.err(`runbooks: ${noted.message}`);
      return 2;
    }
    if (!noted) return noActive(io, dirArg);
    io.out(`Noted in ${noted.incident.path} at ${clockTime(noted.at, timeZone)} (${utcStamp(noted.at)}).`);
    return 0;
  }

  const sub = args.positionals[0];
  if (sub === 'start') {
    const title = args.positionals.slice(1).join(' ').replace(/\s+/g, ' ').trim();
    if (!title) throw new UsageError('incident start needs a TITLE, e.g. runbooks incident start "Checkout 5xx after deploy"');
    const runbooks = await Promise.all((args.runbooks ?? []).map((p) => workspacePath(root, p, io)));
    const paged = args.paged !== undefined ? pageTime(args.paged, now(), timeZone) : undefined;
    const started = await log.start({ title, severity: args.severity?.trim() || 'unknown', runbooks, ...(args.alert ? { alert: args.alert } : {}), ...(paged ? { paged } : {}) });
    const already = started.previous;
    if (already?.meta) io.err(`runbooks: "${escapeControl(already.meta.title)}" (${escapeControl(already.path)}) is still active; notes now go to the new incident.`);
    io.out(`Started incident "${escapeControl(title)}": ${escapeControl(started.path)}\nAdd notes with: runbooks note TEXT   (start TEXT with HH:MM for an earlier time)`);
    return 0;
  }
  if (sub === 'resolve') {
    const result = await log.resolve();
    if (!result) return noActive(io, dirArg);
    const incident = result.incident;
    io.out(`Resolved "${escapeControl(incident.meta?.title ?? incident.path)}": ${escapeControl(incident.path)}\nPostmortem draft: ${escapeControl(result.postmortemPath)}`);
    if (!result.frontMatterUpdated) {
      io.err(`runbooks: ${result.problem ?? 'the front matter was not updated.'}`);
      return 2;
    }
    return 0;
  }
  if (sub === 'page') {
    if (args.alert === undefined && args.paged === undefined) throw new UsageError('incident page needs --alert NAME and/or --paged TIME');
    const paged = args.paged !== undefined ? pageTime(args.paged, now(), timeZone) : undefined;
    const set = await log.setPage({ ...(args.alert ? { alert: args.alert } : {}), ...(paged ? { paged } : {}) });
    if (!set) return noActive(io, dirArg);
    io.out(`Recorded the page in ${escapeControl(set.incident.path)}${paged ? ` at ${clockTime(paged, timeZone)} (${utcStamp(paged)})` : ''}${args.alert ? `: ${escapeControl(args.alert)}` : ''}.`);
    if (set.problem) {
      io.err(`runbooks: ${set.problem}`);
      return 2;
    }
    return 0;
  }
  if (sub === 'list') {
    const incidents = (await store.list()).sort((a, b) => (b.meta?.started ?? '').localeCompare(a.meta?.started ?? '') || a.path.localeCompare(b.path));
    io.out(args.format === 'json' ? JSON.stringify(incidents.map(toRow), null, 2) : renderList(incidents, dirArg));
    const foreign = await store.foreign();
    if (foreign.length > 0) {
      io.err(`runbooks: left alone ${foreign.length} markdown ${foreign.length === 1 ? 'file' : 'files'} in ${escapeControl(dirArg)}/ that ${foreign.length === 1 ? 'is not an incident file' : 'are not incident files'} (${foreign.slice(0, 3).map(escapeControl).join(', ')}${foreign.length > 3 ? ', …' : ''}). To keep incidents apart, pass --incidents-dir DIR (e.g. incidents/log).`);
    }
    return 0;
  }
  throw new UsageError(sub ? `unknown incident command "${sub}" (start, page, resolve or list)` : 'incident needs a command: start, page, resolve or list');
}

/** `--paged`: `HH:MM` (today in the zone, or yesterday when that is still to come) or an ISO 8601 time not in the future. */
function pageTime(text: string, now: Date, timeZone: string): Date {
  const clock = resolveExplicitTime(text, now, timeZone);
  if (clock && clock.text === '') return clock.at;
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text.trim()) ? new Date(text.trim()) : undefined;
  if (!iso || Number.isNaN(iso.getTime())) throw new UsageError(`--paged must be a time of day as HH:MM or an ISO 8601 time (2026-11-22T07:05:00Z), not "${text}"`);
  if (iso.getTime() > now.getTime() + 60_000) throw new UsageError(`--paged ${text} is in the future`);
  return iso;
}

/** One row of `incident list --format json`. */
export function toRow(incident: IncidentFile): IncidentRow {
  const meta = incident.meta;
  return {
    path: incident.path,
    id: meta?.id ?? null,
    title: meta?.title ?? null,
    severity: meta?.severity ?? null,
    status: meta?.status ?? null,
    started: meta?.started ?? null,
    resolved: meta?.resolved ?? null,
    entries: incident.timeline.length,
    problems: incident.problems,
  };
}

function renderList(incidents: IncidentFile[], dirArg: string): string {
  if (incidents.length === 0) return `No incidents in ${dirArg}/.`;
  return incidents
    .map((incident) => {
      const meta = incident.meta;
      const head = meta
        ? `${escapeControl(meta.status).padEnd(8)}  ${escapeControl(meta.severity).padEnd(7)}  ${escapeControl(meta.started)}  ${escapeControl(incident.path)}  ${escapeControl(meta.title)} (${incident.timeline.length} entries)`
        : `unknown   ${''.padEnd(7)}  ${''.padEnd(20)}  ${escapeControl(incident.path)} (${incident.timeline.length} entries)`;
      return [head, ...incident.problems.map((p) => `  ! ${escapeControl(p)}`)].join('\n');
    })
    .join('\n');
}

function noActive(io: CliIo, dirArg: string): number {
  io.err(`runbooks: no active incident in ${dirArg}/. Start one with: runbooks incident start TITLE`);
  return 2;
}

/** A `--runbook` path (relative to the cwd) as a workspace-relative path; it must exist inside the root. */
async function workspacePath(root: string, arg: string, io: CliIo): Promise<string> {
  const absolute = path.resolve(io.cwd, arg);
  const relative = path.relative(root, absolute);
  if (relative.startsWith('..') || path.isAbsolute(relative)) throw new UsageError(`--runbook ${arg} is outside --root ${root}`);
  if (!(await fs.stat(absolute).catch(() => undefined))?.isFile()) throw new UsageError(`--runbook ${arg} is not a file`);
  return relative.split(path.sep).join('/');
}

/** `TZ` when it names an IANA zone Intl knows, else the host's zone. */
function zoneFromEnv(tz: string | undefined): string {
  if (tz && !tz.startsWith(':')) {
    try {
      return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
    } catch {
      // not an IANA name (a POSIX TZ rule): fall through
    }
  }
  return hostTimeZone();
}
