/** Rules for container tools: Docker / Podman, Docker Compose, crictl. */

import { scanArgs, type ArgSpec } from './argv';
import { subcommands, type SubcommandSpec, type SubRule } from './rule-subcommands';
import { because, changes, ok, withLabel } from './rule-verdicts';

const DOCKER_EXEC_ARGS: ArgSpec = { short: 'euw', long: ['env', 'env-file', 'user', 'workdir', 'detach-keys'], stopAtPositional: true };
const containerExec = (label: string, spec: ArgSpec): SubRule => (_scanned, ctx, after) => {
  const s = scanArgs(after, spec);
  const inner = s.rest?.slice(1) ?? [];
  return inner.length ? withLabel(ctx.argv(inner), label) : because(`\`${label}\` without a command cannot be read`);
};

const DOCKER_READ: SubcommandSpec['read'] = {
  ps: true, logs: true, inspect: true, stats: true, images: true, top: true, version: true, info: true, port: true, diff: true,
  history: true, events: true, search: true,
  image: ['ls', 'list', 'inspect', 'history'],
  network: ['ls', 'list', 'inspect'],
  volume: ['ls', 'list', 'inspect'],
  system: ['df', 'info', 'events'],
  context: ['ls', 'list', 'show', 'inspect'],
  node: ['ls', 'list', 'ps', 'inspect'],
  service: ['ls', 'list', 'ps', 'inspect', 'logs'],
  stack: ['ls', 'list', 'ps', 'services'],
};
const COMPOSE_ARGS: ArgSpec = { short: 'fp', long: ['file', 'project-name', 'project-directory', 'env-file', 'profile', 'ansi', 'progress'] };
const COMPOSE_EXEC_ARGS: ArgSpec = { short: 'euw', long: ['env', 'user', 'workdir', 'index'], stopAtPositional: true };
const composeSpec = (label: string): SubcommandSpec => ({
  args: COMPOSE_ARGS,
  read: {
    ps: true, logs: true, config: true, ls: true, top: true, images: true, version: true, port: true, events: true,
    exec: containerExec(`${label} exec`, COMPOSE_EXEC_ARGS),
  },
  change: ['up', 'down', 'start', 'stop', 'restart', 'rm', 'kill', 'pull', 'push', 'build', 'create', 'run', 'pause', 'unpause', 'scale', 'cp'],
});
/** `docker-compose`: `ps`, `logs`, `config`… read; `exec` judged by its command. */
export const dockerCompose = subcommands(composeSpec('docker-compose'));
const dockerComposeSub: SubRule = (_scanned, ctx, after) => subcommands(composeSpec(`${ctx.name} compose`))(after, { ...ctx, name: `${ctx.name} compose` });
const CONTAINER_READ = ['ls', 'list', 'ps', 'inspect', 'logs', 'top', 'stats', 'port', 'diff'];
const dockerContainer: SubRule = (scanned, ctx, after) => {
  const second = scanned.positionals[1];
  if (second === 'exec') return containerExec(`${ctx.name} container exec`, DOCKER_EXEC_ARGS)(scanned, ctx, after.slice(after.indexOf('exec') + 1));
  if (second !== undefined && CONTAINER_READ.includes(second)) return ok(`${ctx.name} container ${second}`);
  return changes(`${ctx.name} container ${second ?? ''}`.trim());
};

const dockerSpec: SubcommandSpec = {
  args: { short: 'Hcl', long: ['host', 'context', 'config', 'log-level', 'tlscacert', 'tlscert', 'tlskey'] },
  read: {
    ...DOCKER_READ,
    exec: (scanned, ctx, after) => containerExec(`${ctx.name} exec`, DOCKER_EXEC_ARGS)(scanned, ctx, after),
    container: dockerContainer,
    compose: dockerComposeSub,
  },
  change: ['run', 'rm', 'rmi', 'stop', 'kill', 'restart', 'start', 'pause', 'unpause', 'create', 'cp', 'commit', 'build', 'pull', 'push',
    'tag', 'login', 'logout', 'save', 'load', 'import', 'export', 'update', 'rename', 'prune', 'container rm', 'container stop',
    'container kill', 'container restart', 'container prune', 'image rm', 'image prune', 'network rm', 'network create', 'volume rm',
    'volume create', 'volume prune', 'system prune'],
};
/** `docker` / `podman`: `ps`, `logs`, `inspect`… read; `exec` and `compose` judged by what they run. */
export const docker = subcommands(dockerSpec);

/** `crictl`: `ps`, `pods`, `logs`, `inspect`… read. */
export const crictl = subcommands({
  args: { short: 'r', long: ['runtime-endpoint', 'image-endpoint', 'timeout', 'config'] },
  read: Object.fromEntries(
    ['ps', 'pods', 'images', 'img', 'inspect', 'inspectp', 'inspecti', 'logs', 'stats', 'statsp', 'info', 'version', 'imagefsinfo'].map((c) => [c, true as const]),
  ),
  change: ['rm', 'rmp', 'rmi', 'stop', 'stopp', 'runp', 'run', 'create', 'start', 'exec', 'pull', 'update', 'attach', 'port-forward'],
});
