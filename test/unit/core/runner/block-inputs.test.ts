import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parse } from 'shell-quote';
import { findInputs, resolveScript } from '../../../../src/core/runner/block-inputs';

describe('findInputs', () => {
  it('finds <placeholder> words and $VAR / ${VAR} references in order of appearance, once each', () => {
    assert.deepEqual(findInputs('kubectl -n <namespace> logs <pod-name> --since=$SINCE | grep "${PATTERN}"\nkubectl -n <namespace> get pods'), [
      { name: 'namespace', form: 'placeholder', secret: false },
      { name: 'pod-name', form: 'placeholder', secret: false },
      { name: 'SINCE', form: 'variable', secret: false },
      { name: 'PATTERN', form: 'variable', secret: false },
    ]);
  });

  it('reads ${VAR:-default} and ${VAR:=default} defaults, quotes removed', () => {
    assert.deepEqual(findInputs('kubectl -n ${NS:-monitoring} get pods -l app=${APP:="prometheus k8s"}'), [
      { name: 'NS', form: 'variable', secret: false, defaultValue: 'monitoring' },
      { name: 'APP', form: 'variable', secret: false, defaultValue: 'prometheus k8s' },
    ]);
  });

  it('takes a default from a later reference when the first has none', () => {
    assert.deepEqual(findInputs('echo $NS; kubectl -n ${NS:-default} get pods'), [{ name: 'NS', form: 'variable', secret: false, defaultValue: 'default' }]);
  });

  it('does not take redirections, here-documents or process substitution for placeholders', () => {
    assert.deepEqual(findInputs('sort < input.txt > out.txt\ncat <<EOF\nhello\nEOF\ndiff <(ls a) <(ls b)'), []);
  });

  it('leaves out special parameters and variables the shell sets itself', () => {
    assert.deepEqual(findInputs('echo $1 $? $$ $@ $# $! $0 ${10} $RANDOM $PWD $LINENO'), []);
  });

  it('leaves out variables the script assigns itself', () => {
    const script = [
      'POD=$(kubectl get pods -o name | head -1)',
      'export NS=monitoring',
      'for NODE in $(kubectl get nodes -o name); do echo $NODE; done',
      'read -r -p "Release? " RELEASE',
      'printf -v STAMP "%s" now',
      'kubectl -n $NS describe $POD $RELEASE $STAMP $CLUSTER',
    ].join('\n');
    assert.deepEqual(findInputs(script), [{ name: 'CLUSTER', form: 'variable', secret: false }]);
  });

  it('leaves out variables in single quotes, quoted here-documents and comments', () => {
    const script = [
      "awk '{print $NF}' file",
      "kubectl get pods -o jsonpath='{$.items[0].metadata.name}'",
      "cat <<'EOF'\n$LITERAL\nEOF",
      '# set $IGNORED and <ignored> first',
      'echo "$KEPT"',
    ].join('\n');
    assert.deepEqual(findInputs(script), [{ name: 'KEPT', form: 'variable', secret: false }]);
  });

  it('finds placeholders inside quotes and variables in unquoted here-documents', () => {
    assert.deepEqual(findInputs(`psql -c 'select * from runners where id = <runner-id>'\ncat <<EOF\nnamespace: $NS\nEOF`), [
      { name: 'runner-id', form: 'placeholder', secret: false },
      { name: 'NS', form: 'variable', secret: false },
    ]);
  });

  it('marks names that look like secrets', () => {
    assert.deepEqual(
      findInputs('curl -H "Authorization: Bearer $GITLAB_TOKEN" -u admin:<password> $API_KEY ${DB_PASSWD} <private-key> $AWS_CREDENTIALS $client_secret $HOST').map((i) => [i.name, i.secret]),
      [
        ['GITLAB_TOKEN', true],
        ['password', true],
        ['API_KEY', true],
        ['DB_PASSWD', true],
        ['private-key', true],
        ['AWS_CREDENTIALS', true],
        ['client_secret', true],
        ['HOST', false],
      ],
    );
  });
});

