/**
 * numpy's reductions, scans and sorts in camelCase: `sum prod max min mean var std ptp all any
 * argmax argmin cumsum cumprod sort argsort median` and `topK`. Axes follow numpy (negative
 * counts from the end, `null`/absent means every axis); keepdims reshapes the result; dtypes follow
 * JAX (bool sums count as int32, integer means and variances are float32, integer sums wrap).
 */
import { isFloat } from "../dtype.js";
import { fail } from "../errors.js";
import { bind, bind1 } from "../interpreter.js";
import { ArrayValue, type ArrayOrScalar } from "../ndarray.js";
import { normalizeAxes, normalizeAxis, sizeOf, type Shape } from "../shape.js";
import { bool, checkArity, finite, integer, readOptions } from "../validate.js";
import { axisOption, isAxisLike, positional, singleAxisOption } from "./args.js";
import { add, divide, isnan, multiply, notEqual, sqrt, subtract, where } from "./elementwise.js";
import { isWeak } from "../aval.js";
import { cast, checkOperand, resultDtype, scalar } from "./promote.js";

/** An options argument of a reduction: a record, or JAX's positional axis (`np.sum(x, 0)`, `np.sum(x, [0, 1])`); null means no options. */
export type AxisArgument<O> = O | number | readonly number[] | null;

/** Options of the reductions: which axes to reduce (all when absent or null) and whether to keep them as size 1. */
export interface ReduceOptions {
  axis?: number | readonly number[] | null;
  keepdims?: boolean;
}

/** Options of var and std: `ddof` is subtracted from the element count in the divisor. */
export interface VarianceOptions extends ReduceOptions {
  ddof?: number;
}

/** Options of argmax/argmin: one axis (the flattened array when absent or null). */
export interface ArgOptions {
  axis?: number | null;
  keepdims?: boolean;
}

/** Options of cumsum/cumprod: one axis (the flattened array when absent or null). */
export interface ScanOptions {
  axis?: number | null;
}

/** Options of sort/argsort: the axis (default -1, null flattens), descending order, stability. */
export interface SortOptions {
  axis?: number | null;
  /** Largest first, NaN first (JAX's `descending`); ties still keep their input order. */
  descending?: boolean;
  /** Accepted for numpy/JAX compatibility: tessera's sort is always stable. */
  stable?: boolean;
}

// ---------------------------------------------------------------------------------------------
// helpers

/** An array from an array or a JS scalar (numbers alone are float32, booleans bool). */
function asArray(op: string, x: ArrayOrScalar): ArrayValue {
  checkOperand(op, x);
  // A weak scalar tracer (a JS number passed to jit) reduces as the JS number would, eagerly.
  if (x instanceof ArrayValue) return isWeak(x) ? cast(x, resultDtype([x])) : x;
  return scalar(x, resultDtype([x]));
}

/** The checked options of a reduction over an axis spec. */
interface ReadReduce {
  axis?: number | number[] | null;
  keepdims?: boolean;
}

/** Reads a reduction's options (or positional axis); `null` and absent mean no options. */
function readReduce(op: string, options: unknown): ReadReduce {
  return readOptions(op, positional(options, "axis", isAxisLike), { axis: axisOption, keepdims: bool });
}

/** The sorted reduced axes for an axis spec, validated against the array's rank. */
function reducedAxes(op: string, axis: number | readonly number[] | null | undefined, rank: number): number[] {
  return normalizeAxes(op, axis, rank);
}

function reshape(x: ArrayValue, newShape: Shape): ArrayValue {
  return bind1("reshape", [x], { newShape });
}

/** Puts the reduced axes back as size-1 axes (numpy's keepdims). */
function restoreAxes(r: ArrayValue, shape: Shape, axes: readonly number[], keepdims: boolean | undefined): ArrayValue {
  return keepdims ? reshape(r, shape.map((d, i) => (axes.includes(i) ? 1 : d))) : r;
}

/** The array flattened to one axis. */
function ravel(x: ArrayValue): ArrayValue {
  return x.ndim === 1 ? x : reshape(x, [x.size]);
}

/** A single axis, or null meaning "flatten first" (as numpy's argmax, cumsum and sort). */
function singleAxis(op: string, x: ArrayValue, axis: number | null | undefined): { operand: ArrayValue; axis: number } {
  if (axis === undefined || axis === null) return { operand: ravel(x), axis: 0 };
  if (x.ndim === 0) fail(op, `axis ${axis} is out of range for a rank-0 array (shape []); pass axis null to flatten`);
  return { operand: x, axis: normalizeAxis(op, axis, x.ndim) };
}

