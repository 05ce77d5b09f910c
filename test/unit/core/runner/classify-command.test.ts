import assert from 'node:assert/strict';
import { classifyScript as classifyWith } from '../../../../src/core/runner/classify-command';
import { ruleFor } from '../../../../src/core/runner/command-rules';

/** The classifier under the command table, as `runnableBlocks` calls it. */
const classifyScript = (script: string) => classifyWith(script, ruleFor);

/** Command lines as they appear in Prometheus-operator, Kubernetes, GitLab and database runbooks. */
const CHECKS = [
  'kubectl get pods -n monitoring -l app.kubernetes.io/name=prometheus',
  'kubectl describe pod <pod> -n <namespace>',
  'kubectl logs -n <namespace> <pod> -c <container> --previous',
  'kubectl -n kube-system get events --sort-by=.metadata.creationTimestamp | tail -20',
  'kubectl top nodes',
  'kubectl get nodes -o wide',
  'kubectl get pvc -A | grep -v Bound',
  'kubectl auth can-i list pods --as=system:serviceaccount:monitoring:prometheus-k8s',
  'kubectl config current-context',
  'kubectl rollout status deployment/<deployment> -n <namespace>',
  'kubectl get --raw /metrics | grep apiserver_request_total | head',
  'kubectl exec -n monitoring prometheus-k8s-0 -c prometheus -- df -h /prometheus',
  'kubectl apply --dry-run=server -f manifests/',
  'oc get clusteroperators',
  'helm list -A',
  'helm -n monitoring get values kube-prometheus-stack',
  'helm history <release> -n <namespace>',
  'terraform plan -lock=false',
  'terraform state list | grep aws_db_instance',
  'aws sts get-caller-identity',
  "aws ec2 describe-instances --filters Name=tag:Name,Values=<name> --query 'Reservations[].Instances[].State'",
  'aws s3 ls s3://<bucket>/backups/ --recursive | tail -5',
  `gcloud compute instances list --filter="name~'^gitlab'"`,
  'az aks show -g <resource-group> -n <cluster> -o table',
  `curl -s http://localhost:9090/api/v1/targets | jq '.data.activeTargets[] | select(.health != "up")'`,
  "curl -sS -o /dev/null -w '%{http_code}' https://gitlab.example.com/-/health",
  `curl -G -s http://prometheus:9090/api/v1/query --data-urlencode 'query=up{job="node"} == 0'`,
  'curl -I https://gitlab.example.com',
  'wget -qO- http://localhost:9093/-/healthy',
  `psql -h <host> -U postgres -c "SELECT pid, state, query FROM pg_stat_activity WHERE state <> 'idle';"`,
  `sudo gitlab-psql -c "SELECT count(*) FROM ci_builds WHERE status = 'pending';"`,
  `psql -d gitlabhq_production -c '\\dt+ ci_*'`,
  "mysql -u root -p -e 'SHOW PROCESSLIST'",
  'redis-cli -h <redis-host> info replication',
  'redis-cli --bigkeys',
  'sudo gitlab-ctl status',
  'sudo gitlab-rake gitlab:check SANITIZE=true',
  'sudo gitlab-ctl tail gitaly',
  'systemctl status prometheus-node-exporter --no-pager',
  'journalctl -u kubelet --since "1 hour ago" | grep -i error',
  'df -h /var/lib/docker && du -sh /var/log/* | sort -h | tail',
  'free -m; uptime',
  'ps aux --sort=-%mem | head -n 15',
  'dig +short <hostname> @8.8.8.8',
  'openssl s_client -connect gitlab.example.com:443 -servername gitlab.example.com </dev/null 2>/dev/null | openssl x509 -noout -dates',
  'ss -tlnp | grep 9100',
  "docker ps --filter name=gitlab-runner --format '{{.Status}}'",
  'docker logs --tail 100 <container> 2>&1 | grep -i oom',
  'git log --oneline -n 20 -- config/',
  'kafka-consumer-groups --bootstrap-server localhost:9092 --describe --group <group>',
  'nodetool status',
  'for ns in $(kubectl get ns -o name); do\n  kubectl -n "${ns#namespace/}" get pods --field-selector=status.phase=Failed\ndone',
  "watch -n 5 'kubectl get pods -n <namespace>'",
  'NAMESPACE=monitoring\nkubectl -n "$NAMESPACE" get prometheusrules',
  "ssh <host> 'sudo systemctl status haproxy'",
  'etcdctl endpoint health --cluster',
  'promtool check rules /etc/prometheus/rules/*.yml',
  'amtool alert query --alertmanager.url=http://localhost:9093 alertname=<alert>',
  "find /var/opt/gitlab/backups -name '*.tar' -mtime -1",
  'tail -f /var/log/gitlab/gitlab-rails/production.log | grep -i error',
  'ls -la /var/opt/gitlab/git-data/repositories | wc -l',
  'echo "Current context: $(kubectl config current-context)"',
  'timeout 10 nc -zv <host> 5432',
  '# Is the WAL volume full?\nkubectl exec -n monitoring <pod> -- du -sh /prometheus/wal',
];

