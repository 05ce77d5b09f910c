/**
 * Rules for credentials recognisable by their own shape: key blocks, JWTs and the prefixed tokens
 * of cloud and SaaS vendors. Each variable-length run that starts a match is guarded by a
 * lookbehind, so matching stays linear in the input (see the adversarial test).
 */
import type { Rule } from './engine';
import { isEncodedPrivateKey } from './values';

const B64 = 'A-Za-z0-9+/=';

export const TOKEN_RULES: Rule[] = [
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
  { kind: 'jwt', pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/gd },
  { kind: 'aws-access-key-id', pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])/gd },
  { kind: 'github-token', pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,244})(?![A-Za-z0-9_])/gd },
  {
    kind: 'gitlab-token',
    pattern: /(?<![A-Za-z0-9_-])gl(?:pat|dt|rt|rtr|ptt|ft|imt|agent|oas|cbt|soat|ffct)-[A-Za-z0-9_-]{20,300}(?:\.[A-Za-z0-9_-]{2,300}){0,3}/gd,
  },
  { kind: 'slack-token', pattern: /(?<![A-Za-z0-9_-])xox(?:[abprs]|e(?:\.xox[bp])?)-[A-Za-z0-9-]{10,250}/gd },
  { kind: 'slack-webhook', pattern: /(https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/)([A-Za-z0-9_/+-]{8,300})/gd, groups: [2] },
  { kind: 'google-api-key', pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/gd },
  { kind: 'stripe-key', pattern: /(?<![A-Za-z0-9_])[sr]k_live_[0-9A-Za-z]{10,247}/gd },
  { kind: 'npm-token', pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/gd },
  {
    kind: 'openai-key', hint: /sk-/,
    // OpenAI (`sk-…`, `sk-proj-…`, `sk-svcacct-…`, `sk-admin-…`) and the same style elsewhere (`sk-ant-api03-…`).
    pattern: /(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin|ant-(?:api|admin)\d\d)-)?[A-Za-z0-9_-]{20,400}(?![A-Za-z0-9_-])/gd,
    accept: (secret) => /\d/.test(secret) && /[A-Z]/.test(secret),
  },
  { kind: 'sendgrid-key', hint: /SG\./, pattern: /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/gd },
  {
    kind: 'twilio-key', hint: /SK|token/i,
    // API key SIDs (`SK` + 32 hex); auth tokens are 32 hex after a word naming them.
    pattern: /(?<![A-Za-z0-9])SK[0-9a-fA-F]{32}(?![A-Za-z0-9])|(?<![A-Za-z0-9])((?:twilio|auth)[_ -]?(?:auth[_ -]?)?token["']?[ \t]*(?:[:=][ \t]*|is[ \t]+)["']?)([0-9a-f]{32})(?![A-Za-z0-9])/gid,
    groups: [2, 0],
  },
  {
    kind: 'azure-sas-token', hint: /sig=/,
    // The signature of a shared access signature URL or connection string (`…&sig=…`).
    pattern: /(?<=[?&;]|^)(sig=)([A-Za-z0-9%+/=]{16,300})/gdm,
    groups: [2],
  },
];
