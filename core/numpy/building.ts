/**
 * Building and reshaping arrays from other arrays, after JAX: the split family (`arraySplit`,
 * `hsplit`, `vsplit`, `dsplit`), `unstack`, `broadcastArrays`, `append`, and the structured
 * matrices and ranges `tri`, `diagflat`, `vander`, `logspace`, `geomspace`. Each is a static-shape
 * composition of movement and elementwise functions, so it differentiates, jits and vmaps as they do.
 */
import { allocate, defaultFloat, isFloat, type DType } from "../dtype.js";
import { fail } from "../errors.js";
import { adoptBuffer, type ArrayOrScalar, type ArrayValue, type NdArray } from "../ndarray.js";
import { broadcastShapes, normalizeAxis } from "../shape.js";
import { bool, checkArity, count, finite, integer, nullable, readOptions, validShape } from "../validate.js";
import { axesOption, dtypeOption, isAxisLike, positional, singleAxisOption } from "./args.js";
import { full, linspace } from "./creation.js";
import { astype, multiply, power } from "./elementwise.js";
import { broadcastTo, concatenate, diag, ravel, reshape, split, squeeze } from "./movement.js";
import { checkOperand, promote } from "./promote.js";

const shapeText = (shape: readonly number[]): string => `[${shape.join(",")}]`;

/** The array behind an array-or-scalar argument. */
function operand(op: string, x: unknown, position = 0): ArrayValue {
  return promote(op, checkOperand(op, x, position))[0]!;
}

// ---------------------------------------------------------------------------------------------
// splitting

/** Splits `a` along `axis` at JAX's part sizes: `sections` parts (uneven only for arraySplit) or at the given indices. */
function splitInto(op: string, a: ArrayValue, sectionsOrIndices: unknown, axis: number, uneven: boolean): ArrayValue[] {
  const given = axesOption(op, "indicesOrSections", sectionsOrIndices);
  if (typeof given !== "number") return split(a, given, { axis });
  const n = a.shape[axis]!;
  if (!Number.isInteger(given) || given < 1) fail(op, `the number of sections must be a positive integer, got ${given}`);
  const part = Math.floor(n / given);
  const rest = n % given;
  if (rest !== 0 && !uneven) fail(op, `cannot split axis ${axis} of size ${n} (shape ${shapeText(a.shape)}) into ${given} equal parts (rest ${rest})`);
  // numpy's array_split: the first `rest` parts get one more element.
  const bounds = [0];
  for (let i = 0; i < given; i++) bounds.push(bounds[i]! + part + (i < rest ? 1 : 0));
  return split(a, bounds.slice(1, -1), { axis });
}

/**
 * Splits x along `axis` (default 0) into `sections` parts, the first `size % sections` one element
 * longer (unlike `split`, an uneven division is allowed), or at the given indices.
 *
 * @example np.arraySplit(np.arange(5), 2) // [array([0, 1, 2], dtype=int32), array([3, 4], dtype=int32)]
 */
export function arraySplit(x: ArrayOrScalar, indicesOrSections: number | readonly number[], options?: { readonly axis?: number } | number | null): ArrayValue[] {
  checkArity("arraySplit", arguments, 3);
  const a = operand("arraySplit", x);
  const o = readOptions("arraySplit", positional(options, "axis", isAxisLike), { axis: integer });
  return splitInto("arraySplit", a, indicesOrSections, normalizeAxis("arraySplit", o.axis ?? 0, a.ndim), true);
}

/**
 * Splits x horizontally: along axis 1, or axis 0 for a 1-D array (equal parts or at indices).
 *
 * @example np.hsplit(np.ones([2, 4]), 2).map((p) => p.shape) // [[2, 2], [2, 2]]
 */
export function hsplit(x: ArrayOrScalar, indicesOrSections: number | readonly number[]): ArrayValue[] {
  checkArity("hsplit", arguments, 2);
  const a = operand("hsplit", x);
  return splitInto("hsplit", a, indicesOrSections, normalizeAxis("hsplit", a.ndim === 1 ? 0 : 1, a.ndim), false);
}

/**
 * Splits x vertically, along axis 0 (equal parts or at indices).
 *
 * @example np.vsplit(np.ones([4, 2]), [1]).map((p) => p.shape) // [[1, 2], [3, 2]]
 */
export function vsplit(x: ArrayOrScalar, indicesOrSections: number | readonly number[]): ArrayValue[] {
  checkArity("vsplit", arguments, 2);
  const a = operand("vsplit", x);
  return splitInto("vsplit", a, indicesOrSections, normalizeAxis("vsplit", 0, a.ndim), false);
}

