import assert from 'node:assert/strict';
import { brief, driftOf } from './drift-fixture';

const MAKEFILE = 'conformance:\n\tgo test ./conformance\nsetup:\n\ttrue\n';
/** A conformance report of another implementation (gateway-api's conformance/reports/…/kgateway/README.md). */
const OTHER = [
  '# kgateway', '', '1. Clone the kgateway repository:', '', '```sh', 'git clone https://github.com/kgateway-dev/kgateway.git && cd kgateway', '```', '',
  '2. Bootstrap:', '', '```sh', 'make setup-base', '```', '', '3. Run:', '', '```sh', 'make conformance', '```', '',
].join('\n');
/** The project's own install guide, which clones the project itself first. */
const OWN = [
  '# Install', '', '```sh', 'git clone https://github.com/example/gateway.git', 'cd gateway', 'make setup', 'make setpu', '```', '', '```sh', 'make conformance', '```', '',
].join('\n');

describe('command drift after a git clone', () => {
  it('says nothing about the commands after a clone of another repository (they run in that checkout)', async () => {
    assert.deepEqual(brief(await driftOf({ Makefile: MAKEFILE, 'conformance/reports/kgateway/README.md': OTHER }, { repoNames: ['gateway'] })), []);
  });

  it('keeps checking after a clone of this repository, a `cd` into the clone going to its root', async () => {
    assert.deepEqual(brief(await driftOf({ Makefile: MAKEFILE, 'docs/install.md': OWN }, { repoNames: ['gateway'] })), ['docs/install.md:7 command.missing-target']);
    assert.deepEqual(brief(await driftOf({ Makefile: MAKEFILE, 'docs/install.md': OWN.replace('gateway.git', 'gateway.git gw').replace('cd gateway', 'cd gw') }, { repoNames: ['Gateway'] })), ['docs/install.md:7 command.missing-target']);
  });

  it('takes any clone for another repository when the repository\'s names are not known', async () => {
    assert.deepEqual(brief(await driftOf({ Makefile: MAKEFILE, 'docs/install.md': OWN })), []);
  });
});
