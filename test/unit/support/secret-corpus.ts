/**
 * Realistic secrets as they turn up during incidents (fake values in each vendor's format), each in
 * the place it would be typed or printed, and look-alikes that must never be redacted.
 */

/** Where a secret is written: a note, an incident title, a check's output or a command's arguments. */
export type SecretPlace = 'note' | 'title' | 'output' | 'argument';

export interface SecretCase {
  /** The redaction kind expected to catch it. */
  kind: string;
  place: SecretPlace;
  /** The text as written, holding `secret`. */
  text: string;
  /** The part that must never reach a file. */
  secret: string;
}

const AWS_SECRET = '5URYX45jqRO25g3uK5kb/AAegiuE8LCAnmuO6Rvv';
const AZURE_KEY = 'q3lVHOctDJIPgreGnc0gugcfW1B1JOHXFQBvx+wvku2XqDXkYEw8EbRfZ1xzlQA/GnLawY2uQ6MbBS/zWktrsg==';
const SB_KEY = 'QEuVM1eb7mgrPE8NT7SduguFDeQAo5Lw6J8aDBErCp0=';
const SAS_SIG = '14%2FrjyvbJAzJCIQHIgKhNP3cNaoNBjwRded%2Fsr4jPCE%3D';
const SENDGRID = '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';
const OPENAI = 'sk-proj-AZkUK4grWYYGa6l_ODzL5RWAgSrlVcp9EsLarUSscD35FYXL';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
const GHP = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
const KEY_BODY = 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun';

