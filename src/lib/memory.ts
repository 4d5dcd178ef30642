// A full garbage collection, when the process allows one. Long set-based jobs (a
// province's import, its register) leave tens of megabytes of short-lived objects per
// phase that V8 would collect only once the heap had grown far past what is alive:
// their peak was twice their live size. bin/chibo.mjs runs node with --expose-gc for
// them; elsewhere (tests, the demo, the bot) `gc` is absent and this does nothing.
const exposedGc = (globalThis as { gc?: () => void }).gc;

export function collectGarbage(): void {
  exposedGc?.();
}

/**
 * collectGarbage, only once the heap holds more than `limitMb` (alive or not): a budget
 * rather than a rhythm, since each full collection of a large heap costs CPU. The heap,
 * not the resident size: V8 reuses what a collection frees, but rarely gives it back.
 */
export function collectGarbageAbove(limitMb: number): void {
  if (exposedGc && process.memoryUsage().heapUsed > limitMb * 1_000_000) exposedGc();
}
