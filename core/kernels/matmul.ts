/**
 * Batched matrix multiply over TypedArrays, the kernel behind dotGeneral and convolution.
 *
 * float32 x float32 -> float32 products above a few thousand multiply-adds run on the
 * WebAssembly SIMD kernel (wasm/sgemm.ts): operands are packed into its panel layout and
 * accumulated in float32 with f32x4 multiplies and adds, as XLA and BLAS do on CPU, so results
 * match a float64 reference to float32 rounding (relative error about sqrt(k) * 2^-24 for
 * random data), not bit for bit. Where WebAssembly SIMD is missing they fall back to JavaScript.
 *
 * Everything else (float64, mixed storage, tiny products) runs in JavaScript: operands are packed
 * into float64 panels (4 rows of A, 4 columns of B, k-major), and a 4x4 register-blocked
 * micro-kernel keeps 16 accumulators in locals, so each step does 16 multiply-adds for 8 loads.
 * K is blocked so panels stay in L1, N so a packed block of B stays in L2. This path accumulates
 * in float64 and rounds once when storing. Integers wrap like int32 arithmetic.
 *
 * Either path is deterministic: the same shapes and values give the same bits, whatever ran before.
 */
import { allocate, dtypeOfStorage, type DType, type TypedArray } from "../dtype.js";
import { fail } from "../errors.js";
import { sizeOf, stridesOf, type Shape } from "../shape.js";
import { copyStrided } from "./strided.js";
import type { MatmulSizes, MatrixView } from "./matrix-view.js";
import { matmulFloat32Wasm } from "./wasm/sgemm.js";

// Micro-tile edge (rows of A and columns of B per register block).
const TILE = 4;
// Depth of a packed panel: 4 x 256 float64 = 8 KB per panel, so an A and a B panel share L1.
const KC = 256;
// Width of a packed block of B: 256 x 128 float64 = 256 KB, resident in L2.
const NC = 128;
// Below this many multiply-adds (about 12^3) the packing costs more than it saves.
const SMALL = 2048;
// From this many multiply-adds (about 10^3) the wasm kernel beats JavaScript, packing included.
const WASM_MIN = 1024;

/** A contiguous view of a row-major [batch, rows, cols] buffer. */
export function contiguousView(data: TypedArray, rows: number, cols: number): MatrixView {
  return { data, offset: 0, batchStride: rows * cols, rowStride: cols, colStride: 1 };
}

/**
 * Writes `out[b, i, j] = sum_k a[b, i, k] * b[b, k, j]` into the contiguous [batch, m, n] buffer
 * `out` (every element is written). Float operands may differ in storage type.
 */
export function matmulFloat(out: Float32Array | Float64Array, a: MatrixView, b: MatrixView, sizes: MatmulSizes): void {
  const { batch, m, k, n } = sizes;
  if (m === 0 || n === 0) return;
  // The wasm kernel declines (returns false) when an operand is not float32 or SIMD is missing.
  if (out instanceof Float32Array && k > 0 && m * n * k >= WASM_MIN && matmulFloat32Wasm(out, a, b, sizes)) return;
  if (m < TILE || n < TILE || k < 8 || m * n * k <= SMALL) {
    matmulSmall(out, a, b, sizes);
    return;
  }
  const mp = roundUp(m, TILE);
  const np = roundUp(n, TILE);
  const acc = new Float64Array(mp * np);
  const packedA = new Float64Array(mp * Math.min(KC, k));
  const packedB = new Float64Array(Math.min(KC, k) * Math.min(roundUp(NC, TILE), np));
  for (let bi = 0; bi < batch; bi++) {
    acc.fill(0);
    const aBase = a.offset + bi * a.batchStride;
    const bBase = b.offset + bi * b.batchStride;
    for (let k0 = 0; k0 < k; k0 += KC) {
      const kc = Math.min(KC, k - k0);
      packRows(packedA, a.data, aBase + k0 * a.colStride, a.rowStride, a.colStride, m, mp, kc);
      for (let j0 = 0; j0 < n; j0 += NC) {
        const nc = Math.min(NC, n - j0);
        const ncp = roundUp(nc, TILE);
        packColumns(packedB, b.data, bBase + k0 * b.rowStride + j0 * b.colStride, b.rowStride, b.colStride, nc, ncp, kc);
        microKernels(acc, packedA, packedB, mp, ncp, kc, np, j0);
      }
    }
    const outBase = bi * m * n;
    for (let i = 0; i < m; i++) {
      const src = i * np;
      const dst = outBase + i * n;
      for (let j = 0; j < n; j++) out[dst + j] = acc[src + j]!;
    }
  }
}

