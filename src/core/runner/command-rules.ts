import { hasOption, optionValues, scanArgs, type ArgSpec, type ScannedArgs } from './argv';
import { SUBSTITUTION_WORD } from './shell-commands';

/** What the classifier thinks of one command: read-only (with labels for the reason) or not (with why). */
export type Verdict = { readOnly: true; labels: string[] } | { readOnly: false; reason: string };

/** What a rule can call back into: classify another argv (`sudo CMD`) or a whole script (`sh -c '…'`). */
export interface RuleContext {
  /** The command's base name (`kubectl` for `/usr/local/bin/kubectl`). */
  name: string;
  argv(argv: string[]): Verdict;
  script(text: string): Verdict;
}

/** Decides about one command from its arguments (the words after the command name). */
export type Rule = (args: string[], ctx: RuleContext) => Verdict;

/** A read-only verdict labelled `label` (shown in the block's reason). */
export function ok(label: string, more: string[] = []): Verdict {
  return { readOnly: true, labels: [label, ...more] };
}

/** "`label` changes state". */
export function changes(label: string): Verdict {
  return { readOnly: false, reason: `\`${label}\` changes state` };
}

/** "`label` is not known to be read-only". */
export function unknown(label: string): Verdict {
  return { readOnly: false, reason: `\`${label}\` is not known to be read-only` };
}

/** A change verdict with its own reason. */
export function because(reason: string): Verdict {
  return { readOnly: false, reason };
}

/** Output targets that are not files: writing there changes nothing. */
export function isDeviceTarget(target: string): boolean {
  return /^\/dev\/(?:null|stdout|stderr|tty|fd\/\d+)$/.test(target);
}

function withLabel(verdict: Verdict, label: string): Verdict {
  return verdict.readOnly ? { readOnly: true, labels: [label, ...verdict.labels] } : verdict;
}

// ---------------------------------------------------------------------------------------------
// Tools whose subcommand decides: `kubectl get`, `systemctl status`, `helm list`.

type SubRule = (scanned: ScannedArgs, ctx: RuleContext, after: string[]) => Verdict;

interface SubcommandSpec {
  args?: ArgSpec;
  /** Read-only subcommands: `true`, the read-only second words, or a rule. */
  read: Record<string, true | readonly string[] | SubRule>;
  /** Subcommands (or `sub second`) known to change state, for a clearer reason than "not known". */
  change?: readonly string[];
  /** The verdict when no subcommand is given; default "not known". */
  bare?: (scanned: ScannedArgs, ctx: RuleContext) => Verdict;
  /** Checked first; a verdict here wins (e.g. `--dry-run`). */
  before?: (scanned: ScannedArgs, sub: string, ctx: RuleContext) => Verdict | undefined;
  /** Compare subcommands case-insensitively (redis-cli). */
  caseInsensitive?: boolean;
}

function subcommands(spec: SubcommandSpec): Rule {
  const read = new Map(Object.entries(spec.read));
  const change = new Set(spec.change ?? []);
  return (args, ctx) => {
    const scanned = scanArgs(args, spec.args);
    const written = scanned.positionals[0];
    if (written === undefined) return spec.bare ? spec.bare(scanned, ctx) : unknown(ctx.name);
    const sub = spec.caseInsensitive ? written.toLowerCase() : written;
    const early = spec.before?.(scanned, sub, ctx);
    if (early) return early;
    const entry = read.get(sub);
    const second = spec.caseInsensitive ? scanned.positionals[1]?.toLowerCase() : scanned.positionals[1];
    if (entry === true) return ok(`${ctx.name} ${sub}`);
    if (typeof entry === 'function') return entry(scanned, ctx, args.slice(args.indexOf(written) + 1));
    if (entry) {
      if (second !== undefined && entry.includes(second)) return ok(`${ctx.name} ${sub} ${second}`);
      const label = second === undefined ? `${ctx.name} ${sub}` : `${ctx.name} ${sub} ${second}`;
      return change.has(`${sub} ${second}`) || change.has(sub) ? changes(label) : unknown(label);
    }
    return change.has(sub) ? changes(`${ctx.name} ${sub}`) : unknown(`${ctx.name} ${sub}`);
  };
}

// ---------------------------------------------------------------------------------------------
// Kubernetes, OpenShift, Helm

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

const kubectl = subcommands(kubeSpec());

