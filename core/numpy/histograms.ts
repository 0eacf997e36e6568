/**
 * Binning and lookup in sorted arrays: `searchsorted`, `bincount`, `histogram`, `interp`.
 * Shapes are static (bincount's `length` and histogram's bin count are given, or read from a
 * concrete array), so each works under jit and vmap; searchsorted compares every pair (JAX's
 * "compare_all" method), which is exact and keeps to elementwise primitives and one reduction.
 */
import { type DType } from "../dtype.js";
import { fail } from "../errors.js";
import { bind, bind1 } from "../interpreter.js";
import { ArrayValue, NdArray, type ArrayOrScalar } from "../ndarray.js";
import { anyValue, bool, checkArity, count, describeValue, finite, listOf, oneOf, readOptions } from "../validate.js";
import { add, divide, equal, isnan, less, logicalAnd, logicalNot, logicalOr, maximum, minimum, multiply, remainder, subtract, where } from "./elementwise.js";
import { broadcastTo, concatenate, expandDims, ravel, reshape } from "./movement.js";
import { max, min, sum } from "./reductions.js";
import { cast, checkOperand, promote, promoteToFloat, scalar } from "./promote.js";

const shapeText = (shape: readonly number[]): string => `[${shape.join(",")}]`;

/** `x[start:limit]` of a 1-D array. */
const slice1 = (x: ArrayValue, start: number, limit: number): ArrayValue => bind1("slice", [x], { start: [start], limit: [limit], strides: [1] });
/** Elements of a 1-D array at traced int32 indices (which must be in range). */
const gather1 = (x: ArrayValue, indices: ArrayValue): ArrayValue => bind1("gather", [x, indices], { axis: 0 });

/** p < q in sort order: NaN after every number (as numpy's and JAX's sorts). */
function sortLess(p: ArrayValue, q: ArrayValue): ArrayValue {
  return logicalOr(less(p, q), logicalAnd(isnan(q), logicalNot(isnan(p))));
}

/** Options of searchsorted: insert before equal elements ("left", default) or after them ("right"). */
export interface SearchsortedOptions {
  readonly side?: "left" | "right";
}

/**
 * The int32 indices where the elements of v would be inserted into the sorted 1-D array a to
 * keep it sorted (NaN sorts last); the result has v's shape.
 */
export function searchsorted(a: ArrayOrScalar, v: ArrayOrScalar, options?: SearchsortedOptions | "left" | "right" | null): ArrayValue<"int32">;
export function searchsorted(a: ArrayOrScalar, v: ArrayOrScalar, options?: SearchsortedOptions | "left" | "right" | null): ArrayValue {
  checkArity("searchsorted", arguments, 3);
  const o = readOptions("searchsorted", typeof options === "string" ? { side: options } : options, { side: oneOf(["left", "right"] as const) });
  const [sorted, values] = promote("searchsorted", checkOperand("searchsorted", a, 0), checkOperand("searchsorted", v, 1));
  if (sorted!.ndim !== 1) fail("searchsorted", `a must be 1-D, got shape ${shapeText(sorted!.shape)}`);
  const column = expandDims(values!, -1);
  // left: how many elements sort before v; right: how many do not sort after it.
  const before = o.side === "right" ? logicalNot(sortLess(column, sorted!)) : sortLess(sorted!, column);
  return sum(before, { axis: -1 });
}

/** Options of bincount: per-element weights, a minimum length, and the static output length. */
export interface BincountOptions {
  readonly weights?: ArrayOrScalar | null;
  readonly minlength?: number;
  /** The output length; required under jit (a traced x has no known maximum). */
  readonly length?: number | null;
}

/** The output length bincount reads from a concrete x: max(x) + 1, at least minlength. */
function concreteLength(op: string, x: ArrayValue, minlength: number): number {
  if (!(x instanceof NdArray)) fail(op, `x is traced, so its maximum is unknown: pass a static length option (JAX's length=) to fix the output size`);
  const values = ravel(x).toArray() as number[];
  return Math.max(minlength, values.length === 0 ? 0 : Math.max(0, ...values.map(Number)) + 1);
}

/**
 * Counts of each value 0, 1, ..., length - 1 in the non-negative integer array x (weighted sums
 * with `weights`). As JAX: negative values count as 0, values >= length are dropped.
 */
