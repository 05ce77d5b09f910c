import * as vscode from 'vscode';
import { CommandId } from '../command-ids';
import { selectionSourceLabel } from '../../core/incident/source-label';
import { resolveExplicitTime } from '../../core/incident/timeline';
import type { IncidentService } from '../features/incident/incident-service';
import type { Services } from '../services';

const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];

/** Runbooks: Start Incident — title, severity, and the runbooks that are open; the incident becomes active. */
export async function startIncident(services: Services, args?: { title?: string; severity?: string; runbooks?: string[]; alert?: string; paged?: string }): Promise<vscode.Uri | undefined> {
  const incidents = services.incidents;
  const current = await incidents.active();
  if (current?.meta && !args) {
    const choice = await vscode.window.showWarningMessage(`"${current.meta.title}" is still active. Start another incident anyway?`, { modal: true }, 'Start Another');
    if (choice !== 'Start Another') return undefined;
  }
  const title = args?.title ?? (await vscode.window.showInputBox({ title: 'Start Incident', prompt: 'What is happening?', placeHolder: 'Checkout 5xx after deploy', validateInput: (v) => (v.trim() ? undefined : 'Give the incident a title') }))?.trim();
  if (!title) return undefined;
  const severity = args?.severity ?? (await vscode.window.showQuickPick(SEVERITIES, { title: 'Severity', placeHolder: 'How bad is it?' }));
  if (!severity) return undefined;
  let runbooks = args?.runbooks;
  if (!runbooks) {
    const open = vscode.window.visibleTextEditors
      .map((e) => services.index.docAt(e.document.uri))
      .filter((r): r is NonNullable<typeof r> => !!r && r.doc.kind === 'runbook');
    const unique = [...new Map(open.map((r) => [r.doc.path, r])).values()];
    const picked = unique.length
      ? await vscode.window.showQuickPick(
          unique.map((r) => ({ label: r.doc.title, description: r.doc.path, picked: true, path: r.doc.path })),
          { title: 'Runbooks for this incident', canPickMany: true, placeHolder: 'The runbooks you are following (open ones are offered)' },
        )
      : [];
    if (picked === undefined) return undefined;
    runbooks = picked.map((p) => p.path);
  }
  // The page: the alert that paged and when (HH:MM), so the duration counts from it; both optional.
  const alert = args ? args.alert : await vscode.window.showInputBox({ title: 'Alert that paged (optional)', prompt: 'The alert name, or empty when no alert paged', placeHolder: 'KubePodCrashLooping', ignoreFocusOut: true });
  if (alert === undefined && !args) return undefined;
  const pagedText = args ? args.paged : await vscode.window.showInputBox({ title: 'When were you paged? (optional)', prompt: 'HH:MM today (or yesterday); empty for now', placeHolder: '07:05', ignoreFocusOut: true, validateInput: (v) => (!v.trim() || resolveExplicitTime(v.trim(), new Date())?.text === '' ? undefined : 'A time of day as HH:MM') });
  if (pagedText === undefined && !args) return undefined;
  const paged = pagedText?.trim() ? (resolveExplicitTime(pagedText.trim(), new Date())?.at ?? (Number.isNaN(Date.parse(pagedText)) ? undefined : new Date(pagedText))) : undefined;
  const uri = await incidents.start(title, severity, runbooks, { ...(alert?.trim() ? { alert: alert.trim() } : {}), ...(paged ? { paged } : {}) });
  void vscode.window.showInformationMessage(`Incident "${title}" started: notes, check runs and feedback go to ${vscode.workspace.asRelativePath(uri)}.`, 'Open').then((c) => {
    if (c) void vscode.window.showTextDocument(uri, { preview: false });
  });
  return uri;
}

/** Runbooks: Add Incident Note — one line (start it with HH:MM for an earlier time); an argument skips the prompt. */
export async function addIncidentNote(incidents: IncidentService, textArg?: unknown): Promise<boolean> {
  if (!(await incidents.active())) {
    void vscode.window.showWarningMessage('No active incident. Start one with "Runbooks: Start Incident".', 'Start Incident').then((c) => {
      if (c) void vscode.commands.executeCommand(CommandId.startIncident);
    });
    return false;
  }
  const text =
    typeof textArg === 'string'
      ? textArg
      : await vscode.window.showInputBox({ title: 'Incident note', prompt: 'What happened? Start with HH:MM for something noted after the fact.', placeHolder: '14:05 paged the DB team', ignoreFocusOut: true });
  if (!text?.trim()) return false;
  await incidents.addNote(text.trim());
  vscode.window.setStatusBarMessage('$(note) Note added to the incident timeline', 3000);
  return true;
}

/** Runbooks: Add Selection as Incident Note — the selected text (code, log, terminal) with where it came from. */
export async function addSelectionAsNote(incidents: IncidentService): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  const selected = editor?.document.getText(editor.selection);
  if (!editor || !selected?.trim()) {
    void vscode.window.showInformationMessage('Select the text (code, log, output) to add to the incident timeline.');
    return false;
  }
  const uri = editor.document.uri;
  const inWorkspace = uri.scheme === 'file' && vscode.workspace.getWorkspaceFolder(uri) !== undefined;
  const where = selectionSourceLabel({ scheme: uri.scheme, path: uri.path, line: editor.selection.start.line + 1, ...(inWorkspace ? { relative: vscode.workspace.asRelativePath(uri, false) } : {}) });
  const fence = '`'.repeat(Math.max(3, ...[...selected.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return addIncidentNote(incidents, `From ${where}:\n${fence}\n${selected.replace(/\n$/, '')}\n${fence}`);
}

/** Runbooks: Resolve Incident — marks it resolved and opens the postmortem draft. */
export async function resolveIncident(incidents: IncidentService, skipConfirm?: unknown): Promise<vscode.Uri | undefined> {
  const incident = await incidents.active();
  if (!incident?.meta) {
    void vscode.window.showInformationMessage('No active incident to resolve.');
    return undefined;
  }
  if (skipConfirm !== true) {
    const choice = await vscode.window.showWarningMessage(`Resolve "${incident.meta.title}"?`, { modal: true, detail: 'Sets its status and end time and writes a postmortem draft next to it.' }, 'Resolve');
    if (choice !== 'Resolve') return undefined;
  }
  const postmortem = await incidents.resolve();
  await vscode.window.showTextDocument(postmortem, { preview: false });
  return postmortem;
}

/** Runbooks: Open Active Incident. */
export async function openIncident(incidents: IncidentService): Promise<void> {
  const incident = await incidents.active();
  if (!incident) {
    void vscode.window.showInformationMessage('No active incident.');
    return;
  }
  await vscode.window.showTextDocument(incidents.uriOf(incident), { preview: false });
}

/** The status bar item's menu. */
export async function incidentActions(): Promise<void> {
  const actions = [
    { label: '$(note) Add Note…', command: CommandId.addIncidentNote },
    { label: '$(selection) Add Selection as Note', command: CommandId.addSelectionAsNote },
    { label: '$(go-to-file) Open Incident File', command: CommandId.openIncident },
    { label: '$(history) Attach Runs Since the Incident Started', command: CommandId.attachRunsToIncident },
    { label: '$(pass) Resolve Incident…', command: CommandId.resolveIncident },
  ];
  const chosen = await vscode.window.showQuickPick(actions, { placeHolder: 'Incident actions' });
  if (chosen) await vscode.commands.executeCommand(chosen.command);
}
