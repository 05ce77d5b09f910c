/**
 * Secret redaction for captured output and incident notes: replaces credentials with
 * `[REDACTED:<kind>]` before text is stored anywhere.
 *
 * Every built-in pattern runs in time linear in the input: each variable-length run that starts a
 * match is guarded by a lookbehind so a match can only begin at the start of such a run, and no
 * two quantifiers can split the same characters between them. Keep it so when adding a pattern,
 * and add the adversarial case to the tests.
 */

/** The kinds of secret that are redacted, as they appear in `[REDACTED:<kind>]`. Stable: tools may match on them. */
export type RedactionKind =
  | 'private-key'
  | 'jwt'
  | 'aws-access-key-id'
  | 'aws-secret-access-key'
  | 'github-token'
  | 'gitlab-token'
  | 'slack-token'
  | 'slack-webhook'
  | 'google-api-key'
  | 'stripe-key'
  | 'npm-token'
  | 'url-password'
  | 'bearer-token'
  | 'basic-auth'
  | 'authorization-header'
  | 'secret-assignment'
  | 'custom';

/** Every kind with a one-line description, in the order the patterns run (for the README and settings docs). */
export const REDACTION_KINDS: ReadonlyArray<{ kind: RedactionKind; description: string }> = [
  { kind: 'custom', description: 'A match of a user-configured pattern (its first capture group when it has one, else the whole match).' },
  {
    kind: 'private-key',
    description:
      'PEM private key blocks (RSA, EC, DSA, OPENSSH, ENCRYPTED, PGP, PKCS#8), also when the output cap cut off their first or last line, and base64-encoded ones (Kubernetes `tls.key`, kubeconfig `client-key-data`).',
  },
  { kind: 'jwt', description: 'JSON Web Tokens (`eyJ….eyJ….…`).' },
  { kind: 'aws-access-key-id', description: 'AWS access key ids (`AKIA…`, `ASIA…`, `ABIA…`, `ACCA…`).' },
  { kind: 'github-token', description: 'GitHub tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_`).' },
  { kind: 'gitlab-token', description: 'GitLab tokens (`glpat-`, `gldt-`, `glrt-`, `glptt-`, `glft-`, `glcbt-` and the other `gl…-` prefixes).' },
  { kind: 'slack-token', description: 'Slack tokens (`xoxb-`, `xoxp-`, `xoxa-`, `xoxr-`, `xoxs-`, `xoxe-`).' },
  { kind: 'slack-webhook', description: 'The secret path of Slack webhook URLs (`https://hooks.slack.com/services/…`); the host is kept.' },
  { kind: 'google-api-key', description: 'Google API keys (`AIza…`).' },
  { kind: 'stripe-key', description: 'Stripe live secret and restricted keys (`sk_live_…`, `rk_live_…`).' },
  { kind: 'npm-token', description: 'npm access tokens (`npm_…`).' },
  { kind: 'url-password', description: 'The password in URLs (`scheme://user:PASSWORD@host`); user and host are kept.' },
  { kind: 'bearer-token', description: 'Bearer tokens, in `Authorization: Bearer …` headers and bare `Bearer <token>`.' },
  { kind: 'basic-auth', description: 'Basic credentials, in `Authorization: Basic …` headers and bare `Basic <base64 of user:password>`.' },
  { kind: 'authorization-header', description: 'The credentials of other `Authorization:` headers (`token …`, `SSWS …`, no scheme).' },
  { kind: 'aws-secret-access-key', description: 'AWS secret access keys when labelled (`aws_secret_access_key = …`, `AWS_SECRET_ACCESS_KEY=…`, `"SecretAccessKey": "…"`).' },
  {
    kind: 'secret-assignment',
    description:
      'The value of keys and flags named like secrets (`…password`, `…passwd`, `…pwd`, `…passphrase`, `…token`, `…secret`, `…secret_key`, `…private_key`, `…api_key`, `…apikey`) in `k=v`, `k: v`, `"k": "v"`, `--k v` and `--k=v` forms; the key is kept.',
  },
];

