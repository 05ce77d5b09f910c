import assert from 'node:assert/strict';
import { parseCliArgs, UsageError } from '../../../src/cli/args';

describe('parseCliArgs', () => {
  it('fills in defaults: root is the cwd, text output, 20 hits, cache on', () => {
    assert.deepEqual(parseCliArgs(['index'], '/work/repo'), {
      command: 'index',
      positionals: [],
      root: '/work/repo',
      rootGiven: false,
      format: 'text',
      limit: 20,
      cache: true,
      vars: {},
      yes: false,
      help: false,
      version: false,
    });
  });

  it('reads every option and keeps the words after the command', () => {
    assert.deepEqual(parseCliArgs(['search', 'db', 'down', '--root', 'ops', '--format', 'json', '--limit', '5', '--no-cache'], '/w'), {
      command: 'search',
      positionals: ['db', 'down'],
      root: 'ops',
      rootGiven: true,
      format: 'json',
      limit: 5,
      cache: false,
      vars: {},
      yes: false,
      help: false,
      version: false,
    });
  });

  it('reads the run options: block, section, repeated --var pairs (values may hold =) and --yes', () => {
    assert.deepEqual(parseCliArgs(['run', 'rb.md', '--block', 'check-db', '--section', 'Diagnosis', '--var', 'NS=payments', '--var', 'Q=a=b', '-y'], '/w'), {
      command: 'run',
      positionals: ['rb.md'],
      root: '/w',
      rootGiven: false,
      format: 'text',
      limit: 20,
      cache: true,
      block: 'check-db',
      section: 'Diagnosis',
      vars: { NS: 'payments', Q: 'a=b' },
      yes: true,
      help: false,
      version: false,
    });
  });

  it('reads --config for report and check', () => {
    assert.deepEqual(parseCliArgs(['report', '--config', 'ci/runbooks.yml', '--fail-on', 'warning'], '/w'), {
      command: 'report',
      positionals: [],
      root: '/w',
      rootGiven: false,
      format: 'text',
      limit: 20,
      cache: true,
      vars: {},
      yes: false,
      failOn: 'warning',
      config: 'ci/runbooks.yml',
      help: false,
      version: false,
    });
  });

  it('throws a UsageError for an unknown option, a bad format and a bad limit', () => {
    for (const argv of [['--nope'], ['search', 'x', '--format', 'sarif'], ['index', '--format', 'xml'], ['search', 'x', '--limit', '2.5'], ['index', '--root'], ['run', 'x.md', '--var', 'NOEQUALS'], ['run', 'x.md', '--var', '=v']]) {
      assert.throws(() => parseCliArgs(argv, '/w'), UsageError, argv.join(' '));
    }
  });
});
