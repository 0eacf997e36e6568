/**
 * Eager kernels for data movement over flat row-major buffers. Each returns a freshly allocated
 * buffer and never writes its inputs; most are one `copyStrided` call with the right strides.
 * Shapes are assumed valid (the rules' `abstractEval` checked them).
 */
import { allocate, type DType, type TypedArray } from "../dtype.js";
import { sizeOf, stridesOf, type Shape } from "../shape.js";
import { copyStrided } from "./strided.js";

/** Output axis i is input axis `perm[i]`. */
export function transposeKernel(data: TypedArray, shape: Shape, perm: readonly number[], dtype: DType): TypedArray {
  const outShape = perm.map((p) => shape[p]!);
  const strides = stridesOf(shape);
  const out = allocate(dtype, data.length);
  copyStrided(data, { offset: 0, strides: perm.map((p) => strides[p]!) }, out, { offset: 0, strides: stridesOf(outShape) }, outShape);
  return out;
}

/** The elements `start + k·step` below `limit` on every axis. */
export function sliceKernel(
  data: TypedArray,
  shape: Shape,
  start: readonly number[],
  step: readonly number[],
  outShape: Shape,
  dtype: DType,
): TypedArray {
  const strides = stridesOf(shape);
  let offset = 0;
  for (let a = 0; a < shape.length; a++) offset += start[a]! * strides[a]!;
  const out = allocate(dtype, sizeOf(outShape));
  copyStrided(data, { offset, strides: strides.map((s, a) => s * step[a]!) }, out, { offset: 0, strides: stridesOf(outShape) }, outShape);
  return out;
}

/** Reverses the listed axes. */
export function revKernel(data: TypedArray, shape: Shape, axes: readonly number[], dtype: DType): TypedArray {
  const strides = stridesOf(shape);
  let offset = 0;
  const read = strides.map((s, a) => {
    if (!axes.includes(a)) return s;
    offset += (shape[a]! - 1) * s;
    return -s;
  });
  const out = allocate(dtype, data.length);
  copyStrided(data, { offset, strides: read }, out, { offset: 0, strides: strides }, shape);
  return out;
}

/** Operand axis i becomes output axis `dims[i]`; the other output axes repeat the operand (stride 0). */
export function broadcastInDimKernel(
  data: TypedArray,
  shape: Shape,
  outShape: Shape,
  dims: readonly number[],
  dtype: DType,
): TypedArray {
  const strides = stridesOf(shape);
  const read = new Array<number>(outShape.length).fill(0);
  dims.forEach((o, i) => {
    if (shape[i] !== 1) read[o] = strides[i]!;
  });
  const out = allocate(dtype, sizeOf(outShape));
  copyStrided(data, { offset: 0, strides: read }, out, { offset: 0, strides: stridesOf(outShape) }, outShape);
  return out;
}

/**
 * lax.pad: fills with `value`, then places operand element i of each axis at `low + i·(interior+1)`;
 * negative `low`/`high` crop, so only the operand elements that land inside the output are copied.
 */
export function padKernel(
  data: TypedArray,
  shape: Shape,
  value: number,
  config: readonly (readonly [number, number, number])[],
  outShape: Shape,
  dtype: DType,
  into?: TypedArray,
): TypedArray {
  // Every element is written (the fill, then the operand), so a reused buffer needs no clearing.
  const out = into ?? allocate(dtype, sizeOf(outShape));
  out.fill(value);
  const inStrides = stridesOf(shape);
  const outStrides = stridesOf(outShape);
  let srcOffset = 0;
  let dstOffset = 0;
  const box: number[] = [];
  const dstStrides: number[] = [];
  for (let a = 0; a < shape.length; a++) {
    const [low, , interior] = config[a]!;
    const step = interior + 1;
    // Operand indices i with 0 <= low + i·step < outShape[a].
    const first = Math.max(0, Math.ceil(-low / step));
    const end = Math.min(shape[a]!, Math.ceil((outShape[a]! - low) / step));
    box.push(Math.max(0, end - first));
    srcOffset += first * inStrides[a]!;
    dstOffset += (low + first * step) * outStrides[a]!;
    dstStrides.push(step * outStrides[a]!);
  }
  copyStrided(data, { offset: srcOffset, strides: inStrides }, out, { offset: dstOffset, strides: dstStrides }, box);
  return out;
}

/** Joins the parts along `axis` (their other axes agree). */
export function concatenateKernel(
  parts: readonly { readonly data: TypedArray; readonly shape: Shape }[],
  axis: number,
  outShape: Shape,
  dtype: DType,
): TypedArray {
  const out = allocate(dtype, sizeOf(outShape));
  const outStrides = stridesOf(outShape);
  let at = 0;
  for (const part of parts) {
    copyStrided(part.data, { offset: 0, strides: stridesOf(part.shape) }, out, { offset: at * outStrides[axis]!, strides: outStrides }, part.shape);
    at += part.shape[axis]!;
  }
  return out;
}

/** A copy of `data` with the box at `start` (already in range) replaced by `update`. */
export function updateSliceKernel(
  data: TypedArray,
  shape: Shape,
  update: TypedArray,
  updateShape: Shape,
  start: readonly number[],
  dtype: DType,
): TypedArray {
  const out = allocate(dtype, data.length);
  out.set(data);
  const strides = stridesOf(shape);
  let offset = 0;
  for (let a = 0; a < shape.length; a++) offset += start[a]! * strides[a]!;
  copyStrided(update, { offset: 0, strides: stridesOf(updateShape) }, out, { offset, strides }, updateShape);
  return out;
}

/**
 * Where a dynamic slice of `sizes` really starts, as lax.dynamic_slice: a negative start counts
 * from the end of its axis once, then every start is clamped so the box fits inside `shape`.
 */
export function clampStarts(starts: readonly number[], shape: Shape, sizes: Shape): number[] {
  return starts.map((s, a) => Math.min(Math.max(s < 0 ? s + shape[a]! : s, 0), shape[a]! - sizes[a]!));
}

/** 0, 1, 2, ... along `dimension`, repeated over the other axes. */
export function iotaKernel(shape: Shape, dimension: number, dtype: DType): TypedArray {
  const out = allocate(dtype, sizeOf(shape));
  const n = shape[dimension]!;
  const inner = sizeOf(shape.slice(dimension + 1));
  const outer = sizeOf(shape.slice(0, dimension));
  let k = 0;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < inner; j++) out[k++] = i;
    }
  }
  return out;
}
