import assert from 'node:assert/strict';
import { walkCalls } from '../../../../src/core/commands/block-walk';
import { parseDoc } from '../../../../src/core/parse-doc';
import { runnableBlocks } from '../../../../src/core/runner/runnable-blocks';
import { brief, driftOf } from './drift-fixture';

// contour site/content/docs/*/deploy-options.md: "You should see something like:" then an `sh` block of
// `kubectl get` output, whose rows (`pod/kuard-…`, `service/kuard`) were read as scripts to run.
const DOC = [
  '# Deploy',
  '',
  '```sh',
  '$ ./hack/deploy.sh',
  '$ kubectl get po,svc -l app=kuard',
  '```',
  '',
  'You should see something like:',
  '',
  '```sh',
  'NAME                        READY     STATUS    RESTARTS   AGE',
  'pod/kuard-bcc7bf7df-9hj8d   1/1       Running   0          1h',
  '',
  'NAME            TYPE        CLUSTER-IP       EXTERNAL-IP   PORT(S)   AGE',
  'service/kuard   ClusterIP   10.102.239.168   <none>        80/TCP    1h',
  '```',
  '',
  '```sh',
  './hack/status.sh',
  'NAME     READY   NOMINATED NODE',
  'pod/web  1/1     <none>',
  '```',
  '',
].join('\n');

describe('command drift: sample output in a block without prompts', () => {
  const files = { 'hack/deploy.sh': '#!/bin/sh\n', 'hack/status.sh': '#!/bin/sh\n', 'service/main.go': 'package main\n', 'pod/main.go': 'package main\n', 'docs/deploy.md': DOC };

  it('reads the lines from a column header on (NAME  READY  STATUS) as output, not commands', () => {
    const doc = parseDoc('docs/deploy.md', DOC);
    const calls = [...walkCalls(doc, runnableBlocks(doc), { hasDir: (d) => ['', 'hack', 'service', 'pod', 'docs'].includes(d) })];
    assert.deepEqual(calls.map((c) => `${c.line} ${c.call.kind === 'script' ? c.call.path : c.call.kind}`), ['4 ./hack/deploy.sh', '19 ./hack/status.sh']);
  });

  it('reports no missing script for the rows of the output', async () => {
    const doc = '# Status\n\n```sh\n./hack/deploy.sh\n./hack/status.sh\n```\n\n```sh\nNAME            TYPE        CLUSTER-IP\nservice/kuard   ClusterIP   10.102.239.168\n```\n';
    assert.deepEqual(brief(await driftOf({ ...files, 'docs/deploy.md': doc })), []);
    // The same row as a command is reported: the folder exists.
    assert.deepEqual(brief(await driftOf({ ...files, 'docs/deploy.md': doc.replace('NAME            TYPE        CLUSTER-IP\n', '') })), ['docs/deploy.md:9 command.missing-script']);
  });

  it('still reads the lines after one that only looks like a header: assignments, a single upper-case word', () => {
    const doc = parseDoc('a.md', '# A\n\n```sh\nENV=PROD  REGION=EU  ./hack/deploy.sh\nEOF\n./hack/status.sh\n```\n');
    const calls = [...walkCalls(doc, runnableBlocks(doc), { hasDir: () => true })];
    assert.deepEqual(calls.map((c) => `${c.line} ${c.call.kind === 'script' ? c.call.path : c.call.kind}`), ['4 ./hack/deploy.sh', '6 ./hack/status.sh']);
  });

  // A here-document's body is the command's input, not its output: a table written into a file
  // (`cat > hosts.txt <<EOF` then `HOST   ROLE`) leaves the commands after it to be read.
  it('keeps reading after a here-document whose body looks like a column header', () => {
    const body = ['cat > inventory.txt <<EOF', 'HOST        ROLE', 'db-1        primary', 'EOF', './hack/deploy.sh --inventory inventory.txt', 'kubectl get pods', 'NAME     READY', 'web-1    1/1', './hack/not-run.sh'].join('\n');
    const doc = parseDoc('a.md', `# A\n\n\`\`\`bash\n${body}\n\`\`\`\n`);
    const calls = [...walkCalls(doc, runnableBlocks(doc), { hasDir: () => true })];
    assert.deepEqual(calls.map((c) => `${c.line} ${c.call.kind === 'script' ? c.call.path : c.call.kind}`), ['8 ./hack/deploy.sh']);
  });

  // node-feature-discovery docs/developer-guide/index.md:128: `make IMAGE_REGISTRY=<my custom registry uri>` is a
  // template; the shell would read `<my` and `uri>` as redirections and `custom registry` as targets.
  it('reads no call from a command holding a placeholder of several words (<my custom registry uri>)', () => {
    const body = ['make IMAGE_REGISTRY=<my custom registry uri>', './hack/deploy.sh --name <cluster name> now', './hack/run.sh <input.txt 2>err.log', 'cat <<EOF >out.txt', 'x', 'EOF', 'make image'].join('\n');
    const doc = parseDoc('a.md', `# A\n\n\`\`\`bash\n${body}\n\`\`\`\n`);
    const calls = [...walkCalls(doc, runnableBlocks(doc), { hasDir: () => true })];
    assert.deepEqual(calls.map((c) => `${c.line} ${c.call.kind === 'script' ? c.call.path : c.call.kind === 'target' ? c.call.targets.join(',') : c.call.kind}`), ['6 ./hack/run.sh', '10 image']);
  });

  // ceph-csi docs/disaster-recovery.md:39: `kubectl create -f …` and, after a blank line, what it printed.
  it('reads a line that is what kubectl printed (kind/name created, configured…) as output', () => {
    const body = ['kubectl create -f examples/rbd/storageclass.yaml --context=cluster-2', '', ' storageclass.storage.k8s.io/csi-rbd-sc created', 'service/kuard configured', 'deployment.apps/web unchanged', 'pod/web condition met', './hack/status.sh'].join('\n');
    const doc = parseDoc('a.md', `# A\n\n\`\`\`bash\n${body}\n\`\`\`\n`);
    const calls = [...walkCalls(doc, runnableBlocks(doc), { hasDir: () => true })];
    assert.deepEqual(calls.map((c) => `${c.line} ${c.call.kind === 'script' ? c.call.path : c.call.kind}`), ['10 ./hack/status.sh']);
  });
});