type MonoidPrim = "reduceSum" | "reduceProd" | "reduceMax" | "reduceMin";

function reduce(op: string, prim: MonoidPrim, x: ArrayValue, options: ReadReduce): ArrayValue {
  const axes = reducedAxes(op, options.axis, x.ndim);
  return restoreAxes(bind1(prim, [x], { axes }), x.shape, axes, options.keepdims);
}

/** The number of elements each output element of a reduction over `axes` combines. */
function countOf(shape: Shape, axes: readonly number[]): number {
  return sizeOf(axes.map((a) => shape[a]!));
}

function checkNotEmpty(op: string, x: ArrayValue, axes: readonly number[]): void {
  if (axes.some((a) => x.shape[a] === 0)) {
    fail(op, `zero-size reduction over axes [${axes.join(",")}] of shape [${x.shape.join(",")}] has no identity; numpy raises here too`);
  }
}

// ---------------------------------------------------------------------------------------------
// reductions

/** Sum over `axis` (all axes by default); bools count as int32; integer sums wrap at 32 bits. */
export function sum(x: ArrayOrScalar, options?: AxisArgument<ReduceOptions>): ArrayValue {
  checkArity("sum", arguments, 2);
  const a = asArray("sum", x);
  return reduce("sum", "reduceSum", a.dtype === "bool" ? cast(a, "int32") : a, readReduce("sum", options));
}

/** Product over `axis`; bools become int32. */
export function prod(x: ArrayOrScalar, options?: AxisArgument<ReduceOptions>): ArrayValue {
  checkArity("prod", arguments, 2);
  const a = asArray("prod", x);
  return reduce("prod", "reduceProd", a.dtype === "bool" ? cast(a, "int32") : a, readReduce("prod", options));
}

/** Maximum over `axis` (NaN propagates; "any" for bools); an empty reduction is an error, as numpy. */
export function max(x: ArrayOrScalar, options?: AxisArgument<ReduceOptions>): ArrayValue {
  checkArity("max", arguments, 2);
  const a = asArray("max", x);
  const o = readReduce("max", options);
  checkNotEmpty("max", a, reducedAxes("max", o.axis, a.ndim));
  return reduce("max", "reduceMax", a, o);
}

/** Minimum over `axis` (NaN propagates; "all" for bools); an empty reduction is an error, as numpy. */
export function min(x: ArrayOrScalar, options?: AxisArgument<ReduceOptions>): ArrayValue {
  checkArity("min", arguments, 2);
  const a = asArray("min", x);
  const o = readReduce("min", options);
  checkNotEmpty("min", a, reducedAxes("min", o.axis, a.ndim));
  return reduce("min", "reduceMin", a, o);
}

/** Alias of max. */
export const amax = max;
/** Alias of min. */
export const amin = min;

/** Range (max - min) over `axis`. */
export function ptp(x: ArrayOrScalar, options?: AxisArgument<ReduceOptions>): ArrayValue {
  checkArity("ptp", arguments, 2);
  const a = asArray("ptp", x);
  if (a.dtype === "bool") fail("ptp", "numpy's ptp does not accept bool arrays (max - min of bools is undefined); convert to int32 first");
  const o = readReduce("ptp", options);
  checkNotEmpty("ptp", a, reducedAxes("ptp", o.axis, a.ndim));
  return subtract(reduce("ptp", "reduceMax", a, o), reduce("ptp", "reduceMin", a, o));
}

/** True when every element along `axis` is nonzero (NaN counts as nonzero); true for an empty axis. */
export function all(x: ArrayOrScalar, options?: AxisArgument<ReduceOptions>): ArrayValue {
  checkArity("all", arguments, 2);
  const a = asArray("all", x);
  return reduce("all", "reduceMin", a.dtype === "bool" ? a : notEqual(a, 0), readReduce("all", options));
}

/** True when some element along `axis` is nonzero (NaN counts as nonzero); false for an empty axis. */
export function any(x: ArrayOrScalar, options?: AxisArgument<ReduceOptions>): ArrayValue {
  checkArity("any", arguments, 2);
  const a = asArray("any", x);
  return reduce("any", "reduceMax", a.dtype === "bool" ? a : notEqual(a, 0), readReduce("any", options));
}