const CHANGES = [
  'kubectl delete pod <pod> -n <namespace>',
  'kubectl rollout restart deployment/<deployment> -n <namespace>',
  'kubectl scale statefulset prometheus-k8s --replicas=0 -n monitoring',
  `kubectl -n monitoring patch prometheus k8s --type merge -p '{"spec":{"retention":"7d"}}'`,
  'kubectl apply -f manifests/',
  'kubectl cordon <node>',
  'kubectl drain <node> --ignore-daemonsets --delete-emptydir-data',
  'kubectl -n <namespace> edit configmap <name>',
  'kubectl exec -it <pod> -- rm -rf /prometheus/wal',
  'kubectl exec -it <pod> -- /bin/sh',
  'kubectl -n monitoring port-forward svc/prometheus-k8s 9090',
  'helm upgrade --install kube-prometheus-stack prometheus-community/kube-prometheus-stack -n monitoring -f values.yaml',
  'helm rollback <release> <revision> -n <namespace>',
  'terraform apply -auto-approve',
  "terraform state rm 'aws_instance.bastion'",
  'aws autoscaling set-desired-capacity --auto-scaling-group-name <asg> --desired-capacity 3',
  'aws s3 cp backup.tar s3://<bucket>/',
  'gcloud compute instances reset <instance> --zone <zone>',
  'curl -X POST http://localhost:9090/-/reload',
  "curl -XDELETE 'http://localhost:9200/<index>'",
  `curl -s -H 'Content-Type: application/json' -d '{"matchers":[{"name":"alertname","value":"Watchdog"}]}' http://alertmanager:9093/api/v2/silences`,
  'curl -o /tmp/heap.pprof http://localhost:6060/debug/pprof/heap',
  'psql -c "VACUUM ANALYZE ci_builds;"',
  'sudo gitlab-psql -c "UPDATE ci_runners SET active = false WHERE id = <runner-id>;"',
  `psql -c "select pg_terminate_backend(pid) from pg_stat_activity where state = 'idle in transaction'"`,
  'redis-cli -h <host> FLUSHALL',
  'redis-cli CONFIG SET maxmemory-policy allkeys-lru',
  'sudo gitlab-ctl restart sidekiq',
  'sudo gitlab-ctl reconfigure',
  'sudo gitlab-rake gitlab:backup:create',
  'sudo systemctl restart prometheus',
  'systemctl daemon-reload && systemctl enable --now node_exporter',
  'sudo rm -rf /var/lib/prometheus/data/wal/*',
  'kill -9 <pid>',
  'pkill -f sidekiq',
  'docker restart gitlab-runner',
  'docker system prune -af',
  'git push origin main',
  'kubectl get pods -n <namespace> -o yaml > /tmp/pods.yaml',
  "echo 'vm.max_map_count=262144' | sudo tee -a /etc/sysctl.conf",
  "sed -i 's/replicas: 1/replicas: 3/' values.yaml",
  './scripts/check-replication.sh',
  'bash <(curl -s https://example.com/install.sh)',
  'curl -sL https://example.com/install.sh | sudo bash',
  "find /var/log -name '*.gz' -mtime +30 -delete",
  'kafka-consumer-groups --bootstrap-server localhost:9092 --group <group> --reset-offsets --to-latest --all-topics --execute',
  'nodetool repair -pr',
  'etcdctl defrag',
  'amtool silence add alertname=<alert> --duration=2h --comment="maintenance"',
  'iptables -A INPUT -p tcp --dport 9100 -j ACCEPT',
  'crontab -e',
  'while true; do\n  kubectl delete pod -l app=flaky --field-selector=status.phase=Failed\n  sleep 60\ndone',
  'kubectl get pods -o name | xargs -n1 kubectl delete',
  "ssh <host> 'sudo reboot'",
  "mysql -e 'KILL 12345'",
  "kubectl exec <pod> -- sh -c 'echo 1 > /proc/sys/vm/drop_caches'",
  'tar czf /tmp/backup.tgz /etc/prometheus',
  '$EDITOR /etc/gitlab/gitlab.rb',
  'wget https://github.com/prometheus/node_exporter/releases/download/v1.8.0/node_exporter-1.8.0.linux-amd64.tar.gz',
];

