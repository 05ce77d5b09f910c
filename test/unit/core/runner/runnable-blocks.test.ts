import assert from 'node:assert/strict';
import { parseDoc } from '../../../../src/core/parse-doc';
import { blocksInSection, findBlock, runnableBlocks } from '../../../../src/core/runner/runnable-blocks';

const RUNBOOK = `---
title: KubePodCrashLooping
alerts: [KubePodCrashLooping]
---
# KubePodCrashLooping

Before anything else, check you are on the right cluster:

\`\`\`sh
kubectl config current-context
\`\`\`

## Diagnosis

\`\`\`bash
kubectl -n <namespace> get pods
\`\`\`

\`\`\`console
$ kubectl -n <namespace> logs <pod> --previous | tail -n 50
Error: connection refused
\`\`\`

### Events

\`\`\`sh {name=events timeout=20 expect="exit=0 output=/Warning/"}
kubectl -n <namespace> get events --field-selector involvedObject.name=<pod>
\`\`\`

\`\`\`yaml
apiVersion: v1
\`\`\`

\`\`\`sh {ignore=true}
kubectl -n <namespace> delete pod <pod>
\`\`\`

## Mitigation

\`\`\`sh {"name":"restart","confirm":true,"excludeFromRunAll":true}
kubectl -n <namespace> rollout restart deployment/<deployment>
\`\`\`

\`\`\`bash {kind=check cwd=../deploy}
./scripts/show-replicas.sh
\`\`\`

\`\`\`sh {"ignore":true}
rm -rf /tmp/cache
\`\`\`

\`\`\`zsh {kind=read-only interactive}
k9s -n $NAMESPACE
\`\`\`
`;

