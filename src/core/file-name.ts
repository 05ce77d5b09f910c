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

// Extensions VS Code opens in its image preview, which cannot show a file at an old commit.
const IMAGE_PREVIEW = /\.(svg|png|jpe?g|gif|webp|bmp|ico)$/i;

/**
 * How to diff a file against an older commit: `text` for files an editor diffs as text,
 * `text-as-xml` for SVG (text, but VS Code would open its image preview, which shows the old side
 * broken), `binary` for other images (no useful diff: say so instead).
 */
export function diffMode(path: string): 'text' | 'text-as-xml' | 'binary' {
  if (!IMAGE_PREVIEW.test(path)) return 'text';
  return /\.svg$/i.test(path) ? 'text-as-xml' : 'binary';
}
