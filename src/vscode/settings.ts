import * as vscode from 'vscode';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, type DocFilterOptions } from '../core/doc-filter';
import type { GroupByChoice } from '../core/tree-sections';
import { ruleFileSetting, type RuleFileSetting } from './features/alerts/rule-file-setting';

/** Index settings for one workspace folder (`runbooks.index.*`). */
export function indexSettings(folder: vscode.WorkspaceFolder): DocFilterOptions & { maxFileBytes: number } {
  const config = vscode.workspace.getConfiguration('runbooks.index', folder);
  return {
    include: config.get<string[]>('include') ?? DEFAULT_INCLUDE,
    exclude: config.get<string[]>('exclude') ?? DEFAULT_EXCLUDE,
    useGitignore: config.get<boolean>('useGitignore') ?? true,
    maxFileBytes: Math.max(1, config.get<number>('maxFileSizeMB') ?? 10) * 1024 * 1024,
  };
}

/** Tree settings (`runbooks.tree.*`). */
export function treeSettings(): { groupBy: GroupByChoice; showOtherDocs: boolean } {
  const config = vscode.workspace.getConfiguration('runbooks.tree');
  const groupBy = config.get<string>('groupBy');
  return {
    groupBy: groupBy === 'folder' || groupBy === 'tag' || groupBy === 'service' ? groupBy : 'auto',
    showOtherDocs: config.get<boolean>('showOtherDocs') ?? true,
  };
}

/** Folder for new runbooks (`runbooks.newRunbook.folder`), relative to the workspace folder. */
export function newRunbookFolder(folder: vscode.WorkspaceFolder): string {
  return vscode.workspace.getConfiguration('runbooks.newRunbook', folder).get<string>('folder') || 'runbooks';
}

/**
 * Rule file globs from `runbooks.alerts.ruleFiles` for a folder (undefined when the setting is
 * empty: the config file or the defaults apply), and a warning for each pattern over the glob bounds.
 */
export function alertRuleFileGlobs(folder: vscode.WorkspaceFolder): RuleFileSetting {
  return ruleFileSetting(vscode.workspace.getConfiguration('runbooks.alerts', folder).get<unknown[]>('ruleFiles'));
}
