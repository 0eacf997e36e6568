/**
 * The `ops` namespace, as jax.ops: segment reductions. `segmentSum(data, ids, n)[k]` combines the
 * rows `data[i]` with `ids[i] == k` along data's leading axis; a segment no row falls in gets the
 * operation's identity (0, 1, the lowest value for max, the highest for min), and rows whose id
 * is negative or >= n are dropped (JAX's default "fill or drop" mode).
 *
 * segmentSum is a scatter-add, so its gradient is a gather of the output's cotangent. The others
 * compare every row with every segment (a [numSegments, rows] mask) and reduce: cost grows with
 * numSegments * data.size. Their gradients are the reductions', so ties in segmentMax and
 * segmentMin share the cotangent equally, as JAX's.
 */
import type { DType } from "./dtype.js";
import { describe, fail } from "./errors.js";
import { bind1 } from "./interpreter.js";
import { ArrayValue, NdArray, type ArrayOrScalar } from "./ndarray.js";
import { checkOperand, promote, scalar } from "./numpy/promote.js";
import { bool, checkArity, count, isPlainRecord, readOptions } from "./validate.js";
import * as np from "./numpy/index.js";

/** Options of the segment reductions. */
export interface SegmentOptions {
  /** The number of segments (the output's leading size); static. By default max(ids) + 1, which needs concrete ids. */
  readonly numSegments?: number | null;
  /** A promise that ids ascend. Accepted for JAX's signature; the result is correct either way, so it is not needed. */
  readonly indicesAreSorted?: boolean;
  /** A promise that no two rows share an id. Accepted for JAX's signature; the result is correct either way. */
  readonly uniqueIndices?: boolean;
}

type Monoid = "sum" | "prod" | "max" | "min";

/** The value a segment no row falls in gets. */
function identity(kind: Monoid, dtype: DType): number | boolean {
  if (kind === "sum") return 0;
  if (kind === "prod") return 1;
  const high = kind === "min";
  if (dtype === "bool") return high;
  if (dtype === "int32") return high ? 2 ** 31 - 1 : -(2 ** 31);
  if (dtype === "uint32") return high ? 2 ** 32 - 1 : 0;
  return high ? Infinity : -Infinity;
}

/** Checked data, ids and the number of segments. */
function readSegments(op: string, data: ArrayOrScalar, segmentIds: ArrayOrScalar, options: unknown, kind: Monoid) {
  const o = readOptions(op, isPlainRecord(options) || options === undefined || options === null ? options : { numSegments: options }, {
    numSegments: (p, n, v) => (v === null ? null : count(p, n, v)),
    indicesAreSorted: bool,
    uniqueIndices: bool,
  });
  const x = promote(op, checkOperand(op, data, 0))[0]!;
  checkOperand(op, segmentIds, 1);
  if (!(segmentIds instanceof ArrayValue)) fail(op, `segmentIds must be an integer array, got the JS value ${String(segmentIds)}`);
  const ids = segmentIds;
  if (x.ndim === 0) fail(op, `data must have a leading axis to segment, got ${describe(x)}`);
  if (ids.dtype !== "int32" && ids.dtype !== "uint32") fail(op, `segmentIds must be integers, got ${describe(ids)}`);
  if (ids.ndim !== 1 || ids.shape[0] !== x.shape[0]) fail(op, `segmentIds must be 1-D with one id per row of data, got ${describe(ids)} for data ${describe(x)}`);
  if (x.dtype === "bool" && (kind === "sum" || kind === "prod")) fail(op, `data of dtype bool has no ${kind}; convert it to a number dtype first (JAX rejects it too)`);
  const numSegments = o.numSegments ?? inferredCount(op, ids);
  return { x, ids: ids.dtype === "int32" ? ids : bind1("convert", [ids], { dtype: "int32" }), numSegments };
}

