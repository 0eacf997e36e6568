/**
 * Indexing helpers for transform rules, written with primitives only (so the rules that use them
 * stay differentiable and batchable): rank-0 constants, iota, and numpy's take_along_axis built on
 * the one-axis `gather` primitive.
 */
import { allocate, type DType } from "../dtype.js";
import { bind1 } from "../interpreter.js";
import { NdArray, type ArrayValue } from "../ndarray.js";
import { sizeOf, type Shape } from "../shape.js";
import { moveAxis } from "./batching.js";

/** A rank-0 constant of `dtype`. */
export function scalarConst(value: number, dtype: DType): NdArray {
  const data = allocate(dtype, 1);
  data[0] = value;
  return NdArray.fromBuffer(data, [], dtype);
}

/** An int32 array of `shape` counting 0, 1, 2, ... along `dimension`. */
export function iotaInt(shape: Shape, dimension: number): ArrayValue {
  return bind1("iota", [], { dtype: "int32", shape, dimension });
}

/** `x` reshaped to `shape` (no primitive when the shape already matches). */
export function reshapeTo(x: ArrayValue, shape: Shape): ArrayValue {
  const same = x.shape.length === shape.length && x.shape.every((d, i) => d === shape[i]);
  return same ? x : bind1("reshape", [x], { newShape: shape });
}

/**
 * numpy's `take_along_axis`: `out[..., i, ...] = x[..., indices[..., i, ...], ...]` along `axis`,
 * with int32 `indices` shaped like `x` except on `axis` (each row picks its own positions). The
 * `gather` primitive takes one index list for all rows, so the rows are flattened into one axis and
 * each row's indices offset by `row * n`. Linear in `x`; indices must be in range.
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
  const flatX = reshapeTo(xs, [rows * n]);
  const offsets = bind1("mul", [iotaInt([rows, k], 0), scalarConst(n, "int32")], {});
  const flatIndices = bind1("add", [reshapeTo(is, [rows, k]), offsets], {});
  const picked = bind1("gather", [flatX, flatIndices], { axis: 0 });
  return moveAxis(reshapeTo(picked, [...lead, k]), last, axis);
}
