import * as vscode from 'vscode';

/** A question whose only answer is a name typed in full: where a command would run. */
export interface TypeRequest {
  /** `override`: the context guard refused and "Run anyway" was offered; `confirm`: a production change. */
  kind: 'override' | 'confirm';
  title: string;
  detail: string;
  /** What must be typed. */
  name: string;
}

/** Answers a `TypeRequest` with what the person typed (undefined: they did not). The extension uses dialogs; tests may swap it. */
export type Typer = (request: TypeRequest) => Promise<string | undefined>;

/**
 * For a refusal: a modal warning naming both targets with one button, "Run anyway…", which leads
 * to an input box that accepts only the name. For a production change: the input box at once.
 */
export const dialogTyper: Typer = async (request) => {
  if (request.kind === 'override') {
    const choice = await vscode.window.showWarningMessage(request.title, { modal: true, detail: request.detail }, 'Run anyway…');
    if (choice !== 'Run anyway…') return undefined;
  }
  return vscode.window.showInputBox({
    title: request.title,
    prompt: `${request.kind === 'override' ? 'To run it anyway, type' : 'This changes production. To run it, type'} ${request.name}`,
    placeHolder: request.name,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === request.name ? undefined : `Type ${request.name} exactly`),
  });
};