/** What {@link redactSecrets} returns: the redacted text and how many secrets were replaced. */
export interface RedactionResult {
  text: string;
  count: number;
}

/**
 * Replaces secrets in `text` with `[REDACTED:<kind>]` (kinds in {@link REDACTION_KINDS}); keys,
 * labels, user names and hosts around a secret are kept. `extraPatterns` are user-configured
 * patterns, applied first: RegExp objects are used as they are (their `g`/`y` flags do not matter,
 * their `lastIndex` is not touched); strings are compiled as by {@link compileUserPatterns}, and
 * strings that do not compile are skipped, so validate settings with that function and report its
 * errors. A user pattern with a capture group redacts group 1 (the whole match when group 1 did
 * not take part); without one it redacts the whole match. User patterns are not protected against
 * catastrophic backtracking.
 */
export function redactSecrets(text: string, extraPatterns?: ReadonlyArray<RegExp | string>): RedactionResult {
  let count = 0;
  let current = text;
  const apply = (rule: Rule) => {
    const result = applyRule(current, rule);
    current = result.text;
    count += result.count;
  };
  for (const pattern of userRules(extraPatterns ?? [])) apply(pattern);
  for (const rule of RULES) apply(rule);
  return { text: current, count };
}

/**
 * Compiles user-configured patterns. Each string is a regular expression source (`token-[0-9a-f]{32}`),
 * or a literal with flags (`/internal-key: (\S+)/i`; flags `i`, `m`, `s`, `u`, `v`). Returns the
 * patterns that compile, in order, and one message per string that does not (empty strings
 * included: they would match everywhere).
 */
export function compileUserPatterns(patterns: readonly string[]): { patterns: RegExp[]; errors: string[] } {
  const compiled: RegExp[] = [];
  const errors: string[] = [];
  patterns.forEach((pattern, index) => {
    const where = `Redaction pattern ${index + 1} (${JSON.stringify(pattern)})`;
    if (pattern.trim() === '') {
      errors.push(`${where} is empty; remove it or give a regular expression.`);
      return;
    }
    const literal = /^\/(.+)\/([a-z]*)$/s.exec(pattern);
    const source = literal ? literal[1] : pattern;
    const flags = literal ? literal[2] : '';
    const unknown = flags.replace(/[imsuv]/g, '');
    if (unknown) {
      errors.push(`${where} has flags it cannot use (${unknown}); use only i, m, s, u or v.`);
      return;
    }
    try {
      compiled.push(new RegExp(source, `${flags}gd`));
    } catch (error) {
      errors.push(`${where} is not a valid regular expression: ${(error as Error).message}. Fix or remove it.`);
    }
  });
  return { patterns: compiled, errors };
}

interface Rule {
  kind: RedactionKind;
  /** Must have the `g` and `d` flags. */
  pattern: RegExp;
  /** Capture groups that may hold the secret; the first that took part is redacted. None: the whole match. */
  groups?: number[];
  /** When given, a candidate secret is redacted only if this returns true. */
  accept?: (secret: string, match: RegExpExecArray, text: string) => boolean;
  /** User patterns: redact group 1 when the pattern has groups and group 1 took part, else the whole match. */
  firstGroupIfAny?: boolean;
}

const MARKER_PREFIX = '[REDACTED:';

function applyRule(text: string, rule: Rule): RedactionResult {
  const { pattern } = rule;
  pattern.lastIndex = 0;
  const parts: string[] = [];
  let last = 0;
  let count = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    if (match[0] === '') {
      pattern.lastIndex++; // a zero-length match (user patterns) would loop forever
      continue;
    }
    const span = secretSpan(match, rule);
    if (!span) continue;
    const [start, end] = span;
    const secret = text.slice(start, end);
    if (secret === '' || secret.startsWith(MARKER_PREFIX)) continue;
    if (rule.accept && !rule.accept(secret, match, text)) continue;
    parts.push(text.slice(last, start), `${MARKER_PREFIX}${rule.kind}]`);
    last = end;
    count++;
  }
  if (count === 0) return { text, count };
  parts.push(text.slice(last));
  return { text: parts.join(''), count };
}

