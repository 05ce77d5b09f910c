import type { IncidentMeta, TimelineEntry } from './types';

/** Drafted narrative sections of a postmortem: bullet lines taken from the notes and runs, each with its UTC time. */
export interface PostmortemDrafts {
  detection: string[];
  trigger: string[];
  mitigation: string[];
  impact: string[];
}

/** Words by which a note belongs to a section. A note may feed more than one. */
const SECTION_WORDS: Record<keyof PostmortemDrafts, RegExp> = {
  detection: /\b(paged?|paging|alert(?:ed|ing|s)?|fired|firing|noticed|detected|reported|spotted|on-?call|pagerduty|opsgenie|customer (?:report|ticket)s?)\b/i,
  trigger: /\b(deploy(?:ed|ment|s)?|roll(?:ed)? ?out|release[ds]?|merged?|config(?:uration)? change|changed|upgrade[ds]?|migration|cert(?:ificate)? expir\w*|expired|caused by|triggered|root cause|because|spike|traffic surge)\b/i,
  mitigation: /\b(roll(?:ed|ing)? ?back|revert(?:ed|ing)?|restart(?:ed|ing)?|rebooted|scaled?|scaling|fail(?:ed)? ?over|drain(?:ed)?|cordon(?:ed)?|disabled?|feature flag|flag off|mitigat\w*|fixed|recover(?:ed|ing|y)|restored?|back to normal|resolved|patched|hotfix)\b/i,
  impact: /\b(users?|customers?|requests?|errors?|5\d\d|4\d\d|latency|slow|timeouts?|outage|down|unavailable|degraded|failing|failed (?:payments|checkouts|requests|orders)|checkouts?|orders?|payments?|revenue|data loss|sla|slo|\d+(?:\.\d+)?\s?%)\b/i,
};

/** At most this many lines per drafted section: the draft points at the notes, it does not copy the timeline. */
const MAX_LINES = 6;

/**
 * Drafts the Detection, Trigger, Mitigation and Impact sections from the timeline (in time order)
 * and the front matter: the page (alert and time) leads Detection; notes are sorted into sections by
 * their words; failed check runs count as impact evidence, passing runs after a mitigation as
 * confirmation of it. A person must still check and rewrite them (the postmortem marks them as
 * drafts). Each line: `HH:MM UTC — text`.
 */
export function draftSections(meta: IncidentMeta | undefined, timeline: readonly TimelineEntry[]): PostmortemDrafts {
  const drafts: PostmortemDrafts = { detection: [], trigger: [], mitigation: [], impact: [] };
  const line = (entry: { at: string }, text: string) => `${clock(entry.at)} — ${oneLine(text)}`;
  if (meta?.paged || meta?.alert) {
    const at = meta.paged ?? meta.started;
    const who = meta.alert ? `Alert \`${meta.alert}\` paged` : 'Paged';
    drafts.detection.push(line({ at }, meta.paged ? `${who}; the incident was started ${startedAfter(meta.paged, meta.started)}.` : `${who} (the page time was not recorded).`));
  }
  let mitigated = false;
  for (const entry of timeline) {
    if (entry.kind === 'note') {
      for (const section of Object.keys(SECTION_WORDS) as Array<keyof PostmortemDrafts>) {
        if (SECTION_WORDS[section].test(entry.text)) drafts[section].push(line(entry, entry.text));
      }
      if (SECTION_WORDS.mitigation.test(entry.text)) mitigated = true;
    } else if (entry.kind === 'check' && entry.passed === false) {
      drafts.impact.push(line(entry, `check ${entry.blockName ? `\`${entry.blockName}\`` : ''} failed${entry.target ? ` (${entry.target.path}#L${entry.target.line})` : ''}`));
    } else if (entry.kind === 'check' && entry.passed === true && mitigated) {
      drafts.mitigation.push(line(entry, `check ${entry.blockName ? `\`${entry.blockName}\`` : ''} passed after the mitigation`));
    }
  }
  for (const section of Object.keys(drafts) as Array<keyof PostmortemDrafts>) {
    if (drafts[section].length > MAX_LINES) drafts[section] = [...drafts[section].slice(0, MAX_LINES), `… ${drafts[section].length - MAX_LINES} more in the timeline`];
  }
  return drafts;
}

function clock(iso: string): string {
  return new Date(iso).toISOString().slice(11, 16);
}

/** `12 min later (07:17 UTC)`, `at the same minute`, `3 min before the page (07:02 UTC)`. */
function startedAfter(paged: string, started: string): string {
  const minutes = Math.round((Date.parse(started) - Date.parse(paged)) / 60_000);
  if (minutes === 0) return 'at the same minute';
  return `${Math.abs(minutes)} min ${minutes > 0 ? 'later' : 'before the page'} (${clock(started)} UTC)`;
}

function oneLine(text: string): string {
  const first = text.split('\n')[0]!.trim();
  return first.length > 200 ? `${first.slice(0, 199)}…` : first;
}
