export function nodedirCandidates(node: { execPath: string; nodePrefix?: string }): string[];

export function chooseNodedir(options?: {
  execPath?: string;
  nodePrefix?: string;
  env?: Record<string, string | undefined>;
  exists?: (file: string) => boolean;
}): { nodedir: string; source: 'environment' | 'node' } | { nodedir: undefined; tried: string[] };

export function explainMissingHeaders(installLog: string, tried: string[]): string | undefined;
