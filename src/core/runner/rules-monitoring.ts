/** Rules for monitoring CLIs: Prometheus's promtool and Alertmanager's amtool. */

import { subcommands } from './rule-subcommands';
import { changes, ok } from './rule-verdicts';

/** `promtool`: checks, queries and TSDB inspection read. */
export const promtool = subcommands({
  read: {
    check: true, query: true, test: true, help: true,
    tsdb: ['analyze', 'list', 'dump', 'dump-openmetrics'],
  },
  change: ['tsdb create-blocks-from', 'debug', 'push'],
  bare: () => ok('promtool'),
});

/** `amtool`: alert and silence queries read; adding or expiring silences changes. */
export const amtool = subcommands({
  args: { short: 'o', long: ['alertmanager.url', 'output', 'config.file', 'timeout'] },
  read: {
    alert: (scanned) => (['add'].includes(scanned.positionals[1] ?? '') ? changes('amtool alert add') : ok('amtool alert query')),
    silence: (scanned) => (['add', 'expire', 'import', 'update'].includes(scanned.positionals[1] ?? '') ? changes(`amtool silence ${scanned.positionals[1]}`) : ok('amtool silence query')),
    config: true, 'check-config': true, cluster: ['show'], template: ['render'],
  },
});
