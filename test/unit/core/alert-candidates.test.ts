import assert from 'node:assert/strict';
import { alertCandidates, looksLikeAlertName } from '../../../src/core/alert-candidates';
import { parseDoc } from '../../../src/core/parse-doc';

const RUNBOOK = '## Meaning\n\nText.\n\n## Impact\n\nText.\n\n## Diagnosis\n\nText.\n\n## Mitigation\n\nText.\n';

describe('the alert names the alert picker offers', () => {
  it('tells alert-like names from ordinary words', () => {
    assert.deepEqual(
      ['KubePodCrashLooping', 'SidekiqQueueTooLarge', 'etcdNoLeader', 'KubeAPIDown', 'README', 'CONTRIBUTING', 'Overview', 'Mitigation', 'high-latency', 'Disk full'].map(looksLikeAlertName),
      [true, true, true, true, false, false, false, false, false, false],
    );
  });

  it('offers front matter alerts, rule file alerts, then runbook file names and headings, once per name, sorted', () => {
    const docs = [
      parseDoc('alerts/cluster-monitoring-operator/KubePodCrashLooping.md', `# KubePodCrashLooping\n\n${RUNBOOK}`),
      parseDoc('runbooks/sidekiq.md', `---\nalerts: [SidekiqQueueTooLarge]\n---\n# Sidekiq\n\n${RUNBOOK}\n## SidekiqJobsStuck\n\nText.\n`),
      parseDoc('alerts/template.md', `# ExampleAlertName\n\n${RUNBOOK}`),
      parseDoc('README.md', '# Runbooks\n\n## HowToContribute\n'),
    ];
    assert.deepEqual(
      alertCandidates({
        declared: [{ alert: 'SidekiqQueueTooLarge', titles: ['Sidekiq'] }],
        rules: [
          { name: 'KubePodCrashLooping', file: 'rules/kube.yaml' },
          { name: 'etcdNoLeader', file: 'rules/etcd.yaml' },
        ],
        docs,
      }).map((c) => [c.alert, c.source, c.detail]),
      [
        ['etcdNoLeader', 'rule', 'rule in rules/etcd.yaml'],
        ['KubePodCrashLooping', 'rule', 'rule in rules/kube.yaml'],
        ['SidekiqJobsStuck', 'heading', 'heading in runbooks/sidekiq.md'],
        ['SidekiqQueueTooLarge', 'front-matter', 'Sidekiq'],
      ],
    );
  });

  it('offers the file names of runbooks when no rule file or front matter names an alert', () => {
    const docs = [parseDoc('content/runbooks/kubernetes/KubeNodeNotReady.md', `# Kube node not ready\n\n${RUNBOOK}`)];
    assert.deepEqual(alertCandidates({ declared: [], rules: [], docs }), [
      { alert: 'KubeNodeNotReady', detail: 'content/runbooks/kubernetes/KubeNodeNotReady.md', source: 'file-name' },
    ]);
  });

  it('offers only H1 and H2 headings: deeper ones are topics of a section (### PrometheusRule), not alerts; a file named NorthboundStaleAlert for its heading NorthboundStale offers NorthboundStale once', () => {
    const docs = [
      parseDoc(
        'alerts/cluster-monitoring-operator/PrometheusOperatorRejectedResources.md',
        `# PrometheusOperatorRejectedResources\n\n${RUNBOOK}\n### AlertmanagerConfig\n\nText.\n\n### PrometheusRule\n\nText.\n`,
      ),
      parseDoc('alerts/cluster-network-operator/NorthboundStaleAlert.md', `# NorthboundStale\n\n${RUNBOOK}`),
    ];
    // #22: NorthboundStaleAlert was offered beside NorthboundStale (intended change of this assertion).
    assert.deepEqual(alertCandidates({ declared: [], rules: [], docs }).map((c) => [c.alert, c.source, c.detail]), [
      ['NorthboundStale', 'file-name', 'alerts/cluster-network-operator/NorthboundStaleAlert.md'],
      ['PrometheusOperatorRejectedResources', 'file-name', 'alerts/cluster-monitoring-operator/PrometheusOperatorRejectedResources.md'],
    ]);
  });

  it('offers the rule file\'s alert name for a file named after it with an Alert suffix, and keeps a suffix no alert explains', () => {
    const docs = [
      parseDoc('alerts/ovn/NorthboundStaleAlert.md', `# Northbound database is stale\n\n${RUNBOOK}`),
      parseDoc('alerts/mail/SmtpDownAlert.md', `# SMTP relay down\n\n${RUNBOOK}`),
      parseDoc('alerts/misc/MissingAlert.md', `# Missing alert\n\n${RUNBOOK}`),
    ];
    assert.deepEqual(alertCandidates({ declared: [], rules: [{ name: 'NorthboundStale', file: 'rules/ovn.yaml' }], docs }).map((c) => [c.alert, c.source]), [
      ['MissingAlert', 'file-name'],
      ['NorthboundStale', 'rule'],
      ['SmtpDownAlert', 'file-name'],
    ]);
  });
});
