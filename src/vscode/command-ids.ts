/** Every command the extension registers. package.json contributes exactly these (a test checks both ways). */
export const CommandId = {
  search: 'runbooks.search',
  openForAlert: 'runbooks.openForAlert',
  newRunbook: 'runbooks.newRunbook',
  refresh: 'runbooks.refresh',
  revealInTree: 'runbooks.revealInTree',
  groupBy: 'runbooks.groupBy',
  openDoc: 'runbooks.openDoc',
  runBlock: 'runbooks.runBlock',
  runBlockInTerminal: 'runbooks.runBlockInTerminal',
  copyBlock: 'runbooks.copyBlock',
  runSection: 'runbooks.runSection',
  cancelRuns: 'runbooks.cancelRuns',
  showRunOutput: 'runbooks.showRunOutput',
  showRunHistory: 'runbooks.showRunHistory',
  attachRunsToIncident: 'runbooks.attachRunsToIncident',
  startIncident: 'runbooks.startIncident',
  addIncidentNote: 'runbooks.addIncidentNote',
  addSelectionAsNote: 'runbooks.addSelectionAsNote',
  resolveIncident: 'runbooks.resolveIncident',
  openIncident: 'runbooks.openIncident',
  incidentActions: 'runbooks.incidentActions',
  submitFeedback: 'runbooks.submitFeedback',
  resolveFeedback: 'runbooks.resolveFeedback',
  refreshStaleness: 'runbooks.refreshStaleness',
  checkMyChanges: 'runbooks.checkMyChanges',
  openReferencingRunbook: 'runbooks.openReferencingRunbook',
  openTargetDiff: 'runbooks.openTargetDiff',
  openAlert: 'runbooks.openAlert',
  newRunbookForAlert: 'runbooks.newRunbookForAlert',
  refreshAlerts: 'runbooks.refreshAlerts',
} as const;

export type CommandIdValue = (typeof CommandId)[keyof typeof CommandId];

/** View and context-key ids used in package.json `when` clauses. */
export const ViewId = { tree: 'runbooks.tree', incidents: 'runbooks.incidents', alerts: 'runbooks.alerts' } as const;
export const ContextKey = { indexing: 'runbooks.indexing', indexed: 'runbooks.indexed' } as const;
