/**
 * Reads SQL given on a command line (`psql -c`, `mysql -e`): which statements only read, which
 * functions a query calls, and which psql meta-commands (`\!`, `\copy`, `\o`…) write or run something.
 */

const SQL_READ_START = /^(?:select|show|explain|describe|desc|with|values|table|begin|commit|rollback|end|start\s+transaction|use)\b/i;
const SQL_WRITE_WORD = /\b(?:insert|update|delete|merge|drop|alter|truncate|create|grant|revoke|vacuum|reindex|cluster|copy|lock|kill|flush|set|call|do|upsert|replace|load|rename|refresh|reset|discard|import)\b/i;
const SQL_SIDE_EFFECT_FUNCTION =
  /^(?:pg_terminate_backend|pg_cancel_backend|pg_reload_conf|pg_rotate_logfile|pg_switch_(?:wal|xlog)|pg_promote|pg_create_\w+|pg_drop_\w+|pg_replication_slot_advance|pg_stat_reset\w*|pg_(?:wal|xlog)_replay_\w+|pg_logical_slot_get_\w+|pg_file_write|setval|nextval|set_config|lo_unlink|lo_import|lo_export|pg_advisory_(?:xact_)?lock\w*|dblink_exec|dblink|get_lock|txid_current|pg_current_xact_id)$/;

/** Words that take parentheses without being function calls. */
const KEYWORDS = new Set(`in exists any all some values over filter within cast as from join on using and or not where select by distinct lateral
  with interval case when then else row array partition order group having limit union except intersect is between like ilike table
  returning window if rows range grouping cube rollup sets recursive materialized null default collate at zone time timestamp date numeric
  decimal varchar char character varying bigint int integer smallint float double real boolean bit text json jsonb only of into`.split(/\s+/));

/** Functions that only compute or read: aggregates, string, date and JSON functions, and the statistics and size functions runbooks query. */
const READ_FUNCTIONS = new Set(`count sum avg min max coalesce nullif greatest least now current_setting current_database current_user
  session_user version extract date_part date_trunc to_char to_timestamp to_date age round floor ceil ceiling abs trunc mod power sqrt
  length char_length octet_length lower upper substr substring trim ltrim rtrim replace split_part concat concat_ws format left right
  position strpos regexp_replace regexp_matches regexp_match regexp_split_to_table string_agg array_agg array_length array_to_string
  string_to_array array_position unnest json_agg jsonb_agg json_build_object jsonb_build_object json_object_agg jsonb_object_agg
  jsonb_pretty to_json to_jsonb row_to_json jsonb_array_length json_array_length jsonb_each json_each jsonb_object_keys
  json_extract_path_text jsonb_extract_path jsonb_path_query pg_size_pretty pg_size_bytes pg_database_size pg_relation_size
  pg_total_relation_size pg_table_size pg_indexes_size pg_tablespace_size pg_column_size pg_is_in_recovery pg_last_wal_receive_lsn
  pg_last_wal_replay_lsn pg_current_wal_lsn pg_current_wal_insert_lsn pg_current_wal_flush_lsn pg_wal_lsn_diff pg_xlog_location_diff
  pg_last_xlog_receive_location pg_last_xlog_replay_location pg_current_xlog_location pg_last_xact_replay_timestamp
  pg_postmaster_start_time pg_conf_load_time pg_backend_pid pg_blocking_pids pg_get_indexdef pg_get_viewdef pg_get_constraintdef
  pg_get_triggerdef pg_get_functiondef pg_get_expr pg_get_userbyid pg_get_serial_sequence pg_relation_filepath pg_relation_filenode
  pg_table_is_visible pg_has_role has_table_privilege has_schema_privilege has_database_privilege pg_current_xact_id_if_assigned
  txid_current_snapshot pg_xact_commit_timestamp pg_last_committed_xact pg_control_checkpoint pg_control_system pg_control_recovery
  pg_walfile_name pg_ls_waldir pg_ls_logdir pg_is_wal_replay_paused pg_get_wal_replay_pause_state quote_ident quote_literal md5 encode
  decode to_hex generate_series row_number rank dense_rank lag lead first_value last_value percentile_cont percentile_disc ntile cume_dist
  stddev variance bool_and bool_or every justify_interval justify_hours make_interval clock_timestamp statement_timestamp
  transaction_timestamp timeofday inet_server_addr inet_client_addr obj_description col_description format_type pg_typeof current_schema
  current_schemas ifnull from_unixtime unix_timestamp timestampdiff datediff date_format sec_to_time time_to_sec database schema user
  connection_id group_concat json_extract json_unquote count_big datalength isnull`.split(/\s+/));

