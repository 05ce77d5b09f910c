/** Rules for Kubernetes, OpenShift and Helm: reads are `get`/`describe`/`logs`…, and any write with `--dry-run`. */

import { type ArgSpec } from './argv';
import { lastValue, optionTable, parseWithTable } from './option-table';
import { configFrom, tableVerdict } from './table-rule';
import { subcommands, type SubcommandSpec, type SubRule } from './rule-subcommands';
import { because, changes, ok, withLabel } from './rule-verdicts';

const KUBE_ARGS: ArgSpec = {
  short: 'nslcfopLvk',
  long: [
    'namespace', 'context', 'cluster', 'user', 'kubeconfig', 'server', 'token', 'as', 'as-group', 'as-uid', 'request-timeout',
    'cache-dir', 'certificate-authority', 'client-certificate', 'client-key', 'tls-server-name', 'selector', 'output', 'container',
    'filename', 'field-selector', 'since', 'since-time', 'tail', 'sort-by', 'label-columns', 'template', 'for', 'timeout', 'type',
    'kustomize', 'patch', 'limit-bytes', 'max-log-requests', 'chunk-size', 'raw', 'subresource', 'password', 'username', 'image',
    'replicas', 'resource-version', 'pod-running-timeout',
  ],
};

const KUBE_DRY_RUNNABLE = new Set([
  'apply', 'create', 'delete', 'patch', 'replace', 'scale', 'set', 'annotate', 'label', 'run', 'expose', 'autoscale', 'drain',
  'cordon', 'uncordon', 'taint', 'rollout',
]);

/** Every flag of kubectl/oc's read subcommands (and of writes under `--dry-run`), and the flags that write or run something. */
const KUBE_TABLE = optionTable(
  // Global flags.
  '-n|--namespace= --context= --cluster= --user= -s|--server= --token= --as= --as-group= --as-uid= --request-timeout= ' +
    '--certificate-authority= --client-certificate= --client-key= --tls-server-name= --insecure-skip-tls-verify=? --match-server-version ' +
    '--username= --password= -v|--v= --vmodule= --warnings-as-errors --disable-compression --logtostderr=? --alsologtostderr=? ' +
    '--stderrthreshold= --one-output --skip-headers --skip-log-headers --add-dir-header --log-flush-frequency= --log-file-max-size= ' +
    // get, describe, top, explain, events, api-resources, wait, rollout status, auth can-i, config view, version.
    '-o|--output= -l|--selector= -A|--all-namespaces=? -w|--watch=? --watch-only --output-watch-events --show-labels -L|--label-columns= ' +
    '--field-selector= --sort-by= --no-headers=? --chunk-size= --ignore-not-found=? --raw= --subresource= --server-print=? --show-kind ' +
    '--show-managed-fields --template= --allow-missing-template-keys=? -f|--filename= -k|--kustomize= -R|--recursive=? --show-events=? ' +
    '--containers --sum --use-protocol-buffers --show-capacity --api-version= --for= --types= --namespaced=? --api-group= --verbs= ' +
    '--cached --categories= --revision= --timeout= --all --list -q|--quiet --minify --flatten --merge=? --client --short --kustomize= ' +
    // logs and exec.
    '-c|--container= -f|--follow -p|--previous --since= --since-time= --tail= --timestamps=? --all-containers=? --prefix=? --limit-bytes= ' +
    '--max-log-requests= --ignore-errors --insecure-skip-tls-verify-backend --pod-running-timeout= --all-pods -i|--stdin -t|--tty ' +
    // Writes under --dry-run.
    '--dry-run=? --overwrite --force --grace-period= --cascade=? --wait=? --server-side --field-manager= --force-conflicts --validate=? ' +
    '--save-config --record --replicas= --current-replicas= --image= --port= --type= -p|--patch= --patch-file= --local --restart= --env= ' +
    '--labels= --resource-version= --ignore-daemonsets --delete-emptydir-data --prune --show-managed-fields --from-literal= --from-file= ' +
    // oc: whoami, status, adm node-logs, adm top, get project.
    '--show-token --show-server --show-console --show-context --suggest --path= -u|--unit= --until= --grep= --case-sensitive=? --role= ' +
    '--boot= --heapster-namespace= --heapster-scheme= --heapster-service= --heapster-port= --all-namespaces',
  {
    '--kubeconfig=': configFrom('a kubeconfig'),
    '--profile=': (value) => (value === 'none' ? undefined : 'writes a profile file'),
    '--profile-output=': 'writes a profile file',
    '--log-file=': 'writes a log file',
    '--log-dir=': 'writes log files',
    '--cache-dir=': 'writes a cache into that directory',
    '--output-directory=': 'writes files into that directory',
    '--enable-exec': 'lets kustomize run programs',
    '--enable-alpha-plugins': 'lets kustomize run plugins',
    '--enable-helm': 'lets kustomize run helm',
    '--helm-command=': 'runs the program it names',
  },
  { shortEquals: true },
);

