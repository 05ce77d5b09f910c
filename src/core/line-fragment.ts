/** Reads `L10`, `L10-L20` or `L10-20` (GitHub, GitLab and Bitbucket styles); undefined otherwise. */
export function lineRange(fragment: string): { start: number; end: number } | undefined {
  const match = /^L(\d+)(?:C\d+)?(?:-L?(\d+)(?:C\d+)?)?$/i.exec(fragment);
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = match[2] !== undefined ? Number(match[2]) : start;
  if (start < 1 || end < start) return undefined;
  return { start, end };
}
