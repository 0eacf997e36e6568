/**
 * numpy's statistics with JAX's semantics: weighted `average`, `quantile`/`percentile` (JAX's
 * methods), `cov`, `corrcoef` and `countNonzero`. Results are floating point (integers become
 * float32) except countNonzero's int32 counts.
 */
import { fail } from "../errors.js";
import { bind1 } from "../interpreter.js";
import { ArrayValue, type ArrayOrScalar } from "../ndarray.js";
import { normalizeAxes, range, sizeOf } from "../shape.js";
import { anyValue, bool, checkArity, finite, oneOf, readOptions } from "../validate.js";
import { axisOption, isAxisLike, positional } from "./args.js";
import { add, divide, isnan, minimum, maximum, multiply, notEqual, sqrt, subtract, where } from "./elementwise.js";
import { broadcastTo, diagonal, expandDims, reshape, squeeze, transpose } from "./movement.js";
import { atleast2d } from "./manipulation.js";
import { matmul } from "./contract.js";
import { mean, sum, type AxisArgument, type ReduceOptions } from "./reductions.js";
import { checkOperand, promote, promoteToFloat, scalar } from "./promote.js";

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

/** How quantile picks between the two order statistics around a position (JAX's methods). */
export type QuantileMethod = "linear" | "lower" | "higher" | "midpoint" | "nearest";

/** Options of quantile and percentile. */
export interface QuantileOptions extends ReduceOptions {
  readonly method?: QuantileMethod;
}

/** x's reduced axes merged into one last axis and sorted along it, with the shape keepdims restores. */
function sortedLines(op: string, x: ArrayValue, axis: number | number[] | null | undefined): { lines: ArrayValue; keptShape: number[] } {
  const axes = normalizeAxes(op, axis, x.ndim);
  if (axes.some((i) => x.shape[i] === 0)) fail(op, `cannot take a quantile over an empty axis (shape ${shapeText(x.shape)}, axes [${axes.join(",")}])`);
  const kept = range(x.ndim).filter((i) => !axes.includes(i));
  const moved = transpose(x, [...kept, ...axes]);
  const lines = reshape(moved, [...kept.map((i) => x.shape[i]!), sizeOf(axes.map((i) => x.shape[i]!))]);
  const last = lines.ndim - 1;
  // A slice holding a NaN gives NaN (it sorts last, so make the whole slice NaN first).
  const hasNaN = bind1("reduceMax", [isnan(lines)], { axes: [last] });
  const clean = where(expandDims(hasNaN, -1), NaN, lines);
  const sorted = bind1("sort", [clean], { axis: last, numKeys: 1, descending: false });
  return { lines: sorted, keptShape: x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) };
}

function quantileOf(op: string, x: ArrayOrScalar, q: ArrayOrScalar, options: unknown, scale: number): ArrayValue {
  const o = readOptions(op, positional(options, "axis", isAxisLike), { axis: axisOption, keepdims: bool, method: oneOf(["linear", "lower", "higher", "midpoint", "nearest"] as const) });
  const [a, q0] = promoteToFloat(op, checkOperand(op, x, 0), checkOperand(op, q, 1));
  if (q0!.ndim > 1) fail(op, `q must be a scalar or 1-D, got shape ${shapeText(q0!.shape)}`);
  const qs = scale === 1 ? q0! : divide(q0!, scale);
  const { lines, keptShape } = sortedLines(op, a!, o.axis);
  const n = lines.shape[lines.ndim - 1]!;
  const position = multiply(qs, n - 1);
  const low = bind1("floor", [position], {});
  const highWeight = subtract(position, low);
  const index = (v: ArrayValue) => bind1("convert", [maximum(minimum(v, n - 1), 0)], { dtype: "int32" });
  // gather puts q's axis last (lines.shape[:-1] + q.shape); JAX puts it first.
  const pick = (i: ArrayValue): ArrayValue => {
    const g = bind1("gather", [lines, index(i)], { axis: lines.ndim - 1 });
    return qs.ndim === 0 ? g : transpose(g, [g.ndim - 1, ...range(g.ndim - 1)]);
  };
  const lowValue = pick(low);
  const highValue = pick(bind1("ceil", [position], {}));
  const weight = qs.ndim === 0 ? highWeight : reshape(highWeight, [qs.shape[0]!, ...Array(lowValue.ndim - 1).fill(1)]);
  const method = o.method ?? "linear";
  const result =
    method === "linear" ? add(multiply(lowValue, subtract(1, weight)), multiply(highValue, weight))
    : method === "lower" ? lowValue
    : method === "higher" ? highValue
    : method === "midpoint" ? multiply(add(lowValue, highValue), 0.5)
    : where(bind1("le", [broadcastTo(weight, lowValue.shape), scalar(0.5, weight.dtype)], {}), lowValue, highValue);
  return o.keepdims ? reshape(result, [...qs.shape, ...keptShape]) : result;
}

