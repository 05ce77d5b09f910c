import * as vscode from 'vscode';
import type { ConfirmRequest } from '../../../core/runner/run-block';

export type { ConfirmRequest };

/** Decides whether a run may go ahead. The extension uses a modal dialog; tests may swap it. */
export type Confirmer = (request: ConfirmRequest) => Promise<boolean>;

/** A modal warning that shows the exact command, the directory and the context; only "Run" approves. */
export const modalConfirmer: Confirmer = async (request) => {
  const detail = [
    request.reason,
    '',
    request.command,
    '',
    `in ${request.cwd || '.'}`,
    ...(request.context.length ? ['', ...request.context] : []),
  ].join('\n');
  const choice = await vscode.window.showWarningMessage(request.title, { modal: true, detail }, 'Run');
  return choice === 'Run';
};
