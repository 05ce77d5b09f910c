import * as vscode from 'vscode';
import { healthSummary } from '../../../core/doc-health';
import type { DocKind } from '../../../core/doc-model';
import type { Finding } from '../../../core/findings';
import { reasonToFinding } from '../../../core/staleness/as-findings';
import type { DocStaleness } from '../../../core/staleness/model/report';
import { headingOutline, type GroupBy, type HeadingNode } from '../../../core/tree-groups';
import { docDescription, effectiveGrouping, treeSections, type GroupByChoice } from '../../../core/tree-sections';
import { CommandId } from '../../command-ids';
import { treeSettings } from '../../settings';
import type { DocRef, RunbookIndex } from '../index/runbook-index';

/** Where the tree reads each doc's staleness verdict and finding severities, for its health description. */
export interface HealthSource {
  verdict(uri: vscode.Uri): DocStaleness | undefined;
  readonly onDidChange: vscode.Event<void>;
  /** The findings with their configured severities (rules set to `off` left out). */
  apply<F extends Finding>(uri: vscode.Uri, findings: readonly F[]): F[];
}

/** Nodes of the Runbooks view. */
export type TreeNode =
  | { type: 'group'; key: string; label: string; docs: DocRef[]; special?: 'templates' | 'docs' }
  | { type: 'doc'; ref: DocRef; parent: TreeNode & { type: 'group' } }
  | { type: 'heading'; ref: DocRef; heading: HeadingNode; parent: TreeNode & { type: 'doc' | 'heading' } };

const KIND_ICON: Record<DocKind, string> = { runbook: 'book', architecture: 'type-hierarchy', other: 'markdown' };
const REFRESH_DELAY_MS = 100;
/** Where the Group By choice is kept: the user's workspace state, never the repository's files. */
const GROUP_BY_KEY = 'runbooks.tree.groupBy';
const GROUP_ICON: Record<GroupBy, string> = { folder: 'folder', tag: 'tag', service: 'server-process' };

/**
 * The Runbooks view: documents grouped by service, folder or tag; each document shows owner and
 * service, and its headings as children that open the document at that section.
 */
