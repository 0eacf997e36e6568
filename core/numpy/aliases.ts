/**
 * Other names JAX exports for functions tessera already has: numpy 2's array-API names (`acos`
 * is `arccos`, `pow` is `power`, `concat` is `concatenate`, ...) and numpy's older spellings
 * (`around`, `rollaxis`). Where JAX's version differs (fabs's float result, the cumulative
 * functions' `includeInitial`, the unique functions' records) the difference is implemented here.
 */
import { fail } from "../errors.js";
import type { DType } from "../dtype.js";
import type { ArrayOrScalar, ArrayValue } from "../ndarray.js";
import { normalizeAxis } from "../shape.js";
import { bool, checkArity, count, describeValue, integer, readOptions } from "../validate.js";
import { dtypeOption, singleAxisOption } from "./args.js";
import { zeros, zerosLike } from "./creation.js";
import { abs, arccos, arccosh, arcsin, arcsinh, arctan, arctan2, arctanh, bitwiseNot, leftShift, power, rightShift, round } from "./elementwise.js";
import { broadcastTo, concatenate, moveaxis, swapaxes, transpose } from "./movement.js";
import { checkOperand, promote, promoteToFloat, scalar } from "./promote.js";
import { cumprod, cumsum } from "./reductions.js";
import { unique } from "./sized.js";
import type { OperandDtype } from "../static-dtype.js";

/** Alias of arccos. */
export const acos = arccos;
/** Alias of arcsin. */
export const asin = arcsin;
/** Alias of arctan. */
export const atan = arctan;
/** Alias of arccosh. */
export const acosh = arccosh;
/** Alias of arcsinh. */
export const asinh = arcsinh;
/** Alias of arctanh. */
export const atanh = arctanh;
/** Alias of arctan2. */
export const atan2 = arctan2;
/** Alias of power. */
export const pow = power;
/** Alias of concatenate. */
export const concat = concatenate;

/** Permutes the axes as `transpose(x, axes)`, but the permutation is required (the array API's form). */
export function permuteDims(x: ArrayOrScalar, axes: readonly number[]): ArrayValue {
  checkArity("permuteDims", arguments, 2);
  if (axes === undefined || axes === null) fail("permuteDims", `expected the permutation of the axes, got ${describeValue(axes)}; use np.transpose(x) to reverse them`);
  return transpose(x, axes);
}

/** Swaps the last two axes (a batch of matrices transposed); x needs rank >= 2. */
export function matrixTranspose<X extends ArrayOrScalar>(x: X): ArrayValue<OperandDtype<X>>;
export function matrixTranspose(x: ArrayOrScalar): ArrayValue {
  checkArity("matrixTranspose", arguments, 1);
  const a = promote("matrixTranspose", x)[0]!;
  if (a.ndim < 2) fail("matrixTranspose", `expected an array of rank >= 2 (a matrix or a batch of them), got shape [${a.shape.join(",")}]`);
  return swapaxes(a, -1, -2);
}

/** Alias of round (`decimals` places, ties to even). */
export const around = round;
/** Alias of bitwiseNot. */
export const bitwiseInvert = bitwiseNot;
/** Alias of leftShift. */
export const bitwiseLeftShift = leftShift;
/** Alias of rightShift. */
export const bitwiseRightShift = rightShift;
/** Zeros, as JAX's `empty` (XLA has no uninitialized buffers): alias of zeros. */
export const empty = zeros;
/** Zeros shaped like x, as JAX's `empty_like`: alias of zerosLike. */
export const emptyLike = zerosLike;

/** |x| as a float: integers and bools become float32 (JAX's fabs), floats keep their dtype. */
export function fabs(x: ArrayOrScalar): ArrayValue {
  checkArity("fabs", arguments, 1);
  return abs(promoteToFloat("fabs", x)[0]!);
}

/**
 * Moves axis `axis` to sit before the axis now at position `start` (numpy's older form of
 * moveaxis): `rollaxis(x, 2)` brings axis 2 to the front; start ranges over [-ndim, ndim].
 */
export function rollaxis(x: ArrayOrScalar, axis: number, start = 0): ArrayValue {
  checkArity("rollaxis", arguments, 3);
  const a = promote("rollaxis", checkOperand("rollaxis", x))[0]!;
  const from = normalizeAxis("rollaxis", integer("rollaxis", "axis", axis), a.ndim);
  let to = integer("rollaxis", "start", start);
  if (to < -a.ndim || to > a.ndim) fail("rollaxis", `start=${to} must satisfy ${-a.ndim} <= start <= ${a.ndim} for shape [${a.shape.join(",")}]`);
  if (to < 0) to += a.ndim;
  if (to > from) to -= 1;
  return moveaxis(a, from, to);
}

/** Options of cumulativeSum and cumulativeProd (the array API's cumulative functions). */
export interface CumulativeOptions {
  /** The axis to accumulate along; optional only for 1-D input (no flattening, unlike cumsum). */
  readonly axis?: number | null;
  /** The accumulation and result dtype. */
  readonly dtype?: DType;
  /** Start with the identity (0 for the sum, 1 for the product), so the axis grows by one. */
  readonly includeInitial?: boolean;
}