export const SECRET_CASES: SecretCase[] = [
  // AWS
  { kind: 'aws-secret-access-key', place: 'note', text: `Rotated. The AWS secret key is ${AWS_SECRET} until tonight.`, secret: AWS_SECRET },
  { kind: 'aws-secret-access-key', place: 'output', text: `aws_secret_access_key = ${AWS_SECRET}\n`, secret: AWS_SECRET },
  { kind: 'aws-access-key-id', place: 'argument', text: 'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE aws s3 ls s3://backups', secret: 'AKIAIOSFODNN7EXAMPLE' },
  // Twilio, SendGrid, OpenAI-style
  { kind: 'twilio-key', place: 'output', text: 'sid: SKd2fc267163268998530877710984ae48\nfriendly_name: pager\n', secret: 'SKd2fc267163268998530877710984ae48' },
  { kind: 'twilio-key', place: 'note', text: 'twilio auth token is d55c34db7316d552390ace153ea0232a, rotate after', secret: 'd55c34db7316d552390ace153ea0232a' },
  { kind: 'sendgrid-key', place: 'title', text: `SendGrid key ${SENDGRID} leaked in logs`, secret: SENDGRID },
  { kind: 'sendgrid-key', place: 'argument', text: `curl -H "Authorization: Bearer ${SENDGRID}" https://api.sendgrid.com/v3/scopes`, secret: SENDGRID },
  { kind: 'openai-key', place: 'output', text: `OPENAI_KEY_USED=${OPENAI}\n`, secret: OPENAI },
  { kind: 'openai-key', place: 'note', text: 'old key 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 still valid', secret: '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' },
  { kind: 'openai-key', place: 'title', text: 'Anthropic key sk-ant-api03-pIeyVYBN8wrqJdjvRJFOksHHmqMj-ff88YmrN1v649twyzLpy5Z7iNoBANAK exposed', secret: 'sk-ant-api03-pIeyVYBN8wrqJdjvRJFOksHHmqMj-ff88YmrN1v649twyzLpy5Z7iNoBANAK' },
  // Google Cloud, Azure
  { kind: 'gcp-key-id', place: 'output', text: '  "type": "service_account",\n  "private_key_id": "df3b75b940ac49425138d26eed1553f9578733ed",\n', secret: 'df3b75b940ac49425138d26eed1553f9578733ed' },
  { kind: 'google-api-key', place: 'argument', text: 'curl "https://maps.googleapis.com/maps/api/geocode/json?address=x&key=AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe"', secret: 'AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe' },
  { kind: 'azure-storage-key', place: 'output', text: `DefaultEndpointsProtocol=https;AccountName=acmeprod;AccountKey=${AZURE_KEY};EndpointSuffix=core.windows.net\n`, secret: AZURE_KEY },
  { kind: 'azure-storage-key', place: 'note', text: `Service Bus: Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${SB_KEY}`, secret: SB_KEY },
  { kind: 'azure-sas-token', place: 'argument', text: `az storage blob download --blob-url "https://acme.blob.core.windows.net/backups/db.bak?sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-12-01T00:00:00Z&spr=https&sig=${SAS_SIG}"`, secret: SAS_SIG },
  // Flags
  { kind: 'password-flag', place: 'argument', text: "mysql -h db.internal -u root -p'S3cr3t!pass' -e 'show processlist'", secret: 'S3cr3t!pass' },
  { kind: 'password-flag', place: 'argument', text: 'mysqldump -uroot -pHunter2db orders > /dev/null', secret: 'Hunter2db' },
  { kind: 'secret-assignment', place: 'argument', text: "pgbench --password 'Pg-Bench-Pass9' -h db", secret: 'Pg-Bench-Pass9' },
  { kind: 'password-flag', place: 'argument', text: 'redis-cli -h cache -a R3dis-Pass-2024 info replication', secret: 'R3dis-Pass-2024' },
  { kind: 'password-flag', place: 'argument', text: 'sshpass -p Ssh-Pass-77 ssh ops@bastion uptime', secret: 'Ssh-Pass-77' },
  { kind: 'password-flag', place: 'argument', text: 'curl -su admin:Adm1n-Pass https://grafana.internal/api/health', secret: 'Adm1n-Pass' },
  // .netrc, cookies, Docker
  { kind: 'netrc-password', place: 'output', text: 'machine api.github.com login bot password n3trc-Pass-x9\n', secret: 'n3trc-Pass-x9' },
  { kind: 'netrc-password', place: 'output', text: 'machine registry.example.com\n  login deploy\n  password Bl0ck-Netrc-Pass\n', secret: 'Bl0ck-Netrc-Pass' },
  { kind: 'cookie', place: 'output', text: '< Set-Cookie: session=gDqZ14Jn1duzeBCBAJh7O0VoK1SOVG3M; Path=/; HttpOnly\n', secret: 'gDqZ14Jn1duzeBCBAJh7O0VoK1SOVG3M' },
  { kind: 'cookie', place: 'argument', text: "curl -b 'sessionid=k39dKq0LmZp28XvB7nRt' https://admin.internal/status", secret: 'k39dKq0LmZp28XvB7nRt' },
  { kind: 'cookie', place: 'output', text: '# Netscape HTTP Cookie File\n.example.com\tTRUE\t/\tTRUE\t1767225600\tauth_session\tQm9vdHN0cmFwLXNlc3Npb24tOTk\n', secret: 'Qm9vdHN0cmFwLXNlc3Npb24tOTk' },
  { kind: 'docker-auth', place: 'output', text: '{"auths": {"registry.example.com": {"auth": "ZGVwbG95OlJlZzFzdHJ5LVBhc3M="}}}\n', secret: 'ZGVwbG95OlJlZzFzdHJ5LVBhc3M=' },
  { kind: 'basic-auth', place: 'output', text: 'data:\n  credentials: YWRtaW46UzNjcjN0UGFzcw==\n', secret: 'YWRtaW46UzNjcjN0UGFzcw==' },
  // Tokens after words that name them, in prose
  { kind: 'random-token', place: 'note', text: 'the deploy token is p10qLC1DFc5cZ3Z6ZWPDfl5k, revoke it after', secret: 'p10qLC1DFc5cZ3Z6ZWPDfl5k' },
  { kind: 'random-token', place: 'title', text: 'Partner API key LHNnJNYM8Kpmpsci7w9L1VU5MD6U pasted in chat', secret: 'LHNnJNYM8Kpmpsci7w9L1VU5MD6U' },
  { kind: 'random-token', place: 'note', text: 'the password is Tr0ub4dor&3 for the break-glass account', secret: 'Tr0ub4dor&3' },
  { kind: 'random-token', place: 'note', text: 'datadog api key is 0c5d8e6f7a8b9c0d1e2f3a4b5c6d7e8f', secret: '0c5d8e6f7a8b9c0d1e2f3a4b5c6d7e8f' },
  // Formats covered before, in the places this corpus adds
  { kind: 'github-token', place: 'title', text: `Token ${GHP} pushed to a public gist`, secret: GHP },
  { kind: 'jwt', place: 'output', text: `id_token: ${JWT}\n`, secret: JWT },
  { kind: 'bearer-token', place: 'argument', text: 'curl -H "Authorization: Bearer Zk39dkLq0Pz8Rm2Vn7Wt" https://api.internal/v1/health', secret: 'Zk39dkLq0Pz8Rm2Vn7Wt' },
  { kind: 'url-password', place: 'argument', text: 'psql postgres://app:Pg-Url-Pass-5@db.internal:5432/orders -c "select 1"', secret: 'Pg-Url-Pass-5' },
  { kind: 'stripe-key', place: 'output', text: 'STRIPE_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dc\n', secret: 'sk_live_4eC39HqLyjWDarjtT1zdp7dc' },
  { kind: 'private-key', place: 'output', text: `-----BEGIN RSA PRIVATE KEY-----\n${KEY_BODY}\n-----END RSA PRIVATE KEY-----\n`, secret: KEY_BODY },
  { kind: 'gitlab-token', place: 'note', text: 'used glpat-Zx3Kq9LmN8pQ7rS6tU5v to clone', secret: 'glpat-Zx3Kq9LmN8pQ7rS6tU5v' },
  { kind: 'npm-token', place: 'output', text: '//registry.npmjs.org/:_authToken=npm_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789\n', secret: 'npm_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789' },
  { kind: 'slack-webhook', place: 'argument', text: 'curl -X POST https://hooks.slack.com/services/T0AB12CD3/B0EF45GH6/aBcDeFgHiJkLmNoPqRsTuVwX -d @msg.json', secret: 'T0AB12CD3/B0EF45GH6/aBcDeFgHiJkLmNoPqRsTuVwX' },
  { kind: 'slack-token', place: 'note', text: 'bot token xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx was in the runbook', secret: 'xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx' },
  { kind: 'secret-assignment', place: 'argument', text: 'kubectl create secret generic db --from-literal=password=K8s-Literal-Pass1 --dry-run=client -o yaml', secret: 'K8s-Literal-Pass1' },
  { kind: 'secret-assignment', place: 'argument', text: 'PGPASSWORD=Env-Pg-Pass-3 psql -h db -c "select 1"', secret: 'Env-Pg-Pass-3' },
  { kind: 'secret-assignment', place: 'output', text: 'VAULT_TOKEN=hvs.CAESIJ3kq0LmZp28XvB7nRtQ9w\n', secret: 'hvs.CAESIJ3kq0LmZp28XvB7nRtQ9w' },
  { kind: 'basic-auth', place: 'output', text: '> Authorization: Basic ZGVwbG95OlJlZzFzdHJ5LVBhc3M=\n', secret: 'ZGVwbG95OlJlZzFzdHJ5LVBhc3M=' },
];

