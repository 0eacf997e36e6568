/**
 * Eager float32 matmul throughput through the public API (np.matmul -> dotGeneral -> blocked
 * kernel). Prints one JSON line per size: `npx tsx bench/matmul.ts [sizes...]`.
 */
import { np, random } from "../index.js";

/** Median wall time of `runs` calls of `body`, after one warm-up call. */
function medianMs(runs: number, body: () => void): number {
  body();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    body();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const sizes = process.argv.slice(2).map(Number);
for (const n of sizes.length > 0 ? sizes : [256, 512, 1024]) {
  const [ka, kb] = random.split(random.key(n));
  const a = random.normal(ka, [n, n]);
  const b = random.normal(kb, [n, n]);
  const runs = n <= 256 ? 21 : n <= 512 ? 9 : 3;
  const ms = medianMs(runs, () => void np.matmul(a, b));
  const gflops = (2 * n ** 3) / (ms * 1e6);
  console.log(JSON.stringify({ system: "tessera-eager", bench: "matmul", n, medianMs: Number(ms.toFixed(2)), gflops: Number(gflops.toFixed(2)) }));
}
