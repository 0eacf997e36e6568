/**
 * jax.lax's conveniences over slicing and broadcasting: `broadcast`, `broadcastToRank`,
 * `broadcastedIota`, `collapse`, `sliceInDim`, `indexInDim`, the `dynamic*InDim` family and
 * `unstack`. Each is one or two of the primitive wrappers, so each differentiates, jits and vmaps
 * as they do.
 */
import type { DType } from "../dtype.js";
import { fail } from "../errors.js";
import type { ArrayOrScalar, ArrayValue } from "../ndarray.js";
import { normalizeAxis } from "../shape.js";
import { bool, checkArity, count, integer, nullable, validShape } from "../validate.js";
import { laxOperand } from "./args.js";
import { broadcastInDim, dynamicSlice, dynamicUpdateSlice, iota, reshape, slice } from "./primitives.js";

const shapeText = (shape: readonly number[]): string => `[${shape.join(",")}]`;

/**
 * x broadcast to `[...sizes, ...x.shape]` (new leading axes).
 *
 * @example lax.broadcast(np.array([1, 2]), [3]).shape // [3, 2]
 */
export function broadcast(x: ArrayOrScalar, sizes: readonly number[]): ArrayValue {
  const op = "lax.broadcast";
  checkArity(op, arguments, 2);
  const a = laxOperand(op, x);
  const lead = validShape(op, sizes, a.dtype, "sizes");
  return broadcastInDim(a, [...lead, ...a.shape], a.shape.map((_, i) => lead.length + i));
}

/**
 * x with leading axes of size 1 added until it has `rank` axes (x itself when it has as many or more).
 *
 * @example lax.broadcastToRank(np.array([1, 2]), 3).shape // [1, 1, 2]
 */
export function broadcastToRank(x: ArrayOrScalar, rank: number): ArrayValue {
  const op = "lax.broadcastToRank";
  checkArity(op, arguments, 2);
  const a = laxOperand(op, x);
  const r = count(op, "rank", rank);
  return r <= a.ndim ? a : broadcast(a, new Array<number>(r - a.ndim).fill(1));
}

/**
 * An array of `shape` counting 0, 1, 2, ... along axis `dimension`.
 *
 * @example lax.broadcastedIota("int32", [2, 3], 1) // array([[0, 1, 2], [0, 1, 2]], dtype=int32)
 */
export function broadcastedIota(dtype: DType, shape: readonly number[], dimension: number): ArrayValue {
  checkArity("lax.broadcastedIota", arguments, 3);
  return iota(dtype, shape, dimension);
}

/**
 * x with axes [start, stop) merged into one (stop defaults to the rank; negative axes count from the end).
 *
 * @example lax.collapse(np.zeros([2, 3, 4]), 1).shape // [2, 12]
 */
export function collapse(x: ArrayOrScalar, startDimension: number, stopDimension?: number | null): ArrayValue {
  const op = "lax.collapse";
  checkArity(op, arguments, 3);
  const a = laxOperand(op, x);
  const start = normalizeAxis(op, integer(op, "startDimension", startDimension), a.ndim);
  const stopGiven = nullable(integer)(op, "stopDimension", stopDimension === undefined ? null : stopDimension);
  const stop = stopGiven === null ? a.ndim : stopGiven === a.ndim ? a.ndim : normalizeAxis(op, stopGiven, a.ndim);
  if (stop < start) fail(op, `stopDimension ${stop} is before startDimension ${start} (shape ${shapeText(a.shape)})`);
  const merged = a.shape.slice(start, stop).reduce((p, d) => p * d, 1);
  return reshape(a, [...a.shape.slice(0, start), merged, ...a.shape.slice(stop)]);
}

/** A static index along an axis of size n, negative counting from the end (lax.slice rejects what stays out of range). */
const wrap = (i: number, n: number): number => (i < 0 ? i + n : i);

/**
 * `x[start:limit:stride]` along `axis` (default 0); null start and limit mean the ends, negatives count from the end.
 *
 * @example lax.sliceInDim(np.arange(6), 1, -1, 2) // array([1, 3], dtype=int32)
 */
export function sliceInDim(x: ArrayOrScalar, startIndex: number | null, limitIndex: number | null, stride = 1, axis = 0): ArrayValue {
  const op = "lax.sliceInDim";
  checkArity(op, arguments, 5);
  const a = laxOperand(op, x);
  const ax = normalizeAxis(op, integer(op, "axis", axis), a.ndim);
  const n = a.shape[ax]!;
  const start = wrap(nullable(integer)(op, "startIndex", startIndex) ?? 0, n);
  const limit = wrap(nullable(integer)(op, "limitIndex", limitIndex) ?? n, n);
  const step = count(op, "stride", stride);
  if (start < 0 || limit > n || limit < start) fail(op, `the slice [${start}, ${limit}) does not fit axis ${ax} of size ${n} (shape ${shapeText(a.shape)})`);
  if (step === 0) fail(op, "stride must be positive, got 0");
  return slice(
    a,
    a.shape.map((_, i) => (i === ax ? start : 0)),
    a.shape.map((d, i) => (i === ax ? limit : d)),
    a.shape.map((_, i) => (i === ax ? step : 1)),
  );
}

/**
 * The slice at static `index` along `axis` (default 0), that axis kept with size 1 unless `keepdims` is false.
 *
 * @example lax.indexInDim(np.array([[1, 2], [3, 4]]), -1, 0, false) // array([3, 4], dtype=float32)
 */