export class RunbookTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private groups: Array<TreeNode & { type: 'group' }> = [];
  private stale = true;
  private timer: NodeJS.Timeout | undefined;
  private readonly subscription: vscode.Disposable;
  private groupBy: GroupBy = 'service';
  private view: vscode.TreeView<TreeNode> | undefined;
  private health: HealthSource | undefined;
  /** Why the tree is grouped as it is, when that is not what was asked (shown as the view's description). */
  groupingNote: string | undefined;

  constructor(
    private readonly index: RunbookIndex,
    private readonly state: vscode.Memento,
  ) {
    this.subscription = vscode.Disposable.from(
      index.onDidChange(() => this.refreshSoon()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('runbooks.tree')) this.refresh();
      }),
    );
  }

  /** The view whose description says how the tree is grouped. */
  attach(view: vscode.TreeView<TreeNode>): void {
    this.view = view;
  }

  /** Shows each doc's health (broken links, stale, review overdue…) from `source`, refreshed when it changes. */
  attachHealth(source: HealthSource): vscode.Disposable {
    this.health = source;
    this.refreshSoon();
    return source.onDidChange(() => this.refreshSoon());
  }

  /** What is wrong with a doc in a few words (see `healthSummary`); undefined when nothing is. */
  healthOf(ref: DocRef): string | undefined {
    const verdict = this.health?.verdict(ref.uri);
    const apply = <F extends Finding>(findings: readonly F[]) => (this.health ? this.health.apply(ref.uri, findings) : [...findings]);
    return healthSummary({
      findings: apply(ref.doc.findings),
      ...(verdict ? { verdict: { level: verdict.level, reviewDue: verdict.reviewDue, reasons: apply(verdict.reasons.map((r) => reasonToFinding(verdict.path, r))) } } : {}),
    });
  }

  /** The Group By choice: the user's (kept in workspace state), else the `runbooks.tree.groupBy` setting. */
  groupByChoice(): GroupByChoice {
    return this.state.get<GroupByChoice>(GROUP_BY_KEY) ?? treeSettings().groupBy;
  }

  /** Keeps the user's Group By choice in workspace state and regroups. */
  async setGroupBy(choice: GroupByChoice): Promise<void> {
    await this.state.update(GROUP_BY_KEY, choice);
    this.refresh();
  }

  /** Recomputes the groups on next read and tells the view. */
  refresh(): void {
    this.stale = true;
    this.changed.fire(undefined);
  }

  private refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), REFRESH_DELAY_MS);
  }

  /** The groups currently shown (recomputed when stale). */
  roots(): Array<TreeNode & { type: 'group' }> {
    if (this.stale) {
      const { showOtherDocs } = treeSettings();
      const refs = this.index.docs();
      const grouping = effectiveGrouping(this.groupByChoice(), refs.map((r) => r.doc));
      this.groupBy = grouping.groupBy;
      this.groups = treeSections(refs, grouping.groupBy, (r) => r.doc, showOtherDocs).map((g) => ({
        type: 'group',
        key: g.key,
        label: g.label,
        docs: g.items,
        ...(g.special ? { special: g.special } : {}),
      }));
      this.groupingNote = grouping.note;
      if (this.view) this.view.description = grouping.note;
      this.stale = false;
    }
    return this.groups;
  }

  /** The first node showing the document at `uri`, for reveal. */
  nodeFor(uri: vscode.Uri): (TreeNode & { type: 'doc' }) | undefined {
    for (const group of this.roots()) {
      const ref = group.docs.find((r) => r.uri.toString() === uri.toString());
      if (ref) return { type: 'doc', ref, parent: group };
    }
    return undefined;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) return this.roots();
    if (node.type === 'group') return node.docs.map((ref) => ({ type: 'doc', ref, parent: node }));
    const children = node.type === 'doc' ? headingOutline(node.ref.doc) : node.heading.children;
    return children.map((heading) => ({ type: 'heading', ref: node.ref, heading, parent: node }));
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.type === 'group' ? undefined : node.parent;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node.type === 'group') {
      const item = new vscode.TreeItem(node.label, node.special ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
      item.id = node.key;
      item.description = `${node.docs.length}`;
      item.contextValue = 'runbooks.group';
      item.iconPath = new vscode.ThemeIcon(node.special === 'templates' ? 'files' : node.special === 'docs' ? 'library' : GROUP_ICON[this.groupBy]);
      if (node.special === 'templates') item.tooltip = 'Templates to copy (template*, example*, _* files, archetypes/ and templates/ folders), not runbooks to follow.';
      if (node.special === 'docs') item.tooltip = 'Markdown docs that are neither runbooks nor architecture docs. Search covers them too.';
      return item;
    }
    const { doc, uri } = node.ref;
    if (node.type === 'doc') {
      const hasOutline = headingOutline(doc).length > 0;
      const item = new vscode.TreeItem(doc.title, hasOutline ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.id = `${node.parent.key}|${uri.toString()}`;
      item.resourceUri = uri;
      const health = this.healthOf(node.ref);
      item.description = docDescription(doc, health, this.groupBy === 'folder' && !node.parent.special);
      item.tooltip = docTooltip(node.ref, health);
      item.iconPath = new vscode.ThemeIcon(doc.findings.some((f) => f.severity === 'error') ? 'warning' : KIND_ICON[doc.kind]);
      item.contextValue = `runbooks.doc.${doc.kind}`;
      item.command = { command: CommandId.openDoc, title: 'Open', arguments: [uri, 1] };
      return item;
    }
    const heading = doc.headings[node.heading.index]!;
    const item = new vscode.TreeItem(
      heading.text || '(empty heading)',
      node.heading.children.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = `${node.parent.type === 'doc' ? node.parent.parent.key : ''}|${uri.toString()}#${heading.slug}`;
    item.description = `line ${heading.line}`;
    item.iconPath = new vscode.ThemeIcon('symbol-string');
    item.contextValue = 'runbooks.heading';
    item.command = { command: CommandId.openDoc, title: 'Open Section', arguments: [uri, heading.line] };
    return item;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** What the letters next to a doc mean (the number is VS Code's count of its problems). */
export const BADGE_LEGEND = 'Badges: **S** stale (linked code changed since) · **!** broken link · **?** staleness unknown · **R** review overdue · a number: its problems in the Problems panel.';

function docTooltip({ doc }: DocRef, health: string | undefined): vscode.MarkdownString {
  const tip = new vscode.MarkdownString(undefined, true);
  tip.appendMarkdown(`**${escape(doc.title)}**\n\n`);
  tip.appendMarkdown(`${codeSpan(doc.path)} · ${doc.kind} (${escape(doc.kindReason)})\n\n`);
  tip.appendMarkdown(`Runbook health: ${health ? escape(health) : 'no findings'}\n\n`);
  const rows: Array<[string, string | undefined]> = [
    ['Owner', doc.meta.owner ?? doc.meta.team],
    ['Service', doc.meta.services.join(', ') || undefined],
    ['Alerts', doc.meta.alerts.join(', ') || undefined],
    ['Tags', doc.meta.tags.join(', ') || undefined],
    ['Severity', doc.meta.severity],
    ['Reviewed', doc.meta.review.reviewed],
  ];
  for (const [label, value] of rows) if (value) tip.appendMarkdown(`${label}: ${escape(value)}  \n`);
  if (doc.findings.length) tip.appendMarkdown(`\n$(warning) ${doc.findings.length} finding(s): ${escape(doc.findings[0]!.message)}`);
  tip.appendMarkdown(`\n\n---\n\n${BADGE_LEGEND}`);
  return tip;
}

/** `text` as a markdown code span: shown verbatim, so paths need no backslash escapes. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
