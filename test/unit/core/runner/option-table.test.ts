import assert from 'node:assert/strict';
import { deniedOption, lastValue, optionTable, parseWithTable } from '../../../../src/core/runner/option-table';

const SORT = optionTable('-n|--numeric-sort -r|--reverse -k|--key= -t|--field-separator= --check=? -c', {
  '-o|--output=': (value) => (value === '-' ? undefined : 'writes a file'),
  '--compress-program=': 'runs a program',
}, { abbreviations: true });

describe('option tables', () => {
  it('reads a unique prefix of a long option as that option, as getopt_long does', () => {
    const parsed = parseWithTable(['--out=x', 'a'], SORT);
    assert.equal(parsed.options[0]!.entry.canonical, '--output');
    assert.equal(parsed.options[0]!.value, 'x');
    assert.equal(deniedOption(parsed, 'sort'), '`sort --out x` (`--output`) writes a file');
  });

  it('reports an ambiguous prefix with the options it could mean', () => {
    const table = optionTable('--color= --colors=', {}, { abbreviations: true });
    assert.deepEqual(parseWithTable(['--col=1'], table).error, { option: '--col', message: 'is an ambiguous abbreviation (`--color`, `--colors`)' });
  });

  it('does not read prefixes for tools that do not take them', () => {
    const table = optionTable('--output=');
    assert.deepEqual(parseWithTable(['--out', 'x'], table).error, { option: '--out', message: 'is not an option known to be read-only' });
  });

  it('takes an attached short value and a value after a cluster of flags', () => {
    assert.equal(deniedOption(parseWithTable(['-ofile'], SORT), 'sort'), '`sort -o file` writes a file');
    assert.equal(deniedOption(parseWithTable(['-nro', 'out.txt'], SORT), 'sort'), '`sort -o out.txt` writes a file');
    assert.equal(deniedOption(parseWithTable(['-nro-'], SORT), 'sort'), undefined);
  });

  it('names an unknown short option inside its cluster', () => {
    assert.deepEqual(parseWithTable(['-nXr'], SORT).error, { option: '-nXr', message: 'has `-X`, which is not an option known to be read-only' });
  });

  it('treats everything after `--` as operands', () => {
    const parsed = parseWithTable(['-n', '--', '--output=x', '-o'], SORT);
    assert.deepEqual(parsed.operands, ['--output=x', '-o']);
    assert.equal(parsed.dashDash, true);
    assert.equal(deniedOption(parsed, 'sort'), undefined);
  });

  it('takes an optional value only when attached', () => {
    const parsed = parseWithTable(['--check', 'file'], SORT);
    assert.equal(parsed.options[0]!.value, undefined);
    assert.deepEqual(parsed.operands, ['file']);
  });

  it('gives the last of repeated options', () => {
    const table = optionTable('--dry-run=?');
    assert.equal(lastValue(parseWithTable(['--dry-run=client', '--dry-run=none'], table), '--dry-run'), 'none');
    assert.equal(lastValue(parseWithTable(['--dry-run=none', '--dry-run'], table), '--dry-run'), '');
    assert.equal(lastValue(parseWithTable([], table), '--dry-run'), undefined);
  });

  it('reads -name words whole for single-dash tools and pflag -o=value', () => {
    const openssl = optionTable('-in= -noout', { '-out=': 'writes a file' }, { singleDashLong: true });
    assert.equal(deniedOption(parseWithTable(['-in', 'c.pem', '-out=x'], openssl), 'openssl x509'), '`openssl x509 -out x` writes a file');
    const kubectl = optionTable('-o|--output=', {}, { shortEquals: true });
    assert.equal(parseWithTable(['-o=yaml'], kubectl).options[0]!.value, 'yaml');
  });

  it('stops at the first operand when options come first', () => {
    const ssh = optionTable('-p=', { '-o=': 'sets an option' }, { optionsFirst: true });
    const parsed = parseWithTable(['-p', '22', 'host', 'ls', '-o', 'x'], ssh);
    assert.deepEqual(parsed.operands, ['host', 'ls', '-o', 'x']);
    assert.equal(deniedOption(parsed, 'ssh'), undefined);
  });
});
