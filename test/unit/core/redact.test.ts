import assert from 'node:assert/strict';
import { compileUserPatterns, REDACTION_KINDS, redactSecrets } from '../../../src/core/redact';

// Fake credentials in the documented formats (AWS's own EXAMPLE keys where there are some).
const GHP = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
const GHS = 'ghs_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789';
const GLPAT = 'glpat-Zx3Kq9LmN8pQ7rS6tU5v';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const NPM = 'npm_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789';
const KEY_BODY = 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\nVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n';

/** [description, input, expected output, expected count] */
const POSITIVE: Array<[string, string, string, number]> = [
  ['AWS access key id', 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'aws_access_key_id = [REDACTED:aws-access-key-id]', 1],
  ['AWS temporary access key id in JSON', '"AccessKeyId": "ASIAY34FZKBOKMUTVV7A",', '"AccessKeyId": "[REDACTED:aws-access-key-id]",', 1],
  ['AWS secret key in ~/.aws/credentials', `aws_secret_access_key = ${AWS_SECRET}`, 'aws_secret_access_key = [REDACTED:aws-secret-access-key]', 1],
  ['AWS secret key exported', `export AWS_SECRET_ACCESS_KEY=${AWS_SECRET}`, 'export AWS_SECRET_ACCESS_KEY=[REDACTED:aws-secret-access-key]', 1],
  ['AWS secret key in sts JSON', `"SecretAccessKey": "${AWS_SECRET}",`, '"SecretAccessKey": "[REDACTED:aws-secret-access-key]",', 1],
  ['AWS session token in sts JSON', '"SessionToken": "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ"', '"SessionToken": "[REDACTED:secret-assignment]"', 1],
  ['GitHub classic token', `GITHUB_TOKEN=${GHP}`, 'GITHUB_TOKEN=[REDACTED:github-token]', 1],
  ['GitHub app token in a clone URL', `git clone https://x-access-token:${GHS}@github.com/acme/repo.git`, 'git clone https://x-access-token:[REDACTED:github-token]@github.com/acme/repo.git', 1],
  ['GitHub OAuth, user-to-server and refresh tokens', `${GHP.replace('ghp', 'gho')} ${GHP.replace('ghp', 'ghu')} ${GHP.replace('ghp', 'ghr')}`, '[REDACTED:github-token] [REDACTED:github-token] [REDACTED:github-token]', 3],
  ['GitHub fine-grained token', 'token is github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123 ok', 'token is [REDACTED:github-token] ok', 1],
  ['GitHub token in an Authorization header', `Authorization: token ${GHP}`, 'Authorization: token [REDACTED:github-token]', 1],
  ['GitLab personal token in its header', `curl --header "PRIVATE-TOKEN: ${GLPAT}" https://gitlab.example.com/api/v4/projects`, 'curl --header "PRIVATE-TOKEN: [REDACTED:gitlab-token]" https://gitlab.example.com/api/v4/projects', 1],
  ['GitLab deploy and runner tokens', 'gldt-Zx3Kq9LmN8pQ7rS6tU5vWx and glrt-t1_Zx3Kq9LmN8pQ7rS6tU5v.01.0a1b2c3d.', '[REDACTED:gitlab-token] and [REDACTED:gitlab-token].', 2],
  ['Slack bot token', 'SLACK_BOT_TOKEN=xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx', 'SLACK_BOT_TOKEN=[REDACTED:slack-token]', 1],
  ['Slack user, app, refresh and legacy tokens', 'xoxp-123456789012-abcdef xoxa-2-abcdefghij xoxr-abcdefghijkl xoxs-0123456789ab', '[REDACTED:slack-token] [REDACTED:slack-token] [REDACTED:slack-token] [REDACTED:slack-token]', 4],
  ['Slack webhook URL', 'posting to https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX now', 'posting to https://hooks.slack.com/services/[REDACTED:slack-webhook] now', 1],
  ['Bearer header in curl', 'curl -H "Authorization: Bearer abc.def-ghi" https://api.example.com', 'curl -H "Authorization: Bearer [REDACTED:bearer-token]" https://api.example.com', 1],
  ['Bearer header carrying a JWT', `Authorization: Bearer ${JWT}`, 'Authorization: Bearer [REDACTED:jwt]', 1],
  ['bare Bearer token in a log line', 'retrying with Bearer 8f14e45fceea167a5a36dedd4bea2543 after 401', 'retrying with Bearer [REDACTED:bearer-token] after 401', 1],
  ['lower-case bearer header (HTTP/2 dump)', 'authorization: bearer s3cr3t', 'authorization: bearer [REDACTED:bearer-token]', 1],
  ['Basic header', 'Authorization: Basic dXNlcjpwYXNzd29yZA==', 'Authorization: Basic [REDACTED:basic-auth]', 1],
  ['bare Basic credentials (base64 of user:pass)', 'sent basic dXNlcjpwYXNz to the proxy', 'sent basic [REDACTED:basic-auth] to the proxy', 1],
  ['Proxy-Authorization header', 'Proxy-Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l', 'Proxy-Authorization: Basic [REDACTED:basic-auth]', 1],
  ['other Authorization scheme', 'Authorization: SSWS 00QCjAl4MlV-WPXM-ABcdef1234567', 'Authorization: SSWS [REDACTED:authorization-header]', 1],
  ['password in a database URL', 'DATABASE_URL=postgres://app:s3cr3t@db.internal:5432/orders', 'DATABASE_URL=postgres://app:[REDACTED:url-password]@db.internal:5432/orders', 1],
  ['password in a URL without a user', 'redis://:hunter2@cache:6379/0', 'redis://:[REDACTED:url-password]@cache:6379/0', 1],
  ['percent-encoded password in a URL', 'amqp://guest:gu%40st@rabbit/vhost', 'amqp://guest:[REDACTED:url-password]@rabbit/vhost', 1],
  ['RSA private key block', `key:\n-----BEGIN RSA PRIVATE KEY-----\n${KEY_BODY}-----END RSA PRIVATE KEY-----\ndone`, 'key:\n[REDACTED:private-key]\ndone', 1],
  ['OpenSSH private key block', `-----BEGIN OPENSSH PRIVATE KEY-----\n${KEY_BODY}-----END OPENSSH PRIVATE KEY-----\n`, '[REDACTED:private-key]\n', 1],
  ['EC and PKCS#8 key blocks', `-----BEGIN EC PRIVATE KEY-----\n${KEY_BODY}-----END EC PRIVATE KEY-----\n-----BEGIN PRIVATE KEY-----\n${KEY_BODY}-----END PRIVATE KEY-----`, '[REDACTED:private-key]\n[REDACTED:private-key]', 2],
  ['encrypted key with Proc-Type and DEK-Info headers', `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F17F5316E2BAC89\n\n${KEY_BODY}-----END RSA PRIVATE KEY-----`, '[REDACTED:private-key]', 1],
  ['PKCS#8 encrypted key block', `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${KEY_BODY}-----END ENCRYPTED PRIVATE KEY-----`, '[REDACTED:private-key]', 1],
  ['PGP private key block', `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF0\n=abcd\n-----END PGP PRIVATE KEY BLOCK-----`, '[REDACTED:private-key]', 1],
  ['private key inside a JSON service account', `"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----\\n",`, '"private_key": "[REDACTED:private-key]\\n",', 1],
  ['private key whose BEGIN line the output cap cut off', `… 1,234 characters cut …\nAAAABBBBCCCCDDDDEEEEFFFF\nGGGGHHHHIIIIJJJJ+/==\n-----END RSA PRIVATE KEY-----\nexit 0`, '… 1,234 characters cut …\n[REDACTED:private-key]\nexit 0', 1],
  ['private key whose END line the output cap cut off', `-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n… 100 characters cut …`, '[REDACTED:private-key]… 100 characters cut …', 1],
  ['base64 private key in a Kubernetes secret and a kubeconfig', `  tls.key: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFb3dJQkFBS0NBUUVBdTFTVTFMZlZMUEhDb3pNeEgyTW80bGdPRWVQek5tMHRSZ2VMZXpWNmZmQXQwZ3VuCi0tLS0tRU5EIFJTQSBQUklWQVRFIEtFWS0tLS0tCg==\n    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFb3dJQkFBS0NBUUVBdTFTVTFMZlZMUEhDb3pNeEgyTW80bGdPRWVQek5tMHRSZ2VMZXpWNmZmQXQwZ3VuCi0tLS0tRU5EIFJTQSBQUklWQVRFIEtFWS0tLS0tCg==`, '  tls.key: [REDACTED:private-key]\n    client-key-data: [REDACTED:private-key]', 2],
  ['password=', 'password=hunter2', 'password=[REDACTED:secret-assignment]', 1],
  ['prefixed env var, quoted with spaces', 'DB_PASSWORD: "correct horse battery staple"', 'DB_PASSWORD: "[REDACTED:secret-assignment]"', 1],
  ['JSON password with an escaped quote', '{"username":"svc","password":"p@ss\\"word"}', '{"username":"svc","password":"[REDACTED:secret-assignment]"}', 1],
  ['--password with a single-quoted value', "mysql --password='Tr0ub4dor&3' -h db", "mysql --password='[REDACTED:secret-assignment]' -h db", 1],
  ['--token with a separate value', 'vault login --token s.abcdEFGH1234 -address=https://vault:8200', 'vault login --token [REDACTED:secret-assignment] -address=https://vault:8200', 1],
  ['--api-key=', 'tool --api-key=abc123 --verbose', 'tool --api-key=[REDACTED:secret-assignment] --verbose', 1],
  ['single-dash -password flag', 'keytool -list -password s3cret -v', 'keytool -list -password [REDACTED:secret-assignment] -v', 1],
  ['client_secret with spaces around =', "client_secret = 'f00ba4'", "client_secret = '[REDACTED:secret-assignment]'", 1],
  ['access_token in a query string', 'GET /v1/items?access_token=abc123&page=2', 'GET /v1/items?access_token=[REDACTED:secret-assignment]&page=2', 1],
  ['connection string Password=', 'Server=db;Database=orders;User Id=sa;Password=Pa55w0rd;', 'Server=db;Database=orders;User Id=sa;Password=[REDACTED:secret-assignment];', 1],
  ['ODBC PWD=', 'Driver={ODBC};Uid=sa;PWD=Pa55w0rd;', 'Driver={ODBC};Uid=sa;PWD=[REDACTED:secret-assignment];', 1],
  ['api_key, apikey and x-api-key', 'api_key: 0123456789abcdef\napikey=abcd\nx-api-key: 3f2a9b', 'api_key: [REDACTED:secret-assignment]\napikey=[REDACTED:secret-assignment]\nx-api-key: [REDACTED:secret-assignment]', 3],
  ['passwd, secret and passphrase', 'passwd=letmein secret: s3cr3t passphrase: "open sesame"', 'passwd=[REDACTED:secret-assignment] secret: [REDACTED:secret-assignment] passphrase: "[REDACTED:secret-assignment]"', 3],
  ['dotted and camelCase keys', 'spring.datasource.password=secret1\ndbPassword: "x1"', 'spring.datasource.password=[REDACTED:secret-assignment]\ndbPassword: "[REDACTED:secret-assignment]"', 2],
  ['token: in YAML', 'token: 9f2c1e', 'token: [REDACTED:secret-assignment]', 1],
  ['SECRET_KEY and private_key pairs', 'SECRET_KEY=django-insecure-abc private_key: abc', 'SECRET_KEY=[REDACTED:secret-assignment] private_key: [REDACTED:secret-assignment]', 2],
  ['JWT under a token key', `id_token=${JWT}`, 'id_token=[REDACTED:jwt]', 1],
  ['Google API key', 'https://maps.googleapis.com/maps/api/geocode/json?key=AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe', 'https://maps.googleapis.com/maps/api/geocode/json?key=[REDACTED:google-api-key]', 1],
  ['Stripe live secret and restricted keys', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc rk_live_4eC39HqLyjWDarjtT1zdp7dc', '[REDACTED:stripe-key] [REDACTED:stripe-key]', 2],
  ['npm token in .npmrc', `//registry.npmjs.org/:_authToken=${NPM}`, '//registry.npmjs.org/:_authToken=[REDACTED:npm-token]', 1],
  ['other registry auth token in .npmrc', '//npm.pkg.example.com/:_authToken=abc123', '//npm.pkg.example.com/:_authToken=[REDACTED:secret-assignment]', 1],
  ['OpenAI project key', 'OPENAI_API_KEY_USED sk-proj-AZkUK4grWYYGa6l_ODzL5RWAgSrlVcp9EsLarUSscD35FYXL ok', 'OPENAI_API_KEY_USED [REDACTED:openai-key] ok', 1],
  ['SendGrid key', 'key 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 sent', 'key [REDACTED:sendgrid-key] sent', 1],
  ['Twilio API key SID and auth token', 'sid SKd2fc267163268998530877710984ae48, twilio auth token: d55c34db7316d552390ace153ea0232a', 'sid [REDACTED:twilio-key], twilio auth token: [REDACTED:twilio-key]', 2],
  ['Azure SAS signature', 'https://acme.blob.core.windows.net/c/b?sv=2022-11-02&sp=r&sig=14%2FrjyvbJAzJCIQHIgKhNP3cNaoNBjwRded%2Fsr4jPCE%3D', 'https://acme.blob.core.windows.net/c/b?sv=2022-11-02&sp=r&sig=[REDACTED:azure-sas-token]', 1],
  ['Azure storage connection string', 'AccountName=acme;AccountKey=QEuVM1eb7mgrPE8NT7SduguFDeQAo5Lw6J8aDBErCp0=;EndpointSuffix=core.windows.net', 'AccountName=acme;AccountKey=[REDACTED:azure-storage-key];EndpointSuffix=core.windows.net', 1],
  ['GCP service account key id', '"private_key_id": "df3b75b940ac49425138d26eed1553f9578733ed",', '"private_key_id": "[REDACTED:gcp-key-id]",', 1],
  ['Cookie header', 'Cookie: session=gDqZ14Jn1duzeBCBAJh7O0VoK1SOVG3M', 'Cookie: [REDACTED:cookie]', 1],
  ['Docker registry auth', '{"auth": "ZGVwbG95OlJlZzFzdHJ5LVBhc3M="}', '{"auth": "[REDACTED:docker-auth]"}', 1],
  ['mysql -p with a quoted password', "mysql -uroot -p'S3cr3t!pass' orders", "mysql -uroot -p'[REDACTED:password-flag]' orders", 1],
  ['.netrc entry', 'machine api.github.com login bot password n3trc-Pass-x9', 'machine api.github.com login bot password [REDACTED:netrc-password]', 1],
  ['random token named in prose', 'the deploy token is p10qLC1DFc5cZ3Z6ZWPDfl5k today', 'the deploy token is [REDACTED:random-token] today', 1],
  ['base64 of user:password standing alone', 'credentials: YWRtaW46UzNjcjN0UGFzcw==', 'credentials: [REDACTED:basic-auth]', 1],
  ['several secrets on one line', `user=ops password=x9 token=${GHP} url=https://ops:pw@host`, 'user=ops password=[REDACTED:secret-assignment] token=[REDACTED:github-token] url=https://ops:[REDACTED:url-password]@host', 3],
];

/** [description, input]: each must come out unchanged, with a count of 0. */
const NEGATIVE: Array<[string, string]> = [
  ['a commit SHA', 'commit 3f786850e387550fdab836ed7e6dc881de23001b (HEAD -> main)'],
  ['a UUID', 'request_id=7d444840-9dc0-11d1-b245-5ffdce74fad2 status=200'],
  ['a base64-looking log id', 'trace=YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo= span=00f067aa0ba902b7'],
  ['an image digest', 'image: registry.example.com/api@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
  ['password reset prose', 'Click "Forgot password" to start a password reset, then log in.'],
  ['token bucket prose', 'The token bucket refills at 10 tokens/s; see token.txt.'],
  ['--password-file and --password-stdin', 'pg_dump --password-file /etc/pg/pass && docker login --password-stdin < creds'],
  ['--no-password switch', 'psql --no-password -h db -c "select 1"'],
  ['Bearer in prose without a token', 'Bearer tokens are sent in the Authorization header.'],
  ['Basic in prose', 'Basic authentication is disabled; basic auth only on the admin port.'],
  ['Authorization prose with a colon', 'Authorization: required for every call'],
  ['token_type: Bearer', '{"token_type": "Bearer", "expires_in": 3600}'],
  ['k8s secret names and refs', 'secretName: db-creds\nvalueFrom: {secretKeyRef: {name: db-password, key: password}}\nkind: Secret'],
  ['kubectl naming a secret', 'kubectl get secret db-creds -o yaml'],
  ['the shell working directory in env output', 'PWD=/work/main\nOLDPWD=/home/ops\nSHLVL=1'],
  ['variable references and placeholders as values', 'password: $DB_PASSWORD\ntoken=${TOKEN:-}\n--token "$GITHUB_TOKEN"\npassword: <your-password>\nurl: postgres://app:${DB_PASS}@db/app'],
  ['values masked already', 'GITHUB_TOKEN=***\npassword: ********'],
  ['boolean and null values under secret keys', 'require_password: true\nsecret: false\ntoken: null'],
  ['keys that only contain a secret word', 'max_tokens: 4096\npassword_reset_url=https://example.com/reset\ntokenizer=bpe\nsecrets_dir=/run/secrets'],
  ['URLs without credentials', 'https://example.com:8443/path?q=1 and git@github.com:acme/repo.git and ssh://git@host:22/x'],
  ['token prefixes that are too short or too long', 'ghp_short AKIAIOSFODNN7EXAMPLEXX npm_abc xoxb- AIzaShort'],
  ['a lone JWT-looking prefix', 'eyJhbGciOi is the start of every JWT header'],
  ['code comparing and naming tokens', 'if token == nil { return Token::new() }'],
  ['timestamps and ports', 'expires_at=2025-01-01T00:00:00Z port: 5432 ssh -p 2222 user@host'],
  ['a base64 certificate (public) in a Kubernetes secret', '  tls.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSURkekNDQWwrZ0F3SUJBZ0lFQWdBQXVUQU5CZ2txaGtpRzl3MEJBUVVGQURCYQotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg=='],
  ['a PEM certificate (public)', '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBa\n-----END CERTIFICATE-----'],
];

describe('redactSecrets', () => {
  describe('redacts', () => {
    for (const [name, input, expected, count] of POSITIVE) {
      it(name, () => {
        assert.deepEqual(redactSecrets(input), { text: expected, count });
      });
    }
  });

  describe('leaves ordinary text alone', () => {
    for (const [name, input] of NEGATIVE) {
      it(name, () => {
        assert.deepEqual(redactSecrets(input), { text: input, count: 0 });
      });
    }
  });

  it('returns the same text and 0 for empty input', () => {
    assert.deepEqual(redactSecrets(''), { text: '', count: 0 });
  });

  it('is idempotent: redacting redacted text changes nothing', () => {
    for (const [, input] of POSITIVE) {
      const once = redactSecrets(input).text;
      assert.deepEqual(redactSecrets(once), { text: once, count: 0 }, input);
    }
  });

  describe('user-configured patterns', () => {
    it('redacts the whole match of a pattern without groups', () => {
      assert.deepEqual(redactSecrets('ticket ACME-4f3a9c2e opened', [/ACME-[0-9a-f]{8}/]), { text: 'ticket [REDACTED:custom] opened', count: 1 });
    });

    it('redacts only capture group 1 when there is one', () => {
      assert.deepEqual(redactSecrets('X-Internal-Key: abc 123\nX-Internal-Key: def', [/X-Internal-Key: (\w+)/]), {
        text: 'X-Internal-Key: [REDACTED:custom] 123\nX-Internal-Key: [REDACTED:custom]',
        count: 2,
      });
    });

    it('redacts the whole match when group 1 did not take part', () => {
      assert.deepEqual(redactSecrets('pin=1234 code', [/pin=(?:(x+)|\d+)/]), { text: '[REDACTED:custom] code', count: 1 });
    });

    it('accepts strings, including /literal/flags, and skips ones that do not compile', () => {
      assert.deepEqual(redactSecrets('Acme-Key: S3CRET and acme-key: other', ['/acme-key: (\\S+)/i', 'a(b']), {
        text: 'Acme-Key: [REDACTED:custom] and acme-key: [REDACTED:custom]',
        count: 2,
      });
    });

    it('does not depend on or change the flags and lastIndex of the RegExp given', () => {
      const sticky = /sec-\d+/y;
      sticky.lastIndex = 5;
      assert.deepEqual(redactSecrets('a sec-1 b sec-2', [sticky]), { text: 'a [REDACTED:custom] b [REDACTED:custom]', count: 2 });
      assert.equal(sticky.lastIndex, 5);
    });

    it('ignores patterns that match the empty string instead of looping', () => {
      assert.deepEqual(redactSecrets('abc', [/x*/]), { text: 'abc', count: 0 });
    });

    it('runs before the built-in patterns, so the user decides the kind', () => {
      assert.deepEqual(redactSecrets('password=internal-77', [/internal-\d+/]), { text: 'password=[REDACTED:custom]', count: 1 });
    });
  });

  it('finishes on 1 MB inputs built to make regexes backtrack', function () {
    this.timeout(30_000);
    const MB = 1_000_000;
    const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
    const inputs = [
      fill('a'),
      fill('password'),
      fill('password='),
      fill('password: "'),
      'password="' + fill('x\\'),
      fill('--password '),
      fill('-----BEGIN PRIVATE KEY-----'),
      '-----BEGIN RSA PRIVATE KEY-----\n' + fill('AAAA-'),
      fill(`${'A'.repeat(64)}\n`),
      fill('eyJ'),
      fill('eyJabcde.'),
      fill('AKIA'),
      fill('ghp_'),
      fill('glpat-'),
      fill('xoxb-'),
      fill('a://'),
      fill('a://b:'),
      'http://u:' + fill('p'),
      fill('Bearer '),
      fill('Basic '),
      fill('Authorization: '),
      fill('authorization: x '),
      fill('aws_secret_access_key='),
      fill('"'),
      fill('a:/@=-_."\' \n'),
    ];
    const started = performance.now();
    for (const input of inputs) {
      const one = performance.now();
      const result = redactSecrets(input);
      assert.equal(typeof result.count, 'number');
      assert.ok(performance.now() - one < 2000, `took ${Math.round(performance.now() - one)} ms on ${JSON.stringify(input.slice(0, 30))}…`);
    }
    assert.ok(performance.now() - started < 20_000);
  });
});

describe('compileUserPatterns', () => {
  it('compiles valid patterns and reports each invalid one, with its position', () => {
    const { patterns, errors } = compileUserPatterns(['internal-[0-9a-f]{8}', 'a(b', '/key: (\\S+)/i', '', '/x/g']);
    assert.deepEqual(patterns.map((p) => [p.source, p.flags]), [
      ['internal-[0-9a-f]{8}', 'dg'],
      ['key: (\\S+)', 'dgi'],
    ]);
    assert.deepEqual(errors, [
      'Redaction pattern 2 ("a(b") is not a valid regular expression: Invalid regular expression: /a(b/dg: Unterminated group. Fix or remove it.',
      'Redaction pattern 4 ("") is empty; remove it or give a regular expression.',
      'Redaction pattern 5 ("/x/g") has flags it cannot use (g); use only i, m, s, u or v.',
    ]);
  });

  it('returns nothing for no patterns', () => {
    assert.deepEqual(compileUserPatterns([]), { patterns: [], errors: [] });
  });
});

describe('REDACTION_KINDS', () => {
  it('lists every kind the redactions produce, once, each with a description', () => {
    const kinds = REDACTION_KINDS.map((k) => k.kind);
    assert.equal(new Set(kinds).size, kinds.length);
    const produced = new Set<string>(['custom']);
    for (const [, input] of POSITIVE) for (const m of redactSecrets(input).text.matchAll(/\[REDACTED:([a-z-]+)\]/g)) produced.add(m[1]);
    assert.deepEqual([...produced].sort(), [...kinds].sort());
    for (const { description } of REDACTION_KINDS) assert.match(description, /^\S.+\.$/);
  });
});
