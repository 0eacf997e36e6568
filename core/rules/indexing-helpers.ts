/**
 * Indexing helpers for transform rules, written with primitives only (so the rules that use them
 * stay differentiable and batchable): int32 constants, iota, and gathers with their own indices per
 * row (numpy's take_along_axis, vmap's batched take) built on the one-axis `gather` primitive.
 */
import { bind1 } from "../interpreter.js";
import { adoptBuffer, type ArrayValue, NdArray } from "../ndarray.js";
import { sizeOf, type Shape } from "../shape.js";
import { moveAxis } from "./batching-helpers.js";

/** An int32 array of `shape` counting 0, 1, 2, ... along `dimension`. */
export function iotaInt(shape: Shape, dimension: number): ArrayValue {
  return bind1("iota", [], { dtype: "int32", shape, dimension });
}

/** `x` reshaped to `shape` (no primitive when the shape already matches). */
export function reshapeTo(x: ArrayValue, shape: Shape): ArrayValue {
  const same = x.shape.length === shape.length && x.shape.every((d, i) => d === shape[i]);
  return same ? x : bind1("reshape", [x], { newShape: shape });
}

/** Integer indices as int32, the dtype index arithmetic is done in. */
export function toInt32(x: ArrayValue): ArrayValue {
  return x.dtype === "int32" ? x : bind1("convert", [x], { dtype: "int32" });
}

/** A constant int32 array of `values` shaped `shape`. */
export function int32Constant(values: readonly number[], shape: Shape): NdArray {
  return adoptBuffer(Int32Array.from(values), shape, "int32");
}

/**
 * Indices `indices` ([R, ...]) into R rows of length `n` flattened into one axis of length
 * `R * n`: `indices[r, ...] + r * n`, as int32.
 */
export function flatRowIndices(indices: ArrayValue, n: number): ArrayValue {
  const rows = indices.shape[0]!;
  const offsets = int32Constant(
    Array.from({ length: rows }, (_, r) => r * n),
    [rows, ...indices.shape.slice(1).map(() => 1)],
  );
  return bind1("add", [toInt32(indices), offsets], {});
}

/**
 * A gather with its own indices per row: `out[r, k..., rest] = x[r, indices[r, k...], rest]` for
 * `x` shaped `[R, n, ...rest]` and integer `indices` shaped `[R, ...k]`. The `gather` primitive
 * takes one index list for all rows, so the rows are flattened into one axis of `R * n` and each
 * row's indices offset by `r * n`. Linear in `x`; indices must be in range.
 */
export function gatherRows(x: ArrayValue, indices: ArrayValue): ArrayValue {
  const [rows, n] = [x.shape[0]!, x.shape[1]!];
  const flat = reshapeTo(x, [rows * n, ...x.shape.slice(2)]);
  return bind1("gather", [flat, flatRowIndices(indices, n)], { axis: 0 });
}

/**
 * numpy's `take_along_axis`: `out[..., i, ...] = x[..., indices[..., i, ...], ...]` along `axis`,
 * with int32 `indices` shaped like `x` except on `axis` (each row picks its own positions): every
 * other axis is merged into the rows of one `gatherRows`. Linear in `x`; indices must be in range.
 */
export function takeAlongAxis(x: ArrayValue, indices: ArrayValue, axis: number): ArrayValue {
  const last = x.ndim - 1;
  const xs = moveAxis(x, axis, last);
  const is = moveAxis(indices, axis, last);
  const n = xs.shape[last]!;
  const k = is.shape[last]!;
  const lead = xs.shape.slice(0, last);
  const rows = sizeOf(lead);
  if (rows * k === 0) {
    const shape = [...x.shape];
    shape[axis] = k;
    return NdArray.zeros(shape, x.dtype);
  }
  const picked = gatherRows(reshapeTo(xs, [rows, n]), reshapeTo(is, [rows, k]));
  return moveAxis(reshapeTo(picked, [...lead, k]), last, axis);
}