/** Arithmetic mean over `axis`; integers and bools average as float32 (JAX). NaN for an empty axis. */
export function mean(x: ArrayOrScalar, options?: AxisArgument<ReduceOptions>): ArrayValue {
  checkArity("mean", arguments, 2);
  const a = asArray("mean", x);
  const f = isFloat(a.dtype) ? a : cast(a, "float32");
  const o = readReduce("mean", options);
  const count = countOf(f.shape, reducedAxes("mean", o.axis, f.ndim));
  return divide(reduce("mean", "reduceSum", f, o), count);
}

function variance(x: ArrayOrScalar, options?: AxisArgument<VarianceOptions>): ArrayValue {
  checkArity("var", arguments, 2);
  return varianceOf("var", x, options);
}
/** Variance over `axis`: mean squared deviation, divided by `count - ddof` (default ddof 0). */
export { variance as var };

/** Standard deviation over `axis`: the square root of `var` with the same options. */
export function std(x: ArrayOrScalar, options?: AxisArgument<VarianceOptions>): ArrayValue {
  checkArity("std", arguments, 2);
  return sqrt(varianceOf("std", x, options));
}

function varianceOf(op: string, x: ArrayOrScalar, options: unknown): ArrayValue {
  const a = asArray(op, x);
  const f = isFloat(a.dtype) ? a : cast(a, "float32");
  const o = readOptions(op, positional(options, "axis", isAxisLike), { axis: axisOption, keepdims: bool, ddof: finite });
  const ddof = o.ddof ?? 0;
  const axes = reducedAxes(op, o.axis, f.ndim);
  const centered = subtract(f, mean(f, { axis: axes, keepdims: true }));
  const squares = reduce(op, "reduceSum", multiply(centered, centered), o);
  // numpy clamps the divisor at 0, so too large a ddof gives inf/NaN rather than a negative variance.
  return divide(squares, Math.max(countOf(f.shape, axes) - ddof, 0));
}

/** Median over `axis` (one axis, a list, or all by default); NaN when the slice holds a NaN; ints give float32. */
export function median(x: ArrayOrScalar, options?: AxisArgument<ReduceOptions>): ArrayValue {
  checkArity("median", arguments, 2);
  const a = asArray("median", x);
  const f = isFloat(a.dtype) ? a : cast(a, "float32");
  const o = readReduce("median", options);
  const axes = reducedAxes("median", o.axis, f.ndim);
  checkNotEmpty("median", f, axes);
  // Move the reduced axes last and merge them, so the median is along one axis.
  const kept = f.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const permutation = [...kept, ...axes];
  const moved = permutation.every((p, i) => p === i) ? f : bind1("transpose", [f], { permutation });
  const n = countOf(f.shape, axes);
  const lines = reshape(moved, [...kept.map((i) => f.shape[i]!), n]);
  const last = lines.ndim - 1;
  const sorted = bind1("sort", [lines], { axis: last, numKeys: 1, descending: false });
  const take = (index: number): ArrayValue => {
    const start = lines.shape.map((_, i) => (i === last ? index : 0));
    const limit = lines.shape.map((d, i) => (i === last ? index + 1 : d));
    const strides = lines.shape.map(() => 1);
    return reshape(bind1("slice", [sorted], { start, limit, strides }), lines.shape.slice(0, -1));
  };
  const low = take((n - 1) >> 1);
  const middle = n % 2 === 1 ? low : divide(add(low, take(n >> 1)), 2);
  // NaNs sort last, so check for them separately: numpy's median is NaN when any input is.
  const hasNaN = bind1("reduceMax", [isnan(lines)], { axes: [last] });
  return restoreAxes(where(hasNaN, NaN, middle), f.shape, axes, o.keepdims);
}

// ---------------------------------------------------------------------------------------------
// arg reductions

function argReduce(op: "argmax" | "argmin", x: ArrayOrScalar, options: unknown): ArrayValue {
  const a = asArray(op, x);
  const o = readOptions(op, positional(options, "axis", isAxisLike), { axis: singleAxisOption, keepdims: bool });
  const { operand, axis } = singleAxis(op, a, o.axis);
  if (operand.shape[axis] === 0) {
    fail(op, `attempt to get ${op} of an empty sequence: axis ${axis} of shape [${a.shape.join(",")}] has size 0`);
  }
  const r = bind1(op, [operand], { axis, indexDtype: "int32" });
  if (!o.keepdims) return r;
  const flattened = o.axis === undefined || o.axis === null;
  return reshape(r, a.shape.map((d, i) => (flattened || i === axis ? 1 : d)));
}

