/**
 * Eager kernels for reductions (sum, prod, max, min over any set of axes), argmax/argmin and
 * cumulative scans, over row-major TypedArrays. Each returns a freshly allocated buffer.
 *
 * Reductions walk the input once in memory order. Adjacent axes that are all reduced or all kept
 * are merged into groups, so a contiguous set of reduced axes is an `outer x reduced x inner`
 * loop and any other set is a short odometer over the groups; no transpose is materialized.
 * Floats accumulate in float64 and are rounded once when stored, so float32 sums carry no
 * float32 accumulation error; integers wrap at 32 bits like XLA.
 */
import { allocate, type DType, type TypedArray } from "../dtype.js";
import { sizeOf, type Shape } from "../shape.js";

/** The four monoid reductions. */
export type ReduceOp = "sum" | "prod" | "max" | "min";

/** The four cumulative scans. */
export type ScanOp = "sum" | "prod" | "max" | "min";

/** Buffers a reduction accumulates into. */
type Accumulator = Float64Array | Int32Array | Uint32Array | Uint8Array;

/** The identity of `op` in `dtype` (what a reduction over an empty axis returns, as in JAX). */
export function reduceIdentity(op: ReduceOp, dtype: DType): number {
  const float = dtype === "float32" || dtype === "float64";
  switch (op) {
    case "sum":
      return 0;
    case "prod":
      return 1;
    case "max":
      return float ? -Infinity : dtype === "int32" ? -2147483648 : 0;
    case "min":
      return float ? Infinity : dtype === "int32" ? 2147483647 : dtype === "uint32" ? 4294967295 : 1;
  }
}

/** Reduces `axes` (sorted, distinct) of a row-major array away with `op`; the result keeps `dtype`. */
export function reduceKernel(op: ReduceOp, data: TypedArray, shape: Shape, axes: readonly number[], dtype: DType): TypedArray {
  const outShape = shape.filter((_, i) => !axes.includes(i));
  const outSize = sizeOf(outShape);
  const float = dtype === "float32" || dtype === "float64";
  // float32 accumulates in a float64 scratch buffer; every other dtype accumulates in place.
  const acc: Accumulator = dtype === "float32" ? new Float64Array(outSize) : (allocate(dtype, outSize) as Accumulator);
  acc.fill(reduceIdentity(op, dtype));
  if (data.length > 0) {
    const { sizes, reduced } = groupAxes(shape, axes);
    const [kept, folded] = runFunctions(op, float);
    walkRuns(acc, data, sizes, reduced, kept, folded);
  }
  if (acc instanceof Float64Array && dtype === "float32") return Float32Array.from(acc);
  return acc;
}

/**
 * Merges adjacent axes that are all reduced or all kept, dropping size-1 axes, so the loops run
 * over as few (and as long) axes as possible. Always returns at least one group.
 */
function groupAxes(shape: Shape, axes: readonly number[]): { sizes: number[]; reduced: boolean[] } {
  const sizes: number[] = [];
  const reduced: boolean[] = [];
  shape.forEach((d, i) => {
    if (d === 1) return;
    const r = axes.includes(i);
    if (reduced.length > 0 && reduced[reduced.length - 1] === r) sizes[sizes.length - 1] *= d;
    else {
      sizes.push(d);
      reduced.push(r);
    }
  });
  if (sizes.length === 0) return { sizes: [1], reduced: [false] };
  return { sizes, reduced };
}

/**
 * Combines `m` consecutive runs of `n` input elements (from `start`) into the accumulators.
 * A kept run (its axis survives) updates `n` accumulators from `out`, the same ones for every run
 * (the axis around it is reduced); a folded run (its axis is reduced) updates one accumulator,
 * the next one for each run (the axis around it is kept).
 */
type Run = (acc: Accumulator, out: number, data: TypedArray, start: number, n: number, m: number) => void;

/**
 * Visits the input in memory order, handing the innermost two groups to one run call and
 * tracking the outer groups with an odometer, so even short inner axes cost no call per element.
 */
