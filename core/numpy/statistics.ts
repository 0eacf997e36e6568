/**
 * numpy's statistics with JAX's semantics: weighted `average`, `quantile`/`percentile` (JAX's
 * methods), `cov`, `corrcoef` and `countNonzero`. Results are floating point (integers become
 * float32) except countNonzero's int32 counts.
 */
import { fail } from "../errors.js";
import { bind, bind1 } from "../interpreter.js";
import { ArrayValue, type ArrayOrScalar } from "../ndarray.js";
import { normalizeAxes, range, sizeOf } from "../shape.js";
import { anyValue, bool, checkArity, describeValue, finite, oneOf, readOptions } from "../validate.js";
import { isFloat, type DType } from "../dtype.js";
import { axisOption, dtypeOption, isAxisLike, positional } from "./args.js";
import { abs, add, divide, equal, isnan, less, logicalNot, logicalOr, minimum, maximum, multiply, notEqual, sqrt, subtract, where } from "./elementwise.js";
import { broadcastTo, diagonal, expandDims, reshape, squeeze, transpose } from "./movement.js";
import { atleast2d, takeAlongAxis } from "./manipulation.js";
import { matmul } from "./contract.js";
import { mean, sum, type AxisArgument, type ReduceOptions } from "./reductions.js";
import { cast, checkOperand, promote, promoteToFloat, scalar } from "./promote.js";

const shapeText = (shape: readonly number[]): string => `[${shape.join(",")}]`;

/** Options of average: reduced axes, weights (x's shape, or 1-D along a single axis), the weight sums too, keepdims. */
export interface AverageOptions extends ReduceOptions {
  readonly weights?: ArrayOrScalar | null;
  readonly returned?: boolean;
}

/**
 * The weighted mean `sum(x * w) / sum(w)` over `axis` (all by default); without weights, the
 * mean. With `returned`, also the sum of the weights (broadcast to the result's shape).
 */
export function average(x: ArrayOrScalar, options?: AxisArgument<AverageOptions>): ArrayValue | [ArrayValue, ArrayValue] {
  checkArity("average", arguments, 2);
  const o = readOptions("average", positional(options, "axis", isAxisLike), { axis: axisOption, keepdims: bool, weights: anyValue, returned: bool });
  const weights = o.weights === undefined || o.weights === null ? null : checkOperand("average", o.weights as unknown, 1);
  const [a, w0] = weights === null ? promoteToFloat("average", x) : promoteToFloat("average", x, weights);
  const axes = normalizeAxes("average", o.axis, a!.ndim);
  const reduce = { axis: axes, keepdims: o.keepdims ?? false };
  if (w0 === undefined) {
    const avg = mean(a!, reduce);
    const count = scalar(sizeOf(axes.map((i) => a!.shape[i]!)), a!.dtype);
    return o.returned ? [avg, broadcastTo(count, avg.shape)] : avg;
  }
  let w = w0;
  if (w.ndim !== a!.ndim || w.shape.some((d, i) => d !== a!.shape[i])) {
    if (axes.length !== 1 || o.axis === undefined || o.axis === null) {
      fail("average", `weights of shape ${shapeText(w.shape)} differ from x's shape ${shapeText(a!.shape)}; then give one axis and 1-D weights along it`);
    }
    const axis = axes[0]!;
    if (w.ndim !== 1 || w.shape[0] !== a!.shape[axis]) {
      fail("average", `1-D weights must have the length of axis ${axis} of x (shape ${shapeText(a!.shape)}), got shape ${shapeText(w.shape)}`);
    }
    w = bind1("broadcastInDim", [w], { shape: a!.shape, broadcastDimensions: [axis] });
  }
  const total = sum(w, reduce);
  const avg = divide(sum(multiply(a!, w), reduce), total);
  return o.returned ? [avg, broadcastTo(total, avg.shape)] : avg;
}

/**
 * How quantile picks between the two order statistics around a position (JAX's methods);
 * "inverted_cdf" takes the first order statistic whose cumulative weight reaches q of the total.
 */
export type QuantileMethod = "linear" | "lower" | "higher" | "midpoint" | "nearest" | "inverted_cdf";

