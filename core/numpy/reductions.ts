/**
 * numpy's reductions, scans and sorts in camelCase: `sum prod max min mean var std ptp all any
 * argmax argmin cumsum cumprod sort argsort median` and `topK`. Axes follow numpy (negative
 * counts from the end, `null`/absent means every axis); keepdims reshapes the result; dtypes follow
 * JAX (bool sums count as int32, integer means and variances are float32, integer sums wrap).
 * JAX's `where` mask, `initial` value and `dtype` options work where jax.numpy accepts them.
 */
import { isFloat, isInteger, type DType } from "../dtype.js";
import { fail } from "../errors.js";
import { bind, bind1 } from "../interpreter.js";
import { ArrayValue, type ArrayOrScalar } from "../ndarray.js";
import { broadcastShapes, normalizeAxes, normalizeAxis, sizeOf, type Shape } from "../shape.js";
import { bool, checkArity, describeValue, finite, integer, readOptions, type OptionCheck } from "../validate.js";
import { axisOption, dtypeOption, isAxisLike, positional, singleAxisOption } from "./args.js";
import { add, divide, greater, isnan, multiply, notEqual, sqrt, subtract, where } from "./elementwise.js";
import { isWeak } from "../aval.js";
import { cast, checkOperand, resultDtype, scalar } from "./promote.js";
import type { ArithmeticOf, DtypeFrom, FloatOf, OperandDtype } from "../static-dtype.js";

/** An options argument of a reduction: a record, or JAX's positional axis (`np.sum(x, 0)`, `np.sum(x, [0, 1])`); null means no options. */
export type AxisArgument<O> = O | number | readonly number[] | null;

/** Options of the reductions: which axes to reduce (all when absent or null) and whether to keep them as size 1. */
export interface ReduceOptions {
  axis?: number | readonly number[] | null;
  keepdims?: boolean;
}

/** A `where` mask: a bool array broadcastable to the operand's shape (or one JS boolean); false entries are left out. */
export type WhereMask = ArrayValue | boolean;

/** Options of max/min: also a `where` mask and an `initial` value folded into every result (needed with `where`). */
export interface ExtremumOptions extends ReduceOptions {
  initial?: number | boolean;
  where?: WhereMask;
}

/** Options of sum/prod: also the accumulation and result `dtype` (bool sums as int32 by default). */
export interface SumOptions extends ExtremumOptions {
  dtype?: DType;
}

/** Options of all/any: also a `where` mask (masked entries count as true for all, false for any). */
export interface LogicalOptions extends ReduceOptions {
  where?: WhereMask;
}

/** Options of mean: also a `where` mask and the computation and result `dtype` (float32 for integers by default). */
export interface MeanOptions extends LogicalOptions {
  dtype?: DType;
}

/**
 * Options of var and std: `correction` (or its older name `ddof`, not both) is subtracted from
 * the element count in the divisor; `mean` is a precomputed mean with the reduced axes kept.
 */
export interface VarianceOptions extends MeanOptions {
  ddof?: number;
  correction?: number;
  mean?: ArrayOrScalar;
}

/** Options of argmax/argmin: one axis (the flattened array when absent or null). */
export interface ArgOptions {
  axis?: number | null;
  keepdims?: boolean;
}

/** Options of cumsum/cumprod: one axis (the flattened array when absent or null) and the accumulation `dtype`. */
export interface ScanOptions {
  axis?: number | null;
  dtype?: DType;
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
  where?: ArrayValue;
  initial?: number | boolean;
  dtype?: DType;
}

/** A `where` mask: a bool array or one JS boolean (JAX rejects masks of other dtypes). */
const whereOption: OptionCheck<ArrayValue> = (op, name, value) => {
  if (typeof value === "boolean") return scalar(value, "bool");
  if (!(value instanceof ArrayValue) || value.dtype !== "bool") {
    return fail(op, `${name} must be a bool array (or true/false), got ${describeValue(value)}`);
  }
  value.assertLive(op);
  return value;
};

/** An `initial` value: a JS number or boolean (JAX requires a scalar). */
const initialOption: OptionCheck<number | boolean> = (op, name, value) => {
  if (typeof value !== "number" && typeof value !== "boolean") fail(op, `${name} must be a number or a boolean (a scalar), got ${describeValue(value)}`);
  return value as number | boolean;
};

