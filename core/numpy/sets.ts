/**
 * numpy's set operations on flattened arrays (`isin`, `union1d`, `intersect1d`, `setdiff1d`,
 * `setxor1d`) and `digitize`. The results are sorted and distinct; their length depends on the
 * values, so as with `unique` a static `size` fixes it (padded with `fillValue` or truncated),
 * which makes them work under jit and vmap; without it the inputs must be concrete. Each set
 * operation marks which of the sorted candidates belong in the result, then one two-key sort
 * (selected first, then by value) moves them to the front. Also the partial and multi-key sorts
 * (`partition`, `argpartition`, `lexsort`).
 */
import { fail } from "../errors.js";
import { bind, bind1 } from "../interpreter.js";
import { NdArray, type ArrayValue, type ArrayOrScalar } from "../ndarray.js";
import { anyValue, bool, checkArity, count, describeValue, integer, readOptions } from "../validate.js";
import { normalizeAxis } from "../shape.js";
import { add, equal, greaterEqual, isnan, less, logicalAnd, logicalNot, negative, notEqual, subtract, where } from "./elementwise.js";
import { histogram, searchsorted } from "./histograms.js";
import { broadcastTo, concatenate, expandDims, flip, ravel, reshape, swapaxes } from "./movement.js";
import { cast, checkOperand, promote, promoteToFloat, scalar } from "./promote.js";
import { any, sum, topK } from "./reductions.js";
import { unique } from "./sized.js";
import { zerosLike } from "./creation.js";

/** Options of the set operations: the static output length and the padding past the real count. */
export interface SetOptions {
  readonly size?: number | null;
  /** Padding past the real count (default: the smallest result value; 0 for setdiff1d). */
  readonly fillValue?: number | null;
}

const iota = (n: number): ArrayValue => bind1("iota", [], { dtype: "int32", shape: [n], dimension: 0 });
const slice1 = (x: ArrayValue, start: number, limit: number): ArrayValue => bind1("slice", [x], { start: [start], limit: [limit], strides: [1] });

function readSetOptions(op: string, options: unknown): SetOptions {
  return readOptions(op, options, {
    size: (p, n, v) => (v === null ? null : count(p, n, v)),
    fillValue: (p, n, v) => (v === null ? null : typeof v === "number" ? v : fail(p, `${n} must be a number, got ${describeValue(v)}`)),
  });
}

/** Both operands, promoted to one dtype and flattened. */
function flatPair(op: string, a: ArrayOrScalar, b: ArrayOrScalar): [ArrayValue, ArrayValue] {
  const [x, y] = promote(op, checkOperand(op, a), checkOperand(op, b, 1));
  return [ravel(x!), ravel(y!)];
}

/** Whether each element of the 1-D x occurs in the 1-D pool (every pair compared, as JAX's compare_all). */
function occursIn(x: ArrayValue, pool: ArrayValue): ArrayValue {
  if (x.shape[0] === 0 || pool.shape[0] === 0) return notEqual(x, x);
  return any(equal(reshape(x, [x.shape[0]!, 1]), reshape(pool, [1, pool.shape[0]!])), { axis: -1 });
}

/**
 * x sorted, and a mask true at the first of each run of equal values. NaNs (sorted last) count as
 * one value, as jnp.unique's equal_nan does, so a set keeps one NaN of each operand.
 */
function sortedDistinct(x: ArrayValue): { sorted: ArrayValue; first: ArrayValue } {
  const n = x.shape[0]!;
  if (n === 0) return { sorted: x, first: notEqual(x, x) };
  const sorted = bind("sort", [x], { axis: 0, numKeys: 1, descending: false })[0]!;
  const head = broadcastTo(scalar(true, "bool"), [1]);
  if (n === 1) return { sorted, first: head };
  const [next, previous] = [slice1(sorted, 1, n), slice1(sorted, 0, n - 1)];
  const differs = logicalAnd(notEqual(next, previous), logicalNot(logicalAnd(isnan(next), isnan(previous))));
  return { sorted, first: concatenate([head, differs]) };
}

