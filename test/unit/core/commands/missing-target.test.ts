import assert from 'node:assert/strict';
import { justRecipes, makefileTargets, rakeTasks, taskfileTasks } from '../../../../src/core/commands/target-files';
import { brief, driftOf, runbook } from './drift-fixture';

const MAKEFILE = ['.PHONY: deploy rollback', 'VERSION := 1.2', 'deploy: build', '\t./scripts/deploy.sh', 'rollback:', '\t@echo roll', 'build test-unit:', '\tgo build ./...', ''].join('\n');

describe('command.missing-target', () => {
  it('reports a make target the Makefile does not define, with a near name', async () => {
    const findings = await driftOf({ Makefile: MAKEFILE, 'runbooks/deploy.md': runbook('make deploy\nmake rolback VERSION=2') });
    assert.deepEqual(brief(findings), ['runbooks/deploy.md:5 command.missing-target']);
    assert.equal(findings[0]!.message, '`make` target `rolback` is not defined in `Makefile`. Did you mean `rollback`? Fix the command.');
    assert.equal(findings[0]!.target, 'Makefile');
    assert.deepEqual(findings[0]!.fix, { description: 'Change `rolback` to `rollback`.', replace: { text: 'rolback', with: 'rollback' } });
  });

  it('reads the Makefile of make -C DIR and -f FILE', async () => {
    const files = { 'deploy/Makefile': MAKEFILE, 'deploy/extra.mk': 'extra:\n\ttrue\n', Makefile: 'all:\n', 'doc.md': runbook('make -C deploy rollback\nmake -C deploy extra\nmake -f deploy/extra.mk extra\nmake -f deploy/extra.mk deploy') };
    assert.deepEqual(brief(await driftOf(files)), ['doc.md:5 command.missing-target', 'doc.md:7 command.missing-target']);
  });

  it('says nothing for Makefiles with includes, generated or pattern targets, and for built-in file rules', async () => {
    const included = `include common.mk\n${MAKEFILE}`;
    const generated = `${MAKEFILE}$(TARGETS):\n\techo\n`;
    const patterns = `${MAKEFILE}deploy-%:\n\techo $*\n`;
    assert.deepEqual(brief(await driftOf({ Makefile: included, 'a.md': runbook('make deploy\nmake lint') })), []);
    assert.deepEqual(brief(await driftOf({ Makefile: generated, 'a.md': runbook('make deploy\nmake lint') })), []);
    assert.deepEqual(brief(await driftOf({ Makefile: patterns, 'a.md': runbook('make deploy\nmake deploy-eu') })), []);
    assert.deepEqual(brief(await driftOf({ Makefile: MAKEFILE, 'main.c': '', 'a.md': runbook('make deploy\nmake main\nmake tool.o') })), []);
  });

  it('says nothing when no command of the doc resolves here (it documents another checkout)', async () => {
    assert.deepEqual(brief(await driftOf({ Makefile: MAKEFILE, 'guide.md': runbook('make images\nmake verify') })), []);
  });

  it('says nothing when only a target most Makefiles have (help, all, clean, build, test) resolves here: the doc is about another project\'s Makefile', async () => {
    const makefile = 'help:\n\t@echo help\nimage:\n\tpodman build .\nmarkdownlint: image\n\ttrue\n';
    const guide = runbook('make help\nmake build\nmake images\nmake test-unit');
    assert.deepEqual(brief(await driftOf({ Makefile: makefile, 'dev-guide/operators.md': guide })), []);
    // A target of this project's own is an anchor, and so is a common one where the author said where it runs.
    assert.deepEqual(brief(await driftOf({ Makefile: makefile, 'dev-guide/operators.md': runbook('make markdownlint\nmake images') })), ['dev-guide/operators.md:5 command.missing-target']);
    assert.deepEqual(brief(await driftOf({ Makefile: makefile, 'dev-guide/operators.md': runbook('make help\nmake images', 'sh', '{cwd=..}') })), ['dev-guide/operators.md:5 command.missing-target']);
  });

  it('checks npm run scripts, following --prefix, and yarn scripts only with a near name', async () => {
    const pkg = JSON.stringify({ scripts: { build: 'tsc', 'db:migrate': 'knex migrate' }, devDependencies: { eslint: '9' } });
    const files = { 'web/package.json': pkg, 'doc.md': runbook('npm run build --prefix web\nnpm --prefix web run db:migrat\nyarn --cwd web eslint .\nyarn --cwd web install\nyarn --cwd web db:migrte\nyarn --cwd web storybook') };
    const findings = await driftOf(files);
    assert.deepEqual(brief(findings), ['doc.md:5 command.missing-target', 'doc.md:8 command.missing-target']);
    assert.equal(findings[0]!.message, '`npm` script `db:migrat` is not defined in `web/package.json`. Did you mean `db:migrate`? Fix the command.');
  });

  // jest website/README.md:38 `yarn workspace jest-website start`: the script of the workspace named so,
  // found through the root package.json's `workspaces` globs.
  it('checks a workspace\'s script in the package.json of the workspace that has that name (yarn workspace X, npm -w X)', async () => {
    const web = JSON.stringify({ name: '@acme/web', scripts: { build: 'tsc', start: 'vite' }, devDependencies: { eslint: '9' } });
    const files = {
      'package.json': JSON.stringify({ private: true, workspaces: ['packages/*', '!packages/legacy', 'website'] }),
      'packages/web/package.json': web,
      'packages/legacy/package.json': JSON.stringify({ name: 'legacy', scripts: {} }),
      'website/package.json': JSON.stringify({ name: 'site', scripts: { serve: 'docusaurus serve' } }),
      'docs/dev.md': runbook(
        ['yarn workspace @acme/web start', 'yarn workspace @acme/web run buld', 'yarn workspace @acme/web eslint .', 'yarn workspace @acme/web add lodash', 'yarn workspace site serv', 'yarn workspace legacy run build', 'yarn workspace nope run biuld', 'npm run biuld -w packages/web', 'npm run strat --workspace=@acme/web', 'yarn workspace site serve', 'npm run build -w packages/web', 'npm run start --workspace=@acme/web'].join('\n'),
      ),
    };
    const findings = await driftOf(files);
    assert.deepEqual(brief(findings), ['docs/dev.md:5 command.missing-target', 'docs/dev.md:8 command.missing-target', 'docs/dev.md:11 command.missing-target', 'docs/dev.md:12 command.missing-target']);
    assert.equal(findings[0]!.message, '`yarn` script `buld` is not defined in `packages/web/package.json`. Did you mean `build`? Fix the command.');
    // The object form of `workspaces` (`{ packages: [...] }`), and `**` globs.
    const object = { ...files, 'package.json': JSON.stringify({ workspaces: { packages: ['packages/**'] } }), 'docs/dev.md': runbook('yarn workspace @acme/web start\nyarn workspace @acme/web buld') };
    assert.deepEqual(brief(await driftOf(object)), ['docs/dev.md:5 command.missing-target']);
  });

  it('checks just recipes, Taskfile tasks, rake tasks and mage targets', async () => {
    const files = {
      justfile: 'set shell := ["bash", "-c"]\nalias d := deploy\ndeploy env="prod":\n  ./deploy.sh {{env}}\n',
      'Taskfile.yml': 'version: "3"\ntasks:\n  restart:\n    aliases: [r]\n    cmds: [echo]\n',
      Rakefile: 'namespace :db do\n  task :failover do\n  end\nend\ntask default: :x\n',
      'magefile.go': '//go:build mage\npackage main\nfunc Deploy() error { return nil }\n',
      'doc.md': runbook('just deploy staging\njust d\njust deplyo\ntask r restart\ntask restrat\nrake db:failover\nrake db:failovr[now]\nmage deploy\nmage depoly'),
    };
    const findings = await driftOf(files);
    assert.deepEqual(brief(findings), ['doc.md:6 command.missing-target', 'doc.md:8 command.missing-target', 'doc.md:10 command.missing-target', 'doc.md:12 command.missing-target']);
    assert.deepEqual(findings.map((f) => f.target), ['justfile', 'Taskfile.yml', 'Rakefile', 'magefile.go']);
  });

  it('says nothing of a target written as a variable or a placeholder, and still checks the others (paas-cf README.md:69 `make $ENV upload-all-secrets`)', async () => {
    const makefile = 'dev:\n\t@echo dev\nprod:\n\t@echo prod\nupload-all-secrets:\n\ttrue\nterraform-plan:\n\ttrue\n';
    const doc = runbook('make $ENV upload-all-secrets\nmake <environment> terraform-plan\nmake ${ENV} terraform-pln\nmake `cat env` upload-all-secrets');
    const findings = await driftOf({ Makefile: makefile, 'docs/secrets.md': doc });
    assert.deepEqual(brief(findings), ['docs/secrets.md:6 command.missing-target']);
    assert.equal(findings[0]!.message, '`make` target `terraform-pln` is not defined in `Makefile`. Did you mean `terraform-plan`? Fix the command.');
    const others = { justfile: 'deploy:\n  true\n', 'Taskfile.yml': 'version: "3"\ntasks:\n  up:\n    cmds: [echo]\n', Rakefile: 'task :up do\nend\n' };
    assert.deepEqual(brief(await driftOf({ ...others, 'a.md': runbook('just deploy\njust $RECIPE\ntask up\ntask <task>\nrake up\nrake $TASK') })), []);
  });

  it('reads target files the way their tools do', () => {
    assert.deepEqual([...makefileTargets(MAKEFILE).names].sort(), ['.PHONY', 'build', 'deploy', 'rollback', 'test-unit']);
    assert.equal(makefileTargets('x: y\n\tfoo: bar\n').names.has('foo'), false);
    assert.deepEqual([...justRecipes('a:\n@b x="1:2": a\nc := "v"\n').names], ['a', 'b']);
    assert.equal(taskfileTasks('tasks:\n  a: {}\nincludes:\n  x: ./x.yml\n').opaque, true);
    assert.deepEqual([...rakeTasks("namespace :ops do\n  desc 'x'\n  task :up do\n  end\nend\ntask 'down'\n").names], ['ops:up', 'down']);
    assert.equal(rakeTasks("Rails.application.load_tasks\n").opaque, true);
  });
});
