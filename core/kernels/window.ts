/**
 * Window reductions (XLA's ReduceWindow with sum, max or min), the kernels behind pooling.
 *
 * A window is a box, and sum, max and min are associative and commutative, so reducing over a
 * box equals reducing one axis at a time: each pass is a 1-D window reduction along one axis,
 * with a long contiguous inner loop over the axes after it. Passes run in float64 and the result
 * is stored once in the output dtype (integer sums wrap on that store, as int32 addition does).
 * Windows inside the input (no padding or base dilation, the usual pooling) skip the passes:
 * each output row folds the input at a fixed list of offsets.
 */
import { allocate, type DType, type TypedArray } from "../dtype.js";
import type { ReduceWindowParams } from "../primitives.js";
import { sizeOf, stridesOf, type Shape } from "../shape.js";

/** The monoid a window reduction folds with. */
export type WindowReduction = "sum" | "max" | "min";

/** The identity of `reduction` in `dtype`: the value padding and dilation holes hold. */
export function windowIdentity(reduction: WindowReduction, dtype: DType): number {
  if (reduction === "sum") return 0;
  const max = reduction === "max";
  switch (dtype) {
    case "float32":
    case "float64":
      return max ? -Infinity : Infinity;
    case "int32":
      return max ? -2147483648 : 2147483647;
    case "uint32":
      return max ? 0 : 4294967295;
    case "bool":
      return max ? 0 : 1;
  }
}

/** Reduces every window of `data` (shaped `shape`) into a fresh buffer of `outShape`, computed by the shape rule. */
export function reduceWindowKernel(
  data: TypedArray,
  shape: Shape,
  dtype: DType,
  reduction: WindowReduction,
  params: ReduceWindowParams,
  outShape: Shape,
  into?: TypedArray,
): TypedArray {
  // Every output element is stored once at the end, so a reused buffer needs no clearing.
  const out = into ?? allocate(dtype, sizeOf(outShape));
  if (out.length === 0) return out;
  const identity = windowIdentity(reduction, dtype);
  if (params.padding.every(([low, high]) => low === 0 && high === 0) && params.baseDilation.every((d) => d === 1)) {
    reduceUnpadded(out, data, shape, reduction, identity, params, outShape);
    return out;
  }
  let current: Float64Array = Float64Array.from(data);
  const currentShape = [...shape];
  for (let axis = 0; axis < shape.length; axis++) {
    const window = params.windowDimensions[axis]!;
    const stride = params.windowStrides[axis]!;
    const [low, high] = params.padding[axis]!;
    const baseDilation = params.baseDilation[axis]!;
    if (window === 1 && stride === 1 && low === 0 && high === 0 && baseDilation === 1) continue;
    const sources = windowSources(shape[axis]!, outShape[axis]!, window, stride, low, baseDilation, params.windowDilation[axis]!);
    current = reduceAxis(current, currentShape, axis, outShape[axis]!, sources, reduction, identity);
    currentShape[axis] = outShape[axis]!;
  }
  for (let i = 0; i < out.length; i++) out[i] = current[i]!;
  return out;
}

/**
 * Windows that lie inside the input (no padding, no base dilation): each output element folds
 * the input at its window origin plus a fixed list of offsets, so the work is one read per
 * window element and no intermediate arrays. The last axis runs innermost as a contiguous row
 * when windows do not span it (channels-last pooling), so every loop over it is a long one.
 */
function reduceUnpadded(out: TypedArray, data: TypedArray, shape: Shape, reduction: WindowReduction, identity: number, params: ReduceWindowParams, outShape: Shape): void {
  const rank = shape.length;
  const last = rank - 1;
  const rowWise = rank > 0 && params.windowDimensions[last] === 1 && params.windowStrides[last] === 1;
  const row = rowWise ? shape[last]! : 1;
  const strides = stridesOf(shape);
  let offsets = [0];
  for (let a = 0; a < (rowWise ? last : rank); a++) {
    const step = params.windowDilation[a]! * strides[a]!;
    offsets = offsets.flatMap((o) => Array.from({ length: params.windowDimensions[a]! }, (_, t) => o + t * step));
  }
  const table = Int32Array.from(offsets);
  const loopShape = rowWise ? outShape.slice(0, last) : outShape;
  const originStep = loopShape.map((_, a) => params.windowStrides[a]! * strides[a]!);
  const index = new Array<number>(loopShape.length).fill(0);
  const acc = new Float64Array(row);
  const fold = reduction === "sum" ? addRow : reduction === "max" ? maxRow : minRow;
  let origin = 0;
  for (let o = 0; o < out.length; o += row) {
    acc.fill(identity);
    for (let t = 0; t < table.length; t++) fold(acc, data, origin + table[t]!, row);
    for (let j = 0; j < row; j++) out[o + j] = acc[j]!;
    for (let a = loopShape.length - 1; a >= 0; a--) {
      origin += originStep[a]!;
      if (++index[a]! < loopShape[a]!) break;
      origin -= originStep[a]! * loopShape[a]!;
      index[a] = 0;
    }
  }
}

// One function per monoid keeps each inner loop free of a per-element branch.
function addRow(acc: Float64Array, data: TypedArray, start: number, n: number): void {
  for (let j = 0; j < n; j++) acc[j] += data[start + j]!;
}

// Math.max/min propagate NaN and order -0 below +0, as XLA's max and min do.
function maxRow(acc: Float64Array, data: TypedArray, start: number, n: number): void {
  for (let j = 0; j < n; j++) acc[j] = Math.max(acc[j]!, data[start + j]!);
}

function minRow(acc: Float64Array, data: TypedArray, start: number, n: number): void {
  for (let j = 0; j < n; j++) acc[j] = Math.min(acc[j]!, data[start + j]!);
}

/** The input indices each output position reads along one axis (padding and dilation holes omitted). */
function windowSources(inSize: number, outSize: number, window: number, stride: number, low: number, baseDilation: number, windowDilation: number): number[][] {
  const sources: number[][] = [];
  for (let o = 0; o < outSize; o++) {
    const list: number[] = [];
    for (let t = 0; t < window; t++) {
      const x = o * stride + t * windowDilation - low;
      if (x >= 0 && x % baseDilation === 0 && x / baseDilation < inSize) list.push(x / baseDilation);
    }
    sources.push(list);
  }
  return sources;
}

/** One pass: reduces axis `axis` of `input` (shaped `shape`) to `outSize` windows. */
function reduceAxis(
  input: Float64Array,
  shape: readonly number[],
  axis: number,
  outSize: number,
  sources: readonly (readonly number[])[],
  reduction: WindowReduction,
  identity: number,
): Float64Array {
  const outer = sizeOf(shape.slice(0, axis));
  const inSize = shape[axis]!;
  const inner = sizeOf(shape.slice(axis + 1));
  const result = new Float64Array(outer * outSize * inner).fill(identity);
  for (let u = 0; u < outer; u++) {
    for (let o = 0; o < outSize; o++) {
      const dst = (u * outSize + o) * inner;
      for (const s of sources[o]!) {
        const src = (u * inSize + s) * inner;
        if (reduction === "sum") {
          for (let j = 0; j < inner; j++) result[dst + j] += input[src + j]!;
        } else if (reduction === "max") {
          for (let j = 0; j < inner; j++) result[dst + j] = Math.max(result[dst + j]!, input[src + j]!);
        } else {
          for (let j = 0; j < inner; j++) result[dst + j] = Math.min(result[dst + j]!, input[src + j]!);
        }
      }
    }
  }
  return result;
}