/** The selected values of the 1-D `values`, ascending, as `size` elements (padded with `fill`, or the first selected value). */
function gatherSelected(op: string, values: ArrayValue, selected: ArrayValue, o: SetOptions, defaultFill: number | null): ArrayValue {
  let size = o.size;
  if (size === undefined || size === null) {
    if (!(selected instanceof NdArray) || !(values instanceof NdArray)) {
      fail(op, "the inputs are traced, so the output size is unknown: pass a static size option (JAX's size=), with fillValue for the padding");
    }
    size = (selected.toArray() as boolean[]).filter(Boolean).length;
  }
  const n = values.shape[0]!;
  const fillNumber = o.fillValue ?? defaultFill;
  if (n === 0) return broadcastTo(scalar(fillNumber ?? 0, values.dtype), [size]);
  // Selected values first, ascending; the rest after them.
  const [, ordered] = bind("sort", [cast(logicalNot(selected), "int32"), values], { axis: 0, numKeys: 2, descending: false });
  const picked = size <= n ? slice1(ordered!, 0, size) : bind1("pad", [ordered!, scalar(0, values.dtype)], { config: [[0, size - n, 0]] });
  const fill = fillNumber === null ? reshape(slice1(ordered!, 0, 1), []) : scalar(fillNumber, values.dtype);
  return where(less(iota(size), sum(selected)), picked, fill);
}

/** Options of isin. */
export interface IsinOptions {
  /** Return true where the element is NOT in testElements. */
  readonly invert?: boolean;
}

/**
 * Whether each element of `element` occurs in `testElements` (either shape; the result has
 * element's shape).
 *
 * @example
 * ```ts
 * np.isin(np.array([1, 2, 3]), np.array([3, 1])); // [true, false, true]
 * ```
 */
export function isin(element: ArrayOrScalar, testElements: ArrayOrScalar, options?: IsinOptions | null): ArrayValue {
  checkArity("isin", arguments, 3);
  const o = readOptions("isin", options, { invert: bool });
  const [x, y] = promote("isin", checkOperand("isin", element), checkOperand("isin", testElements, 1));
  const found = reshape(occursIn(ravel(x!), ravel(y!)), x!.shape);
  return o.invert ? logicalNot(found) : found;
}

/** The sorted distinct values found in either array (flattened). */
export function union1d(a: ArrayOrScalar, b: ArrayOrScalar, options?: SetOptions | null): ArrayValue {
  checkArity("union1d", arguments, 3);
  const o = readSetOptions("union1d", options);
  const [x, y] = flatPair("union1d", a, b);
  return unique(concatenate([x, y]), { size: o.size ?? null, fillValue: o.fillValue ?? null });
}

/** The sorted distinct values found in both arrays (flattened). */
export function intersect1d(a: ArrayOrScalar, b: ArrayOrScalar, options?: SetOptions | null): ArrayValue {
  checkArity("intersect1d", arguments, 3);
  const o = readSetOptions("intersect1d", options);
  const [x, y] = flatPair("intersect1d", a, b);
  const { sorted, first } = sortedDistinct(x);
  return gatherSelected("intersect1d", sorted, logicalAnd(first, occursIn(sorted, y)), o, null);
}

/** The sorted distinct values of a (flattened) not found in b. */
export function setdiff1d(a: ArrayOrScalar, b: ArrayOrScalar, options?: SetOptions | null): ArrayValue {
  checkArity("setdiff1d", arguments, 3);
  const o = readSetOptions("setdiff1d", options);
  const [x, y] = flatPair("setdiff1d", a, b);
  const { sorted, first } = sortedDistinct(x);
  return gatherSelected("setdiff1d", sorted, logicalAnd(first, logicalNot(occursIn(sorted, y))), o, 0);
}