function secretSpan(match: RegExpExecArray, rule: Rule): [number, number] | undefined {
  const indices = match.indices;
  if (!indices) return undefined;
  if (rule.firstGroupIfAny) return match.length > 1 && indices[1] ? indices[1] : indices[0];
  if (!rule.groups) return indices[0];
  for (const group of rule.groups) {
    const span = indices[group];
    if (span) return span;
  }
  return undefined;
}

function userRules(patterns: ReadonlyArray<RegExp | string>): Rule[] {
  const regexes = patterns.flatMap((p) =>
    typeof p === 'string' ? compileUserPatterns([p]).patterns : [new RegExp(p.source, `${p.flags.replace(/[gyd]/g, '')}gd`)],
  );
  return regexes.map((pattern) => ({ kind: 'custom', pattern, firstGroupIfAny: true }));
}

/** Values that name or hide a secret rather than being one: `$VAR`, `${VAR:-x}`, `<placeholder>`, `****`, `{{ template }}`. */
function isPlaceholder(value: string): boolean {
  return /^(?:\$\{?[A-Za-z_][A-Za-z0-9_]*(?:[:?+=-][^}]*)?\}?|\$\(.*\)|<[^<>]*>|\*+|\{\{.*\}\}|%[A-Za-z_][A-Za-z0-9_]*%)$/s.test(value);
}

/** Config values that are clearly not secrets even under a secret-sounding key. */
function isInertValue(value: string): boolean {
  return /^(?:true|false|null|nil|none|undefined|yes|no|on|off|required|optional)$/i.test(value);
}

/** Looks like a credential rather than a word: at least 8 characters, and a digit or at least 24 characters. */
function isTokenLike(value: string): boolean {
  return value.length >= 8 && (/\d/.test(value) || value.length >= 24);
}

