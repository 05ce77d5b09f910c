import * as vscode from 'vscode';

/** The "Living Runbooks" output channel: full errors go here, the user sees one line. */
export class Logger implements vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel('Living Runbooks', { log: true });

  info(message: string): void {
    this.channel.info(message);
  }

  error(context: string, error: unknown): void {
    this.channel.error(`${context}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }

  /**
   * Wraps a command handler so it catches once: the full error goes to the output channel and the
   * user gets one clear line with a button to see the details.
   */
  command<A extends unknown[]>(name: string, handler: (...args: A) => unknown): (...args: A) => Promise<unknown> {
    return async (...args: A) => {
      try {
        return await handler(...args);
      } catch (error) {
        this.error(name, error);
        const choice = await vscode.window.showErrorMessage(`${name} failed: ${error instanceof Error ? error.message : String(error)}`, 'Show Log');
        if (choice === 'Show Log') this.channel.show(true);
        return undefined;
      }
    };
  }

  dispose(): void {
    this.channel.dispose();
  }
}