/** psql meta-commands that only show things. */
const READ_META = /^(?:d[A-Za-z]*\+?|l\+?|list|conninfo|x|timing|pset|echo|encoding|sf\+?|sv\+?|z|watch|\?|h|help|q|quit|copyright|errverbose|dconfig|a|t|H|f|C|T|set|unset|c|connect|g|gx|gdesc|p|print|r|reset)$/;
const META_REASONS: Record<string, string> = {
  '!': 'runs a shell command', copy: 'reads or writes a file', o: 'writes query output to a file', out: 'writes query output to a file',
  w: 'writes the query buffer to a file', write: 'writes the query buffer to a file', s: 'writes the history to a file',
  setenv: 'sets an environment variable (such as `PAGER`)', gexec: 'runs the query results as SQL', i: 'runs SQL from a file',
  ir: 'runs SQL from a file', include: 'runs SQL from a file', e: 'opens an editor', edit: 'opens an editor', password: 'changes a password',
  lo_export: 'writes a large object to a file', lo_import: 'imports a file as a large object', lo_unlink: 'deletes a large object',
};

/** Why a psql meta-command line may write or run something, or undefined when it only shows things. */
function metaChange(line: string): string | undefined {
  for (const match of line.matchAll(/\\([A-Za-z_]+\+?|[!?])(.*?)(?=\\[A-Za-z!?]|$)/gs)) {
    const name = match[1]!;
    if ((name === 'g' || name === 'gx') && match[2]!.trim()) return `runs \`\\${name} ${match[2]!.trim()}\`, which writes to a file or a command`;
    if (READ_META.test(name)) continue;
    return `runs \`\\${name}\`, which ${META_REASONS[name] ?? 'is not a meta-command known to be read-only'}`;
  }
  return undefined;
}

/** The functions a statement calls (lower-cased, schema removed), string literals aside. */
function calledFunctions(statement: string): string[] {
  const bare = statement.replace(/'(?:[^']|'')*'/g, "''");
  return [...bare.matchAll(/([A-Za-z_][A-Za-z0-9_$.]*)\s*\(/g)].map((m) => m[1]!.toLowerCase().replace(/^.*\./, '')).filter((name) => !KEYWORDS.has(name));
}

/** Why `sql` may change something, or undefined when every statement only reads. Splits on `;` naively: a `;` inside a string errs toward change. */
export function sqlChange(sql: string): string | undefined {
  if (/^\s*\\/.test(sql)) return metaChange(sql);
  const statements = sql
    .split(';')
    .map((s) => s.replace(/^\s*(?:--[^\n]*\n\s*)*/, '').trim())
    .filter(Boolean);
  if (!statements.length) return 'runs no SQL that can be read';
  for (const statement of statements) {
    const first = statement.split(/\s+/)[0]!.toLowerCase();
    if (statement.startsWith('\\')) {
      const meta = metaChange(statement);
      if (meta) return meta;
      continue;
    }
    if (!SQL_READ_START.test(statement)) return `runs \`${first}\`, which changes data`;
    for (const fn of calledFunctions(statement)) {
      if (SQL_SIDE_EFFECT_FUNCTION.test(fn)) return `calls \`${fn}()\`, which changes state`;
      if (!READ_FUNCTIONS.has(fn) && !/^pg_stat_get_\w+$/.test(fn)) return `calls \`${fn}()\`, which is not known to be read-only`;
    }
    if (/^(?:select|with|values|table)\b/i.test(statement) && /\binto\b/i.test(statement)) return `runs \`${first} … into\`, which writes`;
    if (/\bfor\s+(?:no\s+key\s+)?(?:update|share)\b/i.test(statement)) return 'runs `select … for update`, which locks rows';
    if (/^explain\b/i.test(statement) && /\banaly[sz]e\b/i.test(statement) && SQL_WRITE_WORD.test(statement.replace(/^explain\s*(\([^)]*\))?/i, '').replace(/\banaly[sz]e\b/gi, ''))) {
      return 'runs `explain analyze` on a write, which executes it';
    }
    if (/^with\b/i.test(statement) && SQL_WRITE_WORD.test(statement)) return 'runs a `with` query that writes';
    const meta = /\\[A-Za-z!]/.test(statement) ? metaChange(statement.slice(statement.search(/\\[A-Za-z!]/))) : undefined;
    if (meta) return meta;
  }
  return undefined;
}
