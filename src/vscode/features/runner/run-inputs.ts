import * as vscode from 'vscode';
import type { BlockInput } from '../../../core/runner/types';

/**
 * Asks for the inputs a block needs that the environment does not set: once per session (or
 * until the remembered value is cleared), masked when the name looks secret. Secrets are kept in
 * memory only. Resolves undefined when the user cancels.
 */
export class RunInputs {
  private readonly remembered = new Map<string, string>();

  async collect(inputs: BlockInput[], env: Record<string, string | undefined>): Promise<Record<string, string> | undefined> {
    const values: Record<string, string> = {};
    for (const input of inputs) {
      if (input.form === 'variable' && env[input.name] !== undefined) continue;
      const known = this.remembered.get(input.name);
      if (known !== undefined) {
        values[input.name] = known;
        continue;
      }
      const value = await vscode.window.showInputBox({
        title: `Value for ${input.form === 'placeholder' ? `<${input.name}>` : `$${input.name}`}`,
        prompt: input.secret ? 'Looks like a secret: it is masked, kept in memory only, and redacted from output.' : 'Remembered for this session.',
        value: input.defaultValue ?? '',
        password: input.secret,
        ignoreFocusOut: true,
      });
      if (value === undefined) return undefined;
      values[input.name] = value;
      this.remembered.set(input.name, value);
    }
    return values;
  }

  /** Forgets every remembered value. */
  clear(): void {
    this.remembered.clear();
  }
}
