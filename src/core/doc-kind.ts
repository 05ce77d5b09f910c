/** What a document is for. Drives the tree, search ranking and which checks apply. */
export type DocKind = 'runbook' | 'architecture' | 'other';

/** The chosen kind and a short reason a person can read. */
export interface KindDecision {
  kind: DocKind;
  reason: string;
}

const RUNBOOK_TYPES = new Set(['runbook', 'playbook', 'sop', 'procedure', 'alert', 'on-call', 'oncall']);
const ARCHITECTURE_TYPES = new Set(['architecture', 'adr', 'design', 'design-doc', 'rfc', 'decision', 'overview']);
const RUNBOOK_FOLDERS = new Set(['runbooks', 'runbook', 'playbooks', 'playbook', 'on-call', 'oncall', 'sops', 'sop', 'alerts']);
const ARCHITECTURE_FOLDERS = new Set(['adr', 'adrs', 'architecture', 'decisions', 'design', 'designs', 'rfcs']);
/** Section names that runbooks share across the common templates (Prometheus, GitLab, PagerDuty). */
const RUNBOOK_HEADINGS = new Set([
  'meaning', 'impact', 'diagnosis', 'mitigation', 'symptoms', 'resolution', 'remediation', 'escalation',
  'triage', 'investigation', 'verification', 'rollback', 'possible causes', 'troubleshooting', 'checks',
  'alert', 'overview and impact', 'how to fix', 'steps', 'recovery',
]);
const ARCHITECTURE_HEADINGS = new Set(['context', 'decision', 'consequences', 'status', 'considered options', 'decision outcome']);

/**
 * Decides whether a document is a runbook, an architecture doc or something else. Front matter
 * `type`/`kind` wins; then front matter alerts; then folder names; then runbook-shaped headings
 * (two or more of Meaning, Impact, Diagnosis, Mitigation, Symptoms, Resolution, …) or ADR-shaped ones.
 */
export function classifyDoc(path: string, type: string | undefined, alertCount: number, headingTexts: string[]): KindDecision {
  const declared = type?.trim().toLowerCase();
  if (declared) {
    if (RUNBOOK_TYPES.has(declared)) return { kind: 'runbook', reason: `front matter type: ${type}` };
    if (ARCHITECTURE_TYPES.has(declared)) return { kind: 'architecture', reason: `front matter type: ${type}` };
  }
  if (alertCount > 0) return { kind: 'runbook', reason: 'front matter lists alerts' };
  const folders = path.toLowerCase().split('/').slice(0, -1);
  for (let i = folders.length - 1; i >= 0; i--) {
    const folder = folders[i]!;
    if (RUNBOOK_FOLDERS.has(folder)) return { kind: 'runbook', reason: `in folder ${folder}/` };
    if (ARCHITECTURE_FOLDERS.has(folder)) return { kind: 'architecture', reason: `in folder ${folder}/` };
  }
  const normalized = headingTexts.map((h) => h.trim().toLowerCase().replace(/[:.]$/, ''));
  const runbookHits = [...new Set(normalized.filter((h) => RUNBOOK_HEADINGS.has(h)))];
  if (runbookHits.length >= 2) return { kind: 'runbook', reason: `runbook sections: ${runbookHits.slice(0, 4).join(', ')}` };
  const adrHits = [...new Set(normalized.filter((h) => ARCHITECTURE_HEADINGS.has(h)))];
  if (adrHits.length >= 2) return { kind: 'architecture', reason: `decision-record sections: ${adrHits.slice(0, 4).join(', ')}` };
  return { kind: 'other', reason: 'no runbook or architecture markers' };
}