/** Like `matmulFloat` for int32/uint32 operands, wrapping modulo 2^32 as integer arithmetic does. */
export function matmulInt(out: Int32Array | Uint32Array, a: MatrixView, b: MatrixView, sizes: MatmulSizes): void {
  const { batch, m, k, n } = sizes;
  const row = new Int32Array(n);
  const ad = a.data;
  const bd = b.data;
  for (let bi = 0; bi < batch; bi++) {
    for (let i = 0; i < m; i++) {
      row.fill(0);
      const aRow = a.offset + bi * a.batchStride + i * a.rowStride;
      for (let kk = 0; kk < k; kk++) {
        const x = ad[aRow + kk * a.colStride]! | 0;
        if (x === 0) continue;
        const bRow = b.offset + bi * b.batchStride + kk * b.rowStride;
        const cs = b.colStride;
        for (let j = 0; j < n; j++) row[j] = (row[j]! + Math.imul(x, bd[bRow + j * cs]! | 0)) | 0;
      }
      // Storing into a Uint32Array reinterprets the wrapped int32 bits, as uint32 arithmetic would give.
      const dst = (bi * m + i) * n;
      for (let j = 0; j < n; j++) out[dst + j] = row[j]!;
    }
  }
}

/** The axes of each operand of a dot_general, as JAX's dimension numbers give them. */
export interface DotAxes {
  readonly contracting: readonly [readonly number[], readonly number[]];
  readonly batch: readonly [readonly number[], readonly number[]];
}

/**
 * JAX's dot_general into a fresh buffer of `outDtype` (or into `into`, whose every element is
 * overwritten), output axes ordered batch, lhs free, rhs free. Operands whose axes already group
 * as [batch, rows, cols] are read in place through strides (a transposed matrix costs nothing);
 * others are transposed into a copy first.
 */
export function dotGeneralKernel(lhs: TypedArray, lhsShape: Shape, rhs: TypedArray, rhsShape: Shape, axes: DotAxes, outDtype: DType, into?: TypedArray): TypedArray {
  const [lhsContracting, rhsContracting] = axes.contracting;
  const [lhsBatch, rhsBatch] = axes.batch;
  const lhsFree = freeAxes(lhsShape.length, lhsContracting, lhsBatch);
  const rhsFree = freeAxes(rhsShape.length, rhsContracting, rhsBatch);
  const sizes: MatmulSizes = {
    batch: sizeOf(lhsBatch.map((a) => lhsShape[a]!)),
    m: sizeOf(lhsFree.map((a) => lhsShape[a]!)),
    k: sizeOf(lhsContracting.map((a) => lhsShape[a]!)),
    n: sizeOf(rhsFree.map((a) => rhsShape[a]!)),
  };
  const length = sizes.batch * sizes.m * sizes.n;
  if (into !== undefined) checkInto(into, length, outDtype, lhs, rhs);
  // Every element of the result is written, so a reused buffer needs no clearing.
  const out = into ?? allocate(outDtype, length);
  if (out.length === 0) return out;
  const a = operandView(lhs, lhsShape, lhsBatch, lhsFree, lhsContracting);
  const b = operandView(rhs, rhsShape, rhsBatch, rhsContracting, rhsFree);
  if (out instanceof Float32Array || out instanceof Float64Array) matmulFloat(out, a, b, sizes);
  else if (out instanceof Int32Array || out instanceof Uint32Array) matmulInt(out, a, b, sizes);
  return out;
}