describe('classifyScript', () => {
  describe('real runbook command lines', () => {
    it('has at least 60 of them, of both kinds', () => {
      assert.ok(CHECKS.length + CHANGES.length >= 60);
      assert.ok(CHECKS.length >= 30 && CHANGES.length >= 30);
    });

    for (const line of CHECKS) {
      it(`reads \`${line.replace(/\n/g, '⏎')}\` as a check`, () => {
        const result = classifyScript(line);
        assert.equal(result.kind, 'check', result.reason);
      });
    }

    for (const line of CHANGES) {
      it(`reads \`${line.replace(/\n/g, '⏎')}\` as a change`, () => {
        const result = classifyScript(line);
        assert.equal(result.kind, 'change', result.reason);
      });
    }
  });

  describe('reasons', () => {
    const reasons: Array<[string, string]> = [
      ['kubectl delete pod web-0', '`kubectl delete` changes state'],
      ['kubectl rollout restart deploy/web', '`kubectl rollout restart` changes state'],
      ['kubectl get pods > /tmp/x', 'writes to /tmp/x with `>`'],
      ['uptime >> <log-file>', 'writes to <log-file> with `>>`'],
      ['foo.sh', '`foo.sh` is not known to be read-only'],
      ['./check-disk.sh /data', '`./check-disk.sh` is not known to be read-only'],
      ['kubectl get pods | tee pods.txt', 'writes to pods.txt with `tee`'],
      ['sed -i.bak s/a/b/ f', '`sed -i` edits files in place'],
      ['curl -X PUT http://x/y', '`curl -X PUT` sends a PUT request'],
      ["curl --data-binary @rules.yml http://x/y", '`curl --data-binary` sends data'],
      ['curl -o out.json http://x/y', '`curl -o out.json` writes a file'],
      ["psql -c 'DROP TABLE ci_builds'", '`psql -c` runs `drop`, which changes data'],
      ["psql -c 'select 1; delete from t'", '`psql -c` runs `delete`, which changes data'],
      ['psql -d app', '`psql` without `-c` runs SQL that cannot be read'],
      ['$CMD --now', 'runs a command named by `$CMD`'],
      ['terraform fmt', '`terraform fmt` without `-check` rewrites files'],
      ['kubectl exec web-0 ls', '`kubectl exec` without `--` runs a command that cannot be read'],
      ['kubectl port-forward svc/web 8080', '`kubectl port-forward` keeps running and opens a local port'],
      ["echo 'unclosed", "cannot be read safely: a `'` quote is never closed"],
      ['cat <<EOF\nno end', 'cannot be read safely: the here-document `EOF` is never closed'],
      ['top', '`top` without `-b` is interactive'],
      ['bash', '`bash` runs commands from its input'],
    ];
    for (const [script, reason] of reasons) {
      it(`explains \`${script.replace(/\n/g, '⏎')}\` as “${reason}”`, () => {
        assert.deepEqual(classifyScript(script), { kind: 'change', reason });
      });
    }

    it('names the read-only commands of a check, once each, in order', () => {
      assert.deepEqual(classifyScript('kubectl get pods | grep -v Running\nkubectl get svc | grep web'), {
        kind: 'check',
        reason: 'only reads: `kubectl get`, `grep`',
      });
    });

    it('counts a block of comments only as a check that runs no commands', () => {
      assert.deepEqual(classifyScript('# nothing to run here\n\n'), { kind: 'check', reason: 'runs no commands' });
    });
  });

  describe('what cannot hide a change', () => {
    it('reads the line after a comment', () => {
      assert.equal(classifyScript('kubectl get pods # list them\nkubectl delete pod web-0').kind, 'change');
    });

    it("reads a comment's apostrophe as part of the comment, not as a quote", () => {
      assert.equal(classifyScript("# don't worry\nrm -rf /tmp/cache\n# it's fine").kind, 'change');
    });

    it('keeps `#` inside a word as a character, not a comment', () => {
      assert.equal(classifyScript('echo a#b; rm -rf /tmp/x').kind, 'change');
    });

    it('reads command substitutions inside double quotes', () => {
      assert.deepEqual(classifyScript('echo "pods: $(kubectl delete pod web-0)"'), { kind: 'change', reason: '`kubectl delete` changes state' });
    });

    it('reads backtick substitutions', () => {
      assert.equal(classifyScript('echo `rm -rf /tmp/x`').kind, 'change');
    });

    it('reads substitutions in a here-document body but not its text', () => {
      assert.equal(classifyScript('cat <<EOF\nrm -rf / is only text here\nEOF').kind, 'check');
      assert.equal(classifyScript('cat <<EOF\n$(rm -rf /tmp/x)\nEOF').kind, 'change');
      assert.equal(classifyScript("cat <<'EOF'\n$(rm -rf /tmp/x) stays text\nEOF").kind, 'check');
    });

    it('reads a default value that runs a command', () => {
      assert.equal(classifyScript('echo ${NS:-$(kubectl delete ns x)}').kind, 'change');
    });

    it('reads scripts passed to sh -c, bash -c, ssh, watch and eval', () => {
      assert.equal(classifyScript(`bash -euo pipefail -c 'kubectl delete pod x'`).kind, 'change');
      assert.equal(classifyScript(`ssh db1 "psql -c 'drop table t'"`).kind, 'change');
      assert.equal(classifyScript(`watch 'kubectl get pods; kubectl delete pod x'`).kind, 'change');
      assert.equal(classifyScript(`eval "kubectl get pods"`).kind, 'check');
    });

    it('reads every piece of a `[[ … && … ]]` test as part of the test', () => {
      assert.equal(classifyScript('if [[ -n "$NS" && -f ./kubeconfig ]]; then kubectl get pods; fi').kind, 'check');
    });

    it('skips case patterns but reads the commands of each branch', () => {
      const script = 'case "$1" in\n  status) systemctl status nginx ;;\n  restart) systemctl restart nginx ;;\nesac';
      assert.deepEqual(classifyScript(script), { kind: 'change', reason: '`systemctl restart` changes state' });
    });

    it('treats arithmetic as read-only but reads substitutions inside it', () => {
      assert.equal(classifyScript('echo $(( $(date +%s) - 3600 ))').kind, 'check');
      assert.equal(classifyScript('(( count > 3 )) && echo many').kind, 'check');
      assert.equal(classifyScript('echo $(( $(rm -rf /tmp/x) + 1 ))').kind, 'change');
    });

    it('joins backslash-continued lines before reading them', () => {
      assert.equal(classifyScript('kubectl \\\n  delete pod web-0').kind, 'change');
    });
  });

  describe('redirections', () => {
    it('allows writing to /dev/null and duplicating descriptors', () => {
      assert.equal(classifyScript('kubectl get pods >/dev/null 2>&1').kind, 'check');
      assert.equal(classifyScript('kubectl get pods &>/dev/null').kind, 'check');
      assert.equal(classifyScript('echo oops >&2').kind, 'check');
    });

    it('allows reading from files and here-strings', () => {
      assert.equal(classifyScript('grep -c error < /var/log/syslog').kind, 'check');
      assert.equal(classifyScript('jq . <<< "$PAYLOAD"').kind, 'check');
    });

    it('treats any write to a file as a change, whatever the command', () => {
      assert.deepEqual(classifyScript('echo hi &>> /var/log/x'), { kind: 'change', reason: 'writes to /var/log/x with `&>>`' });
      assert.deepEqual(classifyScript('ls > "$OUT"'), { kind: 'change', reason: 'writes to $OUT with `>`' });
    });
  });

  describe('wrappers and tool details', () => {
    it('looks through sudo, env, timeout, nice, time and xargs', () => {
      assert.equal(classifyScript('sudo -u postgres env PGOPTIONS=x timeout 30 nice -n 10 time psql -c "select 1"').kind, 'check');
      assert.equal(classifyScript('sudo -E timeout 5s kubectl delete pod x').kind, 'change');
      assert.equal(classifyScript('kubectl get pods -o name | xargs -I{} kubectl describe {}').kind, 'check');
    });

    it('reads docker exec and docker compose exec commands', () => {
      assert.equal(classifyScript('docker exec -e FOO=1 -it web cat /etc/hosts').kind, 'check');
      assert.equal(classifyScript('docker compose -f ops.yml exec -T db psql -U app -c "select 1"').kind, 'check');
      assert.equal(classifyScript('docker exec web rm /tmp/lock').kind, 'change');
    });

    it('honours --dry-run for kubectl and helm, but not --dry-run=none', () => {
      assert.equal(classifyScript('kubectl delete pod web-0 --dry-run=client').kind, 'check');
      assert.equal(classifyScript('helm upgrade web ./chart --dry-run').kind, 'check');
      assert.equal(classifyScript('kubectl delete pod web-0 --dry-run=none').kind, 'change');
    });

    it('reads SQL that only looks like a read but writes', () => {
      assert.equal(classifyScript(`psql -c "select * into backup_t from t"`).kind, 'change');
      assert.equal(classifyScript(`psql -c "select * from t for update"`).kind, 'change');
      assert.equal(classifyScript(`psql -c "explain analyze delete from t"`).kind, 'change');
      assert.equal(classifyScript(`psql -c "explain select * from t"`).kind, 'check');
      assert.equal(classifyScript(`mysql -Ne "select nextval(seq)"`).kind, 'change');
    });

    it('accepts curl GETs with output to stdout or /dev/null only', () => {
      assert.equal(classifyScript('curl -fsSL -o - https://x/y').kind, 'check');
      assert.equal(classifyScript('curl -sX GET https://x/y').kind, 'check');
      assert.equal(classifyScript('curl -O https://x/file.tgz').kind, 'change');
    });

    it('looks into find -exec', () => {
      assert.equal(classifyScript("find /etc -name '*.conf' -exec grep -l listen {} \\;").kind, 'check');
      assert.equal(classifyScript("find /tmp -name '*.lock' -exec rm {} \\;").kind, 'change');
    });

    it('reads a command given by path by its base name', () => {
      assert.equal(classifyScript('/usr/local/bin/kubectl get pods').kind, 'check');
      assert.equal(classifyScript('./bin/kafka-topics.sh --bootstrap-server localhost:9092 --list').kind, 'check');
    });

    it('treats shell built-ins that only touch the block\'s own shell as read-only', () => {
      assert.equal(classifyScript('set -euo pipefail\nexport KUBECONFIG=/etc/kubernetes/admin.conf\ncd deploy\nkubectl get pods').kind, 'check');
    });

    it('counts kill -0 (is the process alive?) as a check and any other kill as a change', () => {
      assert.equal(classifyScript('kill -0 1234').kind, 'check');
      assert.equal(classifyScript('kill -HUP 1234').kind, 'change');
    });
  });
});
