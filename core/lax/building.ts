/**
 * jax.lax's conveniences over slicing and broadcasting: `broadcast`, `broadcastLike`, `broadcastToRank`,
 * `broadcastedIota`, `collapse`, `sliceInDim`, `indexInDim`, the `dynamic*InDim` family and
 * `unstack`, and `indexTake` (a gather of index tuples). Each is one or two of the primitive wrappers, so each differentiates, jits and vmaps
 * as they do.
 */
import { isInteger, type DType } from "../dtype.js";
import { fail } from "../errors.js";
import type { ArrayOrScalar, ArrayValue } from "../ndarray.js";
import { normalizeAxis } from "../shape.js";
import { add, multiply, remainder } from "../numpy/elementwise.js";
import { bool, checkArity, count, describeValue, integer, integerList, nullable, validShape } from "../validate.js";
import { arrayArg, laxOperand } from "./args.js";
import { broadcastInDim, convertElementType, dynamicSlice, dynamicUpdateSlice, gather, iota, reshape, slice, transpose } from "./primitives.js";

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


/**
 * x broadcast to the shape of `like` (numpy's broadcasting rules: x's axes align with like's last ones).
 *
 * @example lax.broadcastLike(np.array([1, 2, 3]), np.zeros([2, 3])).shape // [2, 3]
 */
export function broadcastLike(x: ArrayOrScalar, like: ArrayOrScalar): ArrayValue {
  const op = "lax.broadcastLike";
  checkArity(op, arguments, 2);
  const a = laxOperand(op, x);
  const target = laxOperand(op, like, 1);
  const offset = target.ndim - a.ndim;
  if (offset < 0 || a.shape.some((d, i) => d !== 1 && d !== target.shape[offset + i])) {
    fail(op, `cannot broadcast shape ${shapeText(a.shape)} to the shape ${shapeText(target.shape)} of like`);
  }
  return broadcastInDim(a, target.shape, a.shape.map((_, i) => offset + i));
}

/**
 * The elements of `src` at the index tuples `(idxs[0][i], idxs[1][i], ...)` on `axes` (one 1-D
 * integer array per axis, all of one length N, taken modulo each axis's size): the result has
 * shape `[N, ...the other axes of src]` (jax.lax's index_take).
 *
 * @example lax.indexTake(np.arange(6).reshape([2, 3]), [np.array([1, 0], { dtype: "int32" })], [0]).shape // [2, 3]
 */
export function indexTake(src: ArrayValue, idxs: readonly ArrayValue[], axes: readonly number[]): ArrayValue {
  const op = "lax.indexTake";
  checkArity(op, arguments, 3);
  const a = arrayArg(op, src, "src");
  if (!Array.isArray(idxs)) fail(op, `idxs must be a list of integer arrays (one per axis), got ${describeValue(idxs)}`);
  const list = integerList(op, "axes", axes).map((ax) => normalizeAxis(op, ax, a.ndim));
  if (list.some((ax, i) => i > 0 && ax <= list[i - 1]!)) fail(op, `axes must be increasing (as JAX's gather needs), got [${list.join(",")}]`);
  if (idxs.length !== list.length || list.length === 0) fail(op, `expected one index array per axis (${list.length} axes), got ${idxs.length}`);
  const indices = idxs.map((idx, k) => {
    const i = arrayArg(op, idx, `idxs[${k}]`);
    if (!isInteger(i.dtype) || i.ndim !== 1) fail(op, `idxs[${k}] must be a 1-D integer array, got ${i.dtype}${shapeText(i.shape)}`);
    return i;
  });
  const count = indices[0]!.shape[0]!;
  if (indices.some((i) => i.shape[0] !== count)) fail(op, `the index arrays must have one length, got shapes ${indices.map((i) => shapeText(i.shape)).join(", ")}`);
  const rest = a.shape.map((_, i) => i).filter((i) => !list.includes(i));
  const dims = list.map((ax) => a.shape[ax]!);
  if (dims.some((d) => d === 0) && count > 0) fail(op, `cannot take from an empty axis of src ${shapeText(a.shape)}`);
  const gathered = reshape(transpose(a, [...list, ...rest]), [dims.reduce((p, d) => p * d, 1), ...rest.map((i) => a.shape[i]!)]);
  // Row-major positions in the combined axes, each index taken modulo its axis (Python's %).
  let flat: ArrayValue | undefined;
  dims.forEach((d, k) => {
    const wrapped = remainder(convertElementType(indices[k]!, "int32"), d);
    flat = flat === undefined ? wrapped : add(multiply(flat, d), wrapped);
  });
  return gather(gathered, flat!, 0);
}