/** True when the text just before `index` is an `Authorization:` header name. */
function afterAuthorizationHeader(text: string, index: number): boolean {
  return /authorization["']?[ \t]*[:=][ \t]*["']?$/i.test(text.slice(Math.max(0, index - 40), index));
}

/** Base64 that decodes to printable `user:password`. */
function isBasicCredential(value: string): boolean {
  if (value.length % 4 !== 0) return false;
  try {
    const decoded = atob(value);
    return /^[\x20-\x7e]+$/.test(decoded) && /^[^:]+:[^:]/.test(decoded);
  } catch {
    return false;
  }
}

/** Base64 whose first line decodes to a PEM private key header (`-----BEGIN … PRIVATE KEY-----`). */
function isEncodedPrivateKey(value: string): boolean {
  try {
    return /^-----BEGIN [A-Z0-9 ]*PRIVATE KEY/.test(atob(value.slice(0, 64)));
  } catch {
    return false;
  }
}

const B64 = 'A-Za-z0-9+/=';
/** The end of a key name that marks its value as a secret. */
const SECRET_KEY_SUFFIX = '(?:password|passwd|pwd|passphrase|token|secret|secret[_.-]?key|private[_.-]?key|api[_.-]?key|apikey)';
/** A value: double-quoted (escapes allowed), single-quoted, or bare up to a space, quote or separator. Groups: 1 "…", 2 '…', 3 bare. */
const VALUE = `(?:"((?:[^"\\\\\\n]|\\\\.){0,4096})"|'([^'\\n]{0,4096})'|([^\\s"'\`,;&|)\\]}:=][^\\s"'\`,;&|)\\]}]*))`;

const RULES: Rule[] = [
  {
    kind: 'private-key',
    // The body may hold `Proc-Type`/`DEK-Info` headers (single dashes) and `\n` escapes (JSON); it stops at `--`.
    pattern: new RegExp(
      `-----BEGIN (?:[A-Z0-9]+ ){0,4}PRIVATE KEY(?: BLOCK)?-----[${B64}\\s:,\\\\]*(?:-[${B64}\\s:,\\\\]+)*(?:-----END (?:[A-Z0-9]+ ){0,4}PRIVATE KEY(?: BLOCK)?-----)?`,
      'gd',
    ),
  },
  {
    kind: 'private-key',
    // The end of a key whose BEGIN line was cut off: base64 lines up to an END line, starting at the first of them.
    pattern: new RegExp(`(?<![${B64}]\\r?\\n)(?<![^\\n])(?:[${B64}]{16,}\\r?\\n)+-----END (?:[A-Z0-9]+ ){0,4}PRIVATE KEY(?: BLOCK)?-----`, 'gd'),
  },
  {
    kind: 'private-key',
    // A base64-encoded PEM private key, as in Kubernetes secrets (`tls.key:`) and kubeconfigs (`client-key-data:`).
    pattern: /(?<![A-Za-z0-9+/=])LS0tLS1CRUdJTi[A-Za-z0-9+/]{20,}={0,2}/gd,
    accept: (secret) => isEncodedPrivateKey(secret),
  },
  {
    kind: 'jwt',
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/gd,
  },
  {
    kind: 'aws-access-key-id',
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])/gd,
  },
  {
    kind: 'github-token',
    pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,244})(?![A-Za-z0-9_])/gd,
  },
  {
    kind: 'gitlab-token',
    pattern: /(?<![A-Za-z0-9_-])gl(?:pat|dt|rt|rtr|ptt|ft|imt|agent|oas|cbt|soat|ffct)-[A-Za-z0-9_-]{20,300}(?:\.[A-Za-z0-9_-]{2,300}){0,3}/gd,
  },
  {
    kind: 'slack-token',
    pattern: /(?<![A-Za-z0-9_-])xox(?:[abprs]|e(?:\.xox[bp])?)-[A-Za-z0-9-]{10,250}/gd,
  },
  {
    kind: 'slack-webhook',
    pattern: /(https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/)([A-Za-z0-9_/+-]{8,300})/gd,
    groups: [2],
  },
  {
    kind: 'google-api-key',
    pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/gd,
  },
  {
    kind: 'stripe-key',
    pattern: /(?<![A-Za-z0-9_])[sr]k_live_[0-9A-Za-z]{10,247}/gd,
  },
  {
    kind: 'npm-token',
    pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/gd,
  },
  {
    kind: 'url-password',
    pattern: /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/[^\s:/@?#]*:)([^\s/@?#]+)(?=@)/gd,
    groups: [2],
    accept: (secret) => !isPlaceholder(secret),
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
    kind: 'aws-secret-access-key',
    pattern: /(?<![A-Za-z0-9_])((?:aws[_-]?)?secret[_-]?access[_-]?key["']?[ \t]*[:=][ \t]*["']?)([A-Za-z0-9/+=]{16,})/gid,
    groups: [2],
  },
  {
    kind: 'secret-assignment',
    // Flags: `--password v`, `--db-token=v`, `-secret v`. `--no-…` flags are switches, not secrets.
    pattern: new RegExp(`(?<![A-Za-z0-9_-])(--?(?!no-)[A-Za-z0-9_-]*${SECRET_KEY_SUFFIX}(?:=|[ \\t]+))(?!-)${VALUE}`, 'gid'),
    groups: [2, 3, 4],
    accept: (secret) => !isPlaceholder(secret),
  },
  {
    kind: 'secret-assignment',
    // Pairs: `password=v`, `DB_PASSWORD: v`, `"token": "v"`, `client_secret = 'v'`.
    pattern: new RegExp(`(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]*${SECRET_KEY_SUFFIX})(["']?[ \\t]*[:=][ \\t]*)${VALUE}`, 'gid'),
    groups: [3, 4, 5],
    accept: (secret, match) => {
      if (isPlaceholder(secret) || isInertValue(secret)) return false;
      // The shell's working directory (`env` output), not an ODBC `PWD=`.
      return !(/^(?:OLD)?PWD$/.test(match[1]) && secret.startsWith('/'));
    },
  },
];
