/**
 * `npm run bench`: every benchmark for tessera (eager and jit) and the peers, in one process.
 * Prints what each system used, one JSON line per (system, bench), then the ratio table.
 * Benchmarks never run as part of `npm test`. (bench/matmul.ts stays a standalone script.)
 */
import { availableParallelism } from "node:os";
import { BENCHES, ratioTable, runOne, type Result, type Suite } from "./harness.js";
import { jaxjsSuite } from "./peers/jaxjs.js";
import { initTfjs, tfjsSuites } from "./peers/tfjs.js";
import { measureMemory } from "./heap.js";
import { tesseraSuites } from "./tessera.js";

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
for (const bench of BENCHES) {
  for (const suite of [...tessera, ...peers]) {
    const result = await runOne(suite, bench);
    if (result !== undefined) results.push(result);
  }
}

console.log("");
console.log(ratioTable(results, tessera.map((s) => s.system), peers.map((s) => s.system)));

// The memory side of B3 and B4: allocations per step and heap growth over 1,000 (B4: 200) steps.
for (const [bench, steps] of [["B3", 1000], ["B4", 200]] as const) {
  for (const suite of tessera) {
    const step = await suite.make(bench);
    if (step !== undefined) console.log(JSON.stringify(measureMemory(suite.system, bench, step, steps)));
  }
}