/** The sorted distinct values found in exactly one of the arrays (flattened). */
export function setxor1d(a: ArrayOrScalar, b: ArrayOrScalar, options?: SetOptions | null): ArrayValue {
  checkArity("setxor1d", arguments, 3);
  const o = readSetOptions("setxor1d", options);
  const [x, y] = flatPair("setxor1d", a, b);
  const dx = sortedDistinct(x);
  const dy = sortedDistinct(y);
  const onlyX = logicalAnd(dx.first, logicalNot(occursIn(dx.sorted, y)));
  const onlyY = logicalAnd(dy.first, logicalNot(occursIn(dy.sorted, x)));
  return gatherSelected("setxor1d", concatenate([dx.sorted, dy.sorted]), concatenate([onlyX, onlyY]), o, null);
}

/** Options of digitize. */
export interface DigitizeOptions {
  /** Whether a bin includes its right edge instead of its left one. */
  readonly right?: boolean;
}

/**
 * The int32 index of the bin each element of x falls in, for monotonic (increasing or decreasing)
 * 1-D `bins`: 0 below the first edge, bins.length above the last.
 */
export function digitize(x: ArrayOrScalar, bins: ArrayOrScalar, options?: DigitizeOptions | null): ArrayValue {
  checkArity("digitize", arguments, 3);
  const o = readOptions("digitize", options, { right: bool });
  const [values, edges] = promote("digitize", checkOperand("digitize", x), checkOperand("digitize", bins, 1));
  if (edges!.ndim !== 1) fail("digitize", `bins must be a 1-D array, got shape [${edges!.shape.join(",")}]`);
  const n = edges!.shape[0]!;
  if (n === 0) return zerosLike(values!, "int32");
  const side = o.right ? "left" : "right";
  const increasing = greaterEqual(slice1(edges!, n - 1, n), slice1(edges!, 0, 1));
  const up = searchsorted(edges!, values!, side);
  const down = subtract(scalar(n, "int32"), searchsorted(flip(edges!), values!, side));
  return where(reshape(increasing, []), up, down);
}

// ---------------------------------------------------------------------------------------------
// partial and multi-key sorts

/** x moved so `axis` is last, with the normalized kth and axis. */
function partitionOperand(op: string, x: ArrayOrScalar, kth: number, axis: number | undefined): { a: ArrayValue; k: number; axis: number } {
  const a = promote(op, checkOperand(op, x))[0]!;
  if (a.ndim === 0) fail(op, "a must have at least one axis, got shape []");
  const ax = normalizeAxis(op, integer(op, "axis", axis ?? -1), a.ndim);
  const k = normalizeAxis(op, integer(op, "kth", kth), a.shape[ax]!);
  return { a: swapaxes(a, ax, -1), k, axis: ax };
}

/**
 * x rearranged along `axis` (default -1) so the element at `kth` is the one a full sort would
 * put there, the kth+1 smallest before it (ascending) and the rest after it (descending), as
 * JAX's top_k-based partition.
 */
export function partition(x: ArrayOrScalar, kth: number, options?: { readonly axis?: number } | null): ArrayValue {
  checkArity("partition", arguments, 3);
  const o = readOptions("partition", options, { axis: integer });
  const { a, k, axis } = partitionOperand("partition", x, kth, o.axis);
  const n = a.shape[a.ndim - 1]!;
  // Unsigned values are shifted by one so that 0 negates to the largest value, as JAX does.
  const bottom =
    a.dtype === "uint32"
      ? subtract(negative(topK(negative(add(a, 1)), k + 1)[0]), 1)
      : a.dtype === "bool"
        ? logicalNot(topK(logicalNot(a), k + 1)[0])
        : negative(topK(negative(a), k + 1)[0]);
  const top = topK(a, n - k - 1)[0];
  return swapaxes(concatenate([bottom, top], -1), -1, axis);
}

