/**
 * Rules for credentials recognised by where they stand: in URLs, headers, connection strings,
 * command flags, config files (`.netrc`, Docker's `config.json`, cookie jars), after keys named
 * like secrets, and random tokens after words that name a secret. Same linear-time discipline as
 * the token rules: every variable-length run that starts a match is guarded by a lookbehind.
 */
import type { Rule } from './engine';
import { afterAuthorizationHeader, isBasicCredential, isEncodedUserPassword, isInertValue, isPlaceholder, isTokenLike, looksRandom } from './values';

/** The end of a key name that marks its value as a secret. */
const SECRET_KEY_SUFFIX = '(?:password|passwd|pwd|passphrase|token|secret|secret[_.-]?key|private[_.-]?key|api[_.-]?key|apikey)';
/** A value: double-quoted (escapes allowed), single-quoted, or bare up to a space, quote or separator. Groups: 1 "…", 2 '…', 3 bare. */
const VALUE = `(?:"((?:[^"\\\\\\n]|\\\\.){0,4096})"|'([^'\\n]{0,4096})'|([^\\s"'\`,;&|)\\]}:=][^\\s"'\`,;&|)\\]}]*))`;
/** Words that name a secret in prose (`the deploy token is …`, `API key: …`). */
const SECRET_WORD = '(?:secret|token|password|passwd|passphrase|credential|api[ _-]?key|access[ _-]?key|private[ _-]?key|auth[ _-]?key|signing[ _-]?key|signature)';

const notPlaceholder = (secret: string) => !isPlaceholder(secret);
/** Keys named like secrets whose values are not: etcd's cluster token only tells clusters apart. */
const NOT_SECRET_KEY = /initial[-_]cluster[-_]token$/i;

