import * as assert from 'node:assert/strict';
import { chooseNodedir, explainMissingHeaders, nodedirCandidates } from '../../../scripts/lib/node-headers.mjs';

/** A file system that holds exactly these files. */
const only = (...files: string[]) => (file: string) => files.includes(file);

describe('node headers for the code-server install', () => {
  it('uses the prefix next to the running node when it holds node.h and common.gypi', () => {
    const choice = chooseNodedir({
      execPath: '/usr/bin/node',
      nodePrefix: '/',
      env: {},
      exists: only('/usr/include/node/node.h', '/usr/include/node/common.gypi'),
    });
    assert.deepEqual(choice, { nodedir: '/usr', source: 'node' });
  });

  it('falls back to the configured prefix when the executable is linked from elsewhere', () => {
    const choice = chooseNodedir({
      execPath: '/opt/bin/node',
      nodePrefix: '/usr/local',
      env: {},
      exists: only('/usr/local/include/node/node.h', '/usr/local/include/node/common.gypi'),
    });
    assert.deepEqual(choice, { nodedir: '/usr/local', source: 'node' });
  });

  it('keeps an npm_config_nodedir the caller already set', () => {
    const choice = chooseNodedir({ execPath: '/usr/bin/node', env: { npm_config_nodedir: '/srv/node-20' }, exists: only() });
    assert.deepEqual(choice, { nodedir: '/srv/node-20', source: 'environment' });
  });

  it('reports the folders it tried when no folder has the headers', () => {
    const choice = chooseNodedir({ execPath: '/usr/bin/node', nodePrefix: '/usr/local', env: {}, exists: only() });
    assert.deepEqual(choice, { nodedir: undefined, tried: ['/usr', '/usr/local'] });
  });

  it('does not count a folder with node.h but no common.gypi', () => {
    const choice = chooseNodedir({ execPath: '/usr/bin/node', nodePrefix: '/usr', env: {}, exists: only('/usr/include/node/node.h') });
    assert.deepEqual(choice, { nodedir: undefined, tried: ['/usr'] });
  });

  it('finds the headers of the node running this test', () => {
    // The machines this project runs on use a Node that ships its headers (see the issue).
    const choice = chooseNodedir({ env: {} });
    assert.equal(choice.nodedir !== undefined, true, `no headers found: ${JSON.stringify(choice)}`);
  });

  it('lists each prefix once', () => {
    assert.deepEqual(nodedirCandidates({ execPath: '/usr/bin/node', nodePrefix: '/usr' }), ['/usr']);
    assert.deepEqual(nodedirCandidates({ execPath: '/usr/bin/node', nodePrefix: 'relative' }), ['/usr']);
  });

  it('explains an offline header download in one message that names the package to install', () => {
    const log = [
      'npm error gyp info using node-gyp@10.2.0',
      'npm error gyp http GET https://nodejs.org/download/release/v20.20.2/node-v20.20.2-headers.tar.gz',
      'npm error gyp ERR! stack FetchError: request to https://nodejs.org/... failed, reason: getaddrinfo ENOTFOUND nodejs.org',
      'npm error gyp ERR! stack This is most likely not a problem with node-gyp or the package itself',
      'npm error gyp ERR! stack and is related to network connectivity. In most cases you are behind a proxy or have bad',
    ].join('\n');
    assert.equal(
      explainMissingHeaders(log, ['/usr', '/usr/local']),
      "Node's C headers are not on this machine and node-gyp could not download them (no network).\n" +
        "code-server's native modules need them to build. Looked for include/node/node.h in: /usr, /usr/local.\n" +
        "Install your Node distribution's headers package (Debian's nodejs: apt-get install -y libnode-dev; " +
        "NodeSource's nodejs ships them in /usr/include/node), or set npm_config_nodedir to a folder " +
        'that holds include/node/node.h.',
    );
  });

  it('leaves other install failures to the full log', () => {
    assert.equal(explainMissingHeaders('npm error code E404\nnpm error 404 Not Found - GET https://registry/x', ['/usr']), undefined);
  });
});