/**
 * Splits x along its third axis (equal parts or at indices); x needs rank >= 3.
 *
 * @example np.dsplit(np.ones([1, 1, 4]), 2).map((p) => p.shape) // [[1, 1, 2], [1, 1, 2]]
 */
export function dsplit(x: ArrayOrScalar, indicesOrSections: number | readonly number[]): ArrayValue[] {
  checkArity("dsplit", arguments, 2);
  const a = operand("dsplit", x);
  return splitInto("dsplit", a, indicesOrSections, normalizeAxis("dsplit", 2, a.ndim), false);
}

/**
 * The slices of x along `axis` (default 0), that axis removed: the inverse of `stack`.
 *
 * @example np.unstack(np.array([[1, 2], [3, 4]]), { axis: 1 }) // [array([1, 3], dtype=float32), array([2, 4], dtype=float32)]
 */
export function unstack(x: ArrayOrScalar, options?: { readonly axis?: number } | number | null): ArrayValue[] {
  checkArity("unstack", arguments, 2);
  const a = operand("unstack", x);
  const o = readOptions("unstack", positional(options, "axis", (v) => typeof v === "number"), { axis: integer });
  if (a.ndim === 0) fail("unstack", "expected an array of rank > 0, got a scalar (shape [])");
  const axis = normalizeAxis("unstack", o.axis ?? 0, a.ndim);
  const n = a.shape[axis]!;
  if (n === 0) return [];
  return split(a, n, { axis }).map((part) => squeeze(part, axis));
}

// ---------------------------------------------------------------------------------------------
// broadcasting and joining

/**
 * The arrays broadcast against each other to their common shape, each keeping its dtype.
 *
 * @example np.broadcastArrays(np.ones([2, 1]), np.zeros([3])).map((a) => a.shape) // [[2, 3], [2, 3]]
 */
export function broadcastArrays(...xs: ArrayOrScalar[]): ArrayValue[] {
  const arrays = xs.map((x, i) => operand("broadcastArrays", x, i));
  const shape = broadcastShapes("broadcastArrays", ...arrays.map((a) => a.shape));
  return arrays.map((a) => broadcastTo(a, shape));
}

/**
 * `values` appended to `x` along `axis`; without an axis (or with null) both are flattened first.
 * The result has the promoted dtype.
 *
 * @example np.append(np.array([[1, 2]]), np.array([[3, 4]]), { axis: 0 }).shape // [2, 2]
 */
export function append(x: ArrayOrScalar, values: ArrayOrScalar, options?: { readonly axis?: number | null } | number | null): ArrayValue {
  checkArity("append", arguments, 3);
  const [a, v] = promote("append", checkOperand("append", x, 0), checkOperand("append", values, 1));
  const o = readOptions("append", positional(options, "axis", (value) => typeof value === "number"), { axis: singleAxisOption });
  if (o.axis === undefined || o.axis === null) return concatenate([ravel(a!), ravel(v!)], 0);
  return concatenate([a!, v!], o.axis);
}

// ---------------------------------------------------------------------------------------------
// structured matrices

/** Options of tri: the diagonal `k` at and below which the ones go, and the dtype (JAX's default is float32, whatever x64). */
export interface TriOptions {
  readonly k?: number;
  readonly dtype?: DType;
}

/**
 * An n x m matrix (m defaults to n) with ones at and below diagonal `k` and zeros above.
 *
 * @example np.tri(3, null, { k: -1 }) // array([[0, 0, 0], [1, 0, 0], [1, 1, 0]], dtype=float32)
 */
export function tri(n: number, m?: number | null, options?: TriOptions | number | null): NdArray {
  checkArity("tri", arguments, 3);
  const rows = count("tri", "n", n);
  const cols = nullable(count)("tri", "m", m === undefined ? null : m) ?? rows;
  const o = readOptions("tri", positional(options, "k", (v) => typeof v === "number"), { k: integer, dtype: dtypeOption });
  const k = o.k ?? 0;
  const dtype = o.dtype ?? "float32";
  validShape("tri", [rows, cols], dtype);
  const data = allocate(dtype, rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols && j <= i + k; j++) data[i * cols + j] = 1;
  return adoptBuffer(data, [rows, cols], dtype);
}

/**
 * A square matrix with the flattened x on diagonal `k` (0 main, >0 above, <0 below).
 *
 * @example np.diagflat(np.array([[1, 2]])) // array([[1, 0], [0, 2]], dtype=float32)
 */
