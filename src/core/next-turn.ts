/** A macrotask turn (I/O callbacks run), as soon as the platform allows. */
export function nextTurn(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
  return new Promise((resolve) => (immediate ? immediate(resolve) : setTimeout(resolve, 0)));
}

/**
 * A checkpoint for a long loop on the thread that also reads a child process's output: every call
 * after `sliceMs` of work since the last turn waits one macrotask turn, so the output pipe is
 * drained and the child (git) keeps writing instead of stalling on a full pipe.
 */
export function turnTaker(sliceMs: number): () => Promise<void> | undefined {
  let since = Date.now();
  return () => {
    if (Date.now() - since < sliceMs) return undefined;
    return nextTurn().then(() => {
      since = Date.now();
    });
  };
}