export function bincount(x: ArrayOrScalar, options?: BincountOptions | null): ArrayValue {
  checkArity("bincount", arguments, 2);
  const o = readOptions("bincount", options, { weights: anyValue, minlength: count, length: (op, n, v) => (v === null ? null : count(op, n, v)) });
  let a = promote("bincount", checkOperand("bincount", x))[0]!;
  if (a.dtype === "bool") a = cast(a, "int32");
  if (a.dtype !== "int32" && a.dtype !== "uint32") fail("bincount", `x must hold integers, got dtype ${a.dtype}`);
  if (a.ndim !== 1) fail("bincount", `x must be 1-D, got shape ${shapeText(a.shape)}`);
  const length = o.length ?? concreteLength("bincount", a, o.minlength ?? 0);
  let weights: ArrayValue = scalar(1, "int32");
  if (o.weights !== undefined && o.weights !== null) {
    weights = promote("bincount", checkOperand("bincount", o.weights as unknown, 1))[0]!;
    if (weights.ndim !== 1 || weights.shape[0] !== a.shape[0]) fail("bincount", `weights must have x's shape ${shapeText(a.shape)}, got ${shapeText(weights.shape)}`);
  }
  return countInto(a, broadcastTo(weights, a.shape), length);
}

/** Sums `weights` into `length` bins by index (clipped below at 0; indices >= length go nowhere). */
function countInto(indices: ArrayValue, weights: ArrayValue, length: number): ArrayValue {
  const signed = cast(indices, "int32");
  // One spare bin catches everything out of range, and is cut off afterwards.
  const target = minimum(maximum(signed, 0), length);
  const bins = broadcastTo(scalar(0, weights.dtype), [length + 1]);
  return slice1(bind1("scatterAdd", [bins, target, weights], { axis: 0 }), 0, length);
}

/** Options of histogram. */
export interface HistogramOptions {
  /** The number of equal-width bins (default 10), or the bin edges as a 1-D array or list. */
  readonly bins?: number | ArrayOrScalar | readonly number[];
  /** The lower and upper edge for equal-width bins (default: x's minimum and maximum). */
  readonly range?: readonly [number, number] | null;
  readonly weights?: ArrayOrScalar | null;
  /** Normalize so that the histogram integrates to 1. */
  readonly density?: boolean | null;
}

/** `num` equal steps from start to stop inclusive, computed as JAX's linspace does (start * (1 - t) + stop * t). */
function edgesBetween(start: ArrayValue, stop: ArrayValue, bins: number, dtype: DType): ArrayValue {
  const t = divide(bind1("iota", [], { dtype, shape: [bins], dimension: 0 }), scalar(bins, dtype));
  const inner = add(multiply(start, subtract(1, t)), multiply(stop, t));
  return concatenate([inner, reshape(stop, [1])], 0);
}

/**
 * Counts (or summed weights) of x's elements in each bin, and the bin edges: `[counts, edges]`.
 * Each bin is half-open [edge_i, edge_i+1) except the last, which includes its right edge;
 * values outside the edges are not counted. Counts are floating point, as JAX.
 */
export function histogram(x: ArrayOrScalar, options?: HistogramOptions | number | null): [ArrayValue, ArrayValue] {
  checkArity("histogram", arguments, 2);
  const o = readOptions("histogram", typeof options === "number" ? { bins: options } : options, {
    bins: anyValue,
    range: (op, n, v) => (v === null ? null : listOf(finite, { min: 2, max: 2 })(op, n, v)),
    weights: anyValue,
    density: (op, n, v) => (v === null ? null : bool(op, n, v)),
  });
  const w0 = o.weights === undefined || o.weights === null ? null : checkOperand("histogram", o.weights as unknown, 1);
  const [a, w1] = w0 === null ? promoteToFloat("histogram", checkOperand("histogram", x)) : promoteToFloat("histogram", checkOperand("histogram", x), w0);
  if (w1 !== undefined && (w1.ndim !== a!.ndim || w1.shape.some((d, i) => d !== a!.shape[i]))) {
    fail("histogram", `weights must have x's shape ${shapeText(a!.shape)}, got ${shapeText(w1.shape)}`);
  }
  const values = ravel(a!);
  const weights = w1 === undefined ? broadcastTo(scalar(1, values.dtype), values.shape) : ravel(w1);
  const dtype = values.dtype;
  let edges: ArrayValue;
  const bins = o.bins ?? 10;
  if (typeof bins === "number") {
    if (!Number.isSafeInteger(bins) || bins < 1) fail("histogram", `bins must be a positive integer or an array of edges, got ${describeValue(bins)}`);
    if (o.range === undefined || o.range === null) {
      if (values.size === 0) fail("histogram", "x is empty, so there is no data range for the bins: pass a range option");
    } else if (!(o.range[0] <= o.range[1])) {
      fail("histogram", `range must be [low, high] with low <= high, got ${describeValue(o.range)}`);
    }
    let low = o.range ? scalar(o.range[0], dtype) : min(values);
    let high = o.range ? scalar(o.range[1], dtype) : max(values);
    const flat = equal(low, high);
    [low, high] = [where(flat, subtract(low, 0.5), low), where(flat, add(high, 0.5), high)];
    edges = edgesBetween(low, high, bins, dtype);
  } else {
    edges = promote("histogram", checkOperand("histogram", bins as unknown, 1))[0]!;
    if (edges.ndim !== 1 || edges.shape[0]! < 2) fail("histogram", `bin edges must be a 1-D array of at least 2 edges, got shape ${shapeText(edges.shape)}`);
    edges = cast(edges, dtype);
  }
  const numEdges = edges.shape[0]!;
  const last = reshape(slice1(edges, numEdges - 1, numEdges), []);
  // searchsorted "right" gives bin i + 1 for edge_i <= v < edge_i+1; the right edge joins the last bin.
  const index = where(equal(values, last), numEdges - 1, searchsorted(edges, values, "right"));
  let counts = slice1(countInto(index, weights, numEdges + 1), 1, numEdges);
  if (o.density) counts = divide(divide(counts, subtract(slice1(edges, 1, numEdges), slice1(edges, 0, numEdges - 1))), sum(counts));
  return [counts, edges];
}