/**
 * The q-th quantiles (q in [0, 1], a scalar or 1-D) over `axis` (all by default): q's axis comes
 * first in the result. `method` "linear" (default) interpolates between order statistics;
 * "lower", "higher", "midpoint" and "nearest" as numpy. A slice holding NaN gives NaN.
 */
export function quantile(x: ArrayOrScalar, q: ArrayOrScalar, options?: AxisArgument<QuantileOptions>): ArrayValue {
  checkArity("quantile", arguments, 3);
  return quantileOf("quantile", x, q, options, 1);
}

/** The q-th percentiles (q in [0, 100]): quantile(x, q / 100) with the same options. */
export function percentile(x: ArrayOrScalar, q: ArrayOrScalar, options?: AxisArgument<QuantileOptions>): ArrayValue {
  checkArity("percentile", arguments, 3);
  return quantileOf("percentile", x, q, options, 100);
}

/** Options of cov: a second set of variables, the orientation, and the normalization. */
export interface CovOptions {
  /** More variables, joined after m's. */
  readonly y?: ArrayOrScalar | null;
  /** Each row a variable and each column an observation (default true); false transposes. */
  readonly rowvar?: boolean;
  /** Divide by N instead of N - 1 (ignored when ddof is given). */
  readonly bias?: boolean;
  /** Divide by N - ddof. */
  readonly ddof?: number | null;
}

/** The covariance matrix of the variables in m's rows (columns with rowvar false); one variable gives a scalar. */
export function cov(m: ArrayOrScalar, options?: CovOptions | null): ArrayValue {
  checkArity("cov", arguments, 2);
  return covariance("cov", m, options);
}

function covariance(op: string, m: ArrayOrScalar, options: unknown): ArrayValue {
  const o = readOptions(op, options, { y: anyValue, rowvar: bool, bias: bool, ddof: (p, n, v) => (v === null ? null : finite(p, n, v)) });
  const given = o.y === undefined || o.y === null ? [checkOperand(op, m, 0)] : [checkOperand(op, m, 0), checkOperand(op, o.y as unknown, 1)];
  const variables = promoteToFloat(op, ...given).map((v) => {
    if (v.ndim > 2) fail(op, `m and y must have rank <= 2, got shape ${shapeText(v.shape)}`);
    const rows = atleast2d(v);
    return o.rowvar === false && rows.shape[0] !== 1 ? transpose(rows, [1, 0]) : rows;
  });
  if (variables.length === 2 && variables[0]!.shape[1] !== variables[1]!.shape[1]) {
    fail(op, `m and y must have the same number of observations, got shapes ${shapeText(given[0] instanceof ArrayValue ? given[0].shape : [])} and ${shapeText(variables[1]!.shape)}`);
  }
  const X = variables.length === 1 ? variables[0]! : bind1("concatenate", variables, { axis: 0 });
  const ddof = o.ddof ?? (o.bias ? 0 : 1);
  const centered = subtract(X, mean(X, { axis: 1, keepdims: true }));
  const c = divide(matmul(centered, transpose(centered, [1, 0])), X.shape[1]! - ddof);
  return squeeze(c);
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

