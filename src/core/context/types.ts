/** The target dimensions a runbook or a block can declare, as written in front matter and block attributes. */
export const TARGET_KEYS = ['kube-context', 'namespace', 'aws-profile', 'aws-account', 'gcp-project', 'azure-subscription'] as const;

/** One dimension of where a command acts. */
export type TargetKey = (typeof TARGET_KEYS)[number];

/** Words for people, per dimension: `kube context`, `AWS profile`… */
export const TARGET_LABELS: Record<TargetKey, string> = {
  'kube-context': 'kube context',
  namespace: 'namespace',
  'aws-profile': 'AWS profile',
  'aws-account': 'AWS account',
  'gcp-project': 'GCP project',
  'azure-subscription': 'Azure subscription',
};

/** One declared value and where it was declared (the block's attribute beats the runbook's front matter). */
export interface DeclaredValue {
  /** As written: a name, or a glob (`prod-eu-*`) for the kube context, namespace, profile and project. */
  pattern: string;
  from: 'runbook' | 'block';
}

/** What a runbook or block says about where its commands may run; empty when it says nothing. */
export interface DeclaredTarget {
  values: Partial<Record<TargetKey, DeclaredValue>>;
  /** The `environment` label (`production`, `staging`…), lower-cased; undefined when absent. */
  environment?: string;
  /** Declarations that could not be read (a list where a string was expected…), for people. */
  problems: string[];
}

/**
 * An effective value, and what decided it (`--context`, `current-context of ~/.kube/config`); or why it
 * is unknown. `also`: other names of the same thing (an Azure subscription's id beside its name).
 */
export type Resolved = { value: string; from: string; also?: string[] } | { unknown: string };

/** Where one command of a block would act, per dimension it has one in. */
export interface CommandTarget {
  /** The command for people: its first words (`kubectl get pods`). */
  command: string;
  /** The program (`kubectl`, `helm`, `oc`, `aws`, `gcloud`, `az`). */
  tool: string;
  values: Partial<Record<TargetKey, Resolved>>;
}

/** A config file as a port reads it: parsed data, absent, or present but unreadable. */
export type ConfigRead<T> = { status: 'ok'; data: T } | { status: 'missing' } | { status: 'invalid'; message: string };

/** INI sections by name (`profile prod`, `default`, `core`), each a map of keys to values. */
export type IniSections = Record<string, Record<string, string>>;

/**
 * Reads the machine's tool configuration files (kubeconfig, AWS config, gcloud and Azure profiles).
 * Implemented in `src/node` (cached by file stamp); tests use in-memory fakes. Paths are absolute.
 */
export interface ConfigFiles {
  /** A YAML file (kubeconfig), parsed. */
  yaml(path: string): Promise<ConfigRead<unknown>>;
  /** An INI file (AWS config and credentials, gcloud configurations), by section. */
  ini(path: string): Promise<ConfigRead<IniSections>>;
  /** A JSON file (azureProfile.json; a byte-order mark is allowed). */
  json(path: string): Promise<ConfigRead<unknown>>;
  /** A small text file (gcloud's `active_config`), trimmed. */
  text(path: string): Promise<ConfigRead<string>>;
}

/** One call of a target tool in a script, with the environment it would see. */
export interface ToolCall {
  /** The program's base name (`kubectl`). */
  tool: string;
  /** Its arguments, variables expanded where the environment knows them (else left as `$NAME`). */
  args: string[];
  /** The environment the call sees: the run's, then the script's own assignments and exports before it. */
  env: Record<string, string>;
  /** A kube context chosen earlier in the script (`kubectl config use-context X`, `kubectx X`). */
  useContext?: string;
  /** A namespace chosen earlier in the script for the current context (`kubens X`, `oc project X`). */
  useNamespace?: string;
  /** Why the call's environment cannot be known (`sudo` resets it); undefined when it can. */
  envUnknown?: string;
}