/** Index (int32) of the first maximum along `axis` (of the flattened array by default); NaN counts as the maximum. */
export function argmax(x: ArrayOrScalar, options?: ArgOptions | number | null): ArrayValue {
  checkArity("argmax", arguments, 2);
  return argReduce("argmax", x, options);
}

/** Index (int32) of the first minimum along `axis` (of the flattened array by default); NaN counts as the minimum. */
export function argmin(x: ArrayOrScalar, options?: ArgOptions | number | null): ArrayValue {
  checkArity("argmin", arguments, 2);
  return argReduce("argmin", x, options);
}

// ---------------------------------------------------------------------------------------------
// scans

function scan(op: "cumsum" | "cumprod", x: ArrayOrScalar, options: unknown): ArrayValue {
  const a = asArray(op, x);
  const o = readOptions(op, positional(options, "axis", isAxisLike), { axis: singleAxisOption });
  const { operand, axis } = singleAxis(op, a.dtype === "bool" ? cast(a, "int32") : a, o.axis);
  return bind1(op, [operand], { axis, reverse: false });
}

/** Running sum along `axis` (of the flattened array by default); bools count as int32. */
export function cumsum(x: ArrayOrScalar, options?: ScanOptions | number | null): ArrayValue {
  checkArity("cumsum", arguments, 2);
  return scan("cumsum", x, options);
}

/** Running product along `axis` (of the flattened array by default); bools become int32. */
export function cumprod(x: ArrayOrScalar, options?: ScanOptions | number | null): ArrayValue {
  checkArity("cumprod", arguments, 2);
  return scan("cumprod", x, options);
}

// ---------------------------------------------------------------------------------------------
// sorting

/**
 * The axis and order of a sort. A positional axis is JAX's (`np.sort(x, 0)`); `null` options
 * mean no options (axis -1), so flattening needs `{axis: null}`.
 */
function sortAxis(op: string, x: ArrayValue, options: unknown): { operand: ArrayValue; axis: number; descending: boolean } {
  const o = readOptions(op, positional(options, "axis", isAxisLike), { axis: singleAxisOption, descending: bool, stable: bool });
  const { operand, axis } = singleAxis(op, x, o.axis === undefined ? -1 : o.axis);
  return { operand, axis, descending: o.descending ?? false };
}

/** A sorted copy along `axis` (default -1; null flattens); NaNs last (first when descending); stable. */
export function sort(x: ArrayOrScalar, options?: SortOptions | number | null): ArrayValue {
  checkArity("sort", arguments, 2);
  const { operand, axis, descending } = sortAxis("sort", asArray("sort", x), options);
  return bind1("sort", [operand], { axis, numKeys: 1, descending });
}

/** The int32 indices that sort `x` along `axis` (stable: equal elements keep their order, also when descending). */
export function argsort(x: ArrayOrScalar, options?: SortOptions | number | null): ArrayValue {
  checkArity("argsort", arguments, 2);
  const { operand, axis, descending } = sortAxis("argsort", asArray("argsort", x), options);
  const iota = bind1("iota", [], { dtype: "int32", shape: operand.shape, dimension: axis });
  return bind("sort", [operand, iota], { axis, numKeys: 1, descending })[1]!;
}

/** The `k` largest entries along the last axis, descending, and their int32 indices (jax.lax.top_k). */
export function topK(x: ArrayOrScalar, k: number): [ArrayValue, ArrayValue] {
  checkArity("topK", arguments, 2);
  const a = asArray("topK", x);
  integer("topK", "k", k);
  if (a.ndim === 0) fail("topK", "expected an array of rank >= 1, got shape []");
  const n = a.shape[a.ndim - 1]!;
  if (!Number.isInteger(k) || k < 0 || k > n) {
    fail("topK", `k must be an integer in [0, ${n}] (the size of the last axis of shape [${a.shape.join(",")}]), got ${k}`);
  }
  const [values, indices] = bind("topK", [a], { k });
  return [values!, indices!];
}
