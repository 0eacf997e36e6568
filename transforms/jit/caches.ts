/**
 * `clearCaches()`: empties every compilation cache tessera keeps, as `jax.clear_caches()` does:
 * each jitted function's programs (they are dropped on its next call), the shared generated
 * kernels of jit and of the eager elementwise ops, and the kernels' scratch buffers. Results do
 * not change; the next calls compile again.
 */
import { clearElementwiseKernels } from "../../core/kernels/elementwise.js";
import { clearScratch } from "../../core/kernels/scratch.js";
import { clearKernelCache } from "./render-js.js";

let generation = 0;

/** Bumped by every `clearCaches()`; a jitted function holding programs of an older generation drops them. */
export function cacheGeneration(): number {
  return generation;
}

/**
 * Empties all compilation caches: jitted functions' programs, generated kernels and scratch
 * buffers. Use it to release memory in a long-running process; results are unaffected.
 *
 * @example
 * const f = jit((x: ArrayValue) => x.mul(2));
 * f(np.ones([3]));
 * clearCaches();
 * f.cacheSize(); // 0
 */
export function clearCaches(): void {
  generation++;
  clearKernelCache();
  clearElementwiseKernels();
  clearScratch();
}
