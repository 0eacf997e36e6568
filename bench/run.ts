/**
 * `npm run bench`: every benchmark for tessera (eager and jit) and the peers, in one process.
 * Prints what each system used, one JSON line per (system, bench), then the ratio table.
 * Benchmarks never run as part of `npm test`. (bench/matmul.ts stays a standalone script.)
 * `BENCH=B4,B6 npm run bench` runs only the listed benchmarks (and their memory lines).
 */
import { availableParallelism } from "node:os";
import { BENCHES, ratioTable, runOne, type BenchId, type Result, type Suite } from "./harness.js";
import { jaxjsSuite } from "./peers/jaxjs.js";
import { initTfjs, tfjsSuites } from "./peers/tfjs.js";
import { measureMemory } from "./heap.js";
import { tesseraSuites } from "./tessera.js";

/** The benchmarks to run: all, or the comma-separated list in the BENCH environment variable. */
function selectedBenches(): readonly BenchId[] {
  const wanted = process.env.BENCH?.split(",").map((id) => id.trim()).filter((id) => id !== "");
  if (wanted === undefined || wanted.length === 0) return BENCHES;
  const unknown = wanted.filter((id) => !(BENCHES as readonly string[]).includes(id));
  if (unknown.length > 0) throw new Error(`BENCH lists unknown benchmarks ${unknown.join(", ")}; known: ${BENCHES.join(", ")}`);
  return BENCHES.filter((id) => wanted.includes(id));
}

const benches = selectedBenches();
const tessera = tesseraSuites();
const peers: Suite[] = [];
await initTfjs();
peers.push(...tfjsSuites());
try {
  peers.push(await jaxjsSuite());
} catch (error) {
  console.log(`# jax-js left out: ${error instanceof Error ? error.message : String(error)}`);
}

console.log(`# node ${process.version}, ${availableParallelism()} cores; medians in ms, ratios are tessera/peer (below 1: tessera faster)`);
for (const suite of [...tessera, ...peers]) console.log(`# ${suite.system}: ${suite.info}`);

const results: Result[] = [];
for (const bench of benches) {
  for (const suite of [...tessera, ...peers]) {
    const result = await runOne(suite, bench);
    if (result !== undefined) results.push(result);
  }
}

console.log("");
console.log(ratioTable(results, tessera.map((s) => s.system), peers.map((s) => s.system), benches));

// The memory side of B3 and B4: allocations per step and heap growth over 1,000 (B4: 200) steps.
for (const [bench, steps] of [["B3", 1000], ["B4", 200]] as const) {
  if (!benches.includes(bench)) continue;
  for (const suite of tessera) {
    const step = await suite.make(bench);
    if (step !== undefined) console.log(JSON.stringify(measureMemory(suite.system, bench, step, steps)));
  }
}