export const CREDENTIAL_RULES: Rule[] = [
  {
    kind: 'url-password',
    pattern: /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/[^\s:/@?#]*:)([^\s/@?#]+)(?=@)/gd,
    groups: [2],
    accept: notPlaceholder,
  },
  {
    kind: 'bearer-token',
    pattern: /(?<![A-Za-z0-9_-])(bearer[ \t]+)([A-Za-z0-9._~+/-]+=*)/gid,
    groups: [2],
    accept: (secret, match, text) => afterAuthorizationHeader(text, match.index) || isTokenLike(secret),
  },
  {
    kind: 'basic-auth',
    pattern: /(?<![A-Za-z0-9_-])(basic[ \t]+)([A-Za-z0-9+/]{2,}={0,2})(?![A-Za-z0-9+/=])/gid,
    groups: [2],
    accept: (secret, match, text) => afterAuthorizationHeader(text, match.index) || isBasicCredential(secret),
  },
  {
    kind: 'authorization-header',
    pattern: /(?<![A-Za-z0-9_-])((?:proxy-)?authorization["']?[ \t]*[:=][ \t]*["']?(?:[A-Za-z][A-Za-z0-9_-]{0,30}[ \t]+)?)([^\s"',;]+)/gid,
    groups: [2],
    accept: (secret) => isTokenLike(secret) && !isPlaceholder(secret),
  },
  {
    kind: 'cookie',
    hint: /cookie|-b[ \t]/i,
    // `Cookie:` / `Set-Cookie:` headers and curl's `-b`/`--cookie`: every value of the header's `name=value` pairs.
    pattern: /((?<![A-Za-z0-9_-])(?:set-)?cookie["']?[ \t]*:[ \t]*|(?<![^ \t\n])(?:-b|--cookie)[ \t]+["']?)([^\n"']{1,4096})/gimd,
    groups: [2],
    accept: (secret) => /=[^;\s]{8,}/.test(secret),
  },
  {
    kind: 'cookie',
    hint: /\t(?:TRUE|FALSE)\t/,
    // Netscape cookie jar lines (curl `-c`, wget `--save-cookies`): domain, flag, path, secure, expiry, name, value.
    pattern: /^(#HttpOnly_)?[^\s#][^\t\n]*\t(?:TRUE|FALSE)\t[^\t\n]*\t(?:TRUE|FALSE)\t\d+\t[^\t\n]+\t([^\t\n]+)$/gmd,
    groups: [2],
  },
  {
    kind: 'docker-auth',
    hint: /"(?:auth|identitytoken|registrytoken)"/i,
    // Docker's `config.json` (`"auth": "<base64 user:password>"`, `"identitytoken"`), also in a `.dockerconfigjson`.
    pattern: /(?<![A-Za-z0-9_])("(?:auth|identitytoken|registrytoken)"[ \t]*:[ \t]*")([^"\n]{4,4096})(?=")/gid,
    groups: [2],
    accept: (secret) => !isPlaceholder(secret) && (isEncodedUserPassword(secret) || (isTokenLike(secret) && !isInertValue(secret))),
  },
  {
    kind: 'azure-storage-key',
    hint: /AccountKey|SharedAccessKey|PrimaryKey|SecondaryKey/i,
    // Connection strings: `AccountKey=…`, `SharedAccessKey=…` (Service Bus, Event Hubs, IoT Hub).
    pattern: /(?<![A-Za-z0-9_])((?:AccountKey|SharedAccessKey|PrimaryKey|SecondaryKey)[ \t]*=[ \t]*)([A-Za-z0-9+/=]{16,200})/gid,
    groups: [2],
  },
  {
    kind: 'gcp-key-id',
    hint: /private_key_id/i,
    // A service account key's id, beside its private key in the JSON key file.
    pattern: /(?<![A-Za-z0-9_])("?private_key_id"?[ \t]*[:=][ \t]*"?)([0-9a-f]{40})(?![0-9a-f])/gid,
    groups: [2],
  },
  {
    kind: 'aws-secret-access-key',
    pattern: /(?<![A-Za-z0-9_])((?:aws[_-]?)?secret[_-]?access[_-]?key["']?[ \t]*[:=][ \t]*["']?)([A-Za-z0-9/+=]{16,})/gid,
    groups: [2],
  },
  {
    kind: 'aws-secret-access-key',
    hint: /aws/i,
    // In prose: a 40-character key after "AWS … secret …" (`the AWS secret key is wJalr…`).
    pattern: /(?<![A-Za-z0-9_])(aws[ _-](?:[A-Za-z]+[ _-]){0,3}?secret(?:[ _-][A-Za-z]+){0,3}?(?:[ \t]+(?:is|was|=|:)|[ \t]*[:=])[ \t]*["'`]?)([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gid,
    groups: [2],
    accept: (secret) => !/^[0-9a-f]+$/i.test(secret),
  },
  {
    kind: 'password-flag',
    hint: /mysql|mariadb|sshpass|redis-cli/,
    // mysql/mariadb `-pSECRET` / `-p'SECRET'` (no space: with one, -p prompts), sshpass `-p`, redis-cli `-a`/`--pass`.
    pattern: /(?<![A-Za-z0-9_-])((?:mysql|mysqldump|mysqladmin|mariadb|mariadb-dump|mysqlimport|mysqlcheck)\b[^\n|;&]*?[ \t]-p|sshpass[ \t]+-p[ \t]*|redis-cli\b[^\n|;&]*?[ \t](?:-a|--pass)[ \t]+)(?:'([^'\n]{1,512})'|"([^"\n]{1,512})"|([^\s'"|;&]{1,512}))/gd,
    groups: [2, 3, 4],
    accept: notPlaceholder,
  },
  {
    kind: 'password-flag',
    hint: /-[A-Za-z]{0,8}u|--user|--proxy-user/,
    // curl and wget credentials: `-u user:password`, `--user=user:password`, `--proxy-user`, `--password=…`.
    pattern: /(?<![A-Za-z0-9_-])((?:-[A-Za-tv-z]{0,8}u|--user|--proxy-user)(?:[ \t]+|=)["']?[^\s:'"-][^\s:'"]{0,255}:)([^\s'"]{1,512})/gd,
    groups: [2],
    // `-u http://host:port` is a URL, not user:password.
    accept: (secret) => !isPlaceholder(secret) && !secret.startsWith('//'),
  },
  {
    kind: 'netrc-password',
    hint: /passw/i,
    // `.netrc`: `machine host login user password SECRET`, on one line or the `password` line of a block.
    pattern: /(?<![A-Za-z0-9_-])((?:(?:machine|default)\b[^\n]*?[ \t]|^[ \t]*)(?:password|passwd)[ \t]+)([^\s]{1,512})/gmd,
    groups: [2],
    accept: (secret, match, text) => !isPlaceholder(secret) && (/^(?:machine|default)\b/.test(match[1]!) || /\b(?:login|machine)[ \t]+\S+/.test(text.slice(Math.max(0, match.index - 200), match.index))),
  },
  {
    kind: 'secret-assignment',
    // Flags: `--password v`, `--db-token=v`, `-secret v`. `--no-…` flags are switches, not secrets.
    pattern: new RegExp(`(?<![A-Za-z0-9_-])(--?(?!no-)[A-Za-z0-9_-]*${SECRET_KEY_SUFFIX}(?:=|[ \\t]+))(?!-)${VALUE}`, 'gid'),
    groups: [2, 3, 4],
    accept: (secret, match) => !isPlaceholder(secret) && !NOT_SECRET_KEY.test(match[1]!.replace(/[=\s]+$/, '')),
  },
  {
    kind: 'secret-assignment',
    // Pairs: `password=v`, `DB_PASSWORD: v`, `"token": "v"`, `client_secret = 'v'`.
    pattern: new RegExp(`(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]*${SECRET_KEY_SUFFIX})(["']?[ \\t]*[:=][ \\t]*)${VALUE}`, 'gid'),
    groups: [3, 4, 5],
    accept: (secret, match) => {
      if (isPlaceholder(secret) || isInertValue(secret) || NOT_SECRET_KEY.test(match[1]!)) return false;
      // The shell's working directory (`env` output), not an ODBC `PWD=`.
      return !(/^(?:OLD)?PWD$/.test(match[1]!) && secret.startsWith('/'));
    },
  },
  {
    kind: 'basic-auth',
    // Base64 of `user:password` standing alone (a Kubernetes secret value, a registry credential).
    pattern: /(?<![A-Za-z0-9+/=_-])([A-Za-z0-9+/]{12,1024}={0,2})(?![A-Za-z0-9+/=_-])/gd,
    accept: (secret) => isEncodedUserPassword(secret),
  },
  {
    kind: 'random-token',
    hint: /secret|token|passw|passphrase|credential|key|signature/i,
    // A random-looking token right after a word naming a secret, in prose: `the deploy token is 3kd9…`.
    pattern: new RegExp(
      `(?<![A-Za-z0-9])(${SECRET_WORD}s?\\b(?:[ \\t]+(?:is|was|are|for|of|now|here|value|reads)\\b)*(?:[ \\t]*[:=][ \\t]*|[ \\t]+)["'\`]?)([A-Za-z0-9+][A-Za-z0-9+/_.=~-]{19,1023})`,
      'gid',
    ),
    groups: [2],
    accept: (secret) => looksRandom(secret),
  },
  {
    kind: 'random-token',
    hint: /passw|passphrase/i,
    // A password in prose (`the password is Tr0ub4dor&3`): shorter, but with a digit or a symbol.
    pattern: /(?<![A-Za-z0-9])((?:password|passwd|passphrase)[ \t]+(?:is|was|=)[ \t]+["'`]?)([^\s"'`]{6,256})/gid,
    groups: [2],
    accept: (secret) => !isPlaceholder(secret) && /[A-Za-z]/.test(secret) && /[\d!@#$%^&*+=?~]/.test(secret.replace(/[.,;:]$/, '')),
  },
];
