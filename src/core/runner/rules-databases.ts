/** Rules for database and data-store clients: SQL shells, Redis, Kafka, Cassandra's nodetool, etcd. */

import { hasOption, optionValues, scanArgs, type ArgSpec } from './argv';
import { subcommands, type SubcommandSpec } from './rule-subcommands';
import { because, changes, isDeviceTarget, ok, unknown, type Rule } from './rule-verdicts';

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
/** `psql`: reads when every `-c` statement only reads, or with `-l`. */
export const psql = sqlRule('psql', ['-c', '--command'], psqlSpec, ['-l', '--list']);
/** `gitlab-psql`: as `psql`. */
export const gitlabPsql = sqlRule('gitlab-psql', ['-c', '--command'], psqlSpec, ['-l', '--list']);
/** `mysql` / `mariadb`: reads when every `-e` statement only reads. */
export const mysql = sqlRule('mysql', ['-e', '--execute'], {
  short: 'eDhPuSOb',
  attachedShort: 'p',
  long: ['execute', 'database', 'host', 'port', 'user', 'socket', 'defaults-file', 'defaults-extra-file', 'login-path', 'ssl-ca', 'ssl-cert', 'ssl-key'],
});

/** `mysqladmin`: `status`, `processlist`, `variables`… read. */
export const mysqladmin = subcommands({
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
/** `redis-cli`: read commands (case-insensitive) and the read-only modes (`--scan`, `--bigkeys`…). */
export const redisCli = subcommands(redisSpec);

// ---------------------------------------------------------------------------------------------
// Data stores

const kafkaTool = (reads: string[], writes: string[]): Rule => (args, ctx) => {
  const label = ctx.name.replace(/\.sh$/, '');
  const write = args.find((a) => writes.includes(a));
  if (write) return changes(`${label} ${write}`);
  const read = args.find((a) => reads.includes(a));
  return read ? ok(`${label} ${read}`) : unknown(label);
};
/** `kafka-consumer-groups`: `--describe`/`--list` read, `--execute`/`--delete` change. */
export const kafkaConsumerGroups = kafkaTool(['--describe', '--list', '--reset-offsets'], ['--execute', '--delete', '--delete-offsets']);
/** `kafka-topics`: `--describe`/`--list` read, `--create`/`--alter`/`--delete` change. */
export const kafkaTopics = kafkaTool(['--describe', '--list'], ['--create', '--alter', '--delete']);
/** `kafka-configs`: `--describe` reads, `--alter` changes. */
export const kafkaConfigs = kafkaTool(['--describe'], ['--alter', '--add-config', '--delete-config']);
/** `kafka-log-dirs`: `--describe` reads, `--alter` changes. */
export const kafkaLogDirs = kafkaTool(['--describe'], ['--alter']);

const NODETOOL_READ = new Set([
  'status', 'info', 'ring', 'tpstats', 'cfstats', 'tablestats', 'compactionstats', 'netstats', 'describecluster', 'describering',
  'gossipinfo', 'version', 'proxyhistograms', 'tablehistograms', 'cfhistograms', 'statusbinary', 'statusgossip', 'statushandoff',
  'statusbackup', 'getcompactionthroughput', 'getstreamthroughput', 'gettimeout', 'getlogginglevels', 'listsnapshots', 'getendpoints',
  'getsstables', 'toppartitions', 'rangekeysample', 'failuredetector', 'getseeds', 'viewbuildstatus', 'clientstats', 'help',
]);
/** `nodetool`: status and statistics subcommands read; every other subcommand changes. */
export const nodetool: Rule = (args) => {
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

/** `etcdctl`: `get`, `watch`, `endpoint health`… read; `put`, `del`, `defrag`… change. */
export const etcdctl = subcommands({
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