function cumulative(op: "cumulativeSum" | "cumulativeProd", x: ArrayOrScalar, options: unknown): ArrayValue {
  const a = promote(op, checkOperand(op, x))[0]!;
  const o = readOptions(op, options, { axis: singleAxisOption, dtype: dtypeOption, includeInitial: bool });
  if (a.ndim === 0) fail(op, "the input must have at least one axis: a scalar has nothing to accumulate");
  if ((o.axis === undefined || o.axis === null) && a.ndim > 1) {
    fail(op, `the input has rank ${a.ndim} (shape [${a.shape.join(",")}]), so axis must be given; it is optional only for 1-D input`);
  }
  const axis = normalizeAxis(op, o.axis ?? 0, a.ndim);
  const scanOptions = o.dtype === undefined ? { axis } : { axis, dtype: o.dtype };
  const out = op === "cumulativeSum" ? cumsum(a, scanOptions) : cumprod(a, scanOptions);
  if (!o.includeInitial) return out;
  const initial = broadcastTo(scalar(op === "cumulativeSum" ? 0 : 1, out.dtype), a.shape.map((d, i) => (i === axis ? 1 : d)));
  return concatenate([initial, out], axis);
}

/** Running sum along `axis` (required unless x is 1-D); `includeInitial` prepends the 0 (JAX's cumulative_sum). */
export function cumulativeSum(x: ArrayOrScalar, options?: CumulativeOptions | null): ArrayValue {
  checkArity("cumulativeSum", arguments, 2);
  return cumulative("cumulativeSum", x, options);
}

/** Running product along `axis` (required unless x is 1-D); `includeInitial` prepends the 1 (JAX's cumulative_prod). */
export function cumulativeProd(x: ArrayOrScalar, options?: CumulativeOptions | null): ArrayValue {
  checkArity("cumulativeProd", arguments, 2);
  return cumulative("cumulativeProd", x, options);
}

/** Options of the array API's unique functions: JAX's static size and the padding of the values. */
export interface UniqueSizeOptions {
  readonly size?: number | null;
  readonly fillValue?: number | null;
}

/** uniqueAll's result: JAX's UniqueAllResult fields in camelCase. */
export interface UniqueAllResult {
  readonly values: ArrayValue;
  readonly indices: ArrayValue;
  readonly inverseIndices: ArrayValue;
  readonly counts: ArrayValue;
}
/** uniqueCounts's result. */
export interface UniqueCountsResult {
  readonly values: ArrayValue;
  readonly counts: ArrayValue;
}
/** uniqueInverse's result. */
export interface UniqueInverseResult {
  readonly values: ArrayValue;
  readonly inverseIndices: ArrayValue;
}

/** unique of the flattened x with NaNs kept distinct (the array API's rule) and the requested outputs. */
function uniqueOf(op: string, x: ArrayOrScalar, options: unknown, outputs: { returnIndex?: true; returnInverse?: true; returnCounts?: true }): ArrayValue[] {
  const o = readOptions(op, options, {
    size: (p, n, v) => (v === null ? null : count(p, n, v)),
    fillValue: (p, n, v) => (v === null ? null : typeof v === "number" ? v : fail(p, `${n} must be a number, got ${describeValue(v)}`)),
  });
  const a = checkOperand(op, x);
  const result = unique(a, { size: o.size ?? null, fillValue: o.fillValue ?? null, equalNan: false, ...outputs });
  return Array.isArray(result) ? result : [result];
}

/**
 * The sorted distinct values of the flattened x (each NaN distinct), with the first index of
 * each, where each element went (x's shape) and each value's count, as JAX's unique_all.
 */
export function uniqueAll(x: ArrayOrScalar, options?: UniqueSizeOptions | null): UniqueAllResult {
  checkArity("uniqueAll", arguments, 2);
  const [values, indices, inverseIndices, counts] = uniqueOf("uniqueAll", x, options, { returnIndex: true, returnInverse: true, returnCounts: true });
  return { values: values!, indices: indices!, inverseIndices: inverseIndices!, counts: counts! };
}

/** The sorted distinct values of the flattened x (each NaN distinct) and their counts, as JAX's unique_counts. */
export function uniqueCounts(x: ArrayOrScalar, options?: UniqueSizeOptions | null): UniqueCountsResult {
  checkArity("uniqueCounts", arguments, 2);
  const [values, counts] = uniqueOf("uniqueCounts", x, options, { returnCounts: true });
  return { values: values!, counts: counts! };
}

/** The sorted distinct values of the flattened x (each NaN distinct) and where each element went (x's shape), as JAX's unique_inverse. */
export function uniqueInverse(x: ArrayOrScalar, options?: UniqueSizeOptions | null): UniqueInverseResult {
  checkArity("uniqueInverse", arguments, 2);
  const [values, inverseIndices] = uniqueOf("uniqueInverse", x, options, { returnInverse: true });
  return { values: values!, inverseIndices: inverseIndices! };
}

/** The sorted distinct values of the flattened x, each NaN distinct (JAX's unique_values). */
export function uniqueValues(x: ArrayOrScalar, options?: UniqueSizeOptions | null): ArrayValue {
  checkArity("uniqueValues", arguments, 2);
  return uniqueOf("uniqueValues", x, options, {})[0]!;
}