const baseSpec = { axis: axisOption, keepdims: bool };

/** Reads a reduction's options (or positional axis) against `spec`; `null` and absent mean no options. */
function readReduce<S extends Record<string, OptionCheck<unknown>>>(op: string, options: unknown, spec: S = {} as S): ReadReduce {
  return readOptions(op, positional(options, "axis", isAxisLike), { ...baseSpec, ...spec }) as ReadReduce;
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

/** The value that leaves a monoid's result unchanged, in `dtype` (what masked-out entries become). */
function identity(prim: MonoidPrim, dtype: DType): number | boolean {
  const highest = dtype === "bool" ? true : dtype === "int32" ? 2 ** 31 - 1 : dtype === "uint32" ? 2 ** 32 - 1 : Infinity;
  const lowest = dtype === "bool" ? false : dtype === "int32" ? -(2 ** 31) : dtype === "uint32" ? 0 : -Infinity;
  return prim === "reduceSum" ? 0 : prim === "reduceProd" ? 1 : prim === "reduceMax" ? lowest : highest;
}

/** The binary operation of each monoid, for folding in `initial`. */
const combineOf = { reduceSum: "add", reduceProd: "mul", reduceMax: "max", reduceMin: "min" } as const;

/** `x` with the entries where `mask` is false replaced by `fill`; the mask must broadcast to x's shape. */
function masked(op: string, x: ArrayValue, mask: ArrayValue, fill: number | boolean): ArrayValue {
  const shape = broadcastShapes(op, mask.shape, x.shape);
  if (shape.length !== x.ndim || shape.some((d, i) => d !== x.shape[i])) {
    fail(op, `where mask of shape [${mask.shape.join(",")}] does not broadcast to the operand's shape [${x.shape.join(",")}]`);
  }
  return where(mask, x, scalar(fill, x.dtype));
}

/** Reduces with `prim` over the options' axes, leaving out masked entries and folding in `initial` (as JAX: after the reduction). */
function reduce(op: string, prim: MonoidPrim, x: ArrayValue, options: ReadReduce): ArrayValue {
  const axes = reducedAxes(op, options.axis, x.ndim);
  const operand = options.where === undefined ? x : masked(op, x, options.where, identity(prim, x.dtype));
  let r = bind1(prim, [operand], { axes });
  if (options.initial !== undefined) r = bind1(combineOf[prim], [scalar(options.initial, x.dtype), r], {});
  return restoreAxes(r, x.shape, axes, options.keepdims);
}

/** The number of elements each output element combines, as an array of `dtype` shaped like the reduction's result. */
function countArray(op: string, x: ArrayValue, axes: readonly number[], options: ReadReduce, dtype: DType): ArrayValue {
  if (options.where === undefined) return scalar(countOf(x.shape, axes), dtype);
  const ones = masked(op, bind1("broadcastInDim", [scalar(1, dtype)], { shape: x.shape, broadcastDimensions: [] }), options.where, 0);
  return restoreAxes(bind1("reduceSum", [ones], { axes }), x.shape, axes, options.keepdims);
}

/** x / y in their common dtype: true division for floats, truncating for integers (JAX's lax.div). */
function quotient(x: ArrayValue, y: ArrayValue): ArrayValue {
  return isInteger(x.dtype) ? bind1("div", [x, cast(y, x.dtype)], {}) : divide(x, cast(y, x.dtype));
}

/** A `dtype` for mean, var and std: any but bool (a bool mean has no meaning). */
function averageDtype(op: string, dtype: DType | undefined, input: DType): DType {
  if (dtype === "bool") fail(op, "dtype bool cannot hold an average; pass a float (or integer) dtype");
  return dtype ?? (isFloat(input) ? input : "float32");
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

const sumSpec = { dtype: dtypeOption, initial: initialOption, where: whereOption };
const extremumSpec = { initial: initialOption, where: whereOption };

/** sum or prod: the operand in the accumulation dtype (bools as int32 by default); a bool dtype reduces logically (JAX). */
function accumulate(op: "sum" | "prod", x: ArrayOrScalar, options: unknown): ArrayValue {
  const a = asArray(op, x);
  const o = readReduce(op, options, sumSpec);
  const dtype = o.dtype ?? (a.dtype === "bool" ? "int32" : a.dtype);
  const prim = dtype === "bool" ? (op === "sum" ? "reduceMax" : "reduceMin") : op === "sum" ? "reduceSum" : "reduceProd";
  return reduce(op, prim, cast(a, dtype), o);
}

/** Sum over `axis` (all axes by default); bools count as int32; integer sums wrap at 32 bits. `where` leaves entries out, `initial` is added. */
export function sum<X extends ArrayOrScalar, O extends AxisArgument<SumOptions> | undefined = undefined>(x: X, options?: O): ArrayValue<DtypeFrom<O, ArithmeticOf<OperandDtype<X>>>>;
export function sum(x: ArrayOrScalar, options?: AxisArgument<SumOptions>): ArrayValue {
  checkArity("sum", arguments, 2);
  return accumulate("sum", x, options);
}

/** Product over `axis`; bools become int32. `where` leaves entries out, `initial` multiplies in. */
export function prod<X extends ArrayOrScalar, O extends AxisArgument<SumOptions> | undefined = undefined>(x: X, options?: O): ArrayValue<DtypeFrom<O, ArithmeticOf<OperandDtype<X>>>>;
export function prod(x: ArrayOrScalar, options?: AxisArgument<SumOptions>): ArrayValue {
  checkArity("prod", arguments, 2);
  return accumulate("prod", x, options);
}

/** max or min: a mask needs `initial` (no identity to fill with), and so does an empty reduction, as in JAX. */
function extremum(op: "max" | "min", x: ArrayOrScalar, options: unknown): ArrayValue {
  const a = asArray(op, x);
  const o = readReduce(op, options, extremumSpec);
  if (o.where !== undefined && o.initial === undefined) {
    fail(op, "a where mask needs an initial value: max and min have no identity to give the masked-out entries (JAX raises too)");
  }
  if (o.initial === undefined) checkNotEmpty(op, a, reducedAxes(op, o.axis, a.ndim));
  return reduce(op, op === "max" ? "reduceMax" : "reduceMin", a, o);
}

/** Maximum over `axis` (NaN propagates; "any" for bools); an empty reduction needs `initial`, as numpy. */
export function max<X extends ArrayOrScalar>(x: X, options?: AxisArgument<ExtremumOptions>): ArrayValue<OperandDtype<X>>;
export function max(x: ArrayOrScalar, options?: AxisArgument<ExtremumOptions>): ArrayValue {
  checkArity("max", arguments, 2);
  return extremum("max", x, options);
}

/** Minimum over `axis` (NaN propagates; "all" for bools); an empty reduction needs `initial`, as numpy. */
export function min<X extends ArrayOrScalar>(x: X, options?: AxisArgument<ExtremumOptions>): ArrayValue<OperandDtype<X>>;
export function min(x: ArrayOrScalar, options?: AxisArgument<ExtremumOptions>): ArrayValue {
  checkArity("min", arguments, 2);
  return extremum("min", x, options);
}

/** Alias of max. */
export const amax = max;
/** Alias of min. */
export const amin = min;

/** Range (max - min) over `axis`. */
export function ptp<X extends ArrayOrScalar>(x: X, options?: AxisArgument<ReduceOptions>): ArrayValue<OperandDtype<X>>;
export function ptp(x: ArrayOrScalar, options?: AxisArgument<ReduceOptions>): ArrayValue {
  checkArity("ptp", arguments, 2);
  const a = asArray("ptp", x);
  if (a.dtype === "bool") fail("ptp", "numpy's ptp does not accept bool arrays (max - min of bools is undefined); convert to int32 first");
  const o = readReduce("ptp", options);
  checkNotEmpty("ptp", a, reducedAxes("ptp", o.axis, a.ndim));
  return subtract(reduce("ptp", "reduceMax", a, o), reduce("ptp", "reduceMin", a, o));
}

/** True when every element along `axis` is nonzero (NaN counts as nonzero); true for an empty axis. `where` leaves entries out. */
export function all(x: ArrayOrScalar, options?: AxisArgument<LogicalOptions>): ArrayValue<"bool">;
export function all(x: ArrayOrScalar, options?: AxisArgument<LogicalOptions>): ArrayValue {
  checkArity("all", arguments, 2);
  const a = asArray("all", x);
  return reduce("all", "reduceMin", a.dtype === "bool" ? a : notEqual(a, 0), readReduce("all", options, { where: whereOption }));
}

/** True when some element along `axis` is nonzero (NaN counts as nonzero); false for an empty axis. `where` leaves entries out. */
export function any(x: ArrayOrScalar, options?: AxisArgument<LogicalOptions>): ArrayValue<"bool">;
export function any(x: ArrayOrScalar, options?: AxisArgument<LogicalOptions>): ArrayValue {
  checkArity("any", arguments, 2);
  const a = asArray("any", x);
  return reduce("any", "reduceMax", a.dtype === "bool" ? a : notEqual(a, 0), readReduce("any", options, { where: whereOption }));
}

/**
 * Arithmetic mean over `axis`; integers and bools average as float32 (JAX). NaN for an empty axis
 * (or one `where` masks out entirely). An integer `dtype` divides with truncation, as JAX.
 */
export function mean<X extends ArrayOrScalar, O extends AxisArgument<MeanOptions> | undefined = undefined>(x: X, options?: O): ArrayValue<DtypeFrom<O, FloatOf<OperandDtype<X>>>>;
export function mean(x: ArrayOrScalar, options?: AxisArgument<MeanOptions>): ArrayValue {
  checkArity("mean", arguments, 2);
  const a = asArray("mean", x);
  const o = readReduce("mean", options, { dtype: dtypeOption, where: whereOption });
  const f = cast(a, averageDtype("mean", o.dtype, a.dtype));
  const axes = reducedAxes("mean", o.axis, f.ndim);
  return quotient(reduce("mean", "reduceSum", f, o), countArray("mean", f, axes, o, f.dtype));
}

function variance<X extends ArrayOrScalar, O extends AxisArgument<VarianceOptions> | undefined = undefined>(x: X, options?: O): ArrayValue<DtypeFrom<O, FloatOf<OperandDtype<X>>>>;
function variance(x: ArrayOrScalar, options?: AxisArgument<VarianceOptions>): ArrayValue {
  checkArity("var", arguments, 2);
  return varianceOf("var", x, options);
}
/**
 * Variance over `axis`: mean squared deviation, divided by `count - correction` (default 0;
 * `ddof` is its older name); NaN where that divisor is not positive, as JAX.
 */
export { variance as var };

/** Standard deviation over `axis`: the square root of `var` with the same options. */
export function std<X extends ArrayOrScalar, O extends AxisArgument<VarianceOptions> | undefined = undefined>(x: X, options?: O): ArrayValue<DtypeFrom<O, FloatOf<OperandDtype<X>>>>;
export function std(x: ArrayOrScalar, options?: AxisArgument<VarianceOptions>): ArrayValue {
  checkArity("std", arguments, 2);
  return sqrt(varianceOf("std", x, options));
}

/** A precomputed mean for var/std: an array or a JS number. */
const meanOption: OptionCheck<ArrayOrScalar> = (op, name, value) => {
  if (typeof value === "number") return value;
  if (!(value instanceof ArrayValue)) return fail(op, `${name} must be an array or a number, got ${describeValue(value)}`);
  value.assertLive(op);
  return value;
};

function varianceOf(op: string, x: ArrayOrScalar, options: unknown): ArrayValue {
  const a = asArray(op, x);
  const spec = { dtype: dtypeOption, where: whereOption, ddof: finite, correction: finite, mean: meanOption };
  const o = readReduce(op, options, spec) as ReadReduce & { ddof?: number; correction?: number; mean?: ArrayOrScalar };
  if (o.ddof !== undefined && o.correction !== undefined) {
    fail(op, `ddof and correction can't be provided simultaneously (got ddof ${o.ddof} and correction ${o.correction}); correction is the newer name of ddof`);
  }
  if (op === "std" && o.dtype !== undefined && !isFloat(o.dtype)) fail(op, `dtype must be a float dtype (a square root is not an integer), got ${o.dtype}`);
  const f = cast(a, averageDtype(op, o.dtype, a.dtype));
  const axes = reducedAxes(op, o.axis, f.ndim);
  const center = o.mean === undefined ? mean(f, { axis: axes, keepdims: true, dtype: f.dtype, ...(o.where === undefined ? {} : { where: o.where }) }) : o.mean;
  const centered = subtract(f, center instanceof ArrayValue ? cast(center, f.dtype) : scalar(center, f.dtype));
  const squares = reduce(op, "reduceSum", multiply(centered, centered), o);
  const divisor = subtract(countArray(op, f, axes, o, f.dtype), scalar(o.correction ?? o.ddof ?? 0, f.dtype));
  const result = quotient(squares, divisor);
  // JAX gives NaN (not inf) once the correction uses up every element; the NaN makes an integer dtype's variance float32, as in JAX.
  return where(greater(divisor, 0), result, NaN);
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
export function argmax(x: ArrayOrScalar, options?: ArgOptions | number | null): ArrayValue<"int32">;
export function argmax(x: ArrayOrScalar, options?: ArgOptions | number | null): ArrayValue {
  checkArity("argmax", arguments, 2);
  return argReduce("argmax", x, options);
}

/** Index (int32) of the first minimum along `axis` (of the flattened array by default); NaN counts as the minimum. */
export function argmin(x: ArrayOrScalar, options?: ArgOptions | number | null): ArrayValue<"int32">;
export function argmin(x: ArrayOrScalar, options?: ArgOptions | number | null): ArrayValue {
  checkArity("argmin", arguments, 2);
  return argReduce("argmin", x, options);
}

// ---------------------------------------------------------------------------------------------
// scans

function scan(op: "cumsum" | "cumprod", x: ArrayOrScalar, options: unknown): ArrayValue {
  const a = asArray(op, x);
  const o = readOptions(op, positional(options, "axis", isAxisLike), { axis: singleAxisOption, dtype: dtypeOption });
  // A bool result accumulates the nonzero flags as int32 (so -1 and 1 cannot cancel), then converts back (JAX).
  const computation = o.dtype === "bool" || (o.dtype === undefined && a.dtype === "bool") ? "int32" : (o.dtype ?? a.dtype);
  const flags = o.dtype === "bool" && a.dtype !== "bool" ? notEqual(a, 0) : a;
  const { operand, axis } = singleAxis(op, cast(flags, computation), o.axis);
  return cast(bind1(op, [operand], { axis, reverse: false }), o.dtype ?? computation);
}

/** Running sum along `axis` (of the flattened array by default); bools count as int32; `dtype` sets the accumulation dtype. */
export function cumsum<X extends ArrayOrScalar, O extends ScanOptions | number | null | undefined = undefined>(x: X, options?: O): ArrayValue<DtypeFrom<O, ArithmeticOf<OperandDtype<X>>>>;
export function cumsum(x: ArrayOrScalar, options?: ScanOptions | number | null): ArrayValue {
  checkArity("cumsum", arguments, 2);
  return scan("cumsum", x, options);
}

/** Running product along `axis` (of the flattened array by default); bools become int32; `dtype` sets the accumulation dtype. */
export function cumprod<X extends ArrayOrScalar, O extends ScanOptions | number | null | undefined = undefined>(x: X, options?: O): ArrayValue<DtypeFrom<O, ArithmeticOf<OperandDtype<X>>>>;
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
export function sort<X extends ArrayOrScalar>(x: X, options?: SortOptions | number | null): ArrayValue<OperandDtype<X>>;
export function sort(x: ArrayOrScalar, options?: SortOptions | number | null): ArrayValue {
  checkArity("sort", arguments, 2);
  const { operand, axis, descending } = sortAxis("sort", asArray("sort", x), options);
  return bind1("sort", [operand], { axis, numKeys: 1, descending });
}

/** The int32 indices that sort `x` along `axis` (stable: equal elements keep their order, also when descending). */
export function argsort(x: ArrayOrScalar, options?: SortOptions | number | null): ArrayValue<"int32">;
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
