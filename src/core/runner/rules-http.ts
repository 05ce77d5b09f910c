/** Rules for HTTP clients: a GET or HEAD over HTTP(S) that prints to stdout reads; anything else changes. */

import { given, lastValue, optionTable, parseWithTable } from './option-table';
import { because, ok, type Rule } from './rule-verdicts';
import { GNU, tableVerdict, writesTo } from './table-rule';

const READ_METHODS = ['GET', 'HEAD'];
const method = (value: string | undefined) => (READ_METHODS.includes((value ?? '').toUpperCase()) ? undefined : `sends a ${(value ?? '').toUpperCase()} request`);

const CURL = optionTable(
  '-s|--silent -S|--show-error -f|--fail --fail-with-body --fail-early -L|--location --location-trusted -k|--insecure -v|--verbose ' +
    '-i|--include -I|--head -H|--header= -u|--user= -A|--user-agent= -e|--referer= -b|--cookie= -m|--max-time= --connect-timeout= ' +
    '--retry= --retry-delay= --retry-max-time= --retry-all-errors --retry-connrefused -x|--proxy= --noproxy= -U|--proxy-user= --socks4= --socks4a= --socks5= --socks5-hostname= --preproxy= --proxy-header= ' +
    '--proxy-insecure --proxy-cacert= --cacert= --capath= -E|--cert= --key= --cert-type= --key-type= --pass= --pinnedpubkey= --resolve= ' +
    '--connect-to= --compressed -G|--get -g|--globoff -4|--ipv4 -6|--ipv6 -0|--http1.0 --http1.1 --http2 --http2-prior-knowledge --http3 ' +
    '--http3-only -1|--tlsv1 --tlsv1.0 --tlsv1.1 --tlsv1.2 --tlsv1.3 --tls-max= --ciphers= --tls13-ciphers= -N|--no-buffer ' +
    '--unix-socket= --abstract-unix-socket= --interface= -n|--netrc --netrc-optional --netrc-file= -#|--progress-bar ' +
    '--no-progress-meter -r|--range= -y|--speed-time= -Y|--speed-limit= --limit-rate= --max-filesize= --oauth2-bearer= --aws-sigv4= ' +
    '--digest --basic --ntlm --negotiate --anyauth --path-as-is --raw --tr-encoding --no-keepalive --keepalive-time= --tcp-nodelay ' +
    '--url= --max-redirs= --proto= --proto-redir= --proto-default= --post301 --post302 --post303 --request-target= -q|--disable ' +
    '-w|--write-out= --trace-time --styled-output --no-styled-output -z|--time-cond= --etag-compare= --ssl --ssl-reqd --ssl-no-revoke ' +
    '--cert-status --false-start --doh-url= --dns-servers= --expect100-timeout= --happy-eyeballs-timeout-ms= --ignore-content-length ' +
    '--no-alpn --no-npn --no-sessionid --sasl-ir --service-name= --crlfile= --location-trusted --ca-native -V|--version -h|--help=? -M|--manual ' +
    '-d|--data= --data-ascii= --data-binary= --data-raw= --data-urlencode=',
  {
    '-X|--request=': method,
    '-o|--output=': writesTo,
    '-O|--remote-name': 'writes a file named after the URL',
    '--remote-name-all': 'writes a file named after each URL',
    '-J|--remote-header-name': 'writes a file named by the server',
    '--output-dir=': 'writes into a directory',
    '--create-dirs': 'creates directories',
    '-D|--dump-header=': writesTo,
    '-c|--cookie-jar=': 'writes cookies to a file',
    '--trace=': writesTo,
    '--trace-ascii=': writesTo,
    '--stderr=': writesTo,
    '--libcurl=': 'writes C source code to a file',
    '--etag-save=': 'writes the ETag to a file',
    '--alt-svc=': 'reads and writes an alt-svc cache file',
    '--hsts=': 'reads and writes an HSTS cache file',
    '-K|--config=': 'reads more options from a file, which cannot be read',
    '-:|--next': 'starts another request whose options cannot be read',
    '-T|--upload-file=': 'uploads a file',
    '-F|--form=': 'sends form data',
    '--form-string=': 'sends form data',
    '--json=': 'sends JSON data',
    '--mail-rcpt=': 'sends mail',
    '--mail-from=': 'sends mail',
    '-Q|--quote=': 'sends commands to the server',
    '-P|--ftp-port=': 'opens a port for the server',
    '-a|--append': 'uploads by appending',
  },
);
const DATA = ['--data', '--data-ascii', '--data-binary', '--data-raw', '--data-urlencode'];