const oc = subcommands(
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

const helm = subcommands({
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

// ---------------------------------------------------------------------------------------------
// Infrastructure and cloud CLIs

const terraform: Rule = (args, ctx) => {
  const words = args.filter((arg) => !arg.startsWith('-'));
  const [sub, second] = words;
  const flag = (name: string) => args.some((arg) => arg === `-${name}` || arg.startsWith(`-${name}=`));
  if (sub === undefined) return args.some((a) => a === '-version' || a === '--version' || a === '-help') ? ok(ctx.name) : unknown(ctx.name);
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
    case 'providers':
    case 'graph':
    case 'console':
      return ok(`${ctx.name} ${sub}`);
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

const aws: Rule = (args, ctx) => {
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

const gcloud = verbPath(
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

const az = verbPath(
  (word) => ['list', 'show', 'query', 'version', 'tail', 'get-instance-view'].includes(word) || /^(?:list|show|get)-/.test(word),
  isCloudWrite,
  { short: 'gnol', long: ['resource-group', 'name', 'subscription', 'output', 'query', 'location', 'cluster-name', 'namespace', 'vault-name'] },
);

const gsutil = verbPath(
  (word) => ['ls', 'cat', 'du', 'stat', 'version', 'hash', 'help'].includes(word),
  (word) => !['ls', 'cat', 'du', 'stat', 'version', 'hash', 'help'].includes(word),
  { short: 'ohp' },
);

// ---------------------------------------------------------------------------------------------
// HTTP

const CURL_VALUE_SHORT = 'AbcCdDeEFHKmoPQrTtuUwxXyYz';
const CURL_LONG = [
  'request', 'data', 'data-ascii', 'data-binary', 'data-raw', 'data-urlencode', 'json', 'form', 'form-string', 'upload-file', 'output',
  'dump-header', 'cookie-jar', 'trace', 'trace-ascii', 'header', 'user', 'user-agent', 'referer', 'cookie', 'max-time', 'connect-timeout',
  'write-out', 'proxy', 'cert', 'key', 'cacert', 'config', 'resolve', 'retry', 'url', 'output-dir', 'libcurl', 'range', 'oauth2-bearer',
  'aws-sigv4', 'stderr', 'unix-socket', 'interface', 'retry-delay', 'retry-max-time', 'limit-rate', 'continue-at',
];
const HARMLESS_OUTPUT = (value: string) => value === '-' || isDeviceTarget(value);

const curl: Rule = (args) => {
  const s = scanArgs(args, { short: CURL_VALUE_SHORT, long: CURL_LONG });
  const upload = optionValues(s, '-T', '--upload-file');
  if (upload.length) return because(`\`curl -T\` uploads ${upload[0]}`);
  if (hasOption(s, '-F', '--form', '--form-string')) return because('`curl -F` sends form data');
  if (hasOption(s, '--json')) return because('`curl --json` sends data');
  const get = hasOption(s, '-G', '--get');
  const data = s.options.find((o) => ['-d', '--data', '--data-ascii', '--data-binary', '--data-raw', '--data-urlencode'].includes(o.name));
  if (data && !get) return because(`\`curl ${data.name}\` sends data`);
  const method = optionValues(s, '-X', '--request').pop()?.toUpperCase();
  if (method && !['GET', 'HEAD'].includes(method)) return because(`\`curl -X ${method}\` sends a ${method} request`);
  for (const [names, what] of [
    [['-o', '--output'], 'writes'],
    [['-D', '--dump-header'], 'writes headers to'],
    [['-c', '--cookie-jar'], 'writes cookies to'],
    [['--trace', '--trace-ascii', '--libcurl'], 'writes'],
  ] as const) {
    const target = optionValues(s, ...names).find((value) => !HARMLESS_OUTPUT(value));
    if (target !== undefined) return because(`\`curl ${names[0]} ${target}\` ${what} a file`);
  }
  if (hasOption(s, '-O', '--remote-name', '--remote-name-all', '-J', '--remote-header-name')) return because('`curl -O` writes a file');
  if (hasOption(s, '-K', '--config')) return because('`curl -K` reads more options from a file');
  return ok('curl');
};

const wget: Rule = (args) => {
  const s = scanArgs(args, {
    short: 'OoaPtTwUeiBlAIXRDQY',
    long: ['output-document', 'output-file', 'append-output', 'directory-prefix', 'tries', 'timeout', 'wait', 'user-agent', 'execute', 'input-file', 'header', 'method', 'body-data', 'body-file', 'post-data', 'post-file', 'user', 'password'],
  });
  if (hasOption(s, '--post-data', '--post-file', '--body-data', '--body-file')) return because('`wget --post-data` sends data');
  const method = optionValues(s, '--method').pop()?.toUpperCase();
  if (method && !['GET', 'HEAD'].includes(method)) return because(`\`wget --method=${method}\` sends a ${method} request`);
  const log = optionValues(s, '-o', '--output-file', '-a', '--append-output').find((v) => !isDeviceTarget(v));
  if (log !== undefined) return because(`\`wget -o ${log}\` writes a log file`);
  if (hasOption(s, '--spider')) return ok('wget --spider');
  const output = optionValues(s, '-O', '--output-document').pop();
  if (output !== undefined && HARMLESS_OUTPUT(output)) return ok('wget -O -');
  return because('`wget` without `--spider` or `-O -` downloads to a file');
};

// ---------------------------------------------------------------------------------------------
// Databases

const SQL_READ_START = /^(?:select|show|explain|describe|desc|with|values|table|begin|commit|rollback|end|start\s+transaction|\\d|\\l|\\conninfo|\\dn|\\du)/i;
const SQL_WRITE_WORD = /\b(?:insert|update|delete|merge|drop|alter|truncate|create|grant|revoke|vacuum|reindex|cluster|copy|lock|kill|flush|set|call|do|upsert|replace|load|rename|refresh|reset|discard|import)\b/i;
const SQL_SIDE_EFFECT_FUNCTION =
  /\b(pg_terminate_backend|pg_cancel_backend|pg_reload_conf|pg_rotate_logfile|pg_switch_(?:wal|xlog)|pg_promote|pg_create_\w+|pg_drop_\w+|pg_replication_slot_advance|pg_stat_reset\w*|pg_(?:wal|xlog)_replay_\w+|pg_logical_slot_get_\w+|pg_file_write|setval|nextval|set_config|lo_unlink|lo_import|lo_export|pg_advisory_(?:xact_)?lock\w*|dblink_exec|dblink|get_lock)\s*\(/i;

/** Why `sql` may change something, or undefined when every statement only reads. Splits on `;` naively: a `;` inside a string errs toward change. */
export function sqlChange(sql: string): string | undefined {
  const statements = sql
    .split(';')
    .map((s) => s.replace(/^\s*(?:--[^\n]*\n\s*)*/, '').trim())
    .filter(Boolean);
  if (!statements.length) return 'runs no SQL that can be read';
  for (const statement of statements) {
    const first = statement.split(/\s+/)[0]!.toLowerCase();
    if (!SQL_READ_START.test(statement)) return `runs \`${first}\`, which changes data`;
    const fn = SQL_SIDE_EFFECT_FUNCTION.exec(statement);
    if (fn) return `calls \`${fn[1]!.toLowerCase()}()\`, which changes state`;
    if (/^(?:select|with|values|table)\b/i.test(statement) && /\binto\b/i.test(statement)) return `runs \`${first} … into\`, which writes`;
    if (/\bfor\s+(?:no\s+key\s+)?update\b/i.test(statement)) return 'runs `select … for update`, which locks rows';
    if (/^explain\b/i.test(statement) && /\banaly[sz]e\b/i.test(statement) && SQL_WRITE_WORD.test(statement.replace(/^explain\s*(\([^)]*\))?/i, '').replace(/\banaly[sz]e\b/gi, ''))) {
      return 'runs `explain analyze` on a write, which executes it';
    }
    if (/^with\b/i.test(statement) && SQL_WRITE_WORD.test(statement)) return 'runs a `with` query that writes';
  }
  return undefined;
}

function sqlRule(label: string, sqlOptions: string[], spec: ArgSpec, readOnlyWithout?: string[]): Rule {
  return (args) => {
    const s = scanArgs(args, spec);
    if (hasOption(s, '-f', '--file')) return because(`\`${label} -f\` runs SQL from a file`);
    if (label.startsWith('psql') || label.startsWith('gitlab-psql')) {
      const out = optionValues(s, '-o', '--output', '-L', '--log-file').find((v) => !isDeviceTarget(v));
      if (out !== undefined) return because(`\`${label} -o ${out}\` writes a file`);
    }
    const sql = optionValues(s, ...sqlOptions);
    if (!sql.length) {
      if (readOnlyWithout && hasOption(s, ...readOnlyWithout)) return ok(label);
      return because(`\`${label}\` without \`${sqlOptions[0]}\` runs SQL that cannot be read`);
    }
    for (const text of sql) {
      const change = sqlChange(text);
      if (change) return because(`\`${label} ${sqlOptions[0]}\` ${change}`);
    }
    return ok(`${label} ${sqlOptions[0]} ${firstWord(sql[0]!)}`);
  };
}

function firstWord(sql: string): string {
  return sql.trim().split(/\s+/)[0]!.toLowerCase();
}

const psqlSpec: ArgSpec = {
  short: 'cdfhLoPpTUvFR',
  long: ['command', 'dbname', 'file', 'host', 'log-file', 'output', 'pset', 'port', 'username', 'set', 'variable', 'field-separator', 'record-separator', 'table-attr'],
};
const psql = sqlRule('psql', ['-c', '--command'], psqlSpec, ['-l', '--list']);
const gitlabPsql = sqlRule('gitlab-psql', ['-c', '--command'], psqlSpec, ['-l', '--list']);
const mysql = sqlRule('mysql', ['-e', '--execute'], {
  short: 'eDhPuSOb',
  attachedShort: 'p',
  long: ['execute', 'database', 'host', 'port', 'user', 'socket', 'defaults-file', 'defaults-extra-file', 'login-path', 'ssl-ca', 'ssl-cert', 'ssl-key'],
});

const mysqladmin = subcommands({
  args: { short: 'hPuSicw', attachedShort: 'p', long: ['host', 'port', 'user', 'socket', 'sleep', 'count', 'wait', 'defaults-file'] },
  read: { status: true, 'extended-status': true, processlist: true, variables: true, version: true, ping: true },
  change: ['kill', 'shutdown', 'create', 'drop', 'password', 'refresh', 'reload', 'flush-hosts', 'flush-logs', 'flush-privileges', 'flush-status', 'flush-tables', 'flush-threads', 'start-replica', 'stop-replica', 'start-slave', 'stop-slave', 'debug'],
});

const REDIS_READ = [
  'info', 'get', 'mget', 'ping', 'dbsize', 'ttl', 'pttl', 'type', 'scan', 'sscan', 'hscan', 'zscan', 'keys', 'llen', 'hlen', 'scard', 'zcard',
  'strlen', 'exists', 'lrange', 'lindex', 'hget', 'hmget', 'hgetall', 'hkeys', 'hvals', 'hexists', 'smembers', 'sismember', 'zrange',
  'zrangebyscore', 'zrevrange', 'zscore', 'zrank', 'xlen', 'xrange', 'xrevrange', 'xinfo', 'role', 'lastsave', 'time', 'monitor', 'echo',
  'getrange', 'bitcount', 'pfcount', 'lpos', 'randomkey', 'object', 'dump',
];
const redisSpec: SubcommandSpec = {
  args: {
    short: 'hpsaunridx',
    long: ['user', 'pass', 'sni', 'cacert', 'cacertdir', 'cert', 'key', 'tls-ciphers', 'tls-ciphersuites', 'pattern', 'count', 'quoted-pattern', 'cluster', 'eval', 'rdb', 'functions-rdb', 'intrinsic-latency'],
  },
  caseInsensitive: true,
  read: {
    ...Object.fromEntries(REDIS_READ.map((c) => [c, true as const])),
    command: ['count', 'info', 'docs', 'list', 'getkeys'],
    pubsub: ['channels', 'numsub', 'numpat', 'shardchannels', 'shardnumsub'],
    latency: ['latest', 'history', 'doctor', 'graph', 'histogram'],
    slowlog: ['get', 'len', 'help'],
    config: ['get'],
    client: ['list', 'info', 'getname', 'id', 'trackinginfo', 'getredir'],
    memory: ['usage', 'stats', 'doctor', 'malloc-stats'],
    cluster: ['info', 'nodes', 'slots', 'shards', 'myid', 'keyslot', 'countkeysinslot', 'getkeysinslot', 'links', 'count-failure-reports'],
    sentinel: ['masters', 'master', 'replicas', 'slaves', 'sentinels', 'get-master-addr-by-name', 'ckquorum', 'info-cache', 'myid'],
    acl: (scanned) =>
      ['list', 'whoami', 'users', 'cat', 'getuser'].includes(scanned.positionals[1]?.toLowerCase() ?? '') ||
      (scanned.positionals[1]?.toLowerCase() === 'log' && scanned.positionals[2]?.toLowerCase() !== 'reset')
        ? ok(`redis-cli acl ${scanned.positionals[1]!.toLowerCase()}`)
        : changes(`redis-cli acl ${scanned.positionals[1] ?? ''}`.trim()),
    function: ['list', 'stats', 'dump'],
    module: ['list'],
  },
  change: [
    'set', 'del', 'unlink', 'flushall', 'flushdb', 'expire', 'persist', 'rename', 'hset', 'hdel', 'lpush', 'rpush', 'lpop', 'rpop', 'sadd',
    'srem', 'zadd', 'zrem', 'incr', 'decr', 'incrby', 'mset', 'setex', 'xadd', 'xdel', 'xtrim', 'shutdown', 'debug', 'save', 'bgsave',
    'bgrewriteaof', 'replicaof', 'slaveof', 'failover', 'config set', 'config rewrite', 'config resetstat', 'client kill', 'client pause',
    'slowlog reset', 'latency reset', 'memory purge', 'cluster failover', 'cluster reset', 'cluster forget', 'cluster meet',
    'sentinel failover', 'sentinel reset', 'sentinel set', 'sentinel remove', 'sentinel monitor',
  ],
  before: (scanned) => {
    if (hasOption(scanned, '--eval')) return because('`redis-cli --eval` runs a script');
    if (hasOption(scanned, '--pipe')) return because('`redis-cli --pipe` writes what it reads');
    if (hasOption(scanned, '--rdb', '--functions-rdb')) return because('`redis-cli --rdb` writes a file');
    return undefined;
  },
  bare: (scanned) => {
    const mode = scanned.options.find((o) =>
      ['--scan', '--bigkeys', '--memkeys', '--hotkeys', '--stat', '--latency', '--latency-history', '--latency-dist', '--intrinsic-latency', '--replica', '--slave'].includes(o.name),
    );
    if (mode) return ok(`redis-cli ${mode.name}`);
    const cluster = optionValues(scanned, '--cluster')[0];
    if (cluster !== undefined) return ['check', 'info', 'help'].includes(cluster) ? ok(`redis-cli --cluster ${cluster}`) : changes(`redis-cli --cluster ${cluster}`);
    if (hasOption(scanned, '--eval')) return because('`redis-cli --eval` runs a script');
    if (hasOption(scanned, '--pipe')) return because('`redis-cli --pipe` writes what it reads');
    if (hasOption(scanned, '--rdb', '--functions-rdb')) return because('`redis-cli --rdb` writes a file');
    return because('`redis-cli` without a command opens an interactive session');
  },
};
const redisCli = subcommands(redisSpec);

// ---------------------------------------------------------------------------------------------
// Text tools with a write mode

const sed: Rule = (args) => {
  const s = scanArgs(args, { short: 'efl', long: ['expression', 'file', 'line-length'] });
  if (s.options.some((o) => o.name === '-i' || o.name.startsWith('--in-place'))) return because('`sed -i` edits files in place');
  if (hasOption(s, '-f', '--file')) return because('`sed -f` runs a sed script from a file');
  const scripts = [...optionValues(s, '-e', '--expression'), ...(hasOption(s, '-e', '--expression') ? [] : s.positionals.slice(0, 1))];
  // The `w`/`W` commands and flag write files, `e` runs commands; best effort on the common spellings.
  if (scripts.some((script) => /(?:^|[;{}\s])[wW]\s*\S|\/[gpiImM0-9]*[wW]\s*\S|(?:^|[;{}\s])e(?:\s|$)|\/[gpiImM0-9]*e(?:[\s;}]|$)/.test(script))) {
    return because('`sed` with a `w` or `e` command writes files or runs commands');
  }
  return ok('sed');
};

const awk: Rule = (args, ctx) => {
  const s = scanArgs(args, { short: 'Fvfi', long: ['field-separator', 'assign', 'file', 'include', 'load'] });
  if (optionValues(s, '-i', '--include').includes('inplace')) return because(`\`${ctx.name} -i inplace\` edits files in place`);
  if (hasOption(s, '-f', '--file')) return because(`\`${ctx.name} -f\` runs a program from a file`);
  const program = s.positionals[0] ?? '';
  if (/\bsystem\s*\(|\|\s*&|\|\s*getline|\b(?:print|printf)\b[^;}\n]*[>|]/.test(program)) {
    return because(`\`${ctx.name}\` program writes files or runs commands`);
  }
  return ok(ctx.name);
};

const yq: Rule = (args) => {
  const s = scanArgs(args, { short: 'opIs', long: ['output-format', 'input-format', 'indent', 'split-exp', 'expression'] });
  if (hasOption(s, '-i', '--inplace')) return because('`yq -i` edits files in place');
  if (hasOption(s, '-s', '--split-exp')) return because('`yq -s` writes files');
  return ok('yq');
};

const find: Rule = (args, ctx) => {
  const labels: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-delete') return because('`find -delete` deletes files');
    if (['-fprint', '-fprint0', '-fprintf', '-fls'].includes(arg)) return because(`\`find ${arg}\` writes a file`);
    if (arg === '-ok' || arg === '-okdir') return because(`\`find ${arg}\` runs a command`);
    if (arg === '-exec' || arg === '-execdir') {
      const end = args.findIndex((word, j) => j > i && (word === ';' || word === '+'));
      const inner = args.slice(i + 1, end < 0 ? args.length : end);
      if (!inner.length) return because(`\`find ${arg}\` runs a command that cannot be read`);
      const verdict = ctx.argv(inner);
      if (!verdict.readOnly) return verdict;
      labels.push(...verdict.labels);
      i = end < 0 ? args.length : end;
    }
  }
  return ok('find', labels);
};

const sort: Rule = (args) => {
  const s = scanArgs(args, { short: 'ktToS', long: ['key', 'field-separator', 'temporary-directory', 'output', 'buffer-size'] });
  const out = optionValues(s, '-o', '--output').find((v) => !isDeviceTarget(v));
  return out !== undefined ? because(`writes to ${out} with \`sort -o\``) : ok('sort');
};

const uniq: Rule = (args) => {
  const s = scanArgs(args, { short: 'fsw', long: ['skip-fields', 'skip-chars', 'check-chars'] });
  const out = s.positionals[1];
  return out !== undefined && !isDeviceTarget(out) ? because(`writes to ${out} with \`uniq\``) : ok('uniq');
};

const tee: Rule = (args) => {
  const s = scanArgs(args, { long: ['output-error'] });
  const file = s.positionals.find((f) => !isDeviceTarget(f) && f !== SUBSTITUTION_WORD);
  return file !== undefined ? because(`writes to ${file} with \`tee\``) : ok('tee');
};

const rg: Rule = (args) => (args.some((a) => a === '--pre' || a.startsWith('--pre=')) ? because('`rg --pre` runs a command on each file') : ok('rg'));

// ---------------------------------------------------------------------------------------------
// System tools with a write mode

const date: Rule = (args) => {
  const s = scanArgs(args, { short: 'dfrsI', long: ['date', 'file', 'reference', 'set'] });
  if (hasOption(s, '-s', '--set') || s.positionals.some((p) => !p.startsWith('+'))) return because('`date` with a date to set changes the clock');
  return ok('date');
};

const hostname: Rule = (args) => {
  const s = scanArgs(args, { short: 'F', long: ['file'] });
  return s.positionals.length || hasOption(s, '-F', '--file', '-b', '--boot') ? changes('hostname NAME') : ok('hostname');
};

const top: Rule = (args) => (args.some((a) => /^-[a-zA-Z]*b/.test(a) || a === '--batch') ? ok('top -b') : because('`top` without `-b` is interactive'));

const mtr: Rule = (args) =>
  args.some((a) => /^-[a-zA-Z]*[rwjCx]/.test(a) || ['--report', '--report-wide', '--json', '--csv', '--xml', '--raw', '--split'].includes(a))
    ? ok('mtr --report')
    : because('`mtr` without `-r` is interactive');

const netcat: Rule = (args, ctx) =>
  args.some((a) => /^-[a-zA-Z]*z/.test(a) || a === '--zero') ? ok(`${ctx.name} -z`) : because(`\`${ctx.name}\` without \`-z\` can send data`);

const kill: Rule = (args) => (args[0] === '-0' || args[0] === '-l' || args[0] === '-L' ? ok(`kill ${args[0]}`) : changes('kill'));

const sar: Rule = (args) => (args.some((a) => a === '-o' || /^-o./.test(a)) ? because('`sar -o` writes a file') : ok('sar'));

const journalctl: Rule = (args) => {
  const writer = args.find((a) => /^--(?:vacuum-\w+|rotate|flush|sync|relinquish-var|smart-relinquish-var|setup-keys|update-catalog)\b/.test(a));
  return writer ? changes(`journalctl ${writer.split('=')[0]}`) : ok('journalctl');
};

const dmesg: Rule = (args) =>
  args.some((a) => /^-[a-zA-Z]*[cCDEn]/.test(a) || ['--clear', '--read-clear', '--console-off', '--console-on'].includes(a) || a.startsWith('--console-level'))
    ? changes('dmesg --clear')
    : ok('dmesg');

const mount: Rule = (args) => (args.length === 0 || args.every((a) => ['-l', '--show-labels'].includes(a)) ? ok('mount') : changes('mount'));

const sysctl: Rule = (args) =>
  args.some((a) => a.includes('=') || /^-[a-zA-Z]*[wp]/.test(a) || ['--write', '--load', '--system'].includes(a)) ? changes('sysctl -w') : ok('sysctl');

const ip: Rule = (args) => {
  const s = scanArgs(args, { short: 'nfb', long: ['netns', 'family', 'batch'] });
  if (hasOption(s, '-b', '--batch')) return because('`ip -batch` runs commands from a file');
  const [object, command] = s.positionals;
  if (object === undefined) return ok('ip');
  if (command === undefined || ['show', 'list', 'ls', 'lst', 'sh', 'get', 'help'].includes(command)) return ok(`ip ${object}`);
  return changes(`ip ${object} ${command}`);
};

const iptables: Rule = (args, ctx) => {
  const lists = args.some((a) => /^-[a-zA-Z]*[LS]/.test(a) || a === '--list' || a === '--list-rules');
  const writes = args.some((a) => /^-[a-zA-Z]*[AIDFXPNERZ]/.test(a) || /^--(?:append|insert|delete|flush|delete-chain|policy|new-chain|rename-chain|replace|zero)\b/.test(a));
  return lists && !writes ? ok(`${ctx.name} -L`) : changes(ctx.name);
};

const openssl: Rule = (args) => {
  const sub = args[0];
  if (!sub) return because('`openssl` without a command is interactive');
  if (!['x509', 's_client', 'verify', 'version', 'ciphers', 'crl', 'req', 'asn1parse', 'pkey', 'rsa', 'ec', 'dgst', 's_time'].includes(sub)) return unknown(`openssl ${sub}`);
  const out = args.findIndex((a) => a === '-out');
  if (out >= 0 && !isDeviceTarget(args[out + 1] ?? '')) return because(`\`openssl ${sub} -out\` writes a file`);
  if (sub === 'req' && args.some((a) => a === '-new' || a === '-x509')) return because('`openssl req -new` creates keys or requests');
  return ok(`openssl ${sub}`);
};

const systemctl = subcommands({
  args: { short: 'HMptnos', long: ['host', 'machine', 'property', 'type', 'state', 'lines', 'output', 'root', 'signal', 'kill-whom', 'job-mode'] },
  read: Object.fromEntries(
    ['status', 'is-active', 'is-enabled', 'is-failed', 'is-system-running', 'show', 'list-units', 'list-unit-files', 'list-timers',
      'list-sockets', 'list-dependencies', 'list-jobs', 'list-machines', 'cat', 'help', 'get-default', 'show-environment'].map((c) => [c, true as const]),
  ),
  change: ['start', 'stop', 'restart', 'reload', 'try-restart', 'reload-or-restart', 'try-reload-or-restart', 'enable', 'disable', 'mask',
    'unmask', 'kill', 'reset-failed', 'daemon-reload', 'daemon-reexec', 'edit', 'set-property', 'isolate', 'set-default', 'reboot',
    'poweroff', 'halt', 'suspend', 'hibernate', 'revert', 'preset', 'link', 'set-environment', 'unset-environment', 'import-environment'],
  bare: () => ok('systemctl'),
});

const service: Rule = (args) => {
  if (args[0] === '--status-all') return ok('service --status-all');
  const [name, action] = args;
  if (name === undefined) return unknown('service');
  return action === 'status' ? ok('service status') : changes(`service ${name} ${action ?? ''}`.trim());
};

const statusTool = (reads: string[]): Rule => (args, ctx) => {
  const sub = args.find((a) => !a.startsWith('-'));
  return sub === undefined || reads.includes(sub) ? ok(`${ctx.name} ${sub ?? ''}`.trim()) : changes(`${ctx.name} ${sub}`);
};

// ---------------------------------------------------------------------------------------------
// Containers

const DOCKER_EXEC_ARGS: ArgSpec = { short: 'euw', long: ['env', 'env-file', 'user', 'workdir', 'detach-keys'], stopAtPositional: true };
const containerExec = (label: string, spec: ArgSpec): SubRule => (_scanned, ctx, after) => {
  const s = scanArgs(after, spec);
  const inner = s.rest?.slice(1) ?? [];
  return inner.length ? withLabel(ctx.argv(inner), label) : because(`\`${label}\` without a command cannot be read`);
};

const DOCKER_READ: SubcommandSpec['read'] = {
  ps: true, logs: true, inspect: true, stats: true, images: true, top: true, version: true, info: true, port: true, diff: true,
  history: true, events: true, search: true,
  image: ['ls', 'list', 'inspect', 'history'],
  network: ['ls', 'list', 'inspect'],
  volume: ['ls', 'list', 'inspect'],
  system: ['df', 'info', 'events'],
  context: ['ls', 'list', 'show', 'inspect'],
  node: ['ls', 'list', 'ps', 'inspect'],
  service: ['ls', 'list', 'ps', 'inspect', 'logs'],
  stack: ['ls', 'list', 'ps', 'services'],
};
const COMPOSE_ARGS: ArgSpec = { short: 'fp', long: ['file', 'project-name', 'project-directory', 'env-file', 'profile', 'ansi', 'progress'] };
const COMPOSE_EXEC_ARGS: ArgSpec = { short: 'euw', long: ['env', 'user', 'workdir', 'index'], stopAtPositional: true };
const composeSpec = (label: string): SubcommandSpec => ({
  args: COMPOSE_ARGS,
  read: {
    ps: true, logs: true, config: true, ls: true, top: true, images: true, version: true, port: true, events: true,
    exec: containerExec(`${label} exec`, COMPOSE_EXEC_ARGS),
  },
  change: ['up', 'down', 'start', 'stop', 'restart', 'rm', 'kill', 'pull', 'push', 'build', 'create', 'run', 'pause', 'unpause', 'scale', 'cp'],
});
const dockerCompose = subcommands(composeSpec('docker-compose'));
const dockerComposeSub: SubRule = (_scanned, ctx, after) => subcommands(composeSpec(`${ctx.name} compose`))(after, { ...ctx, name: `${ctx.name} compose` });
const CONTAINER_READ = ['ls', 'list', 'ps', 'inspect', 'logs', 'top', 'stats', 'port', 'diff'];
const dockerContainer: SubRule = (scanned, ctx, after) => {
  const second = scanned.positionals[1];
  if (second === 'exec') return containerExec(`${ctx.name} container exec`, DOCKER_EXEC_ARGS)(scanned, ctx, after.slice(after.indexOf('exec') + 1));
  if (second !== undefined && CONTAINER_READ.includes(second)) return ok(`${ctx.name} container ${second}`);
  return changes(`${ctx.name} container ${second ?? ''}`.trim());
};

const dockerSpec: SubcommandSpec = {
  args: { short: 'Hcl', long: ['host', 'context', 'config', 'log-level', 'tlscacert', 'tlscert', 'tlskey'] },
  read: {
    ...DOCKER_READ,
    exec: (scanned, ctx, after) => containerExec(`${ctx.name} exec`, DOCKER_EXEC_ARGS)(scanned, ctx, after),
    container: dockerContainer,
    compose: dockerComposeSub,
  },
  change: ['run', 'rm', 'rmi', 'stop', 'kill', 'restart', 'start', 'pause', 'unpause', 'create', 'cp', 'commit', 'build', 'pull', 'push',
    'tag', 'login', 'logout', 'save', 'load', 'import', 'export', 'update', 'rename', 'prune', 'container rm', 'container stop',
    'container kill', 'container restart', 'container prune', 'image rm', 'image prune', 'network rm', 'network create', 'volume rm',
    'volume create', 'volume prune', 'system prune'],
};
const docker = subcommands(dockerSpec);

const crictl = subcommands({
  args: { short: 'r', long: ['runtime-endpoint', 'image-endpoint', 'timeout', 'config'] },
  read: Object.fromEntries(
    ['ps', 'pods', 'images', 'img', 'inspect', 'inspectp', 'inspecti', 'logs', 'stats', 'statsp', 'info', 'version', 'imagefsinfo'].map((c) => [c, true as const]),
  ),
  change: ['rm', 'rmp', 'rmi', 'stop', 'stopp', 'runp', 'run', 'create', 'start', 'exec', 'pull', 'update', 'attach', 'port-forward'],
});

// ---------------------------------------------------------------------------------------------
// git

const git = subcommands({
  args: { short: 'Cc', long: ['git-dir', 'work-tree', 'namespace', 'exec-path', 'config-env'] },
  read: {
    ...Object.fromEntries(
      ['status', 'blame', 'rev-parse', 'describe', 'ls-files', 'ls-remote', 'ls-tree', 'cat-file', 'shortlog', 'grep', 'rev-list',
        'for-each-ref', 'show-ref', 'merge-base', 'name-rev', 'cherry', 'count-objects', 'version', 'help', 'annotate', 'show-branch',
        'var', 'check-ignore', 'check-attr', 'verify-commit', 'verify-tag'].map((c) => [c, true as const]),
    ),
    ...Object.fromEntries(
      ['log', 'diff', 'show', 'whatchanged'].map((c) => [
        c,
        ((scanned: ScannedArgs) => (hasOption(scanned, '--output') ? because(`\`git ${c} --output\` writes a file`) : ok(`git ${c}`))) as SubRule,
      ]),
    ),
    branch: (_scanned, _ctx, after) => listingOnly('git branch', after, ['--contains', '--no-contains', '--merged', '--no-merged', '--points-at', '--sort', '--format', '--color', '--column'], ['-l', '--list']),
    tag: (_scanned, _ctx, after) => listingOnly('git tag', after, ['--contains', '--no-contains', '--merged', '--no-merged', '--points-at', '--sort', '--format', '--color', '--column', '-n'], ['-l', '--list']),
    remote: (scanned) => {
      const sub = scanned.positionals[1];
      return sub === undefined || ['show', 'get-url'].includes(sub) ? ok(`git remote ${sub ?? ''}`.trim()) : changes(`git remote ${sub}`);
    },
    stash: ['list', 'show'],
    reflog: (scanned) => {
      const sub = scanned.positionals[1];
      return sub === undefined || ['show', 'exists'].includes(sub) || !['expire', 'delete'].includes(sub) ? ok('git reflog') : changes(`git reflog ${sub}`);
    },
    worktree: ['list'],
    submodule: ['status', 'summary'],
    notes: ['list', 'show'],
    config: (scanned) => {
      const reads = scanned.options.some((o) => ['-l', '--list', '--get', '--get-all', '--get-regexp', '--get-urlmatch', '--get-color', '--get-colorbool'].includes(o.name));
      const writes = scanned.options.some((o) => /^--(?:unset|unset-all|add|replace-all|rename-section|remove-section|edit)$/.test(o.name) || o.name === '-e');
      const words = scanned.positionals.slice(1);
      if (!writes && (reads || ['get', 'list'].includes(words[0] ?? '') || words.length === 1)) return ok('git config');
      return changes('git config');
    },
  },
  change: ['push', 'commit', 'reset', 'checkout', 'switch', 'restore', 'clean', 'fetch', 'pull', 'merge', 'rebase', 'cherry-pick', 'revert',
    'add', 'rm', 'mv', 'init', 'clone', 'gc', 'prune', 'am', 'apply', 'stash push', 'stash pop', 'stash drop', 'stash apply', 'stash clear'],
});

/** `git branch` / `git tag`: read-only when only listing (no names, or names given with `--list` as patterns). */
function listingOnly(label: string, args: string[], valueOptions: string[], listFlags: string[]): Verdict {
  const s = scanArgs(args, { long: valueOptions.filter((o) => o.startsWith('--')).map((o) => o.slice(2)) });
  const flags = s.options.map((o) => o.name);
  const allowed = new Set(['-a', '--all', '-r', '--remotes', '-v', '-vv', '--verbose', '--show-current', '-i', '--ignore-case', '--omit-empty', '-n', ...valueOptions, ...listFlags]);
  if (flags.every((f) => allowed.has(f)) && (s.positionals.length === 0 || flags.some((f) => listFlags.includes(f)))) return ok(label);
  return changes(label);
}

// ---------------------------------------------------------------------------------------------
// Data stores and monitoring tools

const kafkaTool = (reads: string[], writes: string[]): Rule => (args, ctx) => {
  const label = ctx.name.replace(/\.sh$/, '');
  const write = args.find((a) => writes.includes(a));
  if (write) return changes(`${label} ${write}`);
  const read = args.find((a) => reads.includes(a));
  return read ? ok(`${label} ${read}`) : unknown(label);
};
const kafkaConsumerGroups = kafkaTool(['--describe', '--list', '--reset-offsets'], ['--execute', '--delete', '--delete-offsets']);
const kafkaTopics = kafkaTool(['--describe', '--list'], ['--create', '--alter', '--delete']);
const kafkaConfigs = kafkaTool(['--describe'], ['--alter', '--add-config', '--delete-config']);
const kafkaLogDirs = kafkaTool(['--describe'], ['--alter']);

const NODETOOL_READ = new Set([
  'status', 'info', 'ring', 'tpstats', 'cfstats', 'tablestats', 'compactionstats', 'netstats', 'describecluster', 'describering',
  'gossipinfo', 'version', 'proxyhistograms', 'tablehistograms', 'cfhistograms', 'statusbinary', 'statusgossip', 'statushandoff',
  'statusbackup', 'getcompactionthroughput', 'getstreamthroughput', 'gettimeout', 'getlogginglevels', 'listsnapshots', 'getendpoints',
  'getsstables', 'toppartitions', 'rangekeysample', 'failuredetector', 'getseeds', 'viewbuildstatus', 'clientstats', 'help',
]);
const nodetool: Rule = (args) => {
  let sub: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (['-h', '-p', '-u', '-pw', '-pwf', '--host', '--port', '--username', '--password', '--password-file'].includes(arg)) i++;
    else if (!arg.startsWith('-')) {
      sub = arg;
      break;
    }
  }
  if (sub === undefined) return unknown('nodetool');
  return NODETOOL_READ.has(sub) ? ok(`nodetool ${sub}`) : changes(`nodetool ${sub}`);
};

const etcdctl = subcommands({
  args: { short: 'w', long: ['endpoints', 'cacert', 'cert', 'key', 'user', 'password', 'write-out', 'command-timeout', 'dial-timeout', 'keepalive-time', 'keepalive-timeout', 'discovery-srv'] },
  read: {
    get: true, version: true, watch: true,
    endpoint: ['health', 'status', 'hashkv'],
    member: ['list'],
    alarm: ['list'],
    user: ['list', 'get'],
    role: ['list', 'get'],
    lease: ['list', 'timetolive'],
  },
  change: ['put', 'del', 'defrag', 'compact', 'compaction', 'snapshot', 'txn', 'lock', 'elect', 'move-leader', 'member add', 'member remove', 'member update', 'alarm disarm', 'lease revoke', 'lease grant'],
});

const promtool = subcommands({
  read: {
    check: true, query: true, test: true, help: true,
    tsdb: ['analyze', 'list', 'dump', 'dump-openmetrics'],
  },
  change: ['tsdb create-blocks-from', 'debug', 'push'],
  bare: () => ok('promtool'),
});

const amtool = subcommands({
  args: { short: 'o', long: ['alertmanager.url', 'output', 'config.file', 'timeout'] },
  read: {
    alert: (scanned) => (['add'].includes(scanned.positionals[1] ?? '') ? changes('amtool alert add') : ok('amtool alert query')),
    silence: (scanned) => (['add', 'expire', 'import', 'update'].includes(scanned.positionals[1] ?? '') ? changes(`amtool silence ${scanned.positionals[1]}`) : ok('amtool silence query')),
    config: true, 'check-config': true, cluster: ['show'], template: ['render'],
  },
});

const gitlabCtl = subcommands({
  read: { status: true, tail: true, 'service-list': true, 'show-config': true, 'get-redis-master': true, help: true },
  change: ['restart', 'reconfigure', 'stop', 'start', 'kill', 'hup', 'int', 'term', 'usr1', 'usr2', 'once', 'upgrade', 'cleanse', 'uninstall', 'deploy-page', 'set-grafana-password', 'pg-upgrade', 'revert-pg-upgrade', 'registry-garbage-collect'],
});

const gitlabRake: Rule = (args) => {
  const tasks = args.filter((a) => !a.startsWith('-') && !a.includes('='));
  if (!tasks.length) return unknown('gitlab-rake');
  const other = tasks.find((t) => !/(?:^|:)(?:check|info)$/.test(t));
  return other ? unknown(`gitlab-rake ${other}`) : ok(`gitlab-rake ${tasks.join(' ')}`);
};

// ---------------------------------------------------------------------------------------------
// Wrappers: the command they run decides.

const sudo: Rule = (args, ctx) => {
  const s = scanArgs(args, {
    short: 'ugCDhpUrtT',
    long: ['user', 'group', 'close-from', 'chdir', 'host', 'prompt', 'other-user', 'role', 'type', 'command-timeout'],
    stopAtPositional: true,
  });
  if (s.rest?.length) return ctx.argv(s.rest);
  if (hasOption(s, '-i', '--login', '-s', '--shell')) return because('`sudo -i` opens a root shell');
  if (hasOption(s, '-e', '--edit')) return because('`sudo -e` edits a file');
  if (hasOption(s, '-l', '--list', '-v', '--validate', '-V', '--version', '-k', '-K')) return ok('sudo -l');
  return unknown('sudo');
};

function wrapper(spec: ArgSpec, bare?: string): Rule {
  return (args, ctx) => {
    const s = scanArgs(args, { ...spec, stopAtPositional: true });
    if (s.rest?.length) return ctx.argv(s.rest);
    return bare ? ok(bare) : unknown(ctx.name);
  };
}

const timeout: Rule = (args, ctx) => {
  const s = scanArgs(args, { short: 'sk', long: ['signal', 'kill-after'], stopAtPositional: true });
  const inner = s.rest?.slice(1) ?? [];
  return inner.length ? ctx.argv(inner) : unknown('timeout');
};

const time: Rule = (args, ctx) => {
  const s = scanArgs(args, { short: 'fo', long: ['format', 'output'], stopAtPositional: true });
  const out = optionValues(s, '-o', '--output').find((v) => !isDeviceTarget(v));
  if (out !== undefined) return because(`\`time -o ${out}\` writes a file`);
  return s.rest?.length ? ctx.argv(s.rest) : ok('time');
};

const watch: Rule = (args, ctx) => {
  const s = scanArgs(args, { short: 'nq', long: ['interval', 'equexit'], stopAtPositional: true });
  if (!s.rest?.length) return unknown('watch');
  return hasOption(s, '-x', '--exec') ? ctx.argv(s.rest) : ctx.script(s.rest.join(' '));
};

const env: Rule = (args, ctx) => {
  const s = scanArgs(args, { short: 'uCS', long: ['unset', 'chdir', 'split-string'], stopAtPositional: true });
  const split = optionValues(s, '-S', '--split-string')[0];
  if (split !== undefined) return ctx.script([split, ...(s.rest ?? [])].join(' '));
  const rest = s.rest ?? [];
  let i = 0;
  while (i < rest.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[i]!)) i++;
  return i < rest.length ? ctx.argv(rest.slice(i)) : ok('env');
};

const xargs: Rule = (args, ctx) => {
  const s = scanArgs(args, {
    short: 'adEILnPs',
    long: ['arg-file', 'delimiter', 'eof', 'replace', 'max-lines', 'max-args', 'max-procs', 'max-chars', 'process-slot-var'],
    stopAtPositional: true,
  });
  return s.rest?.length ? withLabel(ctx.argv(s.rest), 'xargs') : ok('xargs');
};

const command: Rule = (args, ctx) => {
  if (args[0] === '-v' || args[0] === '-V') return ok('command -v');
  const rest = args[0] === '-p' ? args.slice(1) : args;
  return rest.length ? ctx.argv(rest) : ok('command');
};

const exec: Rule = (args, ctx) => (args.length ? ctx.argv(args) : ok('exec'));

const shell: Rule = (args, ctx) => {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    if (arg.startsWith('--')) continue;
    if (/^[-+][a-zA-Z]+$/.test(arg)) {
      if (arg.startsWith('-') && arg.includes('c')) {
        const script = args.slice(i + 1).find((a, j) => j === 0 || !/^[-+]/.test(a));
        return script === undefined ? because(`\`${ctx.name} -c\` without a script`) : ctx.script(script);
      }
      if (arg.includes('o') || arg.includes('O')) i++;
      continue;
    }
    return arg.includes(SUBSTITUTION_WORD) ? because(`\`${ctx.name}\` runs a script that a substitution produces`) : unknown(`${ctx.name} ${arg}`);
  }
  return because(`\`${ctx.name}\` runs commands from its input`);
};

const ssh: Rule = (args, ctx) => {
  const s = scanArgs(args, { short: 'BbcDEeFIiJLlmOoPpQRSWw', stopAtPositional: true });
  const [host, ...remote] = s.rest ?? [];
  if (host === undefined) return unknown('ssh');
  if (!remote.length) return because('`ssh` without a command opens an interactive session');
  return withLabel(ctx.script(remote.join(' ')), 'ssh');
};

const evalRule: Rule = (args, ctx) => (args.length ? ctx.script(args.join(' ')) : ok('eval'));

// ---------------------------------------------------------------------------------------------
// The table

/** Commands that only read, whatever their arguments (redirections are judged separately). */
const READ_ONLY_COMMANDS = [
  'cat', 'less', 'more', 'head', 'tail', 'grep', 'egrep', 'fgrep', 'zgrep', 'zcat', 'zless', 'bzcat', 'xzcat', 'jq', 'ls', 'ps', 'pgrep', 'pidof',
  'df', 'du', 'free', 'uptime', 'vmstat', 'iostat', 'mpstat', 'pidstat', 'echo', 'printf', 'id', 'whoami', 'dig', 'nslookup', 'host', 'ping',
  'ping6', 'traceroute', 'tracepath', 'ss', 'netstat', 'lsof', 'stat', 'file', 'which', 'wc', 'cut', 'tr', 'column', 'test', '[', '[[', 'true',
  'false', ':', 'sleep', 'cd', 'pwd', 'pushd', 'popd', 'dirs', 'export', 'unset', 'set', 'shopt', 'alias', 'unalias', 'local', 'declare',
  'typeset', 'readonly', 'read', 'wait', 'exit', 'return', 'break', 'continue', 'shift', 'let', 'type', 'hash', 'getopts', 'umask', 'ulimit',
  'uname', 'nproc', 'lscpu', 'lsblk', 'lsmem', 'lspci', 'lsusb', 'lsmod', 'getent', 'w', 'who', 'last', 'users', 'groups', 'tty', 'locale',
  'printenv', 'arch', 'base64', 'md5sum', 'sha1sum', 'sha256sum', 'sha512sum', 'shasum', 'cksum', 'od', 'hexdump', 'strings', 'nl', 'rev',
  'tac', 'fold', 'paste', 'join', 'comm', 'diff', 'cmp', 'expand', 'unexpand', 'realpath', 'readlink', 'basename', 'dirname', 'tree',
  'numfmt', 'expr', 'seq', 'whois', 'clear', 'tput', 'stern', 'pg_isready', 'iptables-save', 'ip6tables-save', 'ack', 'ag',
];

/** Commands known to change state, for a clearer reason than "not known". */
const CHANGING_COMMANDS = [
  'rm', 'rmdir', 'mv', 'cp', 'dd', 'mkfs', 'chmod', 'chown', 'chgrp', 'pkill', 'killall', 'reboot', 'shutdown', 'poweroff', 'halt', 'touch',
  'mkdir', 'ln', 'truncate', 'shred', 'install', 'rsync', 'scp', 'sftp', 'tar', 'unzip', 'gzip', 'gunzip', 'zip', 'bzip2', 'xz', 'patch',
  'crontab', 'umount', 'swapoff', 'swapon', 'useradd', 'userdel', 'usermod', 'groupadd', 'passwd', 'apt', 'apt-get', 'yum', 'dnf', 'apk',
  'pip', 'pip3', 'npm', 'systemd-run', 'chattr', 'setfacl', 'fallocate', 'parted', 'fdisk', 'wipefs', 'tune2fs', 'resize2fs', 'lvextend',
  'modprobe', 'rmmod', 'insmod', 'ifup', 'ifdown', 'nft', 'ufw', 'firewall-cmd',
];

const source: Rule = (args, ctx) => unknown(`${ctx.name} ${args[0] ?? ''}`.trim());

const RULES = new Map<string, Rule>([
  ...READ_ONLY_COMMANDS.map((name) => [name, ((_args, ctx) => ok(ctx.name)) as Rule] as const),
  ...CHANGING_COMMANDS.map((name) => [name, ((_args, ctx) => changes(ctx.name)) as Rule] as const),
  ['kubectl', kubectl], ['oc', oc], ['helm', helm], ['terraform', terraform], ['tofu', terraform], ['aws', aws], ['gcloud', gcloud],
  ['az', az], ['gsutil', gsutil], ['curl', curl], ['wget', wget], ['psql', psql], ['gitlab-psql', gitlabPsql], ['mysql', mysql],
  ['mariadb', mysql], ['mysqladmin', mysqladmin], ['redis-cli', redisCli], ['gitlab-redis-cli', redisCli], ['sed', sed], ['awk', awk],
  ['gawk', awk], ['mawk', awk], ['yq', yq], ['find', find], ['sort', sort], ['uniq', uniq], ['tee', tee], ['rg', rg], ['date', date],
  ['hostname', hostname], ['top', top], ['mtr', mtr], ['nc', netcat], ['ncat', netcat], ['netcat', netcat], ['kill', kill], ['sar', sar],
  ['journalctl', journalctl], ['dmesg', dmesg], ['mount', mount], ['sysctl', sysctl], ['ip', ip], ['iptables', iptables],
  ['ip6tables', iptables], ['openssl', openssl], ['systemctl', systemctl], ['service', service],
  ['timedatectl', statusTool(['status', 'show', 'list-timezones', 'timesync-status', 'show-timesync'])],
  ['hostnamectl', statusTool(['status'])], ['docker', docker], ['podman', docker], ['docker-compose', dockerCompose], ['crictl', crictl],
  ['git', git], ['kafka-consumer-groups', kafkaConsumerGroups], ['kafka-consumer-groups.sh', kafkaConsumerGroups],
  ['kafka-topics', kafkaTopics], ['kafka-topics.sh', kafkaTopics], ['kafka-configs', kafkaConfigs], ['kafka-configs.sh', kafkaConfigs],
  ['kafka-log-dirs', kafkaLogDirs], ['kafka-log-dirs.sh', kafkaLogDirs], ['nodetool', nodetool], ['etcdctl', etcdctl],
  ['promtool', promtool], ['amtool', amtool], ['gitlab-ctl', gitlabCtl], ['gitlab-rake', gitlabRake], ['sudo', sudo], ['doas', sudo],
  ['timeout', timeout], ['time', time], ['watch', watch], ['env', env], ['xargs', xargs], ['command', command], ['exec', exec],
  ['builtin', exec], ['nice', wrapper({ short: 'n', long: ['adjustment'] }, 'nice')], ['ionice', wrapper({ short: 'cnp', long: ['class', 'classdata', 'pid'] })],
  ['stdbuf', wrapper({ short: 'ioe', long: ['input', 'output', 'error'] })], ['sh', shell], ['bash', shell], ['zsh', shell], ['dash', shell],
  ['ksh', shell], ['ssh', ssh], ['eval', evalRule], ['source', source], ['.', source],
  ['nohup', () => because('`nohup` keeps the command running after the block and may write nohup.out')],
]);

/** The rule for a command's base name, or undefined when the command is not known. */
export function ruleFor(name: string): Rule | undefined {
  if (/^mkfs\./.test(name)) return RULES.get('mkfs');
  return RULES.get(name);
}
