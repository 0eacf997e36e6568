/**
 * Statistics of a sample (jax.scipy.stats.mode, rankdata, sem). mode and rankdata work on the
 * sorted sample: a run of equal values is a tie, and a value's first and last place in its run
 * give its count and its ranks. They only support JAX's `nanPolicy: "propagate"` (JAX raises for
 * "omit" and "raise" too: whether an array holds a NaN is not known while tracing).
 */
import { fail } from "../../../core/errors.js";
import * as lax from "../../../core/lax/index.js";
import { ArrayValue, type ArrayOrScalar } from "../../../core/ndarray.js";
import { singleAxisOption } from "../../../core/numpy/args.js";
import * as np from "../../../core/numpy/index.js";
import { checkOperand } from "../../../core/numpy/promote.js";
import { normalizeAxis } from "../../../core/shape.js";
import { bool, checkArity, finite, oneOf, readOptions } from "../../../core/validate.js";
import { floats } from "./promote.js";

/** How NaNs are treated: "propagate" (a NaN makes the result NaN); sem also takes "omit" (NaNs left out). */
export type NanPolicy = "propagate" | "omit";

/** Options of mode: the axis to reduce (default 0; null flattens), JAX's only NaN policy, and keepdims. */
export interface ModeOptions {
  readonly axis?: number | null;
  readonly nanPolicy?: "propagate";
  readonly keepdims?: boolean;
}

/** mode's result: the most common value along the axis (the smallest of equally common ones) and how often it occurs. */
export interface ModeResult {
  readonly mode: ArrayValue;
  readonly count: ArrayValue;
}

/** Options of rankdata: how ties are ranked (default "average"), the axis (default null: the flattened array), the NaN policy. */
export interface RankdataOptions {
  readonly method?: "average" | "min" | "max" | "dense" | "ordinal";
  readonly axis?: number | null;
  readonly nanPolicy?: "propagate";
}

/** Options of sem: the axis (default 0; null flattens), the degrees of freedom subtracted (default 1), the NaN policy, keepdims. */
export interface SemOptions {
  readonly axis?: number | null;
  readonly ddof?: number;
  readonly nanPolicy?: NanPolicy;
  readonly keepdims?: boolean;
}

/** JAX implements only "propagate" for mode and rankdata, and rejects "omit" and "raise" with a reason. */
function propagateOnly(op: string): (o: string, name: string, value: unknown) => "propagate" {
  return (_o, name, value) => {
    if (value === "propagate") return value;
    if (value === "omit" || value === "raise")
      fail(op, `${name} "${value}" is not supported (as in JAX: whether an array holds NaNs is not known under jit); only "propagate" is; check for NaNs outside the call`);
    return fail(op, `${name} must be "propagate", got ${JSON.stringify(value)}`);
  };
}

/** Ranks come back in JAX's default float dtype: float64 for a float64 sample (JAX's x64 mode), float32 otherwise. */
function rankDtype(a: ArrayValue): "float32" | "float64" {
  return a.dtype === "float64" ? "float64" : "float32";
}

/**
 * For x sorted along its last axis: the index of the first and of the last element of the run of
 * equal values (NaNs equal each other) that each element belongs to.
 */
function runBounds(sorted: ArrayValue): { first: ArrayValue; last: ArrayValue } {
  const n = sorted.shape[sorted.ndim - 1]!;
  const last = sorted.ndim - 1;
  const positions = np.broadcastTo(np.arange(n, { dtype: "int32" }), sorted.shape);
  const differs = (left: ArrayValue, right: ArrayValue): ArrayValue =>
    np.logicalAnd(np.notEqual(left, right), np.logicalNot(np.logicalAnd(np.isnan(left), np.isnan(right))));
  const edge = np.ones([...sorted.shape.slice(0, -1), 1], { dtype: "bool" });
  const head = lax.sliceInDim(sorted, 0, n - 1, 1, last);
  const tail = lax.sliceInDim(sorted, 1, n, 1, last);
  const startsRun = np.concatenate([edge, differs(tail, head)], last);
  const endsRun = np.concatenate([differs(tail, head), edge], last);
  return {
    first: lax.cummax(np.where(startsRun, positions, 0), last),
    last: lax.cummin(np.where(endsRun, positions, n - 1), last, true),
  };
}

/** The reduced shape of `shape` over `axis` (every axis when null). */
function reducedShape(shape: readonly number[], axis: number | null, keepdims: boolean): number[] {
  if (axis === null) return keepdims ? shape.map(() => 1) : [];
  return keepdims ? shape.map((d, i) => (i === axis ? 1 : d)) : shape.filter((_, i) => i !== axis);
}

/**
 * The most common value along `axis` (default 0; null: of the flattened array) and its count
 * (int32). Of equally common values the smallest wins; NaNs count as one value. An empty axis
 * gives NaN with count 0 (both float), as JAX.
 *
 * @example
 * import { np, scipy } from "tessera";
 * const { mode, count } = scipy.stats.mode(np.array([2, 4, 1, 1, 3, 4, 4, 2, 3]));
 * // mode 4, count 3 (int32)
 */
