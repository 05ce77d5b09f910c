/**
 * A file-name stem for a title: lower-case words joined by dashes (`Checkout DB pool exhausted` →
 * `checkout-db-pool-exhausted`), CamelCase split (`KubePodCrashLooping` → `kube-pod-crash-looping`),
 * at most 80 characters. Returns `fallback` (default `runbook`) when the title has no letters or digits.
 */
export function slugForFileName(title: string, fallback = 'runbook'): string {
  const slug = title
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || fallback;
}
