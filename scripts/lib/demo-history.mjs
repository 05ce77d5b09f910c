// The scripted, back-dated git history of the acme-platform demo (see demo.mjs, which replays it).
//
// The story it tells, as `runbooks report` sees it on the final tree:
// - fresh: runbooks/checkout/high-error-rate.md was edited (2026-10-06) after the rollout strategy
//   it links changed (2026-09-22); the other docs were reviewed or written after their targets last
//   moved (indexer-lag and certificate-expiry are fresh but overdue for review).
// - stale after a config change: deploy/db/pool.yaml changed on 2026-09-29 and 2026-10-21, after
//   runbooks/checkout/db-pool-exhausted.md (reviewed 2026-09-15) and runbooks/payments/queue-backlog.md
//   (reviewed 2026-08-19); runbooks/payments/worker-crashloop.md (reviewed 2025-10-02) predates the
//   prefetch change in deploy/k8s/payments-worker.yaml and the alert change in payments.rules.yml.
// - broken after a rename: scripts/disk-usage.sh became scripts/check-disk.sh on 2026-03-09; the
//   command in runbooks/platform/disk-will-fill.md was updated, its "source" link was not.
// - pinned permalink: docs/adr/0001-use-pgbouncer.md links pool.yaml at PINNED_COMMIT (the pool
//   sizing before PgBouncer), so the later pool.yaml changes do not make the ADR stale.
// - bulk formatting: on 2026-11-03 one commit strips trailing whitespace and adds final newlines in
//   every file (56 of them, counting ansible/, removed a week later); it must not make anything stale.
// - settings: .runbooks.yml (2026-11-17, the last commit) narrows where alert rules are looked for;
//   it changes no verdict.
//
// Every file is written "untidy" (see `untidy`) until that bulk commit, which tidies them all, so the
// commit is a real whitespace-only change of more than 50 files.
//
// Earlier versions of example files are derived from their final text (examples/acme-platform) by
// small, checked replacements, so the examples stay the single source of what users see. Only the
// first two commits are written out here in full: the ADR's permalink names the second one by its
// SHA, which therefore must not depend on the examples.

/** The remote the demo repository gets, so GitHub blob URLs in docs and alert rules resolve to it. */
export const REMOTE_URL = 'https://github.com/acme/platform.git';

/**
 * The SHA of the step marked `pinned` ("Pool sizing for checkout-api and payments-worker").
 * docs/adr/0001-use-pgbouncer.md links `deploy/db/pool.yaml` at this commit. It changes only when the
 * first two steps change (content, dates, people or messages); update the ADR's link with it.
 */
export const PINNED_COMMIT = 'db3ae60935dbc4fb0b1c80d98a3ee0ec5df12dcd';

/** Authors; each commit is committed by its author. */
export const PEOPLE = {
  mei: { name: 'Mei Chen', email: 'mei.chen@acme.example' },
  priya: { name: 'Priya Raman', email: 'priya.raman@acme.example' },
  tomas: { name: 'Tomás Ortega', email: 'tomas.ortega@acme.example' },
  jonas: { name: 'Jonas Weber', email: 'jonas.weber@acme.example' },
  aisha: { name: 'Aisha Okafor', email: 'aisha.okafor@acme.example' },
};

/**
 * @typedef {object} Step
 * @property {string} at        ISO 8601 date, used as author and committer date
 * @property {keyof typeof PEOPLE} by
 * @property {string} message
 * @property {Record<string, string | null>} [files]  path -> content (tidy form), null deletes
 * @property {Array<[string, string]>} [renames]      [from, to], applied before `files`
 * @property {boolean} [tidy]    the bulk formatting commit: every file is rewritten tidy
 * @property {boolean} [rest]    also adds every example file no step mentions (skipped when none)
 * @property {boolean} [pinned]  the commit PINNED_COMMIT names
 */

