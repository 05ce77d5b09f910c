import * as path from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAMES } from '../../../core/config-file';
import type { StalenessOptionsInput } from '../../../core/staleness/options';
import { loadConfigFile, type LoadedConfig } from '../../../node/config-file';
import { docUri, toDiagnostic } from '../../convert';
import type { Logger } from '../../logger';

/** The staleness settings of each folder, with its config file's problems shown on the file. */
export class StalenessSettings implements vscode.Disposable {
  /** Problems of the folders' config files. */
  private readonly configProblems = vscode.languages.createDiagnosticCollection('runbooks-config');
  /** Per folder: what was last logged about its settings, so that each re-check logs only news. */
  private readonly settingsLogged = new Map<string, string>();

  constructor(private readonly logger: Logger) {}

  /**
   * The staleness settings of a folder: the valid ones of its config file, with
   * `runbooks.staleness.bulkCommitFiles` on top only where the user set it (its default does not
   * hide the file's). Shows the file's problems on it and logs what changed since the last call.
   */
  async read(folder: vscode.WorkspaceFolder): Promise<StalenessOptionsInput> {
    let config: LoadedConfig;
    let unreadable: Error | undefined;
    try {
      config = await loadConfigFile(folder.uri.fsPath);
    } catch (error) {
      unreadable = error as Error;
      config = { staleness: {}, problems: [] };
    }
    for (const name of CONFIG_FILE_NAMES) this.configProblems.delete(docUri(folder, name));
    const file = config.file !== undefined ? path.basename(config.file) : undefined;
    if (file !== undefined && config.problems.length > 0) this.configProblems.set(docUri(folder, file), config.problems.map((p) => toDiagnostic(p)));

    const inspected = vscode.workspace.getConfiguration('runbooks.staleness', folder).inspect<number>('bulkCommitFiles');
    const bulk = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
    const staleness = bulk !== undefined ? { ...config.staleness, bulkCommitFiles: bulk } : config.staleness;

    const lines = settingsNotes(config, file, unreadable, bulk);
    const note = lines.join('\n');
    if (this.settingsLogged.get(folder.uri.toString()) !== note) {
      this.settingsLogged.set(folder.uri.toString(), note);
      if (unreadable) this.logger.error(`${folder.name}: reading the config file`, unreadable);
      for (const line of lines) this.logger.info(`${folder.name}: ${line}`);
    }
    return staleness;
  }

  dispose(): void {
    this.configProblems.dispose();
  }
}

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