/** True when the last `--dry-run` given asks for a dry run (`--dry-run`, `=client`, `=server`); `--dry-run=none` after it wins. */
function isDryRun(args: string[]): boolean {
  const value = lastValue(parseWithTable(args, KUBE_TABLE), '--dry-run');
  return value !== undefined && ['', 'client', 'server', 'true', 'unchanged'].includes(value);
}

const kubeExec: SubRule = (scanned, ctx) =>
  scanned.rest?.length
    ? withLabel(ctx.argv(scanned.rest), `${ctx.name} exec`)
    : because(`\`${ctx.name} exec\` without \`--\` runs a command that cannot be read`);

const tunnel: SubRule = (scanned, ctx) =>
  because(`\`${ctx.name} ${scanned.positionals[0]}\` keeps running and opens a local port`);

function kubeSpec(extraRead: SubcommandSpec['read'] = {}, extraChange: string[] = []): SubcommandSpec {
  return {
    args: KUBE_ARGS,
    read: {
      get: true, describe: true, logs: true, top: true, explain: true, version: true, events: true, 'api-resources': true,
      'api-versions': true, 'cluster-info': true, diff: true, wait: true, kustomize: true, options: true, completion: true,
      auth: ['can-i', 'whoami'],
      config: ['view', 'get-contexts', 'current-context', 'get-clusters', 'get-users'],
      rollout: ['status', 'history'],
      plugin: ['list'],
      exec: kubeExec,
      'port-forward': tunnel,
      proxy: tunnel,
      ...extraRead,
    },
    change: [
      'delete', 'apply', 'patch', 'scale', 'edit', 'create', 'replace', 'set', 'annotate', 'label', 'cordon', 'drain', 'uncordon',
      'taint', 'cp', 'run', 'expose', 'autoscale', 'debug', 'attach', 'certificate', 'rollout restart', 'rollout undo', 'rollout pause',
      'rollout resume', 'config use-context', 'config set-context', 'config set', 'config unset', 'config delete-context',
      'config rename-context', 'config set-cluster', 'config set-credentials', 'config delete-cluster', 'config delete-user',
      ...extraChange,
    ],
    before: (_scanned, sub, ctx, args) => {
      const refused = tableVerdict(args, KUBE_TABLE, `${ctx.name} ${sub}`);
      if (refused) return refused;
      if (sub === 'kustomize' && /(?:^|\s)(?:-o|--output)(?:=|\s|$)/.test(args.join(' '))) return because(`\`${ctx.name} kustomize -o\` writes a file`);
      return KUBE_DRY_RUNNABLE.has(sub) && isDryRun(args) ? ok(`${ctx.name} ${sub} --dry-run`) : undefined;
    },
  };
}

/** `kubectl`: read-only subcommands, `exec` judged by its command, writes under `--dry-run`. */
export const kubectl = subcommands(kubeSpec());

/** `oc`: kubectl's rules plus the OpenShift subcommands. */
export const oc = subcommands(
  kubeSpec(
    {
      whoami: true,
      status: true,
      projects: true,
      project: (scanned, ctx) => (scanned.positionals.length > 1 ? changes(`${ctx.name} project ${scanned.positionals[1]}`) : ok('oc project')),
      adm: ['top'],
    },
    ['new-app', 'new-project', 'start-build', 'rsh', 'rsync', 'import-image', 'tag', 'process', 'expose', 'adm drain', 'adm cordon', 'adm uncordon'],
  ),
);