/** `curl`: a GET or HEAD over HTTP(S) whose output goes to stdout or /dev/null reads; data, uploads, other methods, other schemes and files change. */
export const curl: Rule = (args) => {
  const refused = tableVerdict(args, CURL, 'curl');
  if (refused) return refused;
  const parsed = parseWithTable(args, CURL);
  const data = parsed.options.find((o) => DATA.includes(o.entry.canonical));
  if (data && !given(parsed, '--get')) return because(`\`curl ${data.written}\` sends data`);
  const format = lastValue(parsed, '--write-out');
  if (format !== undefined && /%output\{/.test(format)) return because('`curl -w %output{…}` writes to a file');
  const urls = [...parsed.operands, ...parsed.options.filter((o) => o.entry.canonical === '--url').map((o) => o.value ?? '')];
  const scheme = urls.map((url) => /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(url)?.[1]?.toLowerCase()).find((s) => s !== undefined && s !== 'http' && s !== 'https');
  if (scheme !== undefined) return because(`\`curl ${scheme}://…\` uses the ${scheme} scheme, which can send commands or write`);
  return ok('curl');
};

const WGET = optionTable(
  '-q|--quiet -v|--verbose --no-verbose -S|--server-response --spider -T|--timeout= -t|--tries= --no-check-certificate --ca-certificate= ' +
    '--ca-directory= --certificate= --private-key= --header= --user= --password= --http-user= --http-password= -U|--user-agent= ' +
    '--max-redirect= --no-proxy --content-on-error --dns-timeout= --connect-timeout= --read-timeout= -4|--inet4-only -6|--inet6-only ' +
    '--https-only --no-dns-cache --retry-connrefused --waitretry= --no-cookies --load-cookies= --compression= --auth-no-challenge ' +
    '--secure-protocol= --no-hsts --prefer-family= -w|--wait= --limit-rate= --no-cache --ignore-length --local-encoding= ' +
    '--remote-encoding= --report-speed= -h|--help -V|--version',
  {
    '-O|--output-document=': writesTo,
    '--method=': method,
    '-e|--execute=': 'runs a wgetrc command, which can write files',
    '--post-data=': 'sends data',
    '--post-file=': 'sends a file',
    '--body-data=': 'sends data',
    '--body-file=': 'sends a file',
    '--save-cookies=': 'writes cookies to a file',
    '--warc-file=': 'writes a WARC archive',
    '-o|--output-file=': writesTo,
    '-a|--append-output=': writesTo,
    '--config=': 'reads a wgetrc file, which can write files',
    '-b|--background': 'keeps running in the background and writes a log',
    '-r|--recursive': 'downloads recursively to files',
    '-P|--directory-prefix=': 'writes into a directory',
    '-N|--timestamping': 'writes the downloaded file',
    '-c|--continue': 'writes the downloaded file',
    '-i|--input-file=': 'downloads the URLs of a file',
    '-x|--force-directories': 'creates directories',
    '--hsts-file=': 'reads and writes an HSTS file',
  },
  GNU,
);

/** `wget`: reads only with `--spider` or `-O -` (or `/dev/null`); otherwise it downloads to a file. */
export const wget: Rule = (rawArgs) => {
  // wget's own short forms: -nv, -nc, -nd, -nH.
  const args = rawArgs.map((arg) => (arg === '-nv' ? '--no-verbose' : arg));
  if (rawArgs.some((arg) => /^-n[cdHv]?$/.test(arg) && arg !== '-nv')) return because('`wget -nc`/`-nd`/`-nH` shape the files it writes');
  const refused = tableVerdict(args, WGET, 'wget');
  if (refused) return refused;
  const parsed = parseWithTable(args, WGET);
  if (given(parsed, '--spider')) return ok('wget --spider');
  if (lastValue(parsed, '--output-document') !== undefined) return ok('wget -O -');
  return because('`wget` without `--spider` or `-O -` downloads to a file');
};
