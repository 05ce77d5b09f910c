// Bundles the two faces of Living Runbooks: the VS Code extension and the `runbooks` CLI.
// Type-checking is separate (`npm run typecheck`); esbuild only strips types.
const esbuild = require('esbuild');

const watch = process.argv.includes('--watch');
const production = !process.argv.includes('--dev');

/** @type {import('esbuild').BuildOptions} */
const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'inline',
  minify: production,
  logLevel: 'info',
  legalComments: 'none',
};

const builds = [
  { ...shared, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...shared, entryPoints: ['src/cli/index.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // Parses documents on worker threads for the extension and the CLI (found next to them in dist/).
  { ...shared, entryPoints: ['src/node/parse-worker.ts'], outfile: 'dist/parse-worker.js' },
  { ...shared, entryPoints: ['src/node/diff-worker.ts'], outfile: 'dist/diff-worker.js' },
  // The integration suite runs inside the extension host; mocha stays external (resolved from node_modules).
  {
    ...shared,
    minify: false,
    sourcemap: 'inline',
    entryPoints: ['test/integration/index.ts'],
    outfile: 'out/test/integration/index.js',
    external: ['vscode', 'mocha'],
  },
  {
    ...shared,
    minify: false,
    sourcemap: 'inline',
    entryPoints: ['test/integration/restricted-mode.ts'],
    outfile: 'out/test/integration/restricted-mode.js',
    external: ['vscode', 'mocha'],
  },
  {
    ...shared,
    minify: false,
    sourcemap: 'inline',
    entryPoints: ['test/integration/first-contact.ts'],
    outfile: 'out/test/integration/first-contact.js',
    external: ['vscode', 'mocha'],
  },
];

async function main() {
  if (watch) {
    const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(builds.map((b) => esbuild.build(b)));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
