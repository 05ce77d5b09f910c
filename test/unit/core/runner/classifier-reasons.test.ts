import assert from 'node:assert/strict';
import { classifyScript } from '../../../../src/core/runner/classify-command';
import { ruleFor } from '../../../../src/core/runner/command-rules';

/** The reason shown in the CodeLens tooltip and `runbooks blocks` names the option or feature. */
const REASONS: Array<[string, string]> = [
  ['sort --compress-program=gzip big.txt', '`sort --compress-program gzip` runs a program'],
  ['sort --comp=gzip big.txt', '`sort --comp gzip` (`--compress-program`) runs a program'],
  ['sort -uo out.txt in.txt', '`sort -o out.txt` writes a file'],
  ['sort --co=gzip x', '`sort --co gzip` (`--compress-program`) runs a program'],
  ['grep --co x f', '`grep --co` is an ambiguous abbreviation (`--count`, `--color`, `--colour`, `--context`)'],
  ['uniq in.txt out.txt', 'writes to out.txt with `uniq` (its second operand is an output file)'],
  ['sed -n "1,5w /tmp/x" f', '`sed` script runs the `w` command, which writes a file'],
  ["awk 'BEGIN { system(\"id\") }'", '`awk` program calls `system()`, which runs a command'],
  ['less +!id /etc/hosts', '`less +!id` runs less commands at start, which can run a shell'],
  ["ssh -o ProxyCommand='sh -c id' db1 uptime", '`ssh -o ProxyCommand=sh -c id` sets `ProxyCommand`, which is not known to be harmless (ProxyCommand, LocalCommand… run programs)'],
  ['git -c core.pager=sh log', '`git -c core.pager=sh` sets `core.pager`, which is not known to be harmless (pagers, ssh commands, external diffs and hooks run programs)'],
  ['git diff --outp=x.diff', '`git diff --outp` (`--output`) writes to a file'],
  ["git ls-remote 'ext::sh -c id'", '`git ls-remote ext::sh` uses the `ext::` transport, which runs a command'],
  ['curl --etag-save e.txt https://x', '`curl --etag-save e.txt` writes the ETag to a file'],
  ['curl -XPOST https://x', '`curl -X POST` sends a POST request'],
  ['curl dict://localhost:6379/FLUSHALL', '`curl dict://…` uses the dict scheme, which can send commands or write'],
  ['wget -e robots=off -O - https://x', '`wget -e robots=off` runs a wgetrc command, which can write files'],
  ['kubectl get pods --profile-output=p.out', '`kubectl get --profile-output p.out` writes a profile file'],
  ['kubectl get pods --kubeconfig ./kc', '`kubectl get --kubeconfig ./kc` reads a kubeconfig from the workspace (`./kc`), which can run a program'],
  ['kubectl delete pod web-0 --dry-run=client --dry-run=none', '`kubectl delete` changes state'],
  ['helm template web ./chart --post-renderer ./hook.sh', '`helm --post-renderer ./hook.sh` runs the program it names on the rendered manifests'],
  ["etcdctl watch foo -- sh -c 'id'", '`etcdctl watch … -- CMD` runs a command on every change'],
  ["psql -c '\\! id'", '`psql -c` runs `\\!`, which runs a shell command'],
  ["psql -c 'select f_cleanup()'", '`psql -c` calls `f_cleanup()`, which is not known to be read-only'],
  ["mysql --init-command='drop table t' -e 'select 1'", '`mysql --init-command drop table t` runs SQL that is not shown on the command line'],
  ['openssl req -in r.pem -keyout k.pem', '`openssl req -keyout k.pem` writes a file'],
  ['terraform plan -generate-config-out=g.tf', '`terraform plan -generate-config-out` writes a file'],
  ['journalctl --cursor-file=/tmp/c', '`journalctl --cursor-file /tmp/c` writes the cursor to a file'],
  ['file -C -m magic', '`file -C` compiles a magic file, which writes a `.mgc` file'],
  ['sysctl -p', '`sysctl -p` loads kernel parameters from a file'],
  ['ss -K dst 10.0.0.1', '`ss -K` closes the sockets it lists'],
  ["alias ls='rm -rf /tmp/x'", '`alias ls=…` defines an alias, which makes a later word run other commands'],
  ['hash -p /tmp/evil ls', '`hash -p /tmp/evil` makes a command name run the program it gives'],
  ["PS4='$(id)' bash -x -c ls", 'sets `PS4`, which can make the shell or a tool run other code'],
  ["let 'a[$(id)]=1'", 'holds the text `a[$(id)]=1` where arithmetic can evaluate it and run the command'],
  ["read 'a[$(id)]' <<< 1", '`read` is given `a[$(id)]` as a variable name; a subscript there is evaluated and can run commands'],
  ['f() { rm -rf /tmp/x; }', "defines the function `f`, which runs code under a command's name"],
  ['eval "$CMD"', '`eval` runs text built from variables or substitutions, which cannot be read'],
  ['source ./env.sh', '`source ./env.sh` runs a script file, which cannot be read'],
  ["trap 'rm -f /tmp/lock' EXIT", '`trap` sets an action that changes state: `rm` changes state'],
  ['tail --foo /var/log/syslog', '`tail --foo` is not an option known to be read-only'],
  ['grep -rnXq x .', '`grep -rnXq` has `-X`, which is not an option known to be read-only'],
];

/** Read-only shapes real runbooks use, which must stay checks. */
const CHECKS = [
  'oc get vmi <vmi> -o yaml',
  'oc logs -n $NAMESPACE <pod>',
  'kubectl get pods -n "$NAMESPACE" -o=jsonpath=\'{.items[*].metadata.name}\'',
  'kubectl -n monitoring get pods -oyaml | grep -A3 image',
  'kubectl get nodes -o custom-columns=NAME:.metadata.name --no-headers | wc -l',
  'export KUBECONFIG=/etc/kubernetes/admin.conf\nkubectl get nodes',
  'kubectl --kubeconfig "$KUBECONFIG" get nodes',
  'while IFS= read -r line; do echo "$line"; done < /etc/hosts',
  'sort -k2 -n -t, data.csv | uniq -c | head -5',
  "sed -n '/ERROR/,+3p' app.log",
  "awk -F: '$3 >= 1000 { print $1 }' /etc/passwd",
  'curl -sSL -H "Authorization: Bearer $TOKEN" https://api/x | jq .',
  'git -c color.ui=never log --oneline -5',
  'ssh -o ConnectTimeout=5 -o StrictHostKeyChecking=no db1 uptime',
  'helm get values web -n prod -o yaml',
  "psql -X -At -c 'select count(*), pg_size_pretty(pg_database_size(current_database())) from pg_stat_activity'",
  'etcdctl --endpoints=https://127.0.0.1:2379 endpoint health -w table',
  'journalctl -u kubelet --since "1 hour ago" --no-pager -n 200',
  'echo $(( $(date +%s) - 3600 ))',
];

describe('classifier reasons (issue #20)', () => {
  for (const [script, reason] of REASONS) {
    it(`explains \`${script}\` as “${reason}”`, () => {
      assert.deepEqual(classifyScript(script, ruleFor), { kind: 'change', reason });
    });
  }

  for (const script of CHECKS) {
    it(`keeps \`${script.replace(/\n/g, '⏎')}\` a check`, () => {
      const result = classifyScript(script, ruleFor);
      assert.equal(result.kind, 'check', result.reason);
    });
  }
});