/**
 * The steps, oldest first. `ex` reads the examples: `final(path)` is a file's text as in
 * examples/acme-platform, `edit(path, ...[from, to])` that text with each `from` (which must occur
 * exactly once) replaced, `reviewed(path, day, ...edits)` the same with the front matter's
 * `reviewed:` set to `day`, `until(path, marker)` the text before `marker`.
 *
 * @param {{ final: (p: string) => string, edit: (p: string, ...e: Array<[string, string]>) => string,
 *   reviewed: (p: string, day: string, ...e: Array<[string, string]>) => string,
 *   until: (p: string, marker: string) => string }} ex
 * @returns {Step[]}
 */
export function demoHistory(ex) {
  const { final, edit, reviewed, until } = ex;
  const finals = (...paths) => Object.fromEntries(paths.map((p) => [p, final(p)]));

  // Before 2026-09-22 the Deployment rolled one pod at a time and could take one away first.
  const checkoutApiYaml = (host) =>
    edit(
      'deploy/k8s/checkout-api.yaml',
      ['value: pgbouncer.checkout.svc.cluster.local\n', `value: ${host}\n`],
      ['      maxSurge: 2\n      maxUnavailable: 0\n', '      maxSurge: 1\n      maxUnavailable: 1\n'],
    );
  const paymentsWorkerYaml = (image, prefetch) =>
    edit(
      'deploy/k8s/payments-worker.yaml',
      ['payments-worker:2.8.0\n', `payments-worker:${image}\n`],
      ['- name: PAYMENTS_PREFETCH\n              value: "16"\n', `- name: PAYMENTS_PREFETCH\n              value: "${prefetch}"\n`],
    );
  const poolYaml = (perPodMax, paymentsAcquire) =>
    edit('deploy/db/pool.yaml', ['  per_pod_max: 40\n', `  per_pod_max: ${perPodMax}\n`], ['  acquire_timeout_ms: 5000\n', `  acquire_timeout_ms: ${paymentsAcquire}\n`]);

  return [
    {
      at: '2025-01-13T09:12:00Z',
      by: 'mei',
      message: 'Initial commit',
      files: { 'README.md': README_V1, '.gitignore': GITIGNORE_V1 },
    },
    {
      at: '2025-01-20T14:05:00Z',
      by: 'priya',
      message: 'Pool sizing for checkout-api and payments-worker',
      files: { 'deploy/db/pool.yaml': POOL_YAML_V1 },
      pinned: true,
    },
    {
      at: '2025-01-27T10:30:00Z',
      by: 'priya',
      message: 'checkout-api: carts and orders API with a pg pool and health checks',
      files: {
        ...finals('services/checkout-api/package.json', 'services/checkout-api/src/server.ts', 'services/checkout-api/src/health.ts'),
        'services/checkout-api/src/db/pool.ts': edit(
          'services/checkout-api/src/db/pool.ts',
          [
            '// Connection pool for checkout-api. Every pod connects to PgBouncer, not to\n' +
              '// RDS directly (see docs/adr/0001-use-pgbouncer.md). The numbers below are\n' +
              '// per pod: with 6 replicas the whole deployment may open 6 * max connections\n' +
              '// to PgBouncer, which multiplexes them onto default_pool_size server slots.\n',
            '// Connection pool for checkout-api. Every pod opens its own connections to\n' +
              '// the RDS writer. The numbers below are per pod: with 6 replicas the whole\n' +
              '// deployment may open 6 * max connections, which must stay well under the\n' +
              "// cluster's max_connections (400).\n",
          ],
          ['"pgbouncer.checkout.svc.cluster.local"', '"checkout-prod.cluster-acme.eu-west-1.rds.amazonaws.com"'],
          ['PGPORT ?? 6432', 'PGPORT ?? 5432'],
          ['  // statement_timeout (5 s) is set on the DB role: PgBouncer rejects it as a startup parameter.\n', '  statement_timeout: 5_000,\n'],
          ['(PgBouncer restart, failover)', '(RDS failover)'],
        ),
      },
    },
    {
      at: '2025-02-03T15:20:00Z',
      by: 'mei',
      message: 'Kubernetes manifests for checkout-api',
      files: { 'deploy/k8s/checkout-api.yaml': checkoutApiYaml('checkout-prod.cluster-acme.eu-west-1.rds.amazonaws.com') },
    },
    {
      at: '2025-02-10T11:00:00Z',
      by: 'mei',
      message: 'Ansible for the bastion host',
      files: ANSIBLE,
    },
    {
      at: '2025-02-24T16:45:00Z',
      by: 'jonas',
      message: 'Terraform for the checkout-prod Aurora cluster',
      files: finals('deploy/terraform/rds.tf'),
    },
    {
      at: '2025-03-18T13:40:00Z',
      by: 'jonas',
      message: 'Put PgBouncer between checkout-api and RDS (ADR 0001)',
      files: {
        ...finals('docs/adr/0001-use-pgbouncer.md', 'deploy/db/pgbouncer.ini', 'services/checkout-api/src/db/pool.ts'),
        'deploy/db/pool.yaml': poolYaml(32, 3000),
        'deploy/k8s/checkout-api.yaml': checkoutApiYaml('pgbouncer.checkout.svc.cluster.local'),
      },
    },
    {
      at: '2025-03-25T10:05:00Z',
      by: 'priya',
      message: 'Checkout alerts and their runbooks',
      files: {
        ...finals('alerts/prometheus/checkout.rules.yml', 'scripts/check-pool-config.sh', 'scripts/tail-logs.sh', 'scripts/log-summary.sh'),
        'runbooks/checkout/high-error-rate.md': reviewed('runbooks/checkout/high-error-rate.md', '2025-03-25', [
          'When a single pod is unhealthy and the others are fine, delete just that pod;\n' +
            'the ReplicaSet replaces it and the other five keep serving. For a\n' +
            'deployment-wide restart, the rollout never takes a pod away before its\n' +
            'replacement is ready (`maxUnavailable: 0`, see\n' +
            '[the rollout strategy](../../deploy/k8s/checkout-api.yaml#L13-L17)):\n',
          'When a single pod is unhealthy and the others are fine, delete just that pod;\n' +
            'the ReplicaSet replaces it and the other five keep serving:\n',
        ]),
        'runbooks/checkout/db-pool-exhausted.md': reviewed('runbooks/checkout/db-pool-exhausted.md', '2025-03-25', [
          '# was 20, raised during INC-2291\n',
          '# was 20\n',
        ]),
      },
    },
    {
      at: '2025-04-07T09:30:00Z',
      by: 'priya',
      message: 'Checkout architecture overview',
      files: { 'docs/architecture/checkout-overview.md': reviewed('docs/architecture/checkout-overview.md', '2025-04-07') },
    },
    {
      at: '2025-04-14T15:10:00Z',
      by: 'mei',
      message: 'Platform alerts (crash loops, disks, certificates) with runbooks for disks and certificates',
      files: {
        'alerts/prometheus/platform.rules.yml': until('alerts/prometheus/platform.rules.yml', '\n  - name: search-indexer\n'),
        'runbooks/platform/certificate-expiry.md': reviewed('runbooks/platform/certificate-expiry.md', '2025-04-14'),
        'runbooks/platform/disk-will-fill.md': edit('runbooks/platform/disk-will-fill.md', ['./scripts/check-disk.sh\n', './scripts/disk-usage.sh\n']),
        'scripts/disk-usage.sh': final('scripts/check-disk.sh'),
        ...finals('scripts/cert-expiry.sh', 'var/certs/README', '.gitignore'),
      },
    },
    {
      at: '2025-04-22T08:55:00Z',
      by: 'mei',
      message: 'README: layout, runbook conventions, on-call rotations',
      files: { 'README.md': edit('README.md', ['./scripts/check-disk.sh ', './scripts/disk-usage.sh ']) },
    },
    {
      at: '2025-05-05T12:20:00Z',
      by: 'aisha',
      message: 'search-indexer: stream catalog changes into OpenSearch, with its lag alert and runbook',
      files: {
        ...finals(
          'services/search-indexer/go.mod',
          'services/search-indexer/main.go',
          'services/search-indexer/consumer.go',
          'services/search-indexer/queue.go',
          'alerts/prometheus/platform.rules.yml',
        ),
        'runbooks/search/indexer-lag.md': reviewed('runbooks/search/indexer-lag.md', '2025-05-05'),
      },
    },
    {
      at: '2025-05-19T14:00:00Z',
      by: 'jonas',
      message: 'Playbook: fail over the checkout database',
      files: { 'playbooks/failover-database.md': reviewed('playbooks/failover-database.md', '2025-05-19') },
    },
    {
      at: '2025-05-26T09:15:00Z',
      by: 'mei',
      message: 'CODEOWNERS for services, deploy, alerts and runbooks',
      files: finals('CODEOWNERS'),
    },
    {
      at: '2025-06-02T11:25:00Z',
      by: 'tomas',
      message: 'Move payments-worker here, with bounded retries and a dead-letter queue (ADR 0002)',
      files: {
        ...finals(
          'services/payments-worker/worker.py',
          'services/payments-worker/retry.py',
          'services/payments-worker/requirements.txt',
          'docs/adr/0002-queue-retries.md',
          'scripts/queue-depth.sh',
        ),
        'deploy/k8s/payments-worker.yaml': paymentsWorkerYaml('2.6.0', 24),
        'alerts/prometheus/payments.rules.yml': edit('alerts/prometheus/payments.rules.yml', ['        for: 5m\n', '        for: 10m\n']),
        'runbooks/payments/queue-backlog.md': reviewed('runbooks/payments/queue-backlog.md', '2025-06-02'),
      },
    },
    {
      at: '2025-06-09T16:30:00Z',
      by: 'tomas',
      message: 'Payments pipeline overview',
      files: { 'docs/architecture/payments-pipeline.md': reviewed('docs/architecture/payments-pipeline.md', '2025-06-09') },
    },
    {
      at: '2025-06-16T10:45:00Z',
      by: 'tomas',
      message: 'Runbook: payments worker crash looping',
      files: { 'runbooks/payments/worker-crashloop.md': reviewed('runbooks/payments/worker-crashloop.md', '2025-06-16') },
    },
    {
      // Only committed when an example file is not placed by any step (a file added to the examples
      // without a place in this history yet).
      at: '2025-07-01T09:00:00Z',
      by: 'mei',
      message: 'Add the remaining files',
      rest: true,
    },
    {
      at: '2025-10-02T13:50:00Z',
      by: 'tomas',
      message: 'Review the payments worker crash-loop runbook',
      files: finals('runbooks/payments/worker-crashloop.md'),
    },
    {
      at: '2025-11-12T15:05:00Z',
      by: 'tomas',
      message: 'payments-worker 2.7.0',
      files: { 'deploy/k8s/payments-worker.yaml': paymentsWorkerYaml('2.7.0', 24) },
    },
    {
      at: '2025-12-09T11:20:00Z',
      by: 'jonas',
      message: 'Review the failover playbook after the November drill',
      files: finals('playbooks/failover-database.md'),
    },
    {
      at: '2026-01-20T09:40:00Z',
      by: 'tomas',
      message: 'payments-worker: prefetch 24 -> 16 after the OOMKills in INC-2207',
      files: { 'deploy/k8s/payments-worker.yaml': paymentsWorkerYaml('2.7.0', 16) },
    },
    {
      at: '2026-02-03T14:15:00Z',
      by: 'tomas',
      message: 'Review the payments pipeline overview',
      files: finals('docs/architecture/payments-pipeline.md'),
    },
    {
      at: '2026-02-12T10:10:00Z',
      by: 'priya',
      message: 'Log and queue snapshots from INC-2231, so the check scripts run without a cluster',
      files: finals('var/log/checkout-api.log', 'var/queue-depth.txt'),
    },
    {
      at: '2026-02-23T16:00:00Z',
      by: 'tomas',
      message: 'PaymentsWorkerCrashLooping: page after 5 minutes, not 10',
      files: finals('alerts/prometheus/payments.rules.yml'),
    },
    {
      at: '2026-03-02T12:35:00Z',
      by: 'aisha',
      message: 'Draft: search index rebuild runbook',
      files: finals('drafts/half-written-runbook.md'),
    },
    {
      at: '2026-03-09T09:05:00Z',
      by: 'mei',
      message: 'Rename scripts/disk-usage.sh to check-disk.sh, like check-pool-config.sh',
      renames: [['scripts/disk-usage.sh', 'scripts/check-disk.sh']],
      files: finals('README.md', 'runbooks/platform/disk-will-fill.md'),
    },
    {
      at: '2026-04-15T13:30:00Z',
      by: 'tomas',
      message: 'payments-worker 2.8.0',
      files: finals('deploy/k8s/payments-worker.yaml'),
    },
    {
      at: '2026-04-28T10:00:00Z',
      by: 'mei',
      message: 'Review the certificate expiry runbook',
      files: finals('runbooks/platform/certificate-expiry.md'),
    },
    {
      at: '2026-05-12T15:45:00Z',
      by: 'aisha',
      message: 'Review the search indexer lag runbook',
      files: finals('runbooks/search/indexer-lag.md'),
    },
    {
      at: '2026-07-21T11:10:00Z',
      by: 'priya',
      message: 'Review the checkout architecture overview',
      files: finals('docs/architecture/checkout-overview.md'),
    },
    {
      at: '2026-08-19T14:25:00Z',
      by: 'tomas',
      message: 'Review the payments queue backlog runbook',
      files: finals('runbooks/payments/queue-backlog.md'),
    },
    {
      at: '2026-09-15T09:50:00Z',
      by: 'priya',
      message: 'Review the DB pool exhausted runbook after INC-2291',
      files: finals('runbooks/checkout/db-pool-exhausted.md'),
    },
    {
      at: '2026-09-22T13:15:00Z',
      by: 'priya',
      message: 'checkout-api: surge 2 and never take a pod away before its replacement is ready',
      files: finals('deploy/k8s/checkout-api.yaml'),
    },
    {
      at: '2026-09-29T10:40:00Z',
      by: 'jonas',
      message: 'pool.yaml: raise the per-pod ceiling to 40 (INC-2291 follow-up)',
      files: { 'deploy/db/pool.yaml': poolYaml(40, 3000) },
    },
    {
      at: '2026-10-06T15:20:00Z',
      by: 'priya',
      message: 'High error rate runbook: mention the rollout strategy before restarting',
      files: finals('runbooks/checkout/high-error-rate.md'),
    },
    {
      at: '2026-10-21T11:55:00Z',
      by: 'tomas',
      message: 'payments-worker: 5 s pool acquire timeout',
      files: finals('deploy/db/pool.yaml'),
    },
    {
      at: '2026-11-03T08:30:00Z',
      by: 'mei',
      message: 'Strip trailing whitespace and add missing final newlines everywhere',
      tidy: true,
    },
    {
      at: '2026-11-10T10:15:00Z',
      by: 'mei',
      message: 'Remove ansible/: the bastion is built from the platform AMI now',
      files: Object.fromEntries(Object.keys(ANSIBLE).map((p) => [p, null])),
    },
    {
      // Last, so that it changes no verdict and no earlier commit (the screenshots show their SHAs).
      at: '2026-11-17T09:20:00Z',
      by: 'mei',
      message: 'Living Runbooks settings: read alert rules from alerts/ only',
      files: finals('.runbooks.yml'),
    },
  ];
}