function walkRuns(acc: Accumulator, data: TypedArray, sizes: number[], reduced: boolean[], kept: Run, folded: Run): void {
  const groups = sizes.length;
  const outStrides = new Array<number>(groups).fill(0);
  for (let g = groups - 1, s = 1; g >= 0; g--) {
    if (!reduced[g]) {
      outStrides[g] = s;
      s *= sizes[g]!;
    }
  }
  const n = sizes[groups - 1]!;
  const m = groups >= 2 ? sizes[groups - 2]! : 1;
  const run = reduced[groups - 1] ? folded : kept;
  const outer = groups - 2;
  const index = new Array<number>(Math.max(outer, 0)).fill(0);
  let out = 0;
  for (let start = 0; start < data.length; start += n * m) {
    run(acc, out, data, start, n, m);
    for (let g = outer - 1; g >= 0; g--) {
      out += outStrides[g]!;
      if (++index[g]! < sizes[g]!) break;
      out -= outStrides[g]! * sizes[g]!;
      index[g] = 0;
    }
  }
}

/** The run functions for `op`: integer sums and products need wrapping arithmetic. */
function runFunctions(op: ReduceOp, float: boolean): [Run, Run] {
  switch (op) {
    case "sum":
      return float ? [sumKept, sumFoldedFloat] : [sumKept, sumFoldedInt];
    case "prod":
      return float ? [prodKeptFloat, prodFoldedFloat] : [prodKeptInt, prodFoldedInt];
    case "max":
      return [maxKept, maxFolded];
    case "min":
      return [minKept, minFolded];
  }
}

// Integer accumulators are Int32Array/Uint32Array: storing a sum wraps it to 32 bits exactly.
function sumKept(acc: Accumulator, out: number, data: TypedArray, start: number, n: number, m: number): void {
  for (let j = 0, p = start; j < m; j++) for (let i = 0; i < n; i++) acc[out + i] += data[p++]!;
}

function sumFoldedFloat(acc: Accumulator, out: number, data: TypedArray, start: number, n: number, m: number): void {
  if (n >= 8) {
    for (let j = 0; j < m; j++) acc[out + j] += pairwiseSum(data, start + j * n, n);
    return;
  }
  // Short runs: pairwise summation is a plain loop below 8 elements anyway; skip the call.
  for (let j = 0, p = start; j < m; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += data[p++]!;
    acc[out + j] += s;
  }
}

function sumFoldedInt(acc: Accumulator, out: number, data: TypedArray, start: number, n: number, m: number): void {
  for (let j = 0, p = start; j < m; j++) {
    let s = acc[out + j]!;
    for (let i = 0; i < n; i++) s = (s + data[p++]!) | 0;
    acc[out + j] = s;
  }
}

/**
 * numpy's pairwise summation (8 partial sums in blocks of 128, halving above that), in float64.
 * Its error grows like log(n) rather than n, and float64 results match numpy's bit for bit.
 */
export function pairwiseSum(data: TypedArray, start: number, n: number): number {
  if (n < 8) {
    let s = 0;
    for (let i = start; i < start + n; i++) s += data[i]!;
    return s;
  }
  if (n <= 128) {
    let r0 = data[start]!, r1 = data[start + 1]!, r2 = data[start + 2]!, r3 = data[start + 3]!;
    let r4 = data[start + 4]!, r5 = data[start + 5]!, r6 = data[start + 6]!, r7 = data[start + 7]!;
    const blocked = n - (n % 8);
    let i = 8;
    for (; i < blocked; i += 8) {
      const p = start + i;
      r0 += data[p]!;
      r1 += data[p + 1]!;
      r2 += data[p + 2]!;
      r3 += data[p + 3]!;
      r4 += data[p + 4]!;
      r5 += data[p + 5]!;
      r6 += data[p + 6]!;
      r7 += data[p + 7]!;
    }
    let s = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) s += data[start + i]!;
    return s;
  }
  let half = n >> 1;
  half -= half % 8;
  return pairwiseSum(data, start, half) + pairwiseSum(data, start + half, n - half);
}

