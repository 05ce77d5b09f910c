/** Rules for Kubernetes, OpenShift and Helm: reads are `get`/`describe`/`logs`…, and any write with `--dry-run`. */

import { hasOption, type ArgSpec, type ScannedArgs } from './argv';
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

function isDryRun(scanned: ScannedArgs): boolean {
  return scanned.options.some((o) => o.name === '--dry-run' && (o.value === undefined || ['client', 'server', 'true'].includes(o.value)));
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
    before: (scanned, sub, ctx) => (KUBE_DRY_RUNNABLE.has(sub) && isDryRun(scanned) ? ok(`${ctx.name} ${sub} --dry-run`) : undefined),
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
    template: (scanned) => (hasOption(scanned, '--output-dir') ? because('`helm template --output-dir` writes files') : ok('helm template')),
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
  before: (scanned, sub) =>
    ['install', 'upgrade', 'uninstall', 'rollback'].includes(sub) && isDryRun(scanned) ? ok(`helm ${sub} --dry-run`) : undefined,
});
