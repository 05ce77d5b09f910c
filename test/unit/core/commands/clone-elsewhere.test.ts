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

  // awx tools/docker-compose/README.md:96: "you can check out receptor and build it like this:" then
  // `make container`, a target of receptor's Makefile; the next block is awx's again.
  const LEAD = (lead: string) => ['# Receptor', '', 'The image comes from receptor.', lead, '', '```bash', 'make container', '```', '', 'Then use it here:', '', '```bash', 'make conformance', 'make setup', 'make setpu', '```', ''].join('\n');

  it('says nothing about a block whose lead sentence sends the reader to another repository\'s checkout', async () => {
    for (const lead of [
      'If you need to create a new receptor image, you can check out receptor and build it like this:',
      'Clone the `ansible/receptor` repository and run:',
      'In the receptor repo, run:',
      'From a checkout of kubernetes/kubernetes:',
    ]) assert.deepEqual(brief(await driftOf({ Makefile: MAKEFILE, 'docs/receptor.md': LEAD(lead) }, { repoNames: ['gateway'] })), ['docs/receptor.md:15 command.missing-target'], lead);
  });

  it('still checks a block whose lead names this repository, or checks out something that is not a repository', async () => {
    // Leads seen on public repositories that name no other checkout (jaeger AGENTS.md, CONTRIBUTING_GUIDELINES.md and
    // pr-quota-manager, minikube's contributor guide, tekton pipeline DEVELOPMENT.md, linkerd2 CHANGES.md).
    const ownCheckout = [
      'If checking out a fresh repository, initialize submodules:', 'After you clone your forked repo, running below command', 'Process quota for a specific user in the default repository:',
      'After forking gateway you can clone for best practices use the following instruction:', 'Create a clone of your fork on your local machine:', 'At this point the Helm charts can be retrieved from the stable repo:',
      // knative serving test/performance/README.md, rook's PVC clone guide.
      'Check out what the script does. Basically just run:', 'Create a new PVC Clone from the PVC',
    ];
    for (const lead of ['In the gateway repository, run:', 'Check out the docs below, then run:', 'Check out this branch and build it:', 'Clone it and run:', ...ownCheckout]) {
      assert.deepEqual(brief(await driftOf({ Makefile: MAKEFILE, 'docs/receptor.md': LEAD(lead) }, { repoNames: ['gateway'] })), ['docs/receptor.md:7 command.missing-target', 'docs/receptor.md:15 command.missing-target'], lead);
    }
  });
});
