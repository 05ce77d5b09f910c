import * as vscode from 'vscode';
import { CommandId } from '../../command-ids';
import type { IncidentService } from './incident-service';

/** While an incident is active: its title and elapsed time; clicking offers the incident actions. Hidden otherwise. */
export class IncidentStatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('runbooks.incident', vscode.StatusBarAlignment.Left, 100);
  /** Whether the item is showing (VS Code offers no getter). */
  visible = false;
  private readonly timer: NodeJS.Timeout;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly incidents: IncidentService) {
    this.item.name = 'Active Incident';
    this.item.command = CommandId.incidentActions;
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    this.subscription = incidents.onDidChange(() => this.update());
    this.timer = setInterval(() => this.update(), 30_000);
    this.update();
  }

  update(): void {
    const incident = this.incidents.activeNow();
    if (!incident?.meta) {
      this.item.hide();
      this.visible = false;
      return;
    }
    const started = Date.parse(incident.meta.started);
    this.item.text = `$(flame) ${incident.meta.title} · ${elapsed(Date.now() - started)}`;
    this.item.tooltip = `${incident.meta.severity} incident, started ${new Date(started).toLocaleString()} — click for incident actions`;
    this.item.show();
    this.visible = true;
  }

  dispose(): void {
    clearInterval(this.timer);
    this.subscription.dispose();
    this.item.dispose();
  }
}

/** `0m`, `12m`, `1h 05m`, `2d 3h`. */
export function elapsed(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}
