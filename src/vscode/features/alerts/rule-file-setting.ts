// Pure (no vscode import), so it is unit-tested in plain Node.
import { compileBoundedGlob, isGlobRefusal } from '../../../core/bounded-glob';
import { escapeControl } from '../../../core/terminal-text';

/** The `runbooks.alerts.ruleFiles` setting as read: the globs to use, and what to tell the user. */
export interface RuleFileSetting {
  /** The patterns within the glob bounds; undefined when none is left (the config file or the defaults apply). */
  globs: string[] | undefined;
  /** One warning per pattern the bounds refuse (naming the pattern and the bound), for a notification. */
  warnings: string[];
}

const SHOWN_CHARS = 60;

/**
 * Reads the setting's raw value: empty and non-string entries are skipped; a pattern over the
 * glob bounds (length, wildcards, alternatives, unsupported extglobs) would match nothing, so it
 * is left out and named in a warning instead of disappearing without a word.
 */
export function ruleFileSetting(raw: readonly unknown[] | undefined): RuleFileSetting {
  const globs: string[] = [];
  const warnings: string[] = [];
  for (const entry of raw ?? []) {
    if (typeof entry !== 'string' || entry.trim() === '') continue;
    const compiled = compileBoundedGlob(entry);
    if (!isGlobRefusal(compiled)) {
      globs.push(entry);
      continue;
    }
    const shown = escapeControl(entry.length > SHOWN_CHARS ? `${entry.slice(0, SHOWN_CHARS)}…` : entry);
    warnings.push(`Runbooks: the pattern "${shown}" in the setting runbooks.alerts.ruleFiles is ignored: ${compiled.reason}.`);
  }
  if (globs.length === 0 && warnings.length > 0) {
    warnings[warnings.length - 1] += ' No pattern of the setting is left: the config file or the default rule-file globs apply.';
  }
  return { globs: globs.length > 0 ? globs : undefined, warnings };
}