/** max(ids) + 1 of concrete ids (JAX's default), or an error asking for a static count. */
function inferredCount(op: string, ids: ArrayValue): number {
  if (!(ids instanceof NdArray)) fail(op, "segmentIds are traced, so the number of segments is unknown: pass numSegments (a static count)");
  const values = ids.toArray() as number[];
  if (values.length === 0) fail(op, "cannot infer the number of segments from empty segmentIds: pass numSegments");
  const n = Math.max(...values) + 1;
  if (n < 0) fail(op, `the largest segment id is ${n - 1}, so max(ids) + 1 = ${n} segments is negative: pass numSegments`);
  return n;
}

/** The segment reduction of `kind`. */
function segment(op: string, kind: Monoid, data: ArrayOrScalar, segmentIds: ArrayOrScalar, options: unknown): ArrayValue {
  const { x, ids, numSegments } = readSegments(op, data, segmentIds, options, kind);
  const rest = x.shape.slice(1);
  const inRange = np.logicalAnd(np.greaterEqual(ids, 0), np.less(ids, numSegments));
  if (kind === "sum") {
    // Dropped rows add zero at segment 0.
    const rowMask = np.reshape(inRange, [x.shape[0]!, ...rest.map(() => 1)]);
    const updates = np.where(rowMask, x, scalar(0, x.dtype));
    const zeros = np.broadcastTo(scalar(0, x.dtype), [numSegments, ...rest]);
    if (numSegments === 0) return zeros;
    return bind1("scatterAdd", [zeros, np.where(inRange, ids, 0), updates], { axis: 0 });
  }
  // belongs[k, i]: row i falls in segment k (out-of-range ids match no segment).
  const segmentsColumn = bind1("iota", [], { dtype: "int32", shape: [numSegments, 1], dimension: 0 });
  const belongs = np.equal(segmentsColumn, np.reshape(ids, [1, x.shape[0]!]));
  const mask = np.reshape(belongs, [numSegments, x.shape[0]!, ...rest.map(() => 1)]);
  const spread = np.where(mask, np.expandDims(x, 0), scalar(identity(kind, x.dtype), x.dtype));
  const prim = kind === "prod" ? "reduceProd" : kind === "max" ? "reduceMax" : "reduceMin";
  return bind1(prim, [spread], { axes: [1] });
}

/**
 * Sums the rows of `data` by segment: out[k] = the sum of data[i] over ids[i] == k, 0 for an
 * empty segment. `options` is `{numSegments}` or the count alone (JAX's positional form).
 *
 * @example
 * import { np, ops } from "tessera";
 * ops.segmentSum(np.array([1, 2, 3, 4]), np.array([0, 0, 2, 2], { dtype: "int32" }), 3); // [3, 0, 7]
 */
export function segmentSum(data: ArrayOrScalar, segmentIds: ArrayOrScalar, options?: SegmentOptions | number | null): ArrayValue {
  checkArity("ops.segmentSum", arguments, 3);
  return segment("ops.segmentSum", "sum", data, segmentIds, options);
}

/** Multiplies the rows of `data` by segment (1 for an empty segment); segmentSum's options. */
export function segmentProd(data: ArrayOrScalar, segmentIds: ArrayOrScalar, options?: SegmentOptions | number | null): ArrayValue {
  checkArity("ops.segmentProd", arguments, 3);
  return segment("ops.segmentProd", "prod", data, segmentIds, options);
}

/** The elementwise maximum of the rows of `data` by segment (the dtype's lowest value, -Infinity for floats, for an empty segment). */
export function segmentMax(data: ArrayOrScalar, segmentIds: ArrayOrScalar, options?: SegmentOptions | number | null): ArrayValue {
  checkArity("ops.segmentMax", arguments, 3);
  return segment("ops.segmentMax", "max", data, segmentIds, options);
}

/** The elementwise minimum of the rows of `data` by segment (the dtype's highest value, Infinity for floats, for an empty segment). */
export function segmentMin(data: ArrayOrScalar, segmentIds: ArrayOrScalar, options?: SegmentOptions | number | null): ArrayValue {
  checkArity("ops.segmentMin", arguments, 3);
  return segment("ops.segmentMin", "min", data, segmentIds, options);
}
