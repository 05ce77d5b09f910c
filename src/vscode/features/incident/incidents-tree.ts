import * as vscode from 'vscode';
import type { IncidentFile } from '../../../core/incident/types';
import type { IncidentService } from './incident-service';

/** The Incidents view: the active incident first, then recent ones, newest first. */
export class IncidentsTreeProvider implements vscode.TreeDataProvider<IncidentFile>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly incidents: IncidentService) {
    this.subscription = incidents.onDidChange(() => this.changed.fire());
  }

  async getChildren(element?: IncidentFile): Promise<IncidentFile[]> {
    if (element) return [];
    const all = await this.incidents.all();
    return [...all.filter((i) => i.meta?.status === 'active'), ...all.filter((i) => i.meta?.status !== 'active')];
  }

  getTreeItem(incident: IncidentFile): vscode.TreeItem {
    const meta = incident.meta;
    const item = new vscode.TreeItem(meta?.title ?? incident.path);
    item.resourceUri = this.incidents.uriOf(incident);
    item.description = meta ? `${meta.severity} · ${meta.status} · ${meta.started.slice(0, 10)}` : 'front matter unreadable';
    item.tooltip = incident.problems.length ? incident.problems.join('\n') : `${incident.timeline.length} timeline entries`;
    item.iconPath = new vscode.ThemeIcon(meta?.status === 'active' ? 'flame' : meta ? 'pass' : 'warning');
    item.contextValue = `runbooks.incident.${meta?.status ?? 'unknown'}`;
    item.command = { command: 'vscode.open', title: 'Open', arguments: [this.incidents.uriOf(incident)] };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