/**
 * How files looked before the bulk formatting commit: a trailing space on roughly one line in five
 * (chosen by the line's text, so a line keeps its whitespace across edits), or, in a file where no
 * line is chosen, no final newline. Always differs from `text`.
 *
 * @param {string} text
 * @returns {string}
 */
export function untidy(text) {
  let changed = false;
  const out = text
    .split('\n')
    .map((line) => {
      if (line.trim() === '' || fnv1a(line) % 5 !== 0) return line;
      changed = true;
      return `${line} `;
    })
    .join('\n');
  if (changed) return out;
  return text.endsWith('\n') ? text.slice(0, -1) : `${text} `;
}

function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

// The first two commits, written out in full: PINNED_COMMIT depends on them.

const README_V1 = `# acme/platform

Platform repository for Acme's checkout stack: service code, deployment
config and alert rules. Runbooks will follow.
`;

const GITIGNORE_V1 = `# Dependencies and build output
node_modules/
dist/

# Local env files
.env
.env.*
`;

const POOL_YAML_V1 = `# Connection pool sizing for services that talk to the checkout database.
# Source of truth: rendered into each Deployment's env by the Helm chart.
checkout-api:
  # Per-pod pg pool (services/checkout-api/src/db/pool.ts)
  min: 4
  max: 20
  acquire_timeout_ms: 2000
  idle_timeout_ms: 30000
  statement_timeout_ms: 5000
  # 6 replicas * max 20 = 120 connections straight to RDS.
  replicas: 6

payments-worker:
  min: 2
  max: 10
  acquire_timeout_ms: 3000
  replicas: 4

limits:
  rds_max_connections: 400
`;

