/** Wall-clock timing shared by the single-kernel benchmarks (bench/matmul.ts, bench/linalg.ts). */

/**
 * Best and median milliseconds of `runs` calls of `body`, after warming up for `warmUpMs`
 * (at least one call: V8 tiers code and WebAssembly up in the background).
 */
export function timeCalls(runs: number, body: () => void, warmUpMs = 200): { bestMs: number; medianMs: number } {
  const warmUp = performance.now();
  do body();
  while (performance.now() - warmUp < warmUpMs);
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    body();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { bestMs: times[0]!, medianMs: times[Math.floor(times.length / 2)]! };
}
