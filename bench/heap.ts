/**
 * The memory side of the training benchmarks: how many typed arrays a step allocates, and how
 * the heap grows over many steps. Allocations are counted by wrapping the typed-array
 * constructors for the duration of the measurement (benchmark-only instrumentation); heap sizes
 * are read after forced garbage collections.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { Case } from "./harness.js";

type Constructor = Float32ArrayConstructor | Float64ArrayConstructor | Int32ArrayConstructor | Uint32ArrayConstructor | Uint8ArrayConstructor;
const names = ["Float32Array", "Float64Array", "Int32Array", "Uint32Array", "Uint8Array"] as const;

/** Runs `body` while counting typed arrays made with `new` that own fresh memory (views of existing buffers are not counted). */
function countAllocations(body: () => void): { arrays: number; bytes: number } {
  const saved = names.map((name) => (globalThis as unknown as Record<string, Constructor>)[name]!);
  let arrays = 0;
  let bytes = 0;
  names.forEach((name, i) => {
    const Original = saved[i]! as unknown as new (...args: unknown[]) => ArrayBufferView;
    const Counting = new Proxy(Original, {
      construct(target, args, newTarget) {
        const made = Reflect.construct(target, args, newTarget === Counting ? target : newTarget) as ArrayBufferView;
        if (!(args[0] instanceof ArrayBuffer)) {
          arrays++;
          bytes += made.byteLength;
        }
        return made;
      },
    });
    (globalThis as unknown as Record<string, unknown>)[name] = Counting;
  });
  try {
    body();
  } finally {
    names.forEach((name, i) => ((globalThis as unknown as Record<string, unknown>)[name] = saved[i]));
  }
  return { arrays, bytes };
}

/** A full garbage collection (the flag is set at run time, so `npm run bench` needs no node options). */
function collect(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

/** Per-step allocations of a training case, and heap growth over `steps` steps. */
export function measureMemory(system: string, bench: string, step: Case, steps: number): Record<string, number | string> {
  for (let i = 0; i < 20; i++) step.body();
  const perStep = countAllocations(() => step.body());
  collect();
  const before = process.memoryUsage();
  for (let i = 0; i < steps; i++) step.body();
  collect();
  const after = process.memoryUsage();
  const kb = (n: number) => Math.round(n / 1024);
  return {
    system,
    bench: `${bench}-memory`,
    typedArraysPerStep: perStep.arrays,
    bytesAllocatedPerStep: perStep.bytes,
    steps,
    heapGrowthKB: kb(after.heapUsed - before.heapUsed),
    arrayBufferGrowthKB: kb(after.arrayBuffers - before.arrayBuffers),
  };
}
