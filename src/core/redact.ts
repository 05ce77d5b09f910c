/**
 * Secret redaction for captured output and incident notes: replaces credentials with
 * `[REDACTED:<kind>]` before text is stored anywhere.
 *
 * Every built-in pattern runs in time linear in the input: each variable-length run that starts a
 * match is guarded by a lookbehind so a match can only begin at the start of such a run, and no
 * two quantifiers can split the same characters between them. Keep it so when adding a pattern,
 * and add the adversarial case to the tests. The rules live in `redaction/`: shapes of tokens in
 * `rules-tokens.ts`, credentials by where they stand in `rules-credentials.ts`.
 */
import { applyRule, userRules, type Rule } from './redaction/engine';
import { CREDENTIAL_RULES } from './redaction/rules-credentials';
import { TOKEN_RULES } from './redaction/rules-tokens';

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
  | 'openai-key'
  | 'sendgrid-key'
  | 'twilio-key'
  | 'azure-sas-token'
  | 'azure-storage-key'
  | 'gcp-key-id'
  | 'url-password'
  | 'bearer-token'
  | 'basic-auth'
  | 'authorization-header'
  | 'cookie'
  | 'docker-auth'
  | 'password-flag'
  | 'netrc-password'
  | 'secret-assignment'
  | 'random-token'
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
  { kind: 'openai-key', description: 'OpenAI-style API keys (`sk-…`, `sk-proj-…`, `sk-svcacct-…`, `sk-ant-api03-…`).' },
  { kind: 'sendgrid-key', description: 'SendGrid API keys (`SG.….…`).' },
  { kind: 'twilio-key', description: 'Twilio API key SIDs (`SK` + 32 hex) and auth tokens named as such.' },
  { kind: 'azure-sas-token', description: 'The signature (`sig=`) of Azure shared access signature URLs and connection strings.' },
  { kind: 'url-password', description: 'The password in URLs (`scheme://user:PASSWORD@host`); user and host are kept.' },
  { kind: 'bearer-token', description: 'Bearer tokens, in `Authorization: Bearer …` headers and bare `Bearer <token>`.' },
  { kind: 'basic-auth', description: 'Basic credentials: in `Authorization: Basic …` headers, bare `Basic <base64>`, and base64 of `user:password` standing alone.' },
  { kind: 'authorization-header', description: 'The credentials of other `Authorization:` headers (`token …`, `SSWS …`, no scheme).' },
  { kind: 'cookie', description: 'Cookie values in `Cookie:`/`Set-Cookie:` headers, curl `-b`/`--cookie`, and Netscape cookie jar files.' },
  { kind: 'docker-auth', description: 'Docker registry credentials in `config.json` / `.dockerconfigjson` (`"auth"`, `"identitytoken"`).' },
  { kind: 'azure-storage-key', description: 'Keys in Azure connection strings (`AccountKey=`, `SharedAccessKey=`).' },
  { kind: 'gcp-key-id', description: 'The `private_key_id` of Google Cloud service account keys.' },
  {
    kind: 'aws-secret-access-key',
    description: 'AWS secret access keys when labelled (`aws_secret_access_key = …`, `AWS_SECRET_ACCESS_KEY=…`, `"SecretAccessKey": "…"`) or named in prose (`the AWS secret key is …`).',
  },
  { kind: 'password-flag', description: 'Passwords given as flags: mysql/mariadb `-pSECRET`, `sshpass -p`, `redis-cli -a`/`--pass`, curl/wget `-u user:SECRET`.' },
  { kind: 'netrc-password', description: 'The password of `.netrc` entries (`machine … login … password …`).' },
  {
    kind: 'secret-assignment',
    description:
      'The value of keys and flags named like secrets (`…password`, `…passwd`, `…pwd`, `…passphrase`, `…token`, `…secret`, `…secret_key`, `…private_key`, `…api_key`, `…apikey`) in `k=v`, `k: v`, `"k": "v"`, `--k v` and `--k=v` forms; the key is kept.',
  },
  {
    kind: 'random-token',
    description:
      'A random-looking token (20+ characters, high entropy, not a SHA, UUID, digest or resource name) right after a word naming a secret (`the deploy token is …`), and passwords in prose (`the password is …`).',
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
  const compiled = (extraPatterns ?? []).flatMap((p) => (typeof p === 'string' ? compileUserPatterns([p]).patterns : [p]));
  for (const pattern of userRules(compiled)) apply(pattern);
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

/** Every built-in rule, in the order they run: shapes first, then places, then prose. */
const RULES: Rule[] = [...TOKEN_RULES, ...CREDENTIAL_RULES];
