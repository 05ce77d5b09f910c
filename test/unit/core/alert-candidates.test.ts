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

  it('offers only H1 and H2 headings: deeper ones are topics of a section (### PrometheusRule), not alerts', () => {
    const docs = [
      parseDoc(
        'alerts/cluster-monitoring-operator/PrometheusOperatorRejectedResources.md',
        `# PrometheusOperatorRejectedResources\n\n${RUNBOOK}\n### AlertmanagerConfig\n\nText.\n\n### PrometheusRule\n\nText.\n`,
      ),
      parseDoc('alerts/cluster-network-operator/NorthboundStaleAlert.md', `# NorthboundStale\n\n${RUNBOOK}`),
    ];
    assert.deepEqual(alertCandidates({ declared: [], rules: [], docs }).map((c) => [c.alert, c.source]), [
      ['NorthboundStale', 'heading'],
      ['NorthboundStaleAlert', 'file-name'],
      ['PrometheusOperatorRejectedResources', 'file-name'],
    ]);
  });
});