/** The indices that would partition x along `axis` (default -1) around `kth` (int32), as JAX's argpartition. */
export function argpartition(x: ArrayOrScalar, kth: number, options?: { readonly axis?: number } | null): ArrayValue {
  checkArity("argpartition", arguments, 3);
  const o = readOptions("argpartition", options, { axis: integer });
  const { a, k, axis } = partitionOperand("argpartition", x, kth, o.axis);
  const n = a.shape[a.ndim - 1]!;
  const flipped = a.dtype === "uint32" ? negative(add(a, 1)) : a.dtype === "bool" ? logicalNot(a) : negative(a);
  const bottomIndex = topK(flipped, k + 1)[1];
  // The rest: a proxy of ones with zeros at the chosen positions, so ties keep index order.
  const positions = bind1("iota", [], { dtype: "int32", shape: [...a.shape.slice(0, -1), 1, n], dimension: a.ndim });
  const chosen = any(equal(expandDims(bottomIndex, -1), positions), { axis: -2 });
  const topIndex = topK(cast(logicalNot(chosen), "float32"), n - k - 1)[1];
  return swapaxes(concatenate([bottomIndex, topIndex], -1), -1, axis);
}

/**
 * The indices (int32) that sort by several keys of one shape along `axis` (default -1): the
 * LAST key is the primary one, as numpy. Stable.
 */
export function lexsort(keys: readonly ArrayOrScalar[], options?: { readonly axis?: number } | null): ArrayValue {
  checkArity("lexsort", arguments, 2);
  const o = readOptions("lexsort", options, { axis: integer });
  if (!Array.isArray(keys) || keys.length === 0) fail("lexsort", `keys must be a non-empty list of arrays, got ${describeValue(keys)}`);
  const arrays = keys.map((key, i) => promote("lexsort", checkOperand("lexsort", key, i))[0]!);
  const shape = arrays[0]!.shape;
  if (arrays.some((key) => key.shape.length !== shape.length || key.shape.some((d, i) => d !== shape[i]))) {
    fail("lexsort", `all keys need to be the same shape, got ${arrays.map((key) => `[${key.shape.join(",")}]`).join(", ")}`);
  }
  if (shape.length === 0) return scalar(0, "int32");
  const axis = normalizeAxis("lexsort", o.axis ?? -1, shape.length);
  const order = bind1("iota", [], { dtype: "int32", shape, dimension: axis });
  const sorted = bind("sort", [...arrays.reverse(), order], { axis, numKeys: arrays.length, descending: false });
  return sorted[sorted.length - 1]!;
}

// ---------------------------------------------------------------------------------------------
// bin edges

/** Options of histogramBinEdges: as histogram's (weights are accepted and unused, as JAX). */
export interface HistogramBinEdgesOptions {
  /** The number of equal-width bins (default 10), or the edges themselves as a 1-D array. */
  readonly bins?: number | ArrayValue | readonly number[];
  /** The lower and upper edge (default: a's minimum and maximum; widened by 0.5 each way when equal). */
  readonly range?: readonly [number, number] | null;
  readonly weights?: ArrayOrScalar | null;
}

/** The bin edges histogram would use for a (float; integers give float32). */
export function histogramBinEdges(a: ArrayOrScalar, options?: HistogramBinEdgesOptions | null): ArrayValue {
  const op = "histogramBinEdges";
  checkArity(op, arguments, 2);
  const o = readOptions(op, options, {
    bins: anyValue,
    range: (p, n, v) => {
      if (v === null) return null;
      if (!Array.isArray(v) || v.length !== 2 || !v.every((e) => typeof e === "number" && Number.isFinite(e))) fail(p, `${n} must be null or [low, high] finite numbers, got ${describeValue(v)}`);
      return v as unknown as readonly [number, number];
    },
    weights: anyValue,
  });
  const x = promoteToFloat(op, checkOperand(op, a))[0]!;
  const bins = o.bins ?? 10;
  if (typeof bins === "number") {
    if (!Number.isSafeInteger(bins) || bins < 1) fail(op, `bins must be a positive integer or a 1-D array of edges, got ${describeValue(bins)}`);
    if (x.size === 0 && (o.range === undefined || o.range === null)) fail(op, "a is empty, so it has no range: pass range");
    return histogram(x, { bins, range: o.range ?? null })[1];
  }
  const edges = promote(op, checkOperand(op, bins, 1))[0]!;
  if (edges.ndim !== 1) fail(op, `bins must be a positive integer or a 1-D array of edges, got shape [${edges.shape.join(",")}]`);
  return cast(edges, x.dtype);
}
