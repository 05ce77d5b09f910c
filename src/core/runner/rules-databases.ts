/** Rules for data-store clients: mysqladmin, Redis, Kafka, Cassandra's nodetool, etcd (the SQL shells are in rules-sql.ts). */

import { hasOption, optionValues } from './argv';
import { optionTable, parseWithTable } from './option-table';
import { tableVerdict } from './table-rule';
import { subcommands, type SubcommandSpec } from './rule-subcommands';
import { because, changes, ok, unknown, type Rule } from './rule-verdicts';

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

const ETCDCTL_TABLE = optionTable(
  '--endpoints= --cacert= --cert= --key= --user= --password= -w|--write-out= --command-timeout= --dial-timeout= --keepalive-time= ' +
    '--keepalive-timeout= --discovery-srv= --discovery-srv-name= --insecure-skip-tls-verify --insecure-transport=? --insecure-discovery=? ' +
    '--debug --hex --cluster --prefix --from-key --keys-only --print-value-only --limit= --order= --sort-by= --rev= --consistency= ' +
    '--count-only --max-create-rev= --min-create-rev= --max-mod-rev= --min-mod-rev= --prev-kv --progress-notify --keys -h|--help',
  { '-i|--interactive': 'reads more commands from its input' },
  { shortEquals: true },
);

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
  before: (_scanned, sub, _ctx, args) => {
    const refused = tableVerdict(args, ETCDCTL_TABLE, 'etcdctl');
    if (refused) return refused;
    if (sub === 'watch' && parseWithTable(args, ETCDCTL_TABLE).dashDash) return because('`etcdctl watch … -- CMD` runs a command on every change');
    return undefined;
  },
});
