/**
 * Replays a log of plane rotations on a float64 matrix with the WebAssembly SIMD module of
 * rotations-module.ts. The module is compiled on first use and keeps one private memory that
 * grows to the largest problem seen; the matrix is copied in (rows padded to an even length, so
 * that every row is whole float64 pairs), the rotations are copied in and replayed over one strip
 * of columns at a time (a strip of every row stays in the L2 cache through the whole log; a log
 * too long for the memory cap goes in chunks), and the matrix is copied back out.
 */
import { encodeModule } from "./encoder.js";
import { growTo, instantiate, type WasmMemory } from "./instance.js";
import { rotationsModule } from "./rotations-module.js";

/** Columns per strip: 64 float64 of 500 rows are 256 KB, half the L2 of the machines measured. */
const STRIP = 64;
// WebAssembly memory never shrinks: the log is replayed in chunks that keep it within this size,
// and a matrix of more than half of it (over 2900 x 2900) is left to the JavaScript path.
const MAX_MEMORY_BYTES = 64 * 2 ** 20;

interface Kernel {
  readonly memory: WasmMemory;
  readonly replay: (x: number, stride: number, pairs: number, rows: number, cs: number, count: number) => void;
}

// Compiled once per process on first use; null when this engine lacks WebAssembly SIMD or may not compile it.
let kernel: Kernel | null | undefined;

function loadKernel(): Kernel | null {
  if (kernel !== undefined) return kernel;
  const exports = instantiate(encodeModule(rotationsModule()));
  kernel = null;
  if (exports === null) return kernel;
  kernel = { memory: exports.memory as Kernel["memory"], replay: exports.replay as Kernel["replay"] };
  return kernel;
}

/**
 * Applies rotations 0..count-1 in order to the rows of the row-major `x` (`height` rows of
 * `width`): rotation k sets (row p, row q) := (c row p + s row q, c row q - s row p) with p, q at
 * rows[2k], rows[2k+1] and c, s at cs[2k], cs[2k+1]. Returns false, touching nothing, when
 * WebAssembly SIMD is unavailable or its memory cannot grow.
 */
export function replayRotationsWasm(x: Float64Array, height: number, width: number, rows: Int32Array, cs: Float64Array, count: number): boolean {
  const stride = width + (width % 2);
  const matrixBytes = height * stride * 8;
  if (matrixBytes > MAX_MEMORY_BYTES / 2) return false;
  const wasm = loadKernel();
  if (wasm === null) return false;
  const chunk = Math.min(count, Math.floor((MAX_MEMORY_BYTES - matrixBytes) / 24));
  const rowsAt = matrixBytes;
  const csAt = rowsAt + chunk * 8;
  const needed = csAt + chunk * 16;
  if (!growTo(wasm.memory, needed)) return false;
  const buffer = wasm.memory.buffer;
  const matrix = new Float64Array(buffer, 0, height * stride);
  if (stride === width) matrix.set(x.subarray(0, height * width));
  else for (let r = 0; r < height; r++) {
    matrix.set(x.subarray(r * width, (r + 1) * width), r * stride);
    matrix[r * stride + width] = 0;
  }
  for (let first = 0; first < count; first += chunk) {
    const size = Math.min(chunk, count - first);
    new Int32Array(buffer, rowsAt, 2 * size).set(rows.subarray(2 * first, 2 * (first + size)));
    new Float64Array(buffer, csAt, 2 * size).set(cs.subarray(2 * first, 2 * (first + size)));
    for (let start = 0; start < stride; start += STRIP) {
      wasm.replay(start * 8, stride * 8, Math.min(STRIP, stride - start) / 2, rowsAt, csAt, size);
    }
  }
  if (stride === width) x.set(matrix);
  else for (let r = 0; r < height; r++) x.set(matrix.subarray(r * stride, r * stride + width), r * width);
  return true;
}
