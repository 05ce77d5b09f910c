import assert from 'node:assert/strict';
import { makefileParts } from '../../../../src/core/commands/target-files';
import { brief, driftOf, runbook } from './drift-fixture';

const MAIN = ['include build/common.mk', '-include build/local.mk', '.PHONY: deploy', 'deploy:', '\t./deploy.sh', ''].join('\n');
const COMMON = ['include build/tools.mk', 'image:', '\tdocker build .', ''].join('\n');
const TOOLS = ['lint-tools:', '\tgo install ./tools', ''].join('\n');

describe('command.missing-target through Makefile includes', () => {
  it('reads the targets of included files (nested, -include too) and reports a target none of them defines', async () => {
    const files = { Makefile: MAIN, 'build/common.mk': COMMON, 'build/tools.mk': TOOLS, 'build/local.mk': 'local-up:\n\ttrue\n', 'ops.md': runbook('make deploy\nmake image\nmake lint-tools\nmake local-up\nmake imagee') };
    const findings = await driftOf(files);
    assert.deepEqual(brief(findings), ['ops.md:8 command.missing-target']);
    assert.equal(findings[0]!.message, '`make` target `imagee` is not defined in `Makefile`. Did you mean `image`? Fix the command.');
  });

  it('resolves includes from the folder make runs in, not from the including file', async () => {
    const files = { 'svc/Makefile': 'include mk/a.mk\nrun:\n\ttrue\n', 'svc/mk/a.mk': 'include mk/b.mk\n', 'svc/mk/b.mk': 'stop:\n\ttrue\n', 'ops.md': runbook('make -C svc run\nmake -C svc stop\nmake -C svc stpo') };
    assert.deepEqual(brief(await driftOf(files)), ['ops.md:6 command.missing-target']);
  });

  it('says nothing when an include is missing (even -include: it may be generated), not literal, outside the repository, or nested too deep', async () => {
    const doc = runbook('make deploy\nmake imagee');
    const silent = async (files: Record<string, string>) => assert.deepEqual(brief(await driftOf({ ...files, 'ops.md': doc })), []);
    await silent({ Makefile: MAIN, 'build/common.mk': COMMON, 'build/tools.mk': TOOLS });
    await silent({ Makefile: 'include $(ROOT)/common.mk\ndeploy:\n', 'common.mk': 'image:\n' });
    await silent({ Makefile: 'include *.mk\ndeploy:\n', 'a.mk': 'image:\n' });
    await silent({ Makefile: 'include ../common.mk\ndeploy:\n' });
    await silent({ Makefile: 'include /usr/share/mk/common.mk\ndeploy:\n' });
    const chain: Record<string, string> = { Makefile: 'include m1.mk\ndeploy:\n' };
    for (let i = 1; i <= 12; i++) chain[`m${i}.mk`] = `include m${i + 1}.mk\n`;
    chain['m13.mk'] = 'image:\n';
    await silent(chain);
  });

  it('follows an include cycle once', async () => {
    const files = { Makefile: 'include a.mk\ndeploy:\n', 'a.mk': 'include Makefile\ninclude a.mk\nimage:\n', 'ops.md': runbook('make deploy\nmake imagee') };
    assert.deepEqual(brief(await driftOf(files)), ['ops.md:5 command.missing-target']);
  });

  it('stays silent when an included file defines pattern-free targets through variables or eval', async () => {
    const doc = runbook('make deploy\nmake imagee');
    assert.deepEqual(brief(await driftOf({ Makefile: 'include gen.mk\ndeploy:\n', 'gen.mk': '$(IMAGES):\n\tdocker build\n', 'ops.md': doc })), []);
    assert.deepEqual(brief(await driftOf({ Makefile: 'include gen.mk\ndeploy:\n', 'gen.mk': '$(foreach t,$(TARGETS),$(eval $(call rule,$(t))))\n', 'ops.md': doc })), []);
    assert.deepEqual(brief(await driftOf({ Makefile: 'include gen.mk\ndeploy:\n', 'gen.mk': 'image-%:\n\ttrue\n', 'ops.md': runbook('make deploy\nmake image-web') })), []);
  });

  it('lists a Makefile\'s literal includes apart from its own targets', () => {
    assert.deepEqual(makefileParts('include a.mk b.mk\n-include c.mk\nsinclude d.mk\nx:\n').includes, ['a.mk', 'b.mk', 'c.mk', 'd.mk']);
    assert.equal(makefileParts('include a.mk\nx:\n').targets.opaque, false);
    assert.equal(makefileParts('include $(X).mk\nx:\n').includes, undefined);
    assert.equal(makefileParts('define R\ninclude z.mk\nendef\nx:\n').includes?.length, 0);
  });
});

describe('command.missing-target with Makefile targets named by variables', () => {
  it('knows a target named by a variable whose every value is a path (tool binaries: `$(LOCALBIN):`, `$(CONTROLLER_GEN): $(LOCALBIN)`)', async () => {
    const makefile = [
      'LOCALBIN ?= $(shell pwd)/bin',
      'CONTROLLER_GEN ?= $(LOCALBIN)/controller-gen',
      'TOOLS = $(LOCALBIN)/kustomize $(LOCALBIN)/envtest',
      'include tools.mk',
      '$(LOCALBIN):',
      '\tmkdir -p $(LOCALBIN)',
      '$(CONTROLLER_GEN) $(TOOLS): $(LOCALBIN)',
      '\tgo install',
      'codegen: $(CONTROLLER_GEN)',
      '\t$(CONTROLLER_GEN) object paths=./...',
      '',
    ].join('\n');
    const files = { Makefile: makefile, 'tools.mk': 'GOLANGCI = bin/golangci-lint\n$(GOLANGCI):\n\tgo install\nlint: $(GOLANGCI)\n', 'ops.md': runbook('make codegen\nmake lint\nmake codegn') };
    assert.deepEqual(brief(await driftOf(files)), ['ops.md:6 command.missing-target']);
  });

  it('stays silent when such a variable could be a plain name: undefined, set by a function or the shell, or any of its values without a path', async () => {
    const doc = runbook('make deploy\nmake deploi');
    const silentWith = async (makefile: string) => assert.deepEqual(brief(await driftOf({ Makefile: `${makefile}\ndeploy:\n\ttrue\n`, 'ops.md': doc })), [], makefile);
    await silentWith('$(UNDEFINED):\n\ttrue');
    await silentWith('X := $(shell ls)\n$(X):\n\ttrue');
    await silentWith('X != ls\n$(X):\n\ttrue');
    await silentWith('ifeq ($(A),1)\nX = bin/x\nelse\nX = deploi\nendif\n$(X):\n\ttrue');
    await silentWith('X = bin/x\nX += deploi\n$(X):\n\ttrue');
    await silentWith('X = $(addprefix bin/,a b)\n$(X):\n\ttrue');
    await silentWith('X = bin/x\nserve-$(X) $(X):\n\ttrue');
    await silentWith('A = $(B)\nB = $(A)\n$(A):\n\ttrue');
  });
});