/** Options of quantile and percentile (and their nan forms). */
export interface QuantileOptions extends ReduceOptions {
  readonly method?: QuantileMethod;
  /**
   * A weight per element (x's shape, or the shape of the reduced axes when `axis` is given);
   * only with method "inverted_cdf", as JAX. A negative or NaN weight makes its slice NaN.
   */
  readonly weights?: ArrayOrScalar | null;
}

/** x's reduced axes merged into one last axis (and weights alike), with the shape keepdims restores. */
function quantileLines(op: string, x: ArrayValue, weights: ArrayValue | null, axis: number | number[] | null | undefined) {
  const axes = normalizeAxes(op, axis, x.ndim);
  if (axes.some((i) => x.shape[i] === 0)) fail(op, `cannot take a quantile over an empty axis (shape ${shapeText(x.shape)}, axes [${axes.join(",")}])`);
  let w = weights;
  if (w !== null && (w.ndim !== x.ndim || w.shape.some((d, i) => d !== x.shape[i]))) {
    const reduced = axes.map((i) => x.shape[i]!);
    if (axis === undefined || axis === null) fail(op, `weights of shape ${shapeText(w.shape)} must have x's shape ${shapeText(x.shape)} when axis is absent`);
    if (w.ndim !== reduced.length || w.shape.some((d, i) => d !== reduced[i])) {
      fail(op, `weights of shape ${shapeText(w.shape)} must have x's shape ${shapeText(x.shape)} or the reduced axes' shape ${shapeText(reduced)}`);
    }
    w = bind1("broadcastInDim", [w], { shape: x.shape, broadcastDimensions: axes });
  }
  const kept = range(x.ndim).filter((i) => !axes.includes(i));
  const linesOf = (v: ArrayValue) => reshape(transpose(v, [...kept, ...axes]), [...kept.map((i) => x.shape[i]!), sizeOf(axes.map((i) => x.shape[i]!))]);
  return { lines: linesOf(x), weightLines: w === null ? null : linesOf(w), keptShape: x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) };
}

/** Sorts the lines (and their weights alongside) along the last axis; NaNs sort last. */
function sortLines(lines: ArrayValue, weights: ArrayValue | null): [ArrayValue, ArrayValue | null] {
  const params = { axis: lines.ndim - 1, numKeys: 1, descending: false };
  if (weights === null) return [bind1("sort", [lines], params), null];
  const [a, w] = bind("sort", [lines, weights], params);
  return [a!, w!];
}

/** lines[..., index] per line, for indices shaped [q..., ...lines.shape[:-1]] (q's axis first when q is 1-D). */
function pickPerLine(lines: ArrayValue, index: ArrayValue, qRank: number): ArrayValue {
  if (qRank === 0) return squeeze(takeAlongAxis(lines, expandDims(index, -1), -1), -1);
  const moved = transpose(index, [...range(1, index.ndim), 0]);
  const picked = takeAlongAxis(lines, moved, -1);
  return transpose(picked, [picked.ndim - 1, ...range(picked.ndim - 1)]);
}

/** q (scalar or 1-D) shaped to broadcast against a per-line array of rank `rank`, q's axis first. */
const qAgainst = (qs: ArrayValue, rank: number): ArrayValue => (qs.ndim === 0 ? qs : reshape(qs, [qs.shape[0]!, ...Array(rank).fill(1)]));

const toIndex = (v: ArrayValue): ArrayValue => bind1("convert", [v], { dtype: "int32" });

