/**
 * Float32 matmul throughput of both kernel paths. `tessera-eager` goes through the public API
 * (np.matmul -> dotGeneral -> the WebAssembly SIMD kernel); `tessera-js` calls the JavaScript
 * blocked kernel directly (float32 operands, float64 accumulator), the path float64 and tiny
 * products take. Prints one JSON line per (path, size):
 * `npx tsx bench/matmul.ts [N | MxKxN ...]` (default 256 512 1024).
 */
import { matmulFloat } from "../core/kernels/matmul.js";
import type { MatrixView } from "../core/kernels/matrix-view.js";
import { type ArrayValue, NdArray, storageOf } from "../core/ndarray.js";
import { np, random } from "../index.js";
import { timeCalls } from "./timing.js";

/** Runs for about `budgetMs`, at least 3 and at most 21 times. */
function runsFor(flops: number, gflopsGuess: number, budgetMs: number): number {
  return Math.max(3, Math.min(21, Math.round(budgetMs / (flops / (gflopsGuess * 1e6)))));
}

/** A row-major view of a concrete 2-D array. */
function rowMajor(x: ArrayValue, cols: number): MatrixView {
  if (!(x instanceof NdArray)) throw new Error("bench/matmul: expected a concrete array");
  return { data: storageOf(x), offset: 0, batchStride: storageOf(x).length, rowStride: cols, colStride: 1 };
}

function report(system: string, [m, k, n]: readonly number[], ms: number): void {
  const gflops = (2 * m! * k! * n!) / (ms * 1e6);
  const size = m === k && k === n ? { n } : { m, k, n };
  console.log(JSON.stringify({ system, bench: "matmul", ...size, medianMs: Number(ms.toFixed(3)), gflops: Number(gflops.toFixed(2)) }));
}

const args = process.argv.slice(2);
const shapes = (args.length > 0 ? args : ["256", "512", "1024"]).map((arg) => {
  const dims = arg.split("x").map(Number);
  return dims.length === 3 ? dims : [dims[0]!, dims[0]!, dims[0]!];
});
for (const [m, k, n] of shapes) {
  const [ka, kb] = random.split(random.key(m! * 31 + n!));
  const a = random.normal(ka, [m!, k!]);
  const b = random.normal(kb, [k!, n!]);
  const flops = 2 * m! * k! * n!;
  report("tessera-eager", [m!, k!, n!], timeCalls(runsFor(flops, 20, 400), () => void np.matmul(a, b)).medianMs);
  // A float64 result keeps the float32 operands off the wasm kernel.
  const out = new Float64Array(m! * n!);
  const sizes = { batch: 1, m: m!, k: k!, n: n! };
  const js = (): void => matmulFloat(out, rowMajor(a, k!), rowMajor(b, n!), sizes);
  report("tessera-js", [m!, k!, n!], timeCalls(runsFor(flops, 3, 1000), js).medianMs);
}
