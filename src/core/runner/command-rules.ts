/**
 * The table of command rules: which rule judges each command name. The rules live in the
 * `rules-*.ts` files by kind of tool; the verdict vocabulary is re-exported from here.
 */

import { because, changes, type Rule } from './rule-verdicts';
import { aws, az, gcloud, gsutil, terraform } from './rules-cloud';
import { crictl, docker, dockerCompose } from './rules-containers';
import { etcdctl, kafkaConfigs, kafkaConsumerGroups, kafkaLogDirs, kafkaTopics, mysqladmin, nodetool, redisCli } from './rules-databases';
import { gitlabPsql, mysql, psql } from './rules-sql';
import { git } from './rules-git';
import { curl, wget } from './rules-http';
import { helm, kubectl, oc } from './rules-kubernetes';
import { amtool, promtool } from './rules-monitoring';
import {
  date, dmesg, gitlabCtl, gitlabRake, hostname, ip, iptables, journalctl, kill, mount, mtr, netcat, openssl, sar, service, statusTool,
  sysctl, systemctl, top,
} from './rules-system';
import { awk, find, rg, sed, sort, tee, uniq, yq } from './rules-text-tools';
import { command, env, exec, shell, ssh, sudo, time, timeout, watch, wrapper, xargs } from './rules-wrappers';
import { READ_ONLY_TABLES } from './rules-read-only';
import { BUILTIN_RULES } from './shell-builtins';

export { because, changes, isDeviceTarget, ok, unknown, type Rule, type RuleContext, type Verdict } from './rule-verdicts';
export { sqlChange } from './sql-text';

/** Commands known to change state, for a clearer reason than "not known". */
const CHANGING_COMMANDS = [
  'rm', 'rmdir', 'mv', 'cp', 'dd', 'mkfs', 'chmod', 'chown', 'chgrp', 'pkill', 'killall', 'reboot', 'shutdown', 'poweroff', 'halt', 'touch',
  'mkdir', 'ln', 'truncate', 'shred', 'install', 'rsync', 'scp', 'sftp', 'tar', 'unzip', 'gzip', 'gunzip', 'zip', 'bzip2', 'xz', 'patch',
  'crontab', 'umount', 'swapoff', 'swapon', 'useradd', 'userdel', 'usermod', 'groupadd', 'passwd', 'apt', 'apt-get', 'yum', 'dnf', 'apk',
  'pip', 'pip3', 'npm', 'systemd-run', 'chattr', 'setfacl', 'fallocate', 'parted', 'fdisk', 'wipefs', 'tune2fs', 'resize2fs', 'lvextend',
  'modprobe', 'rmmod', 'insmod', 'ifup', 'ifdown', 'nft', 'ufw', 'firewall-cmd',
];

const RULES = new Map<string, Rule>([
  ...Object.entries(READ_ONLY_TABLES),
  ...Object.entries(BUILTIN_RULES),
  ...CHANGING_COMMANDS.map((name) => [name, ((_args, ctx) => changes(ctx.name)) as Rule] as const),
  ['kubectl', kubectl], ['oc', oc], ['helm', helm], ['terraform', terraform], ['tofu', terraform], ['aws', aws], ['gcloud', gcloud],
  ['az', az], ['gsutil', gsutil], ['curl', curl], ['wget', wget], ['psql', psql], ['gitlab-psql', gitlabPsql], ['mysql', mysql],
  ['mariadb', mysql], ['mysqladmin', mysqladmin], ['redis-cli', redisCli], ['gitlab-redis-cli', redisCli], ['sed', sed], ['awk', awk],
  ['gawk', awk], ['mawk', awk], ['yq', yq], ['find', find], ['sort', sort], ['uniq', uniq], ['tee', tee], ['rg', rg], ['date', date],
  ['hostname', hostname], ['top', top], ['mtr', mtr], ['nc', netcat], ['ncat', netcat], ['netcat', netcat], ['kill', kill], ['sar', sar],
  ['journalctl', journalctl], ['dmesg', dmesg], ['mount', mount], ['sysctl', sysctl], ['ip', ip], ['iptables', iptables],
  ['ip6tables', iptables], ['openssl', openssl], ['systemctl', systemctl], ['service', service],
  ['timedatectl', statusTool(['status', 'show', 'list-timezones', 'timesync-status', 'show-timesync'])],
  ['hostnamectl', statusTool(['status'])], ['docker', docker], ['podman', docker], ['docker-compose', dockerCompose], ['crictl', crictl],
  ['git', git], ['kafka-consumer-groups', kafkaConsumerGroups], ['kafka-consumer-groups.sh', kafkaConsumerGroups],
  ['kafka-topics', kafkaTopics], ['kafka-topics.sh', kafkaTopics], ['kafka-configs', kafkaConfigs], ['kafka-configs.sh', kafkaConfigs],
  ['kafka-log-dirs', kafkaLogDirs], ['kafka-log-dirs.sh', kafkaLogDirs], ['nodetool', nodetool], ['etcdctl', etcdctl],
  ['promtool', promtool], ['amtool', amtool], ['gitlab-ctl', gitlabCtl], ['gitlab-rake', gitlabRake], ['sudo', sudo], ['doas', sudo],
  ['timeout', timeout], ['time', time], ['watch', watch], ['env', env], ['xargs', xargs], ['command', command], ['exec', exec],
  ['builtin', exec], ['nice', wrapper({ short: 'n', long: ['adjustment'] }, 'nice')], ['ionice', wrapper({ short: 'cnp', long: ['class', 'classdata', 'pid'] })],
  ['stdbuf', wrapper({ short: 'ioe', long: ['input', 'output', 'error'] })], ['sh', shell], ['bash', shell], ['zsh', shell], ['dash', shell],
  ['ksh', shell], ['ssh', ssh],
  ['nohup', () => because('`nohup` keeps the command running after the block and may write nohup.out')],
]);

/** The rule for a command's base name, or undefined when the command is not known. */
export function ruleFor(name: string): Rule | undefined {
  if (/^mkfs\./.test(name)) return RULES.get('mkfs');
  return RULES.get(name);
}