describe('resolveScript', () => {
  const NASTY = ['two words', "it's", 'say "hi"', '$(rm -rf /)', '`reboot`', 'line one\nline two', 'a; rm -rf /', '', '$HOME', "'; echo pwned; '", '\\'];

  it('replaces each placeholder with its shell-quoted value and keeps variables out of the text', () => {
    const script = 'kubectl -n <namespace> logs <pod> --since=$SINCE';
    const inputs = findInputs(script);
    assert.deepEqual(resolveScript(script, inputs, { namespace: 'monitoring', pod: 'two words', SINCE: '1h' }), {
      script: "kubectl -n monitoring logs 'two words' --since=$SINCE",
      env: { SINCE: '1h' },
      display: "kubectl -n monitoring logs 'two words' --since=1h",
    });
  });

  it('keeps every value one word, whatever it holds (checked with shell-quote)', () => {
    for (const value of NASTY) {
      const script = 'printf "[%s]\\n" <value> end';
      const resolved = resolveScript(script, findInputs(script), { value });
      assert.deepEqual(parse(resolved.script), ['printf', '[%s]\\n', value, 'end'], JSON.stringify(value));
    }
  });

  it('quotes the known nasty values exactly', () => {
    const script = 'echo <v>';
    const resolve = (v: string) => resolveScript(script, findInputs(script), { v }).script;
    assert.equal(resolve('$(rm -rf /)'), "echo '$(rm -rf /)'");
    assert.equal(resolve('`reboot`'), 'echo \\`reboot\\`');
    assert.equal(resolve('a; rm -rf /'), "echo 'a; rm -rf /'");
    assert.equal(resolve("it's"), `echo "it's"`);
    assert.equal(resolve('line one\nline two'), "echo 'line one\nline two'");
    assert.equal(resolve(''), "echo ''");
  });

  it('closes and reopens the quotes around a placeholder written inside quotes', () => {
    const script = `curl "http://<host>/api" -d 'name=<name>'`;
    const resolved = resolveScript(script, findInputs(script), { host: 'a b', name: "o'brien" });
    assert.equal(resolved.script, `curl "http://"'a b'"/api" -d 'name='"o'brien"''`);
    assert.deepEqual(parse(resolved.script), ['curl', 'http://a b/api', '-d', "name=o'brien"]);
  });

  it('inserts plain values as they are, even inside quotes', () => {
    const script = `curl "http://<host>:9090/api/v1/query?query=up"`;
    assert.equal(resolveScript(script, findInputs(script), { host: 'prometheus.monitoring.svc' }).script, `curl "http://prometheus.monitoring.svc:9090/api/v1/query?query=up"`);
  });

  it('passes variables through env, default or not, and lets the shell apply defaults it was not given', () => {
    const script = 'kubectl -n ${NS:-monitoring} get pods -l app=$APP';
    const inputs = findInputs(script);
    assert.deepEqual(resolveScript(script, inputs, { APP: 'web' }), {
      script,
      env: { APP: 'web' },
      display: 'kubectl -n ${NS:-monitoring} get pods -l app=web',
    });
    assert.deepEqual(resolveScript(script, inputs, { APP: 'web', NS: 'prod' }).env, { NS: 'prod', APP: 'web' });
    assert.equal(resolveScript(script, inputs, { APP: 'web', NS: 'prod' }).display, 'kubectl -n prod get pods -l app=web');
  });

  it('masks secrets in the display but not in what runs', () => {
    const script = 'curl -H "PRIVATE-TOKEN: $GITLAB_TOKEN" -u admin:<password> https://gitlab.example.com/api/v4/version';
    const resolved = resolveScript(script, findInputs(script), { GITLAB_TOKEN: 'glpat-123', password: 's3cr3t pass' });
    assert.equal(resolved.script, "curl -H \"PRIVATE-TOKEN: $GITLAB_TOKEN\" -u admin:'s3cr3t pass' https://gitlab.example.com/api/v4/version");
    assert.deepEqual(resolved.env, { GITLAB_TOKEN: 'glpat-123' });
    assert.equal(resolved.display, 'curl -H "PRIVATE-TOKEN: ••••" -u admin:•••• https://gitlab.example.com/api/v4/version');
  });

  it('names every input without a value or default', () => {
    const script = 'kubectl -n <namespace> logs <pod> --since=${SINCE:-1h} | grep $PATTERN';
    assert.throws(() => resolveScript(script, findInputs(script), { pod: 'web-0' }), {
      message: 'No value given for <namespace>, $PATTERN: every input needs a value before the block can run.',
    });
  });

  it('fills placeholders in here-documents through the environment when quoting cannot work there', () => {
    const script = 'kubectl apply -f - <<EOF\nmetadata:\n  namespace: <namespace>\n  annotations: {note: "<note>"}\nEOF';
    const resolved = resolveScript(script, findInputs(script), { namespace: 'monitoring', note: 'costs $5' });
    assert.equal(resolved.script, 'kubectl apply -f - <<EOF\nmetadata:\n  namespace: monitoring\n  annotations: {note: "${RUNBOOKS_INPUT_NOTE}"}\nEOF');
    assert.deepEqual(resolved.env, { RUNBOOKS_INPUT_NOTE: 'costs $5' });
    assert.equal(resolved.display, 'kubectl apply -f - <<EOF\nmetadata:\n  namespace: monitoring\n  annotations: {note: "costs $5"}\nEOF');
  });

  it('refuses a line break in a quoted here-document, where it could end the document early', () => {
    const script = "cat <<'EOF'\n<text>\nEOF";
    assert.throws(() => resolveScript(script, findInputs(script), { text: 'EOF\nrm -rf /' }), /has a line break/);
    assert.equal(resolveScript(script, findInputs(script), { text: '$(not run)' }).script, "cat <<'EOF'\n$(not run)\nEOF");
  });

  const bash = ['/bin/bash', '/usr/bin/bash'].find((path) => existsSync(path));
  (bash ? describe : describe.skip)('with a real bash', () => {
    const run = (script: string, env: Record<string, string> = {}) =>
      execFileSync(bash!, ['--noprofile', '--norc', '-c', script], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, encoding: 'utf8' });

    it('hands each value to the command as exactly one argument, in every quoting context', () => {
      const script = `printf '[%s]\\n' <v> "in double: <v>" 'in single: <v>' "$(printf '%s' <v>)"`;
      for (const v of NASTY) {
        const resolved = resolveScript(script, findInputs(script), { v });
        assert.equal(run(resolved.script, resolved.env), `[${v}]\n[in double: ${v}]\n[in single: ${v}]\n[${v.replace(/\n+$/, '')}]\n`, JSON.stringify(v));
      }
    });

    it('hands values to here-documents and backticks unchanged', () => {
      const script = 'cat <<EOF\n<v>\nEOF\necho "`printf %s <v>`"';
      for (const v of NASTY.filter((value) => !value.includes('\n'))) {
        const resolved = resolveScript(script, findInputs(script), { v });
        assert.equal(run(resolved.script, resolved.env), `${v}\n${v}\n`, JSON.stringify(v));
      }
    });

    it('passes variables through the environment, never through the text', () => {
      const script = 'printf "[%s]" "$V" "${W:-fallback}"';
      const resolved = resolveScript(script, findInputs(script), { V: '$(echo pwned)' });
      assert.equal(run(resolved.script, resolved.env), '[$(echo pwned)][fallback]');
    });
  });
});
