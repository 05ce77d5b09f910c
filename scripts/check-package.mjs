// Packages the extension with vsce and checks that the .vsix holds exactly the allowlisted files.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vsce = path.join(repo, 'node_modules', '.bin', 'vsce');
const EXPECTED = [
  'CHANGELOG.md',
  'LICENSE',
  'README.md',
  'dist/cli.js',
  'dist/extension.js',
  'dist/parse-worker.js',
  'dist/diff-worker.js',
  'media/runbooks.svg',
  'package.json',
  'snippets/markdown.json',
];
const MAX_BUNDLE_BYTES = 1.5 * 1024 * 1024;

const run = (args) => execFileSync(vsce, args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const listed = run(['ls', '--no-dependencies'])
  .split('\n')
  .map((l) => l.trim())
  .filter(Boolean)
  .sort();
const missing = EXPECTED.filter((f) => !listed.includes(f));
const extra = listed.filter((f) => !EXPECTED.includes(f) && !f.startsWith('media/'));
const vsix = path.join(repo, 'out', 'living-runbooks.vsix');
rmSync(vsix, { force: true });
// Relative README links (screenshots) stay relative: there is no public repository URL to rewrite them to.
run(['package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix]);
const bundle = statSync(path.join(repo, 'dist', 'extension.js')).size;
const problems = [];
if (missing.length) problems.push(`missing from the package: ${missing.join(', ')}`);
if (extra.length) problems.push(`not allowlisted but packaged: ${extra.join(', ')}`);
if (!existsSync(vsix)) problems.push('vsce package produced no .vsix');
if (bundle > MAX_BUNDLE_BYTES) problems.push(`dist/extension.js is ${(bundle / 1024).toFixed(0)} KiB, over the 1.5 MiB budget`);
if (problems.length) {
  console.error(`package check failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`package check: ${listed.length} files as allowlisted, ${path.relative(repo, vsix)} ${(statSync(vsix).size / 1024).toFixed(0)} KiB, extension bundle ${(bundle / 1024).toFixed(0)} KiB`);