/** Rejects an `into` buffer of the wrong length or storage, or one overlapping an operand (which would be read after being written). */
function checkInto(into: TypedArray, length: number, dtype: DType, lhs: TypedArray, rhs: TypedArray): void {
  if (into.length !== length || dtypeOfStorage(into) !== dtype) {
    fail("dotGeneral", `internal error: the result buffer holds ${into.length} ${dtypeOfStorage(into)}, the product needs ${length} ${dtype}`);
  }
  if (overlaps(into, lhs) || overlaps(into, rhs)) fail("dotGeneral", "internal error: the result buffer shares memory with an operand");
}

function overlaps(x: TypedArray, y: TypedArray): boolean {
  return x.buffer === y.buffer && x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength;
}

/** The axes of an operand that are neither contracted nor batch, in order. */
function freeAxes(rank: number, contracting: readonly number[], batch: readonly number[]): number[] {
  const free: number[] = [];
  for (let a = 0; a < rank; a++) if (!contracting.includes(a) && !batch.includes(a)) free.push(a);
  return free;
}

/** A [batch, rows, cols] view of an operand, grouping its axes as listed; copies only when a group is not evenly strided. */
function operandView(data: TypedArray, shape: Shape, batchAxes: readonly number[], rowAxes: readonly number[], colAxes: readonly number[]): MatrixView {
  const strides = stridesOf(shape);
  const batchStride = groupStride(batchAxes, shape, strides);
  const rowStride = groupStride(rowAxes, shape, strides);
  const colStride = groupStride(colAxes, shape, strides);
  if (batchStride !== null && rowStride !== null && colStride !== null) return { data, offset: 0, batchStride, rowStride, colStride };
  const perm = [...batchAxes, ...rowAxes, ...colAxes];
  const permutedShape = perm.map((a) => shape[a]!);
  const copy = allocate(dtypeOfStorage(data), data.length);
  copyStrided(data, { offset: 0, strides: perm.map((a) => strides[a]!) }, copy, { offset: 0, strides: stridesOf(permutedShape) }, permutedShape);
  const rows = sizeOf(rowAxes.map((a) => shape[a]!));
  const cols = sizeOf(colAxes.map((a) => shape[a]!));
  return { data: copy, offset: 0, batchStride: rows * cols, rowStride: cols, colStride: 1 };
}

/**
 * The single stride that walks a group of axes in row-major order of their multi-index, or null
 * when the axes are not laid out that way (size-1 axes never move, so they are ignored).
 */
function groupStride(axes: readonly number[], shape: Shape, strides: readonly number[]): number | null {
  let stride: number | null = null;
  let next = 0;
  for (let t = axes.length - 1; t >= 0; t--) {
    const a = axes[t]!;
    if (shape[a] === 1) continue;
    if (stride === null) stride = strides[a]!;
    else if (strides[a] !== next) return null;
    next = strides[a]! * shape[a]!;
  }
  return stride ?? 0;
}

/** Row-at-a-time product for small or skinny problems, where packing would dominate. */
function matmulSmall(out: Float32Array | Float64Array, a: MatrixView, b: MatrixView, sizes: MatmulSizes): void {
  const { batch, m, k, n } = sizes;
  const row = new Float64Array(n);
  const ad = a.data;
  const bd = b.data;
  const cs = b.colStride;
  if (n === 1) {
    // Matrix-vector products: one dot product per row, no row buffer.
    for (let bi = 0; bi < batch; bi++) {
      for (let i = 0; i < m; i++) {
        const aRow = a.offset + bi * a.batchStride + i * a.rowStride;
        const bCol = b.offset + bi * b.batchStride;
        let sum = 0;
        for (let kk = 0; kk < k; kk++) sum += ad[aRow + kk * a.colStride]! * bd[bCol + kk * b.rowStride]!;
        out[bi * m + i] = sum;
      }
    }
    return;
  }
  for (let bi = 0; bi < batch; bi++) {
    for (let i = 0; i < m; i++) {
      row.fill(0);
      const aRow = a.offset + bi * a.batchStride + i * a.rowStride;
      for (let kk = 0; kk < k; kk++) {
        const x = ad[aRow + kk * a.colStride]!;
        const bRow = b.offset + bi * b.batchStride + kk * b.rowStride;
        for (let j = 0; j < n; j++) row[j] += x * bd[bRow + j * cs]!;
      }
      const dst = (bi * m + i) * n;
      for (let j = 0; j < n; j++) out[dst + j] = row[j]!;
    }
  }
}

