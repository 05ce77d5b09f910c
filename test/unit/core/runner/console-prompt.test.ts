import assert from 'node:assert/strict';
import { scriptFromBlock } from '../../../../src/core/runner/console-prompt';

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

  it('returns other languages as they are, comments included', () => {
    const block = '# Check the pods\n$ not a prompt in bash\nkubectl get pods';
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