function quantileOf(op: string, x: ArrayOrScalar, q: ArrayOrScalar, options: unknown, scale: number, squashNaNs: boolean): ArrayValue {
  const o = readOptions(op, positional(options, "axis", isAxisLike), {
    axis: axisOption, keepdims: bool, method: oneOf(["linear", "lower", "higher", "midpoint", "nearest", "inverted_cdf"] as const), weights: anyValue,
  });
  const method = o.method ?? "linear";
  const given = o.weights === undefined || o.weights === null ? null : checkOperand(op, o.weights as unknown, 2);
  if (given !== null && method !== "inverted_cdf") fail(op, `method ${JSON.stringify(method)} does not support weights; only method "inverted_cdf" does (as in JAX)`);
  const [a0, q0] = promoteToFloat(op, checkOperand(op, x, 0), checkOperand(op, q, 1));
  const [a, w] = given === null ? [a0!, null] : promoteToFloat(op, a0!, given);
  if (q0!.ndim > 1) fail(op, `q must be a scalar or 1-D, got shape ${shapeText(q0!.shape)}`);
  const qs = cast(scale === 1 ? q0! : divide(q0!, scale), a!.dtype);
  const { lines: raw, weightLines, keptShape } = quantileLines(op, a!, w ?? null, o.axis);
  const last = raw.ndim - 1;
  const n = raw.shape[last]!;
  const nanData = isnan(raw);
  // Without squashing, a slice holding a NaN gives NaN: make the whole slice NaN before sorting.
  const anyNaN = bind1("reduceMax", [nanData], { axes: [last] });
  const [lines, weightsSorted] = sortLines(squashNaNs ? raw : where(expandDims(anyNaN, -1), NaN, raw), weightLines);
  const lineRank = lines.ndim - 1;
  // The count of usable elements per line (non-NaN ones when squashing; NaNs sorted last).
  const counts = squashNaNs ? sum(logicalNot(isnan(lines)), { axis: last, dtype: a!.dtype }) : scalar(n, a!.dtype);
  let result: ArrayValue;
  if (method === "inverted_cdf") {
    const weightValues = weightsSorted ?? broadcastTo(scalar(1, a!.dtype), lines.shape);
    const bad = logicalOr(less(weightValues, 0), isnan(weightValues));
    const clean = where(logicalOr(bad, isnan(lines)), 0, weightValues);
    const cumulative = bind1("cumsum", [clean], { axis: last, reverse: false });
    const total = squeeze(bind1("slice", [cumulative], { start: lines.shape.map((d, i) => (i === last ? d - 1 : 0)), limit: lines.shape, strides: lines.shape.map(() => 1) }), last);
    const target = multiply(qAgainst(qs, lineRank), total);
    const below = less(expandDims(cumulative, qs.ndim === 0 ? [] : [0]), expandDims(target, -1));
    const position = sum(below, { axis: -1, dtype: "int32" });
    const limit = subtract(toIndex(counts), 1);
    const index = maximum(minimum(position, limit), 0);
    const forceNaN = logicalOr(bind1("reduceMax", [bad], { axes: [last] }), squashNaNs ? equal(counts, 0) : anyNaN);
    result = where(forceNaN, NaN, pickPerLine(lines, index, qs.ndim));
  } else {
    const position = multiply(qAgainst(qs, lineRank), subtract(counts, 1));
    const low = bind1("floor", [position], {});
    const highWeight = subtract(position, low);
    const clampIndex = (v: ArrayValue) => toIndex(maximum(minimum(v, subtract(counts, 1)), 0));
    const pick = (v: ArrayValue) => pickPerLine(lines, broadcastTo(clampIndex(v), [...qs.shape, ...lines.shape.slice(0, -1)]), qs.ndim);
    const lowValue = pick(low);
    const highValue = pick(bind1("ceil", [position], {}));
    const weight = broadcastTo(highWeight, lowValue.shape);
    result =
      method === "linear" ? add(multiply(lowValue, subtract(1, weight)), multiply(highValue, weight))
      : method === "lower" ? lowValue
      : method === "higher" ? highValue
      : method === "midpoint" ? multiply(add(lowValue, highValue), 0.5)
      : where(bind1("le", [weight, scalar(0.5, weight.dtype)], {}), lowValue, highValue);
  }
  return o.keepdims ? reshape(result, [...qs.shape, ...keptShape]) : result;
}

/**
 * The q-th quantiles (q in [0, 1], a scalar or 1-D) over `axis` (all by default): q's axis comes
 * first in the result. `method` "linear" (default) interpolates between order statistics;
 * "lower", "higher", "midpoint", "nearest" and "inverted_cdf" (which alone takes `weights`) as
 * numpy. A slice holding NaN gives NaN.
 */