/**
 * Packs rows 0..m-1, columns 0..kc-1 of a strided matrix into panels of TILE rows, each panel
 * k-major (`panel[k * TILE + r]`); rows m..mp-1 are zero.
 */
function packRows(dst: Float64Array, src: TypedArray, base: number, rowStride: number, colStride: number, m: number, mp: number, kc: number): void {
  for (let i = 0; i < mp; i++) {
    const out = (i - (i % TILE)) * kc + (i % TILE);
    if (i >= m) {
      for (let kk = 0; kk < kc; kk++) dst[out + kk * TILE] = 0;
      continue;
    }
    const row = base + i * rowStride;
    for (let kk = 0; kk < kc; kk++) dst[out + kk * TILE] = src[row + kk * colStride]!;
  }
}

/** Packs rows 0..kc-1, columns 0..nc-1 into panels of TILE columns, each k-major; columns nc..ncp-1 are zero. */
function packColumns(dst: Float64Array, src: TypedArray, base: number, rowStride: number, colStride: number, nc: number, ncp: number, kc: number): void {
  for (let j = 0; j < ncp; j++) {
    const out = (j - (j % TILE)) * kc + (j % TILE);
    if (j >= nc) {
      for (let kk = 0; kk < kc; kk++) dst[out + kk * TILE] = 0;
      continue;
    }
    const col = base + j * colStride;
    for (let kk = 0; kk < kc; kk++) dst[out + kk * TILE] = src[col + kk * rowStride]!;
  }
}

/**
 * Adds the product of packed A (mp rows) and packed B (ncp columns), depth kc, into the
 * accumulator rows (row stride `np`) at column offset `j0`, one 4x4 tile at a time.
 */
function microKernels(acc: Float64Array, pa: Float64Array, pb: Float64Array, mp: number, ncp: number, kc: number, np: number, j0: number): void {
  for (let i0 = 0; i0 < mp; i0 += TILE) {
    const aStart = i0 * kc;
    for (let jb = 0; jb < ncp; jb += TILE) {
      let p = aStart;
      let q = jb * kc;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0;
      let s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0;
      let s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      for (let kk = 0; kk < kc; kk++) {
        const a0 = pa[p]!, a1 = pa[p + 1]!, a2 = pa[p + 2]!, a3 = pa[p + 3]!;
        const b0 = pb[q]!, b1 = pb[q + 1]!, b2 = pb[q + 2]!, b3 = pb[q + 3]!;
        s00 += a0 * b0; s01 += a0 * b1; s02 += a0 * b2; s03 += a0 * b3;
        s10 += a1 * b0; s11 += a1 * b1; s12 += a1 * b2; s13 += a1 * b3;
        s20 += a2 * b0; s21 += a2 * b1; s22 += a2 * b2; s23 += a2 * b3;
        s30 += a3 * b0; s31 += a3 * b1; s32 += a3 * b2; s33 += a3 * b3;
        p += TILE;
        q += TILE;
      }
      let o = i0 * np + j0 + jb;
      acc[o] += s00; acc[o + 1] += s01; acc[o + 2] += s02; acc[o + 3] += s03;
      o += np;
      acc[o] += s10; acc[o + 1] += s11; acc[o + 2] += s12; acc[o + 3] += s13;
      o += np;
      acc[o] += s20; acc[o + 1] += s21; acc[o + 2] += s22; acc[o + 3] += s23;
      o += np;
      acc[o] += s30; acc[o + 1] += s31; acc[o + 2] += s32; acc[o + 3] += s33;
    }
  }
}

function roundUp(x: number, multiple: number): number {
  return Math.ceil(x / multiple) * multiple;
}
