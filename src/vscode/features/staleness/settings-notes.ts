import type { LoadedConfig } from '../../../node/config-file';

/**
 * What the log says about a folder's staleness settings: where they come from (`file`, the config
 * file's name; `unreadable`, why it could not be read), its problems, and the
 * `runbooks.staleness.bulkCommitFiles` setting (`bulk`) when the user set it.
 */
export function settingsNotes(config: LoadedConfig, file: string | undefined, unreadable: Error | undefined, bulk: number | undefined): string[] {
  const lines: string[] = [];
  if (unreadable !== undefined) lines.push(`${unreadable.message}; using the default staleness settings.`);
  else if (file === undefined) lines.push('No .runbooks.yml: using the default staleness settings.');
  else if (config.problems.length > 0) {
    lines.push(`${file} has ${config.problems.length} problem${config.problems.length === 1 ? '' : 's'} (see Problems); the defaults apply to the settings concerned:`);
    for (const p of config.problems) lines.push(`  ${file}:${p.line}: ${p.message}`);
  }
  if (file !== undefined) lines.push(`Staleness settings from ${file}: ${JSON.stringify(config.staleness)}`);
  if (bulk !== undefined) {
    const overridden = config.staleness.bulkCommitFiles !== undefined ? ` over ${file}'s ${config.staleness.bulkCommitFiles}` : '';
    lines.push(`runbooks.staleness.bulkCommitFiles is set to ${bulk}: it applies${overridden}.`);
  }
  return lines;
}
