/**
 * Householder reflectors (and the tridiagonal reduction's inner steps) applied by the WebAssembly
 * SIMD module of reflectors-module.ts. The module's memory doubles as scratch space: a linalg
 * kernel that takes its working arrays from `wasmScratch` can have `reflectEachWasm`,
 * `lowerTimesWasm` and `lowerRank2Wasm` work on them in place, with no copying per step.
 * There is one scratch: it stays valid until the next `wasmScratch` call (which may move it), so
 * a kernel takes it once, does its reflector work, and copies its results out.
 */
import { encodeModule } from "./encoder.js";
import { growTo, instantiate, type WasmMemory } from "./instance.js";
import { reflectorsModule } from "./reflectors-module.js";

// WebAssembly memory never shrinks: past this size (an eigh of about 1670 x 1670) kernels take
// ordinary arrays and the JavaScript path instead of holding the memory for good.
const MAX_SCRATCH_BYTES = 64 * 2 ** 20;

interface Kernel {
  readonly memory: WasmMemory;
  readonly reflect: (v: number, length: number, tau: number, y: number, stride: number, count: number) => void;
  readonly lowerTimes: (a: number, stride: number, len: number, v: number, p: number) => void;
  readonly lowerRank2: (a: number, stride: number, len: number, v: number, w: number) => void;
}

// Compiled once per process on first use; null when this engine lacks WebAssembly SIMD or may not compile it.
let kernel: Kernel | null | undefined;

function loadKernel(): Kernel | null {
  if (kernel !== undefined) return kernel;
  const exports = instantiate(encodeModule(reflectorsModule()));
  kernel = null;
  if (exports === null) return kernel;
  kernel = {
    memory: exports.memory as Kernel["memory"],
    reflect: exports.reflect as Kernel["reflect"],
    lowerTimes: exports.lowerTimes as Kernel["lowerTimes"],
    lowerRank2: exports.lowerRank2 as Kernel["lowerRank2"],
  };
  return kernel;
}

/**
 * `length` zeroed float64 in the module's memory, or null when WebAssembly SIMD is unavailable,
 * the memory cannot grow, or it would pass MAX_SCRATCH_BYTES.
 */
export function wasmScratch(length: number): Float64Array | null {
  const needed = length * 8;
  if (needed > MAX_SCRATCH_BYTES) return null;
  const wasm = loadKernel();
  if (wasm === null) return null;
  if (!growTo(wasm.memory, needed)) return null;
  return new Float64Array(wasm.memory.buffer, 0, length).fill(0);
}

/**
 * Applies the reflector (tau, v[vStart..vStart+length), v[vStart] taken as 1) to `count` vectors
 * y[yStart + j stride ..][0..length) when v and y both live in the scratch; false (touching
 * nothing) otherwise.
 */
export function reflectEachWasm(v: Float64Array, vStart: number, length: number, tau: number, y: Float64Array, yStart: number, stride: number, count: number): boolean {
  const wasm = kernelFor(v, y);
  if (wasm === null) return false;
  wasm.reflect(v.byteOffset + 8 * vStart, length, tau, y.byteOffset + 8 * yStart, 8 * stride, count);
  return true;
}

/** The kernel when every array lives in its memory (the scratch), else null. */
function kernelFor(...arrays: Float64Array[]): Kernel | null {
  const wasm = kernel;
  if (wasm === undefined || wasm === null) return null;
  return arrays.every((x) => x.buffer === wasm.memory.buffer) ? wasm : null;
}

/**
 * p := A v for the symmetric trailing block A = rows and columns o..n-1 of the n x n `lower`
 * (its lower triangle), when all three live in the scratch; false (touching nothing) otherwise.
 */
export function lowerTimesWasm(lower: Float64Array, n: number, o: number, v: Float64Array, p: Float64Array): boolean {
  const wasm = kernelFor(lower, v, p);
  if (wasm === null) return false;
  wasm.lowerTimes(lower.byteOffset + 8 * (o * n + o), 8 * n, n - o, v.byteOffset, p.byteOffset);
  return true;
}

/** A -= v wᵀ + w vᵀ on the lower triangle of the block of `lowerTimesWasm`, when all three live in the scratch. */
export function lowerRank2Wasm(lower: Float64Array, n: number, o: number, v: Float64Array, w: Float64Array): boolean {
  const wasm = kernelFor(lower, v, w);
  if (wasm === null) return false;
  wasm.lowerRank2(lower.byteOffset + 8 * (o * n + o), 8 * n, n - o, v.byteOffset, w.byteOffset);
  return true;
}