const HELM_TABLE = optionTable(
  '--debug --kube-apiserver= --kube-as-group= --kube-as-user= --kube-ca-file= --kube-context= --kube-insecure-skip-tls-verify ' +
    '--kube-tls-server-name= --kube-token= -n|--namespace= --qps= --burst-limit= --registry-config= --repository-cache= --repository-config= ' +
    '-a|--all -A|--all-namespaces -d|--date --deployed --failed -f|--filter= -m|--max= --no-headers --offset= --pending -r|--reverse ' +
    '-l|--selector= -q|--short --superseded --time-format= --uninstalled --uninstalling -o|--output= --revision= --show-desc ' +
    '--show-resources --template= --version= --devel --repo= --username= --password= --ca-file= --cert-file= --key-file= ' +
    '--insecure-skip-tls-verify --keyring= --verify --pass-credentials --plain-http --jsonpath= --regexp --versions --max-col-width= ' +
    '--fail-on-no-result --endpoint= --list-repo-url --values= --set= --set-string= --set-file= --set-json= --set-literal= -i|--install ' +
    '--create-namespace --wait --wait-for-jobs --timeout= --atomic --cleanup-on-fail --force --reset-values --reuse-values ' +
    '--reset-then-reuse-values --description= --history-max= --skip-crds --no-hooks --disable-openapi-validation --api-versions= ' +
    '--kube-version= -s|--show-only= --include-crds --is-upgrade --release-name --validate --name-template= -g|--generate-name --replace ' +
    '--render-subchart-notes --enable-dns --labels= --strict --with-subcharts --quiet --client --short --dry-run=? --keep-history --cascade= ' +
    '--skip-tests --hide-notes --take-ownership --skip-schema-validation --hide-secret -h|--help',
  {
    '--kubeconfig=': configFrom('a kubeconfig'),
    '--post-renderer=': 'runs the program it names on the rendered manifests',
    '--post-renderer-args=': 'passes arguments to a post-renderer program',
    '--output-dir=': 'writes the rendered files into that directory',
    '--dependency-update': 'downloads chart dependencies into the chart',
  },
  { shortEquals: true },
);

/** `helm`: listing and rendering read; installs and upgrades only under `--dry-run`. */
export const helm = subcommands({
  args: {
    short: 'nfo',
    long: [
      'namespace', 'kube-context', 'kubeconfig', 'output', 'values', 'set', 'set-string', 'set-file', 'set-json', 'version', 'repo',
      'revision', 'max', 'offset', 'filter', 'selector', 'timeout', 'description', 'post-renderer', 'username', 'password', 'ca-file',
      'cert-file', 'key-file', 'registry-config', 'repository-cache', 'repository-config', 'kube-apiserver', 'kube-as-user',
      'kube-as-group', 'kube-token', 'kube-ca-file', 'show-only', 'api-versions', 'kube-version', 'name-template', 'output-dir',
    ],
  },
  read: {
    list: true, ls: true, status: true, get: true, history: true, hist: true, show: true, inspect: true, version: true, search: true,
    env: true, lint: true, verify: true,
    template: true,
    repo: ['list', 'ls'],
    plugin: ['list', 'ls'],
    dependency: ['list', 'ls'],
    dep: ['list', 'ls'],
  },
  change: [
    'install', 'upgrade', 'uninstall', 'delete', 'del', 'un', 'rollback', 'push', 'pull', 'fetch', 'package', 'test', 'create',
    'repo add', 'repo update', 'repo remove', 'repo rm', 'dependency update', 'dependency build', 'dep update', 'dep build',
    'plugin install', 'plugin uninstall', 'plugin update',
  ],
  before: (_scanned, sub, _ctx, args) => {
    const refused = tableVerdict(args, HELM_TABLE, 'helm');
    if (refused) return refused;
    const dry = lastValue(parseWithTable(args, HELM_TABLE), '--dry-run');
    return ['install', 'upgrade', 'uninstall', 'rollback'].includes(sub) && dry !== undefined && ['', 'client', 'server', 'true'].includes(dry)
      ? ok(`helm ${sub} --dry-run`)
      : undefined;
  },
});