/** Text that looks like a secret and is not one: ids, digests, names, and base64 of harmless text. */
export const LOOK_ALIKES: Array<[string, string]> = [
  ['a commit SHA', 'commit aef093b6945178510363fe871d79a97bfd2666fe (HEAD -> main)'],
  ['a SHA after the word secret', 'secret rotation landed in aef093b6945178510363fe871d79a97bfd2666fe'],
  ['a short SHA and git describe', 'deployed 3f78685 (v1.4.2-14-g3f78685) to prod'],
  ['a UUID', 'request_id=7d444840-9dc0-11d1-b245-5ffdce74fad2 status=200'],
  ['a UUID after the word token', 'token id 7d444840-9dc0-11d1-b245-5ffdce74fad2 revoked'],
  ['pod names in kubectl output', 'NAME                              READY   STATUS\ntoken-refresher-7d9f8b6c4-x2k9p   1/1     Running\napi-5f7d8c9b6-abcde               1/1     Running'],
  ['a volume name after the word token', 'mounted the token volume kube-api-access-7x2kq into the pod'],
  ['an image digest', 'image: registry.example.com/api@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
  ['a container id', 'container_id=a4ec204f61f803e1730427c0a688a67d1807eadab22cf584241473062a71f74c'],
  ['base64 of a sentence', 'message: VGhlIHF1aWNrIGJyb3duIGZveCBqdW1wcyBvdmVyIHRoZSBsYXp5IGRvZw=='],
  ['base64 of a URL', 'endpoint: aHR0cDovL2V4YW1wbGUuY29tL2hlYWx0aA=='],
  ['base64 of key: value', 'data: a2V5OiB2YWx1ZQ== and aGVsbG8gd29ybGQ='],
  ['base64 of settings', 'annotation: cmVwbGljYXM9MyxyZWdpb249ZXUtd2VzdC0x'],
  ['a trace parent', 'traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
  ['an ARN', 'role: arn:aws:iam::123456789012:role/deploy-role'],
  ['words containing sk-', 'disk-usage-report task-runner-5f7d8c9b6-abcde risk-assessment-2024'],
  ['a Kubernetes secret being created', 'secret/db-password-credentials-7f8g9h created'],
  ['a token lifetime', 'the token expires in 3600 seconds; the password is required'],
  ['npm integrity hash', 'integrity sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUR1dXo/7Kgw2NUCdg=='],
  ['a docker config without credentials', '{"auths": {"ghcr.io": {}}, "credsStore": "desktop", "auth": "none"}'],
  ['ssh and psql ports, wget user agent', 'ssh -p 2222 ops@host; psql -p 5432 -U app; wget -U "Mozilla/5.0 (X11; Linux x86_64)" https://x'],
  ['mysql asking for its password', 'mysql -h db -u root -p -e "show databases"'],
  ['an IPv6 and a MAC address', 'inet6 fe80::1ff:fe23:4567:890a link/ether 02:42:ac:11:00:02'],
  ['a Helm release and chart version', 'kube-prometheus-stack-58.2.1 deployed, revision 14'],
  ['a .netrc without a password', 'machine api.github.com login bot'],
  ['a Set-Cookie with a short value', 'Set-Cookie: lang=en; Path=/'],
];

/**
 * Lines from public runbooks (alphagov/govuk-developer-docs, openshift/runbooks, etcd-io/etcd) that
 * redaction got wrong in a seeded sample (bench/redaction-sample.ts): placeholders, expressions
 * and command substitutions standing where a secret would be, and settings that are not secrets.
 */
export const REAL_RUNBOOK_LOOK_ALIKES: Array<[string, string]> = [
  ['a bracketed placeholder after --password (psql prompts)', '$ psql --host [rds-hostname] --username aws_db_admin --password [database-name]'],
  ['a GitHub Actions expression', 'WEBHOOK_TOKEN: ${{ secrets.GOVUK_ARGO_EVENTS_WEBHOOK_TOKEN }}'],
  ['an angle-bracket placeholder with spaces', '- `GITHUB_TOKEN=<your private token>` - token to use to make authenticated requests'],
  ['a value read from the environment in code', 'bearer_token: ENV["PUBLISHING_API_BEARER_TOKEN"]'],
  ['a GitHub Actions permission', 'id-token: write'],
  ['a URL after -u', 'ckan ckan-pycsw load -p /var/ckan/pycsw.cfg -u http://ckan-ckan:5000'],
  ['a command substitution', 'token=$(oc sa new-token prometheus-k8s -n openshift-monitoring)'],
  ['a command substitution of a pipeline', 'gcp_transfer_service_token=$(gcloud auth application-default print-access-token)'],
  ['an upper-case placeholder in a URL', '`otpauth://totp/YOUR_IDENTIFICATION?secret=YOUR_SECRET`'],
  ["etcd's cluster token (a cluster id, not a secret)", './etcdutl snapshot restore snapshot.db --initial-cluster-token etcd-cluster-1 --name sshot1'],
];
