import assert from 'node:assert/strict';
import { scriptCallChanges } from '../../../../../src/core/staleness/diffs/call-changes';
import { makeTargetVariables } from '../../../../../src/core/staleness/diffs/make-target-blocks';
import { scriptInterface, scriptLanguage, withoutDefaults } from '../../../../../src/core/staleness/diffs/script-interface';

describe('script interface (how a doc calls a script)', () => {
  it('tells scripts from other files by extension, #! line or main guard', () => {
    assert.deepEqual(
      [
        scriptLanguage('hack/rpm-deps.sh', 'set -e\n'),
        scriptLanguage('hack/dockerized', '#!/usr/bin/env bash\n'),
        scriptLanguage('tools/failover.py', "import sys\n\nif __name__ == '__main__':\n    main()\n"),
        scriptLanguage('pkg/handler.py', 'def handle():\n    pass\n'),
        scriptLanguage('Dockerfile', 'FROM alpine\n'),
        scriptLanguage('bin/run', '#!/usr/bin/env node\n'),
      ],
      ['shell', 'shell', 'python', undefined, undefined, 'other'],
    );
  });

  it('reads a Node script run by a command: its arguments, options and environment variables', () => {
    const runner = [
      "const minimist = require('minimist');",
      '// process.argv[9] in a comment is not used',
      'const args = minimist(process.argv.slice(2), { boolean: ["default"] });',
      'const target = process.argv[2];',
      "program.option('-j, --jobs <n>', 'parallel jobs').requiredOption('--suite <name>');",
      'if (process.env.NODE_REGENERATE_SNAPSHOTS) regenerate();',
      "const dir = process.env['ELECTRON_OUT_DIR'] || 'Testing';",
    ].join('\n');
    assert.deepEqual(
      [scriptLanguage('script/node-spec-runner.js', runner), scriptLanguage('lib/util.js', 'module.exports = {};\n'), scriptLanguage('script/run.mjs', '#!/usr/bin/env node\n')],
      ['node', undefined, 'node'],
    );
    const i = scriptInterface(runner, 'node');
    assert.deepEqual(
      [[...i.args.keys()].sort(), i.options, i.variables],
      [['1', '@'], ['--jobs', '--suite', '-j'], ['ELECTRON_OUT_DIR', 'NODE_REGENERATE_SNAPSHOTS']],
    );
    // A change inside (the test runner moves a file aside) keeps the interface; a renamed variable does not.
    const inside = runner + '\nfs.renameSync(pkg, pkg + ".bak");\n';
    assert.deepEqual(scriptCallChanges('script/node-spec-runner.js', runner, inside), []);
    const renamed = runner.replace('NODE_REGENERATE_SNAPSHOTS', 'REGENERATE_SNAPSHOTS');
    assert.deepEqual(
      (scriptCallChanges('script/node-spec-runner.js', runner, renamed) as Array<{ variables: unknown }>).map((c) => c.variables),
      [{ lost: ['NODE_REGENERATE_SNAPSHOTS'], gained: ['REGENERATE_SNAPSHOTS'], had: ['ELECTRON_OUT_DIR', 'NODE_REGENERATE_SNAPSHOTS'] }],
    );
  });

  it('reads positional parameters outside functions and single quotes, getopts letters, option arms, usage and environment variables', () => {
    const text = [
      '#!/bin/bash',
      '# $9 in a comment is not used',
      'usage() {',
      '  echo "usage: deploy.sh [-n] [-t TAG] env"',
      '}',
      'while getopts "nt:" opt; do',
      '  case $opt in',
      '    n) DRY_RUN=1 ;;',
      '  esac',
      'done',
      'while [[ $# -gt 0 ]]; do',
      '  case "$1" in',
      '    --force|-f) FORCE=1 ;;',
      '    --tag=*) TAG="${1#*=}" ;;',
      '    status) STATUS=1 ;;',
      '  esac',
      '  shift',
      'done',
      'env=${1:-gstg}',
      "hosts=$(awk '{print $2}' hosts.txt)",
      'sed "s#^package ${FROM}\\$#package ${TO}#" in.go',
      'REGION=${REGION:-eu}',
      'echo "$KUBECONFIG $HOME $local_var"',
      'deploy() { echo "$1"; }',
      '',
    ].join('\n');
    const found = scriptInterface(text, 'shell');
    assert.deepEqual(Object.fromEntries(found.args), { '#': ['while [[ $# -gt 0 ]]; do'], '1': ['--tag=*) TAG=${1#*=} ;;', 'case $1 in', 'env=${1:-gstg}'] });
    assert.deepEqual(found.options, ['--force', '--tag', '-f', '-n', '-t', 'status']);
    assert.deepEqual(found.usage, ['usage: deploy.sh [-n] [-t TAG] env']);
    assert.deepEqual(found.variables, ['FROM', 'KUBECONFIG', 'REGION', 'TO']);
  });

  it('reads argparse and click options, sys.argv, os.environ and Go flags', () => {
    const py = "import argparse, os, sys, click\np = argparse.ArgumentParser()\np.add_argument('--region', '-r')\np.add_argument('target')\n@click.option('--dry-run')\ndef main():\n    zone = sys.argv[1]\n    token = os.environ['API_TOKEN']\n    url = os.getenv('API_URL')\n";
    const found = scriptInterface(py, 'python');
    assert.deepEqual([Object.fromEntries(found.args), found.options, found.variables], [{ '1': ['zone = sys.argv[1]'] }, ['--dry-run', '--region', '-r', 'target'], ['API_TOKEN', 'API_URL']]);
    const go = 'package main\n\nfunc main() {\n\tport := flag.Int("port", 8080, "")\n\tcmd.Flags().StringVarP(&name, "name", "n", "", "")\n\tkey := os.Getenv("API_KEY")\n}\n';
    const goFound = scriptInterface(go, 'go');
    assert.deepEqual([goFound.options, goFound.variables], [['--name', '--port'], ['API_KEY']]);
  });

  it('has no change when only the insides of a script changed, and names a changed argument', () => {
    const before = '#!/bin/sh\nexport name=$1\nrestart() {\n  ssh "$1" gitlab-ctl restart\n}\nrestart host\n';
    assert.deepEqual(scriptCallChanges('x.sh', before, before.replace('gitlab-ctl restart', 'systemctl restart redis')), []);
    assert.deepEqual(scriptCallChanges('x.sh', before, before.replace('name=$1', 'service=$1')), [
      { name: '', args: [{ param: '1', before: ['export name=$1'], after: ['export service=$1'] }], options: { lost: [], gained: [], had: [] }, variables: { lost: [], gained: [], had: [] } },
    ]);
    assert.equal(scriptCallChanges('Dockerfile', 'FROM a\n', 'FROM b\n'), false);
    // The same usage text in another statement (gitlab b539bff) is the same usage.
    const oneLine = '#!/usr/bin/env bash\nTARGET_GIT_DIR=$1\n[[ -z "$TARGET_GIT_DIR" ]] && echo "Usage: $0 [git_dir]" && exit 1\n';
    const block = '#!/usr/bin/env bash\nTARGET_GIT_DIR=$1\n[[ -z "$TARGET_GIT_DIR" ]] && {\n  echo "Usage: $0 [git_dir]"\n  exit 1\n}\n';
    assert.deepEqual(scriptCallChanges('kill.sh', oneLine, block), []);
  });

  it('reads `${N:-default}` as `$N`, and counts only uses of an argument that went away or changed', () => {
    // jaeger examples/oci/deploy-all.sh: the default of the 2nd argument changed and a second variable takes it too.
    const before = '#!/bin/bash\nMODE="${1:-upgrade}"\nIMAGE_TAG="${2:-latest}"\nhelm upgrade --set tag=$IMAGE_TAG\n';
    const after = '#!/bin/bash\nMODE="${1:-upgrade}"\nIMAGE_TAG="${2:-${JAEGER_DEMO_IMAGE_TAG:-}}"\nLOCAL_IMAGE_TAG="${2:-${JAEGER_DEMO_IMAGE_TAG:-latest}}"\nhelm upgrade --set tag=$IMAGE_TAG\n';
    assert.deepEqual(withoutDefaults('IMAGE_TAG=${2:-${JAEGER_DEMO_IMAGE_TAG:-}} ${1:?mode} ${3:+x} ${@:-all}'), 'IMAGE_TAG=$2 $1 ${3:+x} $@');
    assert.deepEqual(scriptCallChanges('deploy-all.sh', before, after), [
      { name: '', args: [], options: { lost: [], gained: [], had: [] }, variables: { lost: [], gained: ['JAEGER_DEMO_IMAGE_TAG'], had: [] } },
    ]);
    // A use that went away still counts, next to one that came.
    const service = after.replace('IMAGE_TAG="${2:-${JAEGER', 'SERVICE="${2:-${JAEGER');
    assert.deepEqual(
      (scriptCallChanges('deploy-all.sh', before, service) as Array<{ args: unknown }>).map((c) => c.args),
      [[{ param: '2', before: ['IMAGE_TAG=${2:-latest}'], after: ['LOCAL_IMAGE_TAG=${2:-${JAEGER_DEMO_IMAGE_TAG:-latest}}', 'SERVICE=${2:-${JAEGER_DEMO_IMAGE_TAG:-}}'] }]],
    );
  });

  it('reads the variables of each make target\'s rule, the default goal\'s under \'\'', () => {
    const makefile = 'all: build\n\nbuild:\n\tgo build -o $(OUT) ./...\n\nconformance:\n\thack/dockerized "export SKIP=${SKIP} TAG=${TAG} && $(MAKE) run"\n\techo $$HOME $$REGION $$(pwd)\n';
    assert.deepEqual(Object.fromEntries(makeTargetVariables(makefile)), { '': [], all: [], build: ['OUT'], conformance: ['REGION', 'SKIP', 'TAG'] });
  });
});
