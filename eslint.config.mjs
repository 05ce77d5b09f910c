// Lint: typescript-eslint's recommended rules, plus the architecture rule of HOUSE_STYLE.md:
// core is pure (no host modules), node adapters never see vscode, the CLI never sees vscode.
import tseslint from 'typescript-eslint';

const hostModules = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'child_process', 'node:child_process', 'os', 'node:os', 'simple-git', 'worker_threads', 'node:worker_threads'];
const restrict = (names, message) => ({
  'no-restricted-imports': ['error', { paths: names.map((name) => ({ name, message })), patterns: [{ group: ['**/vscode/**', '**/cli/**', '**/node/**'], message }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.vscode-test/**', 'node_modules/**', 'examples/**', 'test/fixtures/**', 'bench/.corpus/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  { files: ['src/core/**/*.ts'], rules: restrict(['vscode', ...hostModules], 'src/core is pure: put host access behind a port implemented in src/node.') },
  {
    files: ['src/node/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/node adapters are shared with the CLI: no vscode here.' }], patterns: [{ group: ['**/vscode/**', '**/cli/**'], message: 'src/node must not depend on the faces.' }] }] },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The CLI runs without VS Code.' }], patterns: [{ group: ['**/vscode/**'], message: 'The CLI must not depend on the extension.' }] }] },
  },
  { files: ['scripts/**/*.mjs', 'esbuild.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', __dirname: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', Buffer: 'readonly' } } },
);
