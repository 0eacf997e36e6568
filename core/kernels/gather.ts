/**
 * Indexing along one axis: gather (numpy `take`) and its adjoint scatter-add. The operand is
 * viewed as `[outer, n, inner]` around the indexed axis, so each index moves one contiguous
 * block of `inner` elements.
 */
import { allocate, type DType, type TypedArray } from "../dtype.js";
import { fail } from "../errors.js";
import { sizeOf, type Shape } from "../shape.js";

/** Checks every index against the axis size before any work, so a bad index fails cleanly. */
export function checkIndices(op: string, indices: TypedArray, axis: number, axisSize: number): void {
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    if (i < 0 || i >= axisSize) {
      fail(
        op,
        `index ${i} (at flat position ${k} of the indices) is out of range for axis ${axis} of size ${axisSize}; ` +
          `expected 0 <= index < ${axisSize}`,
      );
    }
  }
}

/** `out[o, k, j] = data[o, indices[k], j]` with o over `shape[:axis]` and j over `shape[axis+1:]`. */
export function gatherKernel(data: TypedArray, shape: Shape, indices: TypedArray, axis: number, dtype: DType): TypedArray {
  const n = shape[axis]!;
  const outer = sizeOf(shape.slice(0, axis));
  const inner = sizeOf(shape.slice(axis + 1));
  const m = indices.length;
  const out = allocate(dtype, outer * m * inner);
  let d = 0;
  for (let o = 0; o < outer; o++) {
    const base = o * n * inner;
    for (let k = 0; k < m; k++) {
      const s = base + indices[k]! * inner;
      for (let j = 0; j < inner; j++) out[d++] = data[s + j]!;
    }
  }
  return out;
}

/** A copy of `data` with `updates[o, k, j]` added at `[o, indices[k], j]`; repeated indices accumulate. */
export function scatterAddKernel(
  data: TypedArray,
  shape: Shape,
  indices: TypedArray,
  updates: TypedArray,
  axis: number,
  dtype: DType,
): TypedArray {
  const n = shape[axis]!;
  const outer = sizeOf(shape.slice(0, axis));
  const inner = sizeOf(shape.slice(axis + 1));
  const m = indices.length;
  const out = allocate(dtype, data.length);
  out.set(data);
  const bool = dtype === "bool";
  let u = 0;
  for (let o = 0; o < outer; o++) {
    const base = o * n * inner;
    for (let k = 0; k < m; k++) {
      const d = base + indices[k]! * inner;
      // Storing into the typed buffer rounds float32 and wraps int32/uint32 after each add, as XLA does.
      if (bool) for (let j = 0; j < inner; j++) out[d + j] = out[d + j]! | updates[u++]!;
      else for (let j = 0; j < inner; j++) out[d + j] = out[d + j]! + updates[u++]!;
    }
  }
  return out;
}
