import { parse as parseYaml } from 'yaml';

/** Where GitHub Actions workflows live. */
export const WORKFLOW_DIR = '.github/workflows';

/** A workflow's manual trigger as its file declares it. */
export interface WorkflowDispatch {
  /** The workflow's `name:`, when it has one. */
  name?: string;
  /** The `workflow_dispatch.inputs` keys; undefined when the workflow has no manual trigger or it cannot be read. */
  inputs?: string[];
}

/**
 * Reads a workflow file: its `name` and the inputs of `on.workflow_dispatch`. Undefined when the
 * YAML does not parse or is not a mapping.
 */
export function workflowDispatch(text: string): WorkflowDispatch | undefined {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch {
    return undefined;
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  const root = doc as Record<string, unknown>;
  const name = typeof root.name === 'string' ? root.name : undefined;
  // YAML 1.1 readers take a bare `on` key for `true`; the `yaml` library (1.2) keeps it as "on".
  const on = root.on ?? root.true;
  let inputs: string[] | undefined;
  if (on && typeof on === 'object' && !Array.isArray(on) && 'workflow_dispatch' in on) {
    const dispatch = (on as Record<string, unknown>).workflow_dispatch;
    const declared = dispatch && typeof dispatch === 'object' ? (dispatch as Record<string, unknown>).inputs : undefined;
    inputs = declared && typeof declared === 'object' ? Object.keys(declared) : [];
  } else if (on === 'workflow_dispatch' || (Array.isArray(on) && on.includes('workflow_dispatch'))) inputs = [];
  return { ...(name !== undefined ? { name } : {}), ...(inputs ? { inputs } : {}) };
}