export function indexInDim(x: ArrayOrScalar, index: number, axis = 0, keepdims = true): ArrayValue {
  const op = "lax.indexInDim";
  checkArity(op, arguments, 4);
  const a = laxOperand(op, x);
  const ax = normalizeAxis(op, integer(op, "axis", axis), a.ndim);
  const n = a.shape[ax]!;
  const i = integer(op, "index", index);
  if (i < -n || i >= n) fail(op, `index ${i} is out of bounds for axis ${ax} of size ${n}`);
  const out = sliceInDim(a, wrap(i, n), wrap(i, n) + 1, 1, ax);
  return bool(op, "keepdims", keepdims) ? out : reshape(out, a.shape.filter((_, k) => k !== ax));
}

/** The start indices of a slice along one axis: `start` there, 0 elsewhere (JAX's zeros of the index's dtype). */
function startsAt(x: ArrayValue, axis: number, start: ArrayOrScalar): ArrayOrScalar[] {
  return x.shape.map((_, i) => (i === axis ? start : 0));
}

/**
 * `sliceSize` elements along `axis` (default 0) from a start index that may be traced (clamped so the slice fits, as JAX's).
 *
 * @example lax.dynamicSliceInDim(np.arange(5), 3, 2) // array([3, 4], dtype=int32)
 */
export function dynamicSliceInDim(x: ArrayOrScalar, startIndex: ArrayOrScalar, sliceSize: number, axis = 0): ArrayValue {
  const op = "lax.dynamicSliceInDim";
  checkArity(op, arguments, 4);
  const a = laxOperand(op, x);
  const ax = normalizeAxis(op, integer(op, "axis", axis), a.ndim);
  const size = count(op, "sliceSize", sliceSize);
  if (size > a.shape[ax]!) fail(op, `sliceSize ${size} exceeds axis ${ax} of size ${a.shape[ax]} (shape ${shapeText(a.shape)})`);
  return dynamicSlice(a, startsAt(a, ax, startIndex), a.shape.map((d, i) => (i === ax ? size : d)));
}

/**
 * The slice at an index that may be traced along `axis` (default 0), that axis kept with size 1 unless `keepdims` is false.
 *
 * @example lax.dynamicIndexInDim(np.array([[1, 2], [3, 4]]), 1, 1, false) // array([2, 4], dtype=float32)
 */
export function dynamicIndexInDim(x: ArrayOrScalar, index: ArrayOrScalar, axis = 0, keepdims = true): ArrayValue {
  const op = "lax.dynamicIndexInDim";
  checkArity(op, arguments, 4);
  const a = laxOperand(op, x);
  const ax = normalizeAxis(op, integer(op, "axis", axis), a.ndim);
  const out = dynamicSliceInDim(a, index, 1, ax);
  return bool(op, "keepdims", keepdims) ? out : reshape(out, a.shape.filter((_, k) => k !== ax));
}

/**
 * x with `update` written along `axis` from a start index that may be traced (clamped so it fits), as a new array.
 *
 * @example lax.dynamicUpdateSliceInDim(np.zeros([4]), np.ones([2]), 1, 0) // array([0, 1, 1, 0], dtype=float32)
 */
export function dynamicUpdateSliceInDim(x: ArrayOrScalar, update: ArrayOrScalar, startIndex: ArrayOrScalar, axis: number): ArrayValue {
  const op = "lax.dynamicUpdateSliceInDim";
  checkArity(op, arguments, 4);
  const a = laxOperand(op, x);
  const ax = normalizeAxis(op, integer(op, "axis", axis), a.ndim);
  return dynamicUpdateSlice(a, update, startsAt(a, ax, startIndex));
}

/**
 * x with the slice at an index that may be traced along `axis` replaced by `update` (with or without that axis), as a new array.
 *
 * @example lax.dynamicUpdateIndexInDim(np.zeros([2, 2]), np.ones([2]), 1, 0) // array([[0, 0], [1, 1]], dtype=float32)
 */
export function dynamicUpdateIndexInDim(x: ArrayOrScalar, update: ArrayOrScalar, index: ArrayOrScalar, axis: number): ArrayValue {
  const op = "lax.dynamicUpdateIndexInDim";
  checkArity(op, arguments, 4);
  const a = laxOperand(op, x);
  const u = laxOperand(op, update);
  const ax = normalizeAxis(op, integer(op, "axis", axis), a.ndim);
  const full = u.ndim === a.ndim - 1 ? reshape(u, [...u.shape.slice(0, ax), 1, ...u.shape.slice(ax)]) : u;
  return dynamicUpdateSlice(a, full, startsAt(a, ax, index));
}

/**
 * The slices of x along `axis` (default 0), that axis removed.
 *
 * @example lax.unstack(np.array([[1, 2], [3, 4]])).length // 2
 */
export function unstack(x: ArrayOrScalar, axis = 0): ArrayValue[] {
  const op = "lax.unstack";
  checkArity(op, arguments, 2);
  const a = laxOperand(op, x);
  if (a.ndim === 0) fail(op, "expected an array of rank > 0, got a scalar (shape [])");
  const ax = normalizeAxis(op, integer(op, "axis", axis), a.ndim);
  return Array.from({ length: a.shape[ax]! }, (_, i) => indexInDim(a, i, ax, false));
}

