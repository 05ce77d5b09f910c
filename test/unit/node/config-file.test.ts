import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ConfigFileError, loadConfigFile } from '../../../src/node/config-file';
import { makeTempDir, removeTempDir, writeTree } from '../support/temp-dir';

describe('loadConfigFile', () => {
  let root: string;

  beforeEach(async () => {
    root = await makeTempDir('config-file');
  });
  afterEach(() => removeTempDir(root));

  it('sets nothing when the folder has no config file', async () => {
    assert.deepEqual(await loadConfigFile(root), { staleness: {}, problems: [] });
  });

  it('reads .runbooks.yml, or else .runbooks.yaml, at the root', async () => {
    await writeTree(root, { '.runbooks.yaml': 'staleness:\n  staleThreshold: 3\n', 'ops/.runbooks.yml': 'staleness:\n  staleThreshold: 9\n' });
    assert.deepEqual(await loadConfigFile(root), { file: path.join(root, '.runbooks.yaml'), staleness: { staleThreshold: 3 }, problems: [] });
    await writeTree(root, { '.runbooks.yml': '\uFEFFstaleness:\n  weights:\n    commit: 2\n' });
    const both = await loadConfigFile(root);
    assert.deepEqual(both, {
      file: path.join(root, '.runbooks.yml'),
      staleness: { weights: { commit: 2 } },
      problems: [
        {
          ruleId: 'config.invalid',
          severity: 'error',
          message: 'Both `.runbooks.yml` and `.runbooks.yaml` exist; only `.runbooks.yml` is read. Move what `.runbooks.yaml` sets here and delete it.',
          line: 1,
          column: 1,
        },
      ],
    });
  });

  it('reads an explicit file instead, and rejects one that does not exist', async () => {
    await writeTree(root, { '.runbooks.yml': 'staleness:\n  staleThreshold: 3\n', 'ci/strict.yml': 'staleness:\n  staleThreshold: 0.5\n  bulkComitFiles: 10\n' });
    const strict = path.join(root, 'ci', 'strict.yml');
    assert.deepEqual(await loadConfigFile(root, strict), {
      file: strict,
      staleness: { staleThreshold: 0.5 },
      problems: [{ ruleId: 'config.invalid', severity: 'error', message: '`staleness.bulkComitFiles` is not a setting; did you mean `bulkCommitFiles`?', line: 3, column: 3 }],
    });
    const missing = path.join(root, 'missing.yml');
    await assert.rejects(loadConfigFile(root, missing), (error: Error) => error instanceof ConfigFileError && error.message === `config file ${missing} does not exist`);
  });

  it('reports bytes that are not UTF-8 as a problem, and rejects a config path that cannot be read', async () => {
    await writeTree(root, { '.runbooks.yml': Buffer.from([0x73, 0x74, 0x61, 0x6c, 0x65, 0x6e, 0x65, 0x73, 0x73, 0x3a, 0x0a, 0x23, 0xff, 0x0a]) });
    assert.deepEqual((await loadConfigFile(root)).problems, [{ ruleId: 'config.invalid', severity: 'error', message: 'The config file is not valid UTF-8; re-save it as UTF-8.', line: 2, column: 1 }]);
    await fs.rm(path.join(root, '.runbooks.yml'));
    await fs.mkdir(path.join(root, '.runbooks.yml'));
    await assert.rejects(loadConfigFile(root), (error: Error) => error instanceof ConfigFileError && error.message.startsWith(`cannot read config file ${path.join(root, '.runbooks.yml')}: EISDIR`));
  });
});
