import type { AlertRuleLink } from '../../alerts/types';
import type { DocModel } from '../../doc-model';
import type { GitRefs, RepoLocation } from '../../repo/repo-ports';
import type { FileSet } from '../targets/file-set';
import type { SiteContext } from '../../site/site-model';
import type { ResolvedDoc } from './evidence';

/** The working tree as resolution sees it: files, forge locations, refs, and every doc's targets. */
export interface WorkspaceContext {
  files: FileSet;
  /** Every file, as listed. */
  list: string[];
  repos: RepoLocation[];
  refs: GitRefs;
  /** doc path → alert rule files pointing at it. */
  alertRules: Map<string, AlertRuleLink[]>;
  /** doc path → its targets and resolution problems. */
  resolved: Map<string, ResolvedDoc>;
  /** The docs resolved (to tell a changed doc from the same one next time). */
  docs: Map<string, DocModel>;
  /** The docs sites detected, whose URLs links are resolved against. */
  site: SiteContext;
  /** What resolution depended on besides the docs (files, remotes, refs, alert rules), as one string. */
  key: string;
}
