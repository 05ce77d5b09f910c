// Runs in the extension host of the real workbench, as the "test suite" bench/extension-index.mjs
// hands to code-server: waits for the extension's cold index and writes what the extension
// recorded (doc counts, build time, time since activation began) to RUNBOOKS_BENCH_OUT.
const fs = require('node:fs');
const vscode = require('vscode');

exports.run = async function run() {
  const extension = vscode.extensions.getExtension('living-runbooks.living-runbooks');
  if (!extension) throw new Error('the extension under development is not loaded');
  const api = extension.isActive ? extension.exports : await extension.activate();
  await api.ready();
  const stats = api.indexStats();
  if (!stats) throw new Error('the index finished without a build');
  fs.writeFileSync(process.env.RUNBOOKS_BENCH_OUT, JSON.stringify({ ...stats, activationMs: Math.round(api.activationMs) }));
};
