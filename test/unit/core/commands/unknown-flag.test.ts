import assert from 'node:assert/strict';
import { goOptions, pythonOptions, shellOptions } from '../../../../src/core/commands/script-flags';
import { brief, driftOf, runbook } from './drift-fixture';

const CASE_SCRIPT = `#!/usr/bin/env bash
set -euo pipefail
usage() { echo "usage: $0 [--region R] [--dry-run]"; exit 1; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --region) REGION="$2"; shift 2 ;;
    --dry-run) DRY=1; shift ;;
    *) usage ;;
  esac
done
`;
const ARGPARSE = `import argparse
p = argparse.ArgumentParser()
p.add_argument("--cluster", required=True)
p.add_argument("-v", "--verbose", action="store_true")
args = p.parse_args()
`;
const GO_MAIN = `package main
import "flag"
var force = flag.Bool("force", false, "skip checks")
func main() { flag.Parse() }
`;

describe('command.unknown-flag', () => {
  it('reports a long flag a shell script never parses, and takes the ones it does', async () => {
    const findings = await driftOf({ 'scripts/failover.sh': CASE_SCRIPT, 'doc.md': runbook('./scripts/failover.sh --region eu --dry-run\n./scripts/failover.sh --regions eu --force') });
    assert.deepEqual(brief(findings), ['doc.md:5 command.unknown-flag', 'doc.md:5 command.unknown-flag']);
    assert.equal(findings[0]!.severity, 'warning');
    assert.equal(findings[0]!.message, '`./scripts/failover.sh` never mentions `--regions` in its option parsing (case), so it will likely refuse or ignore it. Check the script\'s options and fix the command.');
    assert.equal(findings[1]!.target, 'scripts/failover.sh');
  });

  it('reads Python argparse (prefixes allowed) and Go flag programs run with go run', async () => {
    const files = {
      'tools/drain.py': ARGPARSE,
      'cmd/reindex/main.go': GO_MAIN,
      'doc.md': runbook('python3 tools/drain.py --cluster a --verb\npython3 tools/drain.py --zone b\ngo run ./cmd/reindex --force\ngo run ./cmd/reindex -- --forse'),
    };
    const findings = await driftOf(files);
    assert.deepEqual(brief(findings), ['doc.md:5 command.unknown-flag']);
    assert.match(findings[0]!.message, /`--zone`.*\(argparse\)/);
    assert.deepEqual(brief(await driftOf({ ...files, 'doc.md': runbook('go run ./cmd/reindex --forse') })), ['doc.md:4 command.unknown-flag']);
  });

  it('says nothing when the parsing cannot be read whole', async () => {
    const forwards = `${CASE_SCRIPT}exec kubectl "$@"\n`;
    const sources = `source ./lib.sh\n${CASE_SCRIPT}`;
    const noParser = '#!/bin/sh\necho "$1"\n';
    const catchAll = CASE_SCRIPT.replace('*) usage ;;', '--*) EXTRA="$EXTRA $1"; shift ;;');
    const parents = ARGPARSE.replace('argparse.ArgumentParser()', 'argparse.ArgumentParser(parents=[common])');
    const files = { 'a.sh': forwards, 'b.sh': sources, 'c.sh': noParser, 'd.sh': catchAll, 'e.py': parents, 'bin/tool': '\u0000ELF' };
    const body = ['./a.sh --x', './b.sh --x', './c.sh --x', './d.sh --x', 'python e.py --x', './bin/tool --x'].join('\n');
    assert.deepEqual(brief(await driftOf({ ...files, 'doc.md': runbook(body) })), []);
  });

  it('reports a gh workflow run input the workflow does not declare', async () => {
    const workflow = 'name: Deploy\non:\n  workflow_dispatch:\n    inputs:\n      environment:\n        required: true\n      version: {}\n';
    const files = { '.github/workflows/deploy.yml': workflow, 'doc.md': runbook('gh workflow run deploy.yml -f environment=prod -f versoin=1.2\ngh workflow run Deploy -f env=prod\ngh workflow run deploy.yml -R other/repo -f x=1') };
    const findings = await driftOf(files);
    assert.deepEqual(brief(findings), ['doc.md:4 command.unknown-flag', 'doc.md:5 command.unknown-flag']);
    assert.equal(findings[0]!.message, 'Workflow `.github/workflows/deploy.yml` declares no input `versoin` (its inputs: `environment`, `version`), so `gh workflow run` will refuse it. Did you mean `version`? Fix the command.');
  });

  it('reads option parsers from their text', () => {
    assert.equal(shellOptions('while getopts "r:" o; do :; done')?.parser, undefined);
    const getopt = shellOptions('OPTS=$(getopt -o r: --long region:,dry-run -- "$@")\neval set -- "$OPTS"\ncase "$1" in\n  --region) shift;;\nesac\n');
    assert.equal(getopt?.accepts('dry-run'), true);
    assert.equal(getopt?.accepts('dry'), false);
    assert.equal(pythonOptions('import click\n@click.command()\n@click.option("--force/--no-force")\ndef main(force): pass\n')?.accepts('no-force'), true);
    assert.equal(goOptions('import "flag"\nimport "k8s.io/klog/v2"\nfunc main() { klog.InitFlags(nil); flag.Parse() }'), undefined);
  });

  // kyverno DEVELOPMENT.md:495: `go run ./cmd/kyverno/ --kubeconfig …`; `--kubeconfig` is registered on
  // the global flag set by cmd/internal/flag.go, and main.go has `internal.ParseFlags(…)` parse it.
  it('cannot read a Go program whose flags another package registers or parses', () => {
    const parsedElsewhere = 'package main\nimport (\n\t"flag"\n\t"github.com/kyverno/kyverno/cmd/internal"\n)\nfunc main() {\n\tflagset := flag.NewFlagSet("kyverno", flag.ExitOnError)\n\tflagset.StringVar(&serverIP, "serverIP", "", "")\n\tinternal.ParseFlags(flagset)\n}\n';
    assert.equal(goOptions(parsedElsewhere), undefined);
    // The global flag set, parsed here, also holds what the imported packages' init functions register (controller-runtime's --kubeconfig).
    const globalWithImports = 'package main\nimport (\n\t"flag"\n\t"os"\n\tctrl "sigs.k8s.io/controller-runtime"\n)\nvar port = flag.Int("port", 8080, "")\nfunc main() { flag.Parse(); ctrl.GetConfigOrDie(); os.Exit(0) }\n';
    assert.equal(goOptions(globalWithImports), undefined);
    // Standard-library imports only, or a flag set of its own parsed here: readable.
    assert.equal(goOptions('package main\nimport (\n\t"flag"\n\t"os"\n)\nvar port = flag.Int("port", 8080, "")\nfunc main() { flag.Parse(); os.Exit(0) }\n')?.accepts('port'), true);
    const ownSet = 'package main\nimport (\n\t"flag"\n\t"os"\n\t"example.com/app/store"\n)\nfunc main() {\n\tfs := flag.NewFlagSet("reindex", flag.ExitOnError)\n\tforce := fs.Bool("force", false, "")\n\tfs.Parse(os.Args[1:])\n\tstore.Reindex(*force)\n}\n';
    assert.equal(goOptions(ownSet)?.accepts('force'), true);
    assert.equal(goOptions(ownSet)?.accepts('kubeconfig'), false);
  });
});