function prodKeptFloat(acc: Accumulator, out: number, data: TypedArray, start: number, n: number, m: number): void {
  for (let j = 0, p = start; j < m; j++) for (let i = 0; i < n; i++) acc[out + i] *= data[p++]!;
}

function prodFoldedFloat(acc: Accumulator, out: number, data: TypedArray, start: number, n: number, m: number): void {
  for (let j = 0, p = start; j < m; j++) {
    let r = acc[out + j]!;
    for (let i = 0; i < n; i++) r *= data[p++]!;
    acc[out + j] = r;
  }
}

function prodKeptInt(acc: Accumulator, out: number, data: TypedArray, start: number, n: number, m: number): void {
  for (let j = 0, p = start; j < m; j++) for (let i = 0; i < n; i++) acc[out + i] = Math.imul(acc[out + i]!, data[p++]!);
}

function prodFoldedInt(acc: Accumulator, out: number, data: TypedArray, start: number, n: number, m: number): void {
  for (let j = 0, p = start; j < m; j++) {
    let r = acc[out + j]!;
    for (let i = 0; i < n; i++) r = Math.imul(r, data[p++]!);
    acc[out + j] = r;
  }
}

// max/min propagate NaN (once the accumulator is NaN no comparison replaces it) and order -0 below
// +0, as XLA does; the zero test only runs on ties, so it costs nothing in the common case.
function maxKept(acc: Accumulator, out: number, data: TypedArray, start: number, n: number, m: number): void {
  for (let j = 0, p = start; j < m; j++) {
    for (let i = 0; i < n; i++) {
      const v = data[p++]!;
      const a = acc[out + i]!;
      if (v > a || v !== v || (v === a && 1 / v > 1 / a)) acc[out + i] = v;
    }
  }
}

function maxFolded(acc: Accumulator, out: number, data: TypedArray, start: number, n: number, m: number): void {
  for (let j = 0; j < m; j++) {
    let r = acc[out + j]!;
    for (let i = start + j * n, end = i + n; i < end && r === r; i++) {
      const v = data[i]!;
      if (v > r || v !== v || (v === r && 1 / v > 1 / r)) r = v;
    }
    acc[out + j] = r;
  }
}

function minKept(acc: Accumulator, out: number, data: TypedArray, start: number, n: number, m: number): void {
  for (let j = 0, p = start; j < m; j++) {
    for (let i = 0; i < n; i++) {
      const v = data[p++]!;
      const a = acc[out + i]!;
      if (v < a || v !== v || (v === a && 1 / v < 1 / a)) acc[out + i] = v;
    }
  }
}

function minFolded(acc: Accumulator, out: number, data: TypedArray, start: number, n: number, m: number): void {
  for (let j = 0; j < m; j++) {
    let r = acc[out + j]!;
    for (let i = start + j * n, end = i + n; i < end && r === r; i++) {
      const v = data[i]!;
      if (v < r || v !== v || (v === r && 1 / v < 1 / r)) r = v;
    }
    acc[out + j] = r;
  }
}

/** Splits `shape` around `axis` into the element counts before it, along it, and after it. */
export function splitAtAxis(shape: Shape, axis: number): { outer: number; n: number; inner: number } {
  return { outer: sizeOf(shape.slice(0, axis)), n: shape[axis]!, inner: sizeOf(shape.slice(axis + 1)) };
}

/**
 * Index (int32) of the first maximal (`max`) or minimal element along `axis`, which is removed;
 * a NaN counts as the extremum, so the first NaN wins (numpy and JAX). `shape[axis]` must be > 0.
 */
