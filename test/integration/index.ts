// Entry of the integration suite, run inside a real VS Code extension host (desktop VS Code via
// @vscode/test-electron, or code-server via scripts/run-vscode-tests.mjs). Bundled by esbuild;
// mocha stays external and is resolved from node_modules.
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'integration', mocha);
  // Loaded after pre-require so `describe`/`it` exist; the order is the order the tests run in.
  require('./activation.test');
  require('./tree.test');
  require('./search.test');
  require('./alert.test');
  require('./diagnostics.test');
  require('./new-runbook.test');
  require('./alerts.test');
  require('./run.test');
  require('./context-guard.test');
  require('./incident.test');
  require('./staleness.test');
  require('./command-drift.test');
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
