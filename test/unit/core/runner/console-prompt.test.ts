import assert from 'node:assert/strict';
import { commandsFromBlock, scriptFromBlock } from '../../../../src/core/runner/console-prompt';

describe('scriptFromBlock', () => {
  it('keeps the commands of a console block without prompts and drops their output', () => {
    const block = [
      '$ kubectl get pods -n monitoring',
      'NAME                    READY   STATUS    RESTARTS   AGE',
      'prometheus-k8s-0        2/2     Running   0          3d',
      '$ kubectl top pod prometheus-k8s-0 -n monitoring',
      'NAME               CPU(cores)   MEMORY(bytes)',
    ].join('\n');
    assert.equal(scriptFromBlock('console', block), 'kubectl get pods -n monitoring\nkubectl top pod prometheus-k8s-0 -n monitoring');
  });

  it('takes `# ` as a root prompt', () => {
    assert.equal(scriptFromBlock('shell-session', '# systemctl status nginx\n● nginx.service - A high performance web server\n   Active: active (running)'), 'systemctl status nginx');
  });

  it('follows backslash continuations, with or without a `> ` prompt', () => {
    const block = ['$ kubectl -n monitoring \\', '>   get pods \\', '    -o wide', 'NAME   READY', '$ echo done', 'done'].join('\n');
    assert.equal(scriptFromBlock('terminal', block), 'kubectl -n monitoring \\\n  get pods \\\n    -o wide\necho done');
  });

  it('keeps `> ` lines right after a command (here-documents, open quotes)', () => {
    const block = ['$ cat <<EOF', '> hello', '> EOF', 'hello'].join('\n');
    assert.equal(scriptFromBlock('shellsession', block), 'cat <<EOF\nhello\nEOF');
  });

  it('does not take an output line that starts with `> ` for a continuation', () => {
    assert.equal(scriptFromBlock('console', '$ grep quote notes.md\nnotes.md line\n> a quoted line'), 'grep quote notes.md');
  });

  it('runs the whole block when no line has a prompt', () => {
    assert.equal(scriptFromBlock('console', 'kubectl get pods\nkubectl get svc'), 'kubectl get pods\nkubectl get svc');
  });

  it('returns a shell block without prompts as it is, comments included', () => {
    const block = '# Check the pods\nkubectl get pods\n$HOME/bin/check';
    assert.equal(scriptFromBlock('bash', block), block);
    assert.equal(scriptFromBlock('sh', block), block);
  });

  it('reads the language case-insensitively', () => {
    assert.equal(scriptFromBlock('Console', '$ uptime\n 10:00 up 3 days'), 'uptime');
  });

  it('treats an escaped trailing backslash as the end of the command', () => {
    assert.equal(scriptFromBlock('console', '$ echo \\\\\noutput'), 'echo \\\\');
  });
});

describe('commandsFromBlock in sh, bash, zsh and shell blocks', () => {
  for (const lang of ['sh', 'bash', 'zsh', 'shell']) {
    it(`runs the command after a \`$ \` prompt in a ${lang} block and drops the output`, () => {
      assert.deepEqual(commandsFromBlock(lang, '$ oc get nodes\nNAME      STATUS\nworker-0  Ready'), { script: 'oc get nodes', prompted: true, outputLines: 2 });
    });
  }

  const shapes: Array<[string, string]> = [
    ['$ oc get nodes', 'dollar'],
    ['% oc get nodes', 'zsh percent'],
    ['user@host:~$ oc get nodes', 'user@host:~$'],
    ['core@worker-0.example.com:/var/log$ oc get nodes', 'user@host:/path$'],
    ['root@bastion:~# oc get nodes', 'root@host:~#'],
    ['[root@master-0 ~]# oc get nodes', '[root@host ~]#'],
    ['[cloud-user@bastion tmp]$ oc get nodes', '[user@host dir]$'],
    ['sh-4.4$ oc get nodes', 'sh-4.4$ (a shell in a container)'],
    ['bash-5.1# oc get nodes', 'bash-5.1#'],
  ];
  for (const [line, name] of shapes) {
    it(`knows the ${name} prompt`, () => {
      assert.deepEqual(commandsFromBlock('bash', `${line}\nworker-0  Ready`), { script: 'oc get nodes', prompted: true, outputLines: 1 });
    });
  }

  it('never takes a bash comment for a root prompt, even next to prompted lines', () => {
    assert.deepEqual(commandsFromBlock('bash', '# list the nodes first\n$ oc get nodes\nworker-0  Ready\n# then the pods'), {
      script: 'oc get nodes',
      prompted: true,
      outputLines: 1,
    });
    assert.deepEqual(commandsFromBlock('bash', '# systemctl status nginx\n# journalctl -u nginx'), {
      script: '# systemctl status nginx\n# journalctl -u nginx',
      prompted: false,
      outputLines: 0,
    });
  });

  it('uses the prompted lines of a block that mixes prompted and unprompted lines, and counts the rest as output', () => {
    assert.deepEqual(commandsFromBlock('bash', 'oc project openshift-monitoring\n$ oc get pods\nNAME  READY\n\n$ oc logs prometheus-0 | tail'), {
      script: 'oc get pods\noc logs prometheus-0 | tail',
      prompted: true,
      outputLines: 2,
    });
  });

  it('follows continuations after a prompt in a bash block', () => {
    assert.deepEqual(commandsFromBlock('bash', '$ kubectl get pods \\\n>   -n monitoring\nNAME'), {
      script: 'kubectl get pods \\\n  -n monitoring',
      prompted: true,
      outputLines: 1,
    });
  });

  it('does not take variables or job specs for prompts', () => {
    const block = '$KUBECTL get pods\n%1\nuser@host.example.com';
    assert.deepEqual(commandsFromBlock('bash', block), { script: block, prompted: false, outputLines: 0 });
  });

  it('still takes a bare `# ` for a root prompt in console blocks', () => {
    assert.deepEqual(commandsFromBlock('console', '# systemctl status nginx\nActive: active'), { script: 'systemctl status nginx', prompted: true, outputLines: 1 });
  });
});