export function diagflat(x: ArrayOrScalar, options?: { readonly k?: number } | number | null): ArrayValue {
  checkArity("diagflat", arguments, 2);
  const a = operand("diagflat", x);
  const o = readOptions("diagflat", positional(options, "k", (v) => typeof v === "number"), { k: integer });
  return diag(ravel(a), { k: o.k ?? 0 });
}

/**
 * The Vandermonde matrix of a 1-D x: column j holds x ** (n - 1 - j) (x ** j when `increasing`),
 * n columns (default x's length), in x's dtype.
 *
 * @example np.vander(np.array([1, 2, 3]), 3) // array([[1, 1, 1], [4, 2, 1], [9, 3, 1]], dtype=float32)
 */
export function vander(x: ArrayOrScalar, n?: number | null, options?: { readonly increasing?: boolean } | boolean | null): ArrayValue {
  checkArity("vander", arguments, 3);
  const a = operand("vander", x);
  if (a.ndim !== 1) fail("vander", `x must be a one-dimensional array, got shape ${shapeText(a.shape)}`);
  const columns = nullable(count)("vander", "n", n === undefined ? null : n) ?? a.shape[0]!;
  const o = readOptions("vander", positional(options, "increasing", (v) => typeof v === "boolean"), { increasing: bool });
  const exponents = new Float64Array(columns).map((_, j) => (o.increasing ? j : columns - 1 - j));
  const data = allocate(a.dtype, columns);
  exponents.forEach((e, j) => (data[j] = e));
  return power(reshape(a, [a.shape[0]!, 1]), adoptBuffer(data, [1, columns], a.dtype));
}

// ---------------------------------------------------------------------------------------------
// ranges on a log scale

/** Options of logspace: the linspace options, the base, and the dtype (float32 by default). */
export interface LogspaceOptions {
  readonly endpoint?: boolean;
  readonly base?: number;
  readonly dtype?: DType;
}

/** The float dtype the values are computed in (float32 for an integer dtype, which truncates them after). */
function inexact(dtype: DType | undefined): DType {
  const d = dtype ?? defaultFloat;
  return isFloat(d) ? d : "float32";
}

/**
 * `num` values (default 50) from base ** start to base ** stop, evenly spaced in the exponent
 * (stop included unless `endpoint` is false); `base` defaults to 10. An integer dtype truncates
 * values computed in float32, as JAX's does.
 *
 * @example np.logspace(0, 2, 3) // array([1, 10, 100], dtype=float32)
 */
export function logspace(start: number, stop: number, num?: number, options?: LogspaceOptions | null): ArrayValue {
  checkArity("logspace", arguments, 4);
  const o = readOptions("logspace", options, { endpoint: bool, base: finite, dtype: dtypeOption });
  const computation = inexact(o.dtype);
  const exponents = linspace(finite("logspace", "start", start), finite("logspace", "stop", stop), num ?? 50, { endpoint: o.endpoint ?? true, dtype: computation });
  const values = power(astype(o.base ?? 10, computation), exponents);
  return o.dtype === undefined || o.dtype === computation ? values : astype(values, o.dtype);
}

/**
 * `num` values (default 50) from start to stop in a geometric progression (stop included unless
 * `endpoint` is false). A zero start or stop, or start and stop of different signs, give NaNs
 * (as JAX's).
 *
 * @example np.geomspace(1, 1000, 4) // array([1, 10, 100, 1000], dtype=float32)
 */
export function geomspace(start: number, stop: number, num?: number, options?: { readonly endpoint?: boolean; readonly dtype?: DType } | null): ArrayValue {
  checkArity("geomspace", arguments, 4);
  const o = readOptions("geomspace", options, { endpoint: bool, dtype: dtypeOption });
  const from = finite("geomspace", "start", start);
  const to = finite("geomspace", "stop", stop);
  const computation = inexact(o.dtype);
  const n = num ?? 50;
  // JAX divides by sign(start): a zero start or stop, or a change of sign, gives NaNs.
  if (from === 0 || to === 0 || Math.sign(from) !== Math.sign(to)) return astype(full([count("geomspace", "num", n)], NaN, { dtype: computation }), o.dtype ?? computation);
  const sign = Math.sign(from);
  const magnitudes = logspace(Math.log10(from / sign), Math.log10(to / sign), n, { endpoint: o.endpoint ?? true, dtype: computation });
  const values = multiply(astype(sign, computation), magnitudes);
  return o.dtype === undefined || o.dtype === computation ? values : astype(values, o.dtype);
}