export function argKernel(which: "max" | "min", data: TypedArray, shape: Shape, axis: number): Int32Array {
  const { outer, n, inner } = splitAtAxis(shape, axis);
  const result = new Int32Array(outer * inner);
  const best = new Float64Array(inner);
  const max = which === "max";
  for (let o = 0; o < outer; o++) {
    const base = o * n * inner;
    const res = o * inner;
    for (let i = 0; i < inner; i++) best[i] = data[base + i]!;
    for (let k = 1; k < n; k++) {
      const row = base + k * inner;
      // `b === b` stops the search along a lane once it holds a NaN: that NaN is the answer.
      if (max) {
        for (let i = 0; i < inner; i++) {
          const v = data[row + i]!;
          const b = best[i]!;
          if (b === b && (v > b || v !== v)) {
            best[i] = v;
            result[res + i] = k;
          }
        }
      } else {
        for (let i = 0; i < inner; i++) {
          const v = data[row + i]!;
          const b = best[i]!;
          if (b === b && (v < b || v !== v)) {
            best[i] = v;
            result[res + i] = k;
          }
        }
      }
    }
  }
  return result;
}

/**
 * Inclusive scan with `op` along `axis` (from the end when `reverse`); the result has the input's
 * shape and dtype. Floats run in float64; integer sums/products wrap; max/min propagate NaN.
 */
export function scanKernel(op: ScanOp, data: TypedArray, shape: Shape, axis: number, reverse: boolean, dtype: DType): TypedArray {
  const result = allocate(dtype, data.length);
  if (data.length === 0) return result;
  const { outer, n, inner } = splitAtAxis(shape, axis);
  const float = dtype === "float32" || dtype === "float64";
  // The running values, one per lane; typed like an accumulator so integer sums wrap on store.
  const running: Accumulator = float ? new Float64Array(inner) : (allocate(dtype, inner) as Accumulator);
  const scan = op === "sum" ? scanSum : op === "prod" ? (float ? scanProdFloat : scanProdInt) : op === "max" ? scanMax : scanMin;
  running.fill(reduceIdentity(op, dtype));
  const identity = running.slice();
  // Each line starts at its first element (its last when reversed) and steps by +-inner.
  const stride = reverse ? -inner : inner;
  for (let o = 0; o < outer; o++) {
    running.set(identity);
    scan(data, result, running, o * n * inner + (reverse ? (n - 1) * inner : 0), stride, n, inner);
  }
  return result;
}

/** Scans `n` rows of `inner` lanes, the first at `start` and each `stride` after the last, through `running`. */
type Scan = (data: TypedArray, result: TypedArray, running: Accumulator, start: number, stride: number, n: number, inner: number) => void;

const scanSum: Scan = (data, result, running, start, stride, n, inner) => {
  for (let k = 0, row = start; k < n; k++, row += stride) {
    for (let i = 0; i < inner; i++) result[row + i] = running[i] += data[row + i]!;
  }
};

const scanProdFloat: Scan = (data, result, running, start, stride, n, inner) => {
  for (let k = 0, row = start; k < n; k++, row += stride) {
    for (let i = 0; i < inner; i++) result[row + i] = running[i] *= data[row + i]!;
  }
};

const scanProdInt: Scan = (data, result, running, start, stride, n, inner) => {
  for (let k = 0, row = start; k < n; k++, row += stride) {
    for (let i = 0; i < inner; i++) result[row + i] = running[i] = Math.imul(running[i]!, data[row + i]!);
  }
};

const scanMax: Scan = (data, result, running, start, stride, n, inner) => {
  for (let k = 0, row = start; k < n; k++, row += stride) {
    for (let i = 0; i < inner; i++) {
      const v = data[row + i]!;
      const r = running[i]!;
      if (v > r || v !== v || (v === r && 1 / v > 1 / r)) running[i] = v;
      result[row + i] = running[i]!;
    }
  }
};

const scanMin: Scan = (data, result, running, start, stride, n, inner) => {
  for (let k = 0, row = start; k < n; k++, row += stride) {
    for (let i = 0; i < inner; i++) {
      const v = data[row + i]!;
      const r = running[i]!;
      if (v < r || v !== v || (v === r && 1 / v < 1 / r)) running[i] = v;
      result[row + i] = running[i]!;
    }
  }
};
