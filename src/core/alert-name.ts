/** Alert names compare without case, spaces, dashes or underscores: `kube-pod-crash-looping` = `KubePodCrashLooping`. */
export function normalizeAlertName(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
