/** Rules for infrastructure and cloud CLIs: Terraform/OpenTofu, AWS, gcloud, Azure, gsutil. */

import { hasOption, scanArgs, type ArgSpec } from './argv';
import { because, changes, ok, unknown, type Rule } from './rule-verdicts';

/** `terraform` / `tofu`: `plan` (without `-out`), `show`, `validate`… read; `apply`, `import`… change. */
export const terraform: Rule = (args, ctx) => {
  const words = args.filter((arg) => !arg.startsWith('-'));
  const [sub, second] = words;
  const flag = (name: string) => args.some((arg) => arg === `-${name}` || arg.startsWith(`-${name}=`));
  if (sub === undefined) return args.some((a) => a === '-version' || a === '--version' || a === '-help') ? ok(ctx.name) : unknown(ctx.name);
  const writer = ['out', 'generate-config-out', 'state-out', 'backup'].find((name) => flag(name));
  if (writer) return because(`\`${ctx.name} ${sub} -${writer}\` writes a file`);
  switch (sub) {
    case 'plan':
      return flag('out') ? because(`\`${ctx.name} plan -out\` writes a plan file`) : ok(`${ctx.name} plan`);
    case 'fmt':
      return args.some((a) => a === '-check' || a === '-check=true')
        ? ok(`${ctx.name} fmt -check`)
        : because(`\`${ctx.name} fmt\` without \`-check\` rewrites files`);
    case 'show':
    case 'output':
    case 'validate':
    case 'version':
    case 'graph':
    case 'console':
      return ok(`${ctx.name} ${sub}`);
    case 'providers':
      return second === undefined || second === 'schema' ? ok(`${ctx.name} providers ${second ?? ''}`.trim()) : because(`\`${ctx.name} providers ${second}\` writes files`);
    case 'state':
      return ['list', 'show', 'pull'].includes(second ?? '') ? ok(`${ctx.name} state ${second}`) : changes(`${ctx.name} state ${second ?? ''}`.trim());
    case 'workspace':
      return ['list', 'show'].includes(second ?? '') ? ok(`${ctx.name} workspace ${second}`) : changes(`${ctx.name} workspace ${second ?? ''}`.trim());
    case 'apply':
    case 'destroy':
    case 'import':
    case 'taint':
    case 'untaint':
    case 'refresh':
    case 'init':
    case 'get':
    case 'force-unlock':
    case 'login':
    case 'logout':
    case 'test':
      return changes(`${ctx.name} ${sub}`);
    default:
      return unknown(`${ctx.name} ${sub}`);
  }
};

const AWS_READ_OPERATION = /^(?:describe|list|get|lookup|filter|batch-get|search)-/;
const AWS_WRITE_OPERATION =
  /^(?:create|delete|put|update|modify|start|stop|terminate|reboot|run|invoke|send|attach|detach|associate|disassociate|register|deregister|enable|disable|set|add|remove|reset|restore|copy|import|export|tag|untag|cancel|execute|publish|purge|rotate|revoke|authorize|apply|promote|failover|scale|upload|replace|restart|release|allocate|accept|reject)(?:-|$)/;

/** `aws SERVICE OPERATION`: the operation's verb decides (`describe-*` reads, `delete-*` changes). */
export const aws: Rule = (args, ctx) => {
  const scanned = scanArgs(args, {
    long: ['region', 'profile', 'output', 'query', 'endpoint-url', 'cli-read-timeout', 'cli-connect-timeout', 'color', 'ca-bundle', 'cli-binary-format'],
  });
  const [service, operation] = scanned.positionals;
  if (service === undefined) return hasOption(scanned, '--version') ? ok('aws --version') : unknown(ctx.name);
  if (service === 'help' || operation === 'help') return ok('aws help');
  const label = `aws ${service} ${operation ?? ''}`.trim();
  if (operation === undefined) return unknown(label);
  if (service === 's3') return ['ls', 'presign'].includes(operation) ? ok(label) : changes(label);
  if (service === 'configure') return ['list', 'get', 'list-profiles'].includes(operation) ? ok(label) : changes(label);
  if (service === 's3api' && operation === 'get-object') return because('`aws s3api get-object` writes a file');
  if (AWS_READ_OPERATION.test(operation) || ['tail', 'wait'].includes(operation)) return ok(label);
  if (AWS_WRITE_OPERATION.test(operation) || operation === 'update-kubeconfig') return changes(label);
  return unknown(label);
};

/** gcloud / az / gsutil: the first verb in the command path decides. */
function verbPath(readVerb: (word: string) => boolean, writeVerb: (word: string) => boolean, args: ArgSpec): Rule {
  return (argv, ctx) => {
    const scanned = scanArgs(argv, args);
    const path: string[] = [ctx.name];
    for (const word of scanned.positionals) {
      path.push(word);
      if (writeVerb(word)) return changes(path.join(' '));
      if (readVerb(word)) return ok(path.join(' '));
    }
    if (scanned.positionals.length === 0 && hasOption(scanned, '--version', '--help', '-h')) return ok(ctx.name);
    return unknown(path.slice(0, 4).join(' '));
  };
}

const CLOUD_WRITE_VERBS = new Set([
  'create', 'delete', 'update', 'set', 'add', 'remove', 'start', 'stop', 'reset', 'resize', 'deploy', 'patch', 'ssh', 'scp', 'import',
  'export', 'rollback', 'apply', 'submit', 'run', 'cancel', 'enable', 'disable', 'restart', 'suspend', 'resume', 'attach', 'detach',
  'move', 'migrate', 'upgrade', 'promote', 'failover', 'rotate', 'revoke', 'login', 'logout', 'activate-service-account',
  'configure-docker', 'execute', 'call', 'invoke', 'publish', 'ack', 'pull', 'seek', 'reboot', 'restore', 'clone', 'copy', 'cp', 'rm',
  'mv', 'mb', 'rb', 'rsync', 'kill', 'drain', 'get-credentials', 'deallocate', 'scale', 'download', 'upload', 'purge',
]);
const isCloudWrite = (word: string) => CLOUD_WRITE_VERBS.has(word) || /^(?:set|add|remove|create|delete|update)-/.test(word);

/** `gcloud`: the first read or write verb in the command path decides. */
export const gcloud = verbPath(
  (word) =>
    ['list', 'describe', 'read', 'info', 'version', 'tail', 'ls', 'cat', 'du', 'get', 'print-access-token', 'print-identity-token'].includes(word) ||
    /^(?:list|describe|search|get)-/.test(word),
  isCloudWrite,
  {
    long: [
      'project', 'zone', 'region', 'format', 'filter', 'account', 'configuration', 'verbosity', 'impersonate-service-account',
      'billing-project', 'limit', 'sort-by', 'page-size', 'location', 'cluster', 'freshness', 'order',
    ],
  },
);

/** `az`: the first read or write verb in the command path decides. */
export const az = verbPath(
  (word) => ['list', 'show', 'query', 'version', 'tail', 'get-instance-view'].includes(word) || /^(?:list|show|get)-/.test(word),
  isCloudWrite,
  { short: 'gnol', long: ['resource-group', 'name', 'subscription', 'output', 'query', 'location', 'cluster-name', 'namespace', 'vault-name'] },
);

/** `gsutil`: `ls`, `cat`, `du`, `stat`… read; every other command changes. */
export const gsutil = verbPath(
  (word) => ['ls', 'cat', 'du', 'stat', 'version', 'hash', 'help'].includes(word),
  (word) => !['ls', 'cat', 'du', 'stat', 'version', 'hash', 'help'].includes(word),
  { short: 'ohp' },
);
