/** Rules for HTTP clients: a request reads unless it sends data, uses a write method or saves a file. */

import { hasOption, optionValues, scanArgs } from './argv';
import { because, isDeviceTarget, ok, type Rule } from './rule-verdicts';

const CURL_VALUE_SHORT = 'AbcCdDeEFHKmoPQrTtuUwxXyYz';
const CURL_LONG = [
  'request', 'data', 'data-ascii', 'data-binary', 'data-raw', 'data-urlencode', 'json', 'form', 'form-string', 'upload-file', 'output',
  'dump-header', 'cookie-jar', 'trace', 'trace-ascii', 'header', 'user', 'user-agent', 'referer', 'cookie', 'max-time', 'connect-timeout',
  'write-out', 'proxy', 'cert', 'key', 'cacert', 'config', 'resolve', 'retry', 'url', 'output-dir', 'libcurl', 'range', 'oauth2-bearer',
  'aws-sigv4', 'stderr', 'unix-socket', 'interface', 'retry-delay', 'retry-max-time', 'limit-rate', 'continue-at',
];
const HARMLESS_OUTPUT = (value: string) => value === '-' || isDeviceTarget(value);

/** `curl`: a GET or HEAD that prints to stdout reads; data, uploads, write methods and files change. */
export const curl: Rule = (args) => {
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

/** `wget`: reads only with `--spider` or `-O -`; otherwise it downloads to a file. */
export const wget: Rule = (args) => {
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
