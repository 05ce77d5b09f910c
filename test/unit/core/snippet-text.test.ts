import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { snippetText } from '../../../src/core/snippet-text';

describe('snippetText', () => {
  const now = new Date(2026, 11, 7, 9, 5, 3);

  it('keeps every field at its default, takes the first choice, fills date variables and unescapes', () => {
    assert.equal(
      snippetText('title: ${1:Queue \\$ depth \\} high}\nseverity: ${5|critical,high|}\nreviewed: $CURRENT_YEAR-$CURRENT_MONTH-${CURRENT_DATE}\n$1${2}x$0 \\\\ ${3:outer ${4:inner}}', now),
      'title: Queue $ depth } high\nseverity: critical\nreviewed: 2026-12-07\nx \\ outer inner',
    );
  });

  it('turns the shipped Runbook snippet into the runbook a user gets when keeping every default', () => {
    const snippets = JSON.parse(readFileSync(path.join(__dirname, '../../../snippets/markdown.json'), 'utf8')) as Record<string, { body: string[] }>;
    const text = snippetText(snippets.Runbook!.body.join('\n'), now);
    assert.equal(text.split('\n').slice(0, 14).join('\n'), [
      '---',
      'title: Alert or symptom',
      'owner: team-name',
      'service: service-name',
      'alerts:',
      '  - AlertName',
      'severity: critical',
      'tags: [tag]',
      'reviewed: 2026-12-07',
      'review_interval: 90d',
      '---',
      '',
      '# Alert or symptom',
      '',
    ].join('\n'));
    assert.ok(text.includes('```sh {name=first-check kind=check}\nkubectl -n <namespace> get pods\n```'));
    assert.ok(!text.includes('$'));
  });
});