// The bastion's Ansible, in the repository from 2025-02 to 2026-11 (not in the final tree).
const ANSIBLE = {
  'ansible/ansible.cfg': `[defaults]
inventory = inventory/prod.ini
roles_path = roles
host_key_checking = True
retry_files_enabled = False

[ssh_connection]
pipelining = True
`,
  'ansible/inventory/prod.ini': `[bastion]
bastion-1.eu-west-1.acme.internal

[bastion:vars]
ansible_user = ubuntu
`,
  'ansible/site.yml': `- name: Bastion host
  hosts: bastion
  become: true
  roles:
    - common
    - bastion
    - node_exporter
`,
  'ansible/group_vars/all.yml': `timezone: Etc/UTC
admin_groups: [team-platform, team-dba]
node_exporter_version: "1.8.2"
`,
  'ansible/roles/common/tasks/main.yml': `- name: Base packages
  ansible.builtin.apt:
    name: [unattended-upgrades, chrony, jq, htop]
    update_cache: true

- name: Timezone
  community.general.timezone:
    name: "{{ timezone }}"
  notify: restart chrony
`,
  'ansible/roles/common/handlers/main.yml': `- name: restart chrony
  ansible.builtin.service:
    name: chrony
    state: restarted
`,
  'ansible/roles/bastion/tasks/main.yml': `- name: Database clients for on-call
  ansible.builtin.apt:
    name: [postgresql-client-15, pgbouncer]
    state: present

- name: sshd config (keys only, no root)
  ansible.builtin.template:
    src: sshd_config.j2
    dest: /etc/ssh/sshd_config
    mode: "0644"
    validate: /usr/sbin/sshd -t -f %s

- name: Message of the day
  ansible.builtin.copy:
    src: motd
    dest: /etc/motd
    mode: "0644"
`,
  'ansible/roles/bastion/templates/sshd_config.j2': `# Managed by Ansible (roles/bastion); local edits are overwritten.
PermitRootLogin no
PasswordAuthentication no
AllowGroups {{ admin_groups | join(' ') }}
ClientAliveInterval 300
`,
  'ansible/roles/bastion/files/motd': `acme bastion (eu-west-1). Every session is logged.
PgBouncer stats: psql "host=pgbouncer.checkout.svc.cluster.local port=6432 dbname=pgbouncer user=pgbouncer_stats"
`,
  'ansible/roles/node_exporter/tasks/main.yml': `- name: node_exporter binary
  ansible.builtin.unarchive:
    src: "https://github.com/prometheus/node_exporter/releases/download/v{{ node_exporter_version }}/node_exporter-{{ node_exporter_version }}.linux-amd64.tar.gz"
    dest: /usr/local/bin
    remote_src: true
    extra_opts: [--strip-components=1, --wildcards, "*/node_exporter"]

- name: node_exporter service
  ansible.builtin.template:
    src: node_exporter.service.j2
    dest: /etc/systemd/system/node_exporter.service
    mode: "0644"
`,
  'ansible/roles/node_exporter/defaults/main.yml': `node_exporter_listen: ":9100"
`,
  'ansible/roles/node_exporter/templates/node_exporter.service.j2': `[Unit]
Description=Prometheus node exporter
After=network-online.target

[Service]
ExecStart=/usr/local/bin/node_exporter --web.listen-address={{ node_exporter_listen }}
Restart=always

[Install]
WantedBy=multi-user.target
`,
};