/** Options of interp: values left and right of the data (default: the end values), and an optional period of x. */
export interface InterpOptions {
  readonly left?: ArrayOrScalar | null;
  readonly right?: ArrayOrScalar | null;
  readonly period?: number | null;
}

/**
 * Piecewise-linear interpolation of the points (xp, fp) at x, xp increasing (or, with `period`,
 * any order, x and xp taken modulo the period). Differentiable in x, xp and fp.
 */
export function interp(x: ArrayOrScalar, xp: ArrayOrScalar, fp: ArrayOrScalar, options?: InterpOptions | null): ArrayValue {
  checkArity("interp", arguments, 4);
  const o = readOptions("interp", options, { left: anyValue, right: anyValue, period: (op, n, v) => (v === null ? null : finite(op, n, v)) });
  let [at, xs, fs] = promoteToFloat("interp", checkOperand("interp", x, 0), checkOperand("interp", xp, 1), checkOperand("interp", fp, 2));
  if (xs!.ndim !== 1 || fs!.ndim !== 1 || xs!.shape[0] !== fs!.shape[0] || xs!.shape[0] === 0) {
    fail("interp", `xp and fp must be 1-D of one non-zero length, got shapes ${shapeText(xs!.shape)} and ${shapeText(fs!.shape)}`);
  }
  if (o.period !== undefined && o.period !== null) {
    if (o.period === 0) fail("interp", "period must be nonzero");
    const period = Math.abs(o.period);
    at = remainder(at!, period);
    const [sortedX, sortedF] = sortTogether(remainder(xs!, period), fs!);
    const n = sortedX.shape[0]!;
    xs = concatenate([subtract(slice1(sortedX, n - 1, n), period), sortedX, add(slice1(sortedX, 0, 1), period)], 0);
    fs = concatenate([slice1(sortedF, n - 1, n), sortedF, slice1(sortedF, 0, 1)], 0);
  }
  const n = xs!.shape[0]!;
  if (n === 1) return broadcastTo(reshape(fs!, []), at!.shape);
  const dx = subtract(slice1(xs!, 1, n), slice1(xs!, 0, n - 1));
  const df = subtract(slice1(fs!, 1, n), slice1(fs!, 0, n - 1));
  const i = minimum(maximum(searchsorted(xs!, at!, "right"), 1), n - 1);
  const before = subtract(i, 1);
  const delta = subtract(at!, gather1(xs!, before));
  const step = gather1(dx, before);
  // A (near-)zero step would divide by zero, and its NaN would reach the gradients: take fp there.
  const tiny = at!.dtype === "float64" ? 2 ** -104 : 2 ** -46;
  const flat = bind1("le", [bind1("abs", [step], {}), scalar(tiny, at!.dtype)], {});
  const inside = where(flat, gather1(fs!, before), add(gather1(fs!, before), multiply(divide(delta, where(flat, 1, step)), gather1(df, before))));
  if (o.period !== undefined && o.period !== null) return inside;
  const edgeValue = (value: unknown, index: number, position: number): ArrayValue =>
    value === undefined || value === null ? reshape(slice1(fs!, index, index + 1), []) : promote("interp", checkOperand("interp", value, position), at!)[0]!;
  const below = where(less(at!, reshape(slice1(xs!, 0, 1), [])), edgeValue(o.left, 0, 3), inside);
  return where(less(reshape(slice1(xs!, n - 1, n), []), at!), edgeValue(o.right, n - 1, 3), below);
}

/** Sorts xs along its only axis, carrying fs along. */
function sortTogether(xs: ArrayValue, fs: ArrayValue): [ArrayValue, ArrayValue] {
  const [sortedX, sortedF] = bind("sort", [xs, fs], { axis: 0, numKeys: 1, descending: false });
  return [sortedX!, sortedF!];
}