export function mode(a: ArrayOrScalar, options?: ModeOptions | null): ModeResult {
  const op = "scipy.stats.mode";
  checkArity(op, arguments, 2);
  const o = readOptions(op, options ?? {}, { axis: singleAxisOption, nanPolicy: propagateOnly(op), keepdims: bool });
  const x = np.atleast1d(checkOperand(op, a));
  const axis = o.axis === undefined ? 0 : o.axis === null ? null : normalizeAxis(op, o.axis, x.ndim);
  const outShape = reducedShape(x.shape, axis, o.keepdims ?? false);
  // Every sample along the last axis: [..., n].
  const samples = axis === null ? np.ravel(x) : np.moveaxis(x, axis, -1);
  const n = samples.shape[samples.ndim - 1]!;
  if (n === 0) {
    const dtype = rankDtype(x);
    return { mode: np.full(outShape, NaN, { dtype }), count: np.zeros(outShape, { dtype }) };
  }
  const last = samples.ndim - 1;
  const sorted = np.sort(samples, { axis: -1 });
  const { first, last: lastOfRun } = runBounds(sorted);
  const counts = np.add(np.subtract(lastOfRun, first), 1);
  // argmax takes the first maximum: the start of the run of the smallest most common value.
  const at = np.expandDims(np.argmax(counts, { axis: last }), last);
  const modes = np.squeeze(np.takeAlongAxis(sorted, at, last), last);
  const count = np.max(counts, { axis: last });
  return { mode: np.reshape(modes, outShape), count: np.reshape(count, outShape) };
}

const rankMethod = oneOf(["average", "min", "max", "dense", "ordinal"] as const);

/**
 * The ranks (from 1) of the data along `axis` (default null: the flattened array, and the result
 * is flat), ties ranked by `method`: "average" (default) the mean of the tied places, "min" and
 * "max" the lowest and highest, "dense" consecutive ranks for distinct values, "ordinal" the
 * order of appearance. A NaN makes its whole slice NaN. float32 (float64 for a float64 sample).
 *
 * @example
 * import { np, scipy } from "tessera";
 * scipy.stats.rankdata(np.array([1, 3, 2, 3])); // [1, 3.5, 2, 3.5]
 * scipy.stats.rankdata(np.array([1, 3, 2, 3]), { method: "min" }); // [1, 3, 2, 3]
 */
export function rankdata(a: ArrayOrScalar, options?: RankdataOptions | null): ArrayValue {
  const op = "scipy.stats.rankdata";
  checkArity(op, arguments, 2);
  const o = readOptions(op, options ?? {}, { method: rankMethod, axis: singleAxisOption, nanPolicy: propagateOnly(op) });
  const x = np.asarray(checkOperand(op, a));
  const method = o.method ?? "average";
  if (o.axis === undefined || o.axis === null) return ranksAlongLast(np.ravel(x), method);
  const axis = normalizeAxis(op, o.axis, x.ndim);
  return np.moveaxis(ranksAlongLast(np.moveaxis(x, axis, -1), method), -1, axis);
}

function ranksAlongLast(x: ArrayValue, method: NonNullable<RankdataOptions["method"]>): ArrayValue {
  const dtype = rankDtype(x);
  const last = x.ndim - 1;
  const n = x.shape[last]!;
  if (n === 0) return np.zeros(x.shape, { dtype });
  // A stable sort carrying each element's place, so "ordinal" ranks ties in order of appearance.
  const places = np.broadcastTo(np.arange(n, { dtype: "int32" }), x.shape);
  const [sorted, sorter] = lax.sort([x, places], { axis: last, numKeys: 1 }) as [ArrayValue, ArrayValue];
  const positions = np.astype(np.broadcastTo(np.arange(n, { dtype: "int32" }), x.shape), dtype);
  const { first, last: lastOfRun } = runBounds(sorted);
  const lowest = np.add(np.astype(first, dtype), 1);
  const highest = np.add(np.astype(lastOfRun, dtype), 1);
  const sortedRanks = {
    ordinal: () => np.add(positions, 1),
    min: () => lowest,
    max: () => highest,
    average: () => np.multiply(0.5, np.add(lowest, highest)),
    dense: () => {
      const startsRun = np.equal(np.astype(first, dtype), positions);
      return np.astype(np.cumsum(np.astype(startsRun, "int32"), { axis: last }), dtype);
    },
  }[method]();
  // Back to the original order: sort the ranks by the places they came from.
  const ranks = lax.sort([sorter, sortedRanks], { axis: last, numKeys: 1 })[1]!;
  const anyNan = np.any(np.isnan(x), { axis: last, keepdims: true });
  return np.where(anyNan, NaN, ranks);
}

const nanPolicyOfSem = (op: string, name: string, value: unknown): NanPolicy => {
  if (value === "propagate" || value === "omit") return value;
  return fail(op, `${name} must be "propagate" or "omit" (JAX supports no other), got ${JSON.stringify(value)}`);
};

/**
 * The standard error of the mean along `axis` (default 0; null: of the flattened array):
 * std with `ddof` (default 1) over √(count). With `nanPolicy: "omit"` NaNs are left out of both.
 * Integers become float32.
 *
 * @example
 * import { np, scipy } from "tessera";
 * scipy.stats.sem(np.array([2, 4, 1, 1, 3, 4, 4, 2, 3])); // 0.4082
 */
export function sem(a: ArrayOrScalar, options?: SemOptions | null): ArrayValue {
  const op = "scipy.stats.sem";
  checkArity(op, arguments, 2);
  const o = readOptions(op, options ?? {}, { axis: singleAxisOption, ddof: finite, nanPolicy: nanPolicyOfSem, keepdims: bool });
  const [x] = floats("sem", a) as [ArrayValue];
  const axis = o.axis === undefined ? 0 : o.axis === null ? null : normalizeAxis(op, o.axis, x.ndim);
  const reduce = { axis, ddof: o.ddof ?? 1, keepdims: o.keepdims ?? false };
  if ((o.nanPolicy ?? "propagate") === "omit") {
    const count = np.sum(np.logicalNot(np.isnan(x)), { axis, keepdims: reduce.keepdims });
    return np.divide(np.nanstd(x, reduce), np.sqrt(np.astype(count, x.dtype)));
  }
  const size = axis === null ? x.size : x.shape[axis]!;
  return np.divide(np.std(x, reduce), Math.sqrt(size));
}