describe('runnableBlocks', () => {
  const doc = parseDoc('runbooks/kubernetes/KubePodCrashLooping.md', RUNBOOK);
  const blocks = runnableBlocks(doc);

  it('lists the shell blocks in document order, leaving out other languages and ignored blocks', () => {
    assert.deepEqual(
      blocks.map((b) => [b.index, b.name, b.lang, b.line]),
      [
        [0, 'kubepodcrashlooping-1', 'sh', 9],
        [1, 'diagnosis-1', 'bash', 15],
        [2, 'diagnosis-2', 'console', 19],
        [3, 'events', 'sh', 26],
        [4, 'restart', 'sh', 40],
        [5, 'mitigation-2', 'bash', 44],
        [6, 'mitigation-3', 'zsh', 52],
      ],
    );
  });

  it('names a block before any heading block-<n>', () => {
    const early = runnableBlocks(parseDoc('notes.md', '```sh\nuptime\n```\n\n# Later\n\n```sh\ndf -h\n```\n'));
    assert.deepEqual(early.map((b) => b.name), ['block-1', 'later-1']);
  });

  it('decides the kind from the attribute or, without one, from the commands', () => {
    assert.deepEqual(
      blocks.map((b) => [b.name, b.kind, b.kindReason]),
      [
        ['kubepodcrashlooping-1', 'check', 'only reads: `kubectl config current-context`'],
        ['diagnosis-1', 'check', 'only reads: `kubectl get`'],
        ['diagnosis-2', 'check', 'only reads: `kubectl logs`, `tail`'],
        ['events', 'check', 'only reads: `kubectl get`'],
        ['restart', 'change', '`kubectl rollout restart` changes state'],
        ['mitigation-2', 'check', 'marked `kind=check`'],
        ['mitigation-3', 'check', 'marked `kind=read-only`'],
      ],
    );
  });

  it('strips prompts and output from console blocks and finds the inputs', () => {
    const logs = blocks[2]!;
    assert.equal(logs.script, 'kubectl -n <namespace> logs <pod> --previous | tail -n 50');
    assert.deepEqual(logs.inputs, [
      { name: 'namespace', form: 'placeholder', secret: false },
      { name: 'pod', form: 'placeholder', secret: false },
    ]);
  });

  it('reads timeout, expect, cwd, confirm and interactive', () => {
    const pick = (b: (typeof blocks)[number]) => ({ timeoutSeconds: b.timeoutSeconds, expect: b.expect, cwd: b.cwd, confirm: b.confirm, interactive: b.interactive });
    assert.deepEqual(pick(blocks[3]!), { timeoutSeconds: 20, expect: { exitCodes: [0], outputPattern: 'Warning' }, cwd: '.', confirm: false, interactive: false });
    assert.deepEqual(pick(blocks[4]!), { timeoutSeconds: undefined, expect: { exitCodes: [0] }, cwd: '.', confirm: true, interactive: false });
    assert.deepEqual(pick(blocks[5]!), { timeoutSeconds: undefined, expect: { exitCodes: [0] }, cwd: '../deploy', confirm: false, interactive: false });
    assert.deepEqual(pick(blocks[6]!), { timeoutSeconds: undefined, expect: { exitCodes: [0] }, cwd: '.', confirm: false, interactive: true });
  });

  it('keeps every attribute as written, Runme ones included', () => {
    assert.deepEqual(blocks[4]!.attributes, { name: 'restart', confirm: true, excludeFromRunAll: true });
  });

  it('runs configured extra languages', () => {
    const doc = parseDoc('r.md', '# R\n\n```fish\nuptime\n```\n\n```PowerShell\nGet-Process\n```\n');
    assert.deepEqual(runnableBlocks(doc).map((b) => b.lang), []);
    assert.deepEqual(runnableBlocks(doc, { extraLanguages: ['fish', ' PowerShell '] }).map((b) => b.lang), ['fish', 'powershell']);
  });

  it('warns about attributes it ignores, counts an unknown kind as a change, and refuses a timeout that does not parse', () => {
    const doc = parseDoc(
      'runbooks/r.md',
      '# R\n\n```sh {timeout=soon expect=ready kind=maybe cwd=../../..}\nuptime\n```\n\n```sh {timeout=0}\nuptime\n```\n',
    );
    const [first, second] = runnableBlocks(doc);
    assert.equal(first!.timeoutSeconds, undefined);
    assert.equal(first!.kind, 'change');
    assert.equal(first!.kindReason, '`kind=maybe` is neither check nor change, so it counts as a change');
    assert.deepEqual(first!.warnings, [
      '`kind=maybe` is neither check nor change; the block counts as a change.',
      'cannot read `expect=ready`; write exit codes (`0,1`), a regex (`/ready/`) or both (`exit=0 output=/ready/`); exit code 0 decides instead.',
      "The block's `cwd=../../..` leaves the workspace; give a folder inside it, relative to the runbook.",
    ]);
    assert.deepEqual(first!.invalidAttributes, [
      { name: 'timeout', message: '`timeout`: `soon` is not a duration; use `90` (seconds), `2s`, `1500ms`, `5m`, `1h30m`' },
    ]);
    assert.deepEqual(second!.invalidAttributes, [{ name: 'timeout', message: '`timeout`: `0` is not above zero; use `90` (seconds), `2s`, `1500ms`, `5m`, `1h30m`' }]);
    assert.equal(second!.warnings, undefined);
  });

  it('reads timeouts with units', () => {
    const doc = parseDoc('r.md', ['2s', '90s', '5m', '1h30m', '1500ms', '45', '"2.5"'].map((t) => `\`\`\`sh {timeout=${t}}\nuptime\n\`\`\`\n`).join('\n'));
    assert.deepEqual(runnableBlocks(doc).map((b) => b.timeoutSeconds), [2, 90, 300, 5400, 1.5, 45, 2.5]);
    assert.deepEqual(doc.findings, []);
  });

  it('puts a block.invalid-attribute finding on the fence line of a block whose timeout does not parse', () => {
    const doc = parseDoc('r.md', '# R\n\ntext\n\n```bash {timeout=2x}\nuptime\n```\n');
    assert.deepEqual(doc.findings, [
      {
        ruleId: 'block.invalid-attribute',
        severity: 'error',
        message: '`timeout`: `2x` is not a duration; use `90` (seconds), `2s`, `1500ms`, `5m`, `1h30m`. The block will not run until it is fixed.',
        line: 5,
      },
    ]);
  });

  it('takes the commands after the prompts of a bash block and counts the sample output', () => {
    const doc = parseDoc('r.md', '# R\n\n```bash\n$ oc get nodes\nNAME   STATUS\nnode1  Ready\n```\n\n```bash\noc get nodes\n```\n');
    const [prompted, plain] = runnableBlocks(doc);
    assert.equal(prompted!.script, 'oc get nodes');
    assert.deepEqual(prompted!.prompted, { outputLines: 2 });
    assert.equal(prompted!.kind, plain!.kind);
    assert.equal(plain!.prompted, undefined);
  });

  it('asks for confirmation when the attributes cannot be read at all', () => {
    const doc = parseDoc('r.md', '# R\n\n```sh {"kind": "check", }\nuptime\n```\n');
    const [block] = runnableBlocks(doc);
    assert.equal(block!.confirm, true);
    assert.equal(block!.warnings!.length, 1);
    assert.match(block!.warnings![0]!, /^The block's attributes could not be read \(.+\); it asks for confirmation before it runs\.$/);
  });

  it('accepts a timeout written as a quoted number', () => {
    const doc = parseDoc('r.md', '# R\n\n```sh {"timeout":"45"}\nuptime\n```\n');
    assert.equal(runnableBlocks(doc)[0]!.timeoutSeconds, 45);
  });
});

describe('findBlock', () => {
  const blocks = runnableBlocks(parseDoc('runbooks/r.md', RUNBOOK));

  it('finds a block by name', () => {
    assert.equal(findBlock(blocks, 'events')?.index, 3);
    assert.equal(findBlock(blocks, ' diagnosis-2 ')?.index, 2);
  });

  it('finds a block by index', () => {
    assert.equal(findBlock(blocks, '0')?.name, 'kubepodcrashlooping-1');
    assert.equal(findBlock(blocks, '6')?.name, 'mitigation-3');
  });

  it('prefers a name that looks like a number', () => {
    const named = runnableBlocks(parseDoc('r.md', '# R\n\n```sh\nuptime\n```\n\n```sh {name=0}\ndf -h\n```\n'));
    assert.equal(findBlock(named, '0')?.script, 'df -h');
  });

  it('returns undefined when nothing matches', () => {
    assert.equal(findBlock(blocks, 'nope'), undefined);
    assert.equal(findBlock(blocks, '7'), undefined);
    assert.equal(findBlock(blocks, '-1'), undefined);
  });
});

describe('blocksInSection', () => {
  const doc = parseDoc('runbooks/r.md', RUNBOOK);
  const blocks = runnableBlocks(doc);

  it('returns the blocks of a section and its sub-sections, by heading text in any case', () => {
    assert.deepEqual(blocksInSection(doc, blocks, 'diagnosis').map((b) => b.name), ['diagnosis-1', 'diagnosis-2', 'events']);
    assert.deepEqual(blocksInSection(doc, blocks, 'EVENTS').map((b) => b.name), ['events']);
  });

  it('accepts the slug, with or without #', () => {
    assert.deepEqual(blocksInSection(doc, blocks, '#mitigation').map((b) => b.name), ['restart', 'mitigation-2', 'mitigation-3']);
    assert.deepEqual(blocksInSection(doc, blocks, 'kubepodcrashlooping').length, 7);
  });

  it('returns nothing for an unknown heading', () => {
    assert.deepEqual(blocksInSection(doc, blocks, 'Escalation'), []);
  });
});