export function quantile(x: ArrayOrScalar, q: ArrayOrScalar, options?: AxisArgument<QuantileOptions>): ArrayValue {
  checkArity("quantile", arguments, 3);
  return quantileOf("quantile", x, q, options, 1, false);
}

/** The q-th percentiles (q in [0, 100]): quantile(x, q / 100) with the same options. */
export function percentile(x: ArrayOrScalar, q: ArrayOrScalar, options?: AxisArgument<QuantileOptions>): ArrayValue {
  checkArity("percentile", arguments, 3);
  return quantileOf("percentile", x, q, options, 100, false);
}

/** quantile ignoring NaN: each slice's quantile of its non-NaN elements (NaN when it has none). */
export function nanquantile(x: ArrayOrScalar, q: ArrayOrScalar, options?: AxisArgument<QuantileOptions>): ArrayValue {
  checkArity("nanquantile", arguments, 3);
  return quantileOf("nanquantile", x, q, options, 1, true);
}

/** percentile ignoring NaN: nanquantile(x, q / 100) with the same options. */
export function nanpercentile(x: ArrayOrScalar, q: ArrayOrScalar, options?: AxisArgument<QuantileOptions>): ArrayValue {
  checkArity("nanpercentile", arguments, 3);
  return quantileOf("nanpercentile", x, q, options, 100, true);
}

/** Median over `axis` ignoring NaN (NaN when a slice has no other value); ints give float32. */
export function nanmedian(x: ArrayOrScalar, options?: AxisArgument<ReduceOptions>): ArrayValue {
  checkArity("nanmedian", arguments, 2);
  const o = readOptions("nanmedian", positional(options, "axis", isAxisLike), { axis: axisOption, keepdims: bool });
  return quantileOf("nanmedian", x, 0.5, { ...o, method: "midpoint" }, 1, true);
}

/** Options of cov: a second set of variables, the orientation, the normalization and observation weights. */
export interface CovOptions {
  /** More variables, joined after m's. */
  readonly y?: ArrayOrScalar | null;
  /** Each row a variable and each column an observation (default true); false transposes. */
  readonly rowvar?: boolean;
  /** Divide by N instead of N - 1 (ignored when ddof is given). */
  readonly bias?: boolean;
  /** Divide by N - ddof. */
  readonly ddof?: number | null;
  /** Integer frequency weights, one per observation (how many times each was seen; absolute values, as JAX). */
  readonly fweights?: ArrayValue | null;
  /** Observation weights, one per observation (absolute values, as JAX). */
  readonly aweights?: ArrayOrScalar | null;
  /** The float dtype to compute in. */
  readonly dtype?: DType | null;
}

/**
 * The covariance matrix of the variables in m's rows (columns with rowvar false); one variable
 * gives a scalar. With weights, numpy's weighted estimate (the divisor uses both kinds of weight).
 */
export function cov(m: ArrayOrScalar, options?: CovOptions | null): ArrayValue {
  checkArity("cov", arguments, 2);
  return covariance("cov", m, options);
}

/** A 1-D weight per observation, or an error naming `op`. */
function observationWeights(op: string, name: string, value: unknown, observations: number): ArrayValue {
  const w = checkOperand(op, value, 1);
  if (!(w instanceof ArrayValue) || w.ndim !== 1 || w.shape[0] !== observations) {
    fail(op, `${name} must be 1-D with one weight per observation (${observations}), got ${w instanceof ArrayValue ? `shape ${shapeText(w.shape)}` : describeValue(w)}`);
  }
  return w;
}

