import type * as vscode from 'vscode';
import type { RunbookIndex } from './features/index/runbook-index';
import type { BlockRunService } from './features/runner/block-run-service';
import type { IncidentService } from './features/incident/incident-service';
import type { RunbookTreeProvider, TreeNode } from './features/tree/runbook-tree';
import type { Logger } from './logger';

/** What command handlers may use; built once in `activate`. */
export interface Services {
  index: RunbookIndex;
  tree: RunbookTreeProvider;
  treeView: vscode.TreeView<TreeNode>;
  logger: Logger;
  runs: BlockRunService;
  incidents: IncidentService;
  extensionUri: vscode.Uri;
  /** The alerting rules read from the rule files so far (empty before alert coverage has run). */
  alertRules?: () => Array<{ name: string; file: string }>;
}