function covariance(op: string, m: ArrayOrScalar, options: unknown): ArrayValue {
  const o = readOptions(op, options, {
    y: anyValue, rowvar: bool, bias: bool, ddof: (p, n, v) => (v === null ? null : finite(p, n, v)), fweights: anyValue, aweights: anyValue,
    dtype: (p, n, v) => (v === null ? null : dtypeOption(p, n, v)),
  });
  if (o.dtype !== undefined && o.dtype !== null && !isFloat(o.dtype)) fail(op, `dtype must be a float dtype, got ${o.dtype}`);
  const given = o.y === undefined || o.y === null ? [checkOperand(op, m, 0)] : [checkOperand(op, m, 0), checkOperand(op, o.y as unknown, 1)];
  const variables = promoteToFloat(op, ...given).map((v) => {
    if (v.ndim > 2) fail(op, `m and y must have rank <= 2, got shape ${shapeText(v.shape)}`);
    const rows = atleast2d(v);
    return o.rowvar === false && rows.shape[0] !== 1 ? transpose(rows, [1, 0]) : rows;
  });
  if (variables.length === 2 && variables[0]!.shape[1] !== variables[1]!.shape[1]) {
    fail(op, `m and y must have the same number of observations, got shapes ${shapeText(given[0] instanceof ArrayValue ? given[0].shape : [])} and ${shapeText(variables[1]!.shape)}`);
  }
  let X = variables.length === 1 ? variables[0]! : bind1("concatenate", variables, { axis: 0 });
  const [k, n] = X.shape as [number, number];
  const ddof = o.ddof ?? (o.bias ? 0 : 1);
  let w: ArrayValue | null = null;
  let aweights: ArrayValue | null = null;
  if (o.fweights !== undefined && o.fweights !== null) {
    const f = observationWeights(op, "fweights", o.fweights, n);
    if (f.dtype !== "int32" && f.dtype !== "uint32") fail(op, `fweights must be integers, got dtype ${f.dtype}`);
    w = abs(f);
  }
  if (o.aweights !== undefined && o.aweights !== null) {
    aweights = abs(observationWeights(op, "aweights", o.aweights, n));
    w = w === null ? aweights : multiply(w, aweights);
  }
  const dtype = o.dtype ?? X.dtype;
  X = cast(X, dtype);
  if (k === 0) return reshape(X, [0, 0]);
  if (n === 0) return broadcastTo(scalar(NaN, dtype), k === 1 ? [] : [k, k]);
  if (w === null) {
    const centered = subtract(X, mean(X, { axis: 1, keepdims: true }));
    return squeeze(divide(matmul(centered, transpose(centered, [1, 0])), n - ddof));
  }
  const weights = cast(w, dtype);
  const total = sum(weights);
  const centered = subtract(X, expandDims(divide(sum(multiply(X, weights), { axis: 1 }), total), 1));
  const divisor =
    ddof === 0 ? total
    : aweights === null ? subtract(total, ddof)
    // JAX forms w * aweights in the weights' own dtype (float32 weights stay float32 there).
    : subtract(total, divide(multiply(ddof, cast(sum(multiply(w, aweights)), dtype)), total));
  return squeeze(divide(matmul(centered, transpose(multiply(centered, weights), [1, 0])), divisor));
}

/** Options of corrcoef: a second set of variables and the orientation, as cov's. */
export interface CorrcoefOptions {
  readonly y?: ArrayOrScalar | null;
  readonly rowvar?: boolean;
}

/** Pearson correlation coefficients of the variables (cov normalized by the standard deviations, clipped to [-1, 1]). */
export function corrcoef(x: ArrayOrScalar, options?: CorrcoefOptions | null): ArrayValue {
  checkArity("corrcoef", arguments, 2);
  const o = readOptions("corrcoef", options, { y: anyValue, rowvar: bool });
  const c = covariance("corrcoef", x, o);
  if (c.ndim === 0) return divide(c, c);
  const std = sqrt(diagonal(c));
  const r = divide(divide(c, expandDims(std, 1)), expandDims(std, 0));
  return maximum(minimum(r, 1), -1);
}

/** The number of nonzero elements over `axis` (all by default), as int32. */
export function countNonzero(x: ArrayOrScalar, options?: AxisArgument<ReduceOptions>): ArrayValue {
  checkArity("countNonzero", arguments, 2);
  const o = readOptions("countNonzero", positional(options, "axis", isAxisLike), { axis: axisOption, keepdims: bool });
  const a = promote("countNonzero", checkOperand("countNonzero", x))[0]!;
  const nonzero = a.dtype === "bool" ? a : notEqual(a, 0);
  return sum(nonzero, { axis: o.axis ?? null, keepdims: o.keepdims ?? false });
}

