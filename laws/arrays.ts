/**
 * Array laws as pure predicates: each takes concrete inputs and says whether the law holds,
 * with a message naming what went wrong when it does not. They call the `np` functions under
 * test and compare results on the raw data (never through the ops being checked), so a broken op
 * cannot hide its own failure. fast-check runners over these live in `laws/runners.ts`.
 *
 * @example
 * const result = addCommutes(np.array([1, 2]), np.array(3));
 * if (!result.ok) throw new Error(result.message);
 */
import { isFloat, type DType, type TypedArray } from "../core/dtype.js";
import { describe } from "../core/errors.js";
import { adoptBuffer, ArrayValue, NdArray, storageOf } from "../core/ndarray.js";
import * as np from "../core/numpy/index.js";
import { broadcastStrides, invertPermutation, shapesEqual, sizeOf, stridesOf, type Shape } from "../core/shape.js";

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** Whether a law held, and if not, why. */
export type LawResult = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** Tolerances for comparing floating-point results: `|a - b| <= atol + rtol * |b|`. */
export interface Tolerance {
  readonly rtol?: number;
  readonly atol?: number;
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/** The law held. */
export const holds: LawResult = Object.freeze({ ok: true });

/** The law failed, for `message`. */
export function violated(message: string): LawResult {
  return { ok: false, message };
}

/** The first failure among several results, or `holds`. */
export function allHold(...results: readonly LawResult[]): LawResult {
  return results.find((r) => !r.ok) ?? holds;
}

// -------------------------------------------------------------------------------------
// comparisons
// -------------------------------------------------------------------------------------

/** Machine epsilon of a dtype (0 for exact integer and bool arithmetic). */
export function epsilonOf(dtype: DType): number {
  return dtype === "float32" ? 2 ** -23 : dtype === "float64" ? 2 ** -52 : 0;
}

/**
 * Same shape, same dtype, and the same value at every position (`Object.is`, so NaN equals NaN
 * and -0 differs from 0).
 *
 * @example
 * const m = np.arange(6).reshape([2, 3]);
 * identical(np.reshape(np.reshape(m, [6]), [2, 3]), m); // { ok: true }
 */
export function identical(actual: ArrayValue, expected: ArrayValue, what = "result"): LawResult {
  const header = sameLayout(actual, expected, what);
  if (!header.ok) return header;
  const a = dataOf(actual);
  const b = dataOf(expected);
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) return violated(`${what} differs at flat index ${i}: ${a[i]} versus ${b[i]}`);
  }
  return holds;
}

/** The same dtype and the same row-major values, whatever the shapes. */
function sameFlatValues(actual: ArrayValue, expected: ArrayValue, what: string): LawResult {
  const a = dataOf(actual);
  const b = dataOf(expected);
  if (actual.dtype !== expected.dtype || a.length !== b.length) return violated(`${what} is ${describe(actual)}, expected the values of ${describe(expected)}`);
  const at = a.findIndex((v, i) => !Object.is(v, b[i]));
  return at < 0 ? holds : violated(`${what} differs at flat index ${at}: ${a[at]} versus ${b[at]}`);
}

/**
 * Same shape and values within `atol + rtol * |expected|` (NaN equals NaN, infinities must
 * match exactly); dtypes may differ.
 *
 * @example
 * compareClose(np.add(np.add(a, b), c), np.add(a, np.add(b, c)), { rtol: 1e-6 });
 */
export function compareClose(actual: ArrayValue, expected: ArrayValue, tol: Tolerance = {}, what = "result"): LawResult {
  if (!shapesEqual(actual.shape, expected.shape)) {
    return violated(`${what} has shape [${actual.shape.join(",")}], expected [${expected.shape.join(",")}]`);
  }
  const rtol = tol.rtol ?? 1e-5;
  const atol = tol.atol ?? 1e-8;
  const a = dataOf(actual);
  const b = dataOf(expected);
  for (let i = 0; i < a.length; i++) {
    if (!close(a[i]!, b[i]!, rtol, atol)) {
      return violated(`${what} differs at flat index ${i}: ${a[i]} versus ${b[i]} (rtol ${rtol}, atol ${atol})`);
    }
  }
  return holds;
}

/**
 * True when two arrays have the same shape and values within tolerance (numpy's `allclose`, with NaN equal to NaN).
 *
 * @example
 * allClose(np.exp(np.log(x)), x, { rtol: 1e-6 });
 */
export function allClose(a: ArrayValue, b: ArrayValue, tol: Tolerance = {}): boolean {
  return compareClose(a, b, tol).ok;
}

function close(a: number, b: number, rtol: number, atol: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= atol + rtol * Math.abs(b);
}

function sameLayout(actual: ArrayValue, expected: ArrayValue, what: string): LawResult {
  if (!shapesEqual(actual.shape, expected.shape) || actual.dtype !== expected.dtype) {
    return violated(`${what} is ${describe(actual)}, expected ${describe(expected)}`);
  }
  return holds;
}

/** The values of a concrete array (laws are checked eagerly, never on tracers). */
function dataOf(x: ArrayValue): TypedArray {
  if (x instanceof NdArray) return storageOf(x);
  return x.toTypedArray();
}

/** The values of `x` read as if broadcast to `shape`, in float64. */
function broadcastValues(x: ArrayValue, shape: Shape): Float64Array {
  const data = dataOf(x);
  const strides = broadcastStrides(x.shape, shape);
  const outStrides = stridesOf(shape);
  const out = new Float64Array(sizeOf(shape));
  for (let flat = 0; flat < out.length; flat++) {
    let offset = 0;
    for (let axis = 0; axis < shape.length; axis++) offset += Math.floor(flat / outStrides[axis]!) % shape[axis]! * strides[axis]!;
    out[flat] = data[offset]!;
  }
  return out;
}

// -------------------------------------------------------------------------------------
// algebraic laws
// -------------------------------------------------------------------------------------

/**
 * `add(a, b)` and `add(b, a)` are identical (shape, dtype and every bit), for broadcast-compatible `a`, `b`.
 *
 * @example
 * addCommutes(np.ones([2, 1]), np.arange(3));
 */
export function addCommutes(a: ArrayValue, b: ArrayValue): LawResult {
  return identical(np.add(a, b), np.add(b, a), "add(a, b) versus add(b, a)");
}

/**
 * `multiply(a, b)` and `multiply(b, a)` are identical, for broadcast-compatible `a`, `b`.
 *
 * @example
 * mulCommutes(np.ones([2, 1]), np.arange(3));
 */
export function mulCommutes(a: ArrayValue, b: ArrayValue): LawResult {
  return identical(np.multiply(a, b), np.multiply(b, a), "multiply(a, b) versus multiply(b, a)");
}

/**
 * `(a + b) + c` equals `a + (b + c)` within `tol * (|a| + |b| + |c|)` elementwise (rounding error
 * scales with the operands, not the result, which may cancel to 0). `tol` defaults to 4 epsilon of
 * the result dtype; integer arithmetic wraps and must agree exactly.
 *
 * @example
 * addAssociative(a, b, c); // a, b, c broadcast-compatible, one dtype
 */
export function addAssociative(a: ArrayValue, b: ArrayValue, c: ArrayValue, tol?: number): LawResult {
  const left = np.add(np.add(a, b), c);
  const right = np.add(a, np.add(b, c));
  const layout = sameLayout(left, right, "(a + b) + c versus a + (b + c)");
  if (!layout.ok) return layout;
  if (!isFloat(left.dtype)) return identical(left, right, "(a + b) + c versus a + (b + c)");
  const bound = tol ?? 4 * epsilonOf(left.dtype);
  const [x, y, z] = [a, b, c].map((v) => broadcastValues(v, left.shape)) as [Float64Array, Float64Array, Float64Array];
  const l = dataOf(left);
  const r = dataOf(right);
  for (let i = 0; i < l.length; i++) {
    const scale = Math.abs(x[i]!) + Math.abs(y[i]!) + Math.abs(z[i]!);
    const bothInfinite = !Number.isFinite(l[i]!) && !Number.isFinite(r[i]!);
    if (!bothInfinite && !(Math.abs(l[i]! - r[i]!) <= bound * scale)) {
      return violated(`(a + b) + c = ${l[i]} but a + (b + c) = ${r[i]} at flat index ${i} (operands ${x[i]}, ${y[i]}, ${z[i]}; tolerance ${bound} x ${scale})`);
    }
  }
  return holds;
}

/**
 * Reshaping `x` to `shape` keeps its row-major values, and reshaping back gives `x` again.
 *
 * @example
 * reshapeRoundTrips(np.arange(6), [2, 3]);
 */
export function reshapeRoundTrips(x: ArrayValue, shape: Shape): LawResult {
  const reshaped = np.reshape(x, shape);
  if (!shapesEqual(reshaped.shape, shape)) return violated(`reshape gave shape [${reshaped.shape.join(",")}], expected [${shape.join(",")}]`);
  return allHold(
    sameFlatValues(reshaped, x, `reshape to [${shape.join(",")}] (row-major values)`),
    identical(np.reshape(reshaped, x.shape), x, "reshape then reshape back"),
  );
}

/**
 * Transposing by `perm` moves axis `perm[i]` to position `i`, and transposing by the inverse
 * permutation gives `x` again.
 *
 * @example
 * transposeInverse(np.zeros([2, 3, 4]), [2, 0, 1]);
 */
export function transposeInverse(x: ArrayValue, perm: readonly number[]): LawResult {
  const moved = np.transpose(x, perm);
  const expectedShape = perm.map((p) => x.shape[p]!);
  if (!shapesEqual(moved.shape, expectedShape)) {
    return violated(`transpose by [${perm.join(",")}] gave shape [${moved.shape.join(",")}], expected [${expectedShape.join(",")}]`);
  }
  return identical(np.transpose(moved, invertPermutation(perm)), x, `transpose by [${perm.join(",")}] then by its inverse`);
}

/**
 * Summing over all axes at once equals summing one axis at a time (in `order`, default last to
 * first), within `tol * size * sum(|x|)` (`tol` defaults to epsilon of the result dtype; exact
 * for integers).
 *
 * @example
 * sumOverAllAxesEqualsNestedSums(np.ones([2, 3, 4]), [1, 0, 2]);
 */
export function sumOverAllAxesEqualsNestedSums(x: ArrayValue, order?: readonly number[], tol?: number): LawResult {
  const axes = order ?? Array.from({ length: x.ndim }, (_, i) => x.ndim - 1 - i);
  const total = np.sum(x);
  // Summing over no axes still applies sum's dtype rule (bool counts as int32).
  let nested: ArrayValue = np.sum(x, { axis: [], keepdims: true });
  for (const axis of axes) nested = np.sum(nested, { axis, keepdims: true });
  nested = np.reshape(nested, []);
  const layout = sameLayout(total, nested, `sum over all axes versus nested sums in order [${axes.join(",")}]`);
  if (!layout.ok) return layout;
  if (!isFloat(total.dtype)) return identical(total, nested, `sum over all axes versus nested sums in order [${axes.join(",")}]`);
  const scale = Array.from(dataOf(x), Math.abs).reduce((s, v) => s + v, 0);
  const bound = (tol ?? epsilonOf(total.dtype)) * Math.max(1, x.size) * scale;
  const [t, n] = [Number(dataOf(total)[0]), Number(dataOf(nested)[0])];
  return Math.abs(t - n) <= bound || (!Number.isFinite(t) && t === n)
    ? holds
    : violated(`sum over all axes is ${t} but nested sums in order [${axes.join(",")}] give ${n} (tolerance ${bound})`);
}

// -------------------------------------------------------------------------------------
// immutability
// -------------------------------------------------------------------------------------

/**
 * Running `op` on `args` leaves every array among them (at any depth of lists and plain objects)
 * bit-identical, whether the op returns or throws. A failure message shows every array's values
 * from before the op, since the arrays themselves (and so any counterexample printed from them)
 * now hold the modified values.
 *
 * @example
 * leavesInputsUnchanged((x, y) => np.add(x, y), [a, b]);
 */
export function leavesInputsUnchanged<Args extends readonly unknown[]>(op: (...args: Args) => unknown, args: Args): LawResult {
  const found: { path: string; array: ArrayValue }[] = [];
  collectArrays(args, "args", found, new Set());
  const snapshots = found.map(({ array }) => ({ shape: [...array.shape], dtype: array.dtype, bytes: bytesOf(array), values: dataOf(array).slice() }));
  let outcome = "returned";
  try {
    op(...args);
  } catch (error) {
    outcome = `threw (${error instanceof Error ? error.message : String(error)})`;
  }
  const inputsBefore = () => `; the inputs before the op: ${found.map(({ path }, i) => `${path} = ${valuesText(snapshots[i]!.values)}`).join(", ")}`;
  for (let i = 0; i < found.length; i++) {
    const { path, array } = found[i]!;
    const before = snapshots[i]!;
    if (!shapesEqual(array.shape, before.shape) || array.dtype !== before.dtype) {
      return violated(`${path} changed from ${describe(before)} to ${describe(array)} after the op ${outcome}${inputsBefore()}`);
    }
    const after = bytesOf(array);
    const at = after.findIndex((byte, j) => byte !== before.bytes[j]);
    if (at >= 0 || after.length !== before.bytes.length) {
      return violated(`${path} (${describe(array)}) was modified at byte ${at} after the op ${outcome}, to ${valuesText(dataOf(array))}${inputsBefore()}`);
    }
  }
  return holds;
}

/** Flat values for a message: -0 shown as such, long arrays cut after 32 values. */
function valuesText(values: TypedArray): string {
  const shown = Array.from(values.subarray(0, 32), (v) => (Object.is(v, -0) ? "-0" : String(v)));
  return `[${shown.join(", ")}${values.length > 32 ? `, ... (${values.length} values)` : ""}]`;
}

function collectArrays(value: unknown, path: string, found: { path: string; array: ArrayValue }[], seen: Set<unknown>): void {
  if (value instanceof ArrayValue) {
    found.push({ path, array: value });
    return;
  }
  if (typeof value !== "object" || value === null || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) value.forEach((item, i) => collectArrays(item, `${path}[${i}]`, found, seen));
  else if (Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) collectArrays(item, `${path}[${JSON.stringify(key)}]`, found, seen);
  }
}

/** A copy of the raw bytes of an array's storage. */
function bytesOf(x: ArrayValue): Uint8Array {
  const data = dataOf(x);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
}

// -------------------------------------------------------------------------------------
// precision
// -------------------------------------------------------------------------------------

/**
 * `op` on float32 inputs matches `op` on the same inputs cast (exactly) to float64, rounded to
 * float32, within `rtol * |reference| + atol` (defaults: 8 float32 epsilons, float32's smallest
 * normal). Non-float arguments are passed unchanged; non-float results must agree exactly.
 *
 * @example
 * float32MatchesFloat64(np.log, [np.array([0.5, 2, 100])]);
 */
export function float32MatchesFloat64(op: (...args: ArrayValue[]) => ArrayValue, args: readonly ArrayValue[], tol: Tolerance = {}): LawResult {
  const wide = args.map((x) => (x.dtype === "float32" ? adoptBuffer(Float64Array.from(dataOf(x)), x.shape, "float64") : x));
  const narrow = op(...args);
  const reference = op(...wide);
  if (!shapesEqual(narrow.shape, reference.shape)) {
    return violated(`float32 result is ${describe(narrow)} but float64 result is ${describe(reference)}`);
  }
  if (!isFloat(reference.dtype)) return identical(narrow, reference, "float32 versus float64 evaluation (non-float result)");
  if (narrow.dtype !== "float32" || reference.dtype !== "float64") {
    return violated(`float32 inputs gave ${describe(narrow)} and float64 inputs gave ${describe(reference)}; expected f32 and f64 results`);
  }
  const rtol = tol.rtol ?? 8 * epsilonOf("float32");
  const atol = tol.atol ?? 2 ** -126;
  const n = dataOf(narrow);
  const r = dataOf(reference);
  for (let i = 0; i < n.length; i++) {
    const rounded = Math.fround(r[i]!);
    const ok = Object.is(n[i], rounded) || close(n[i]!, rounded, rtol, atol);
    if (!ok) {
      const inputs = args.map((x) => (x.size === 1 ? String(dataOf(x)[0]) : shapesEqual(x.shape, narrow.shape) ? String(dataOf(x)[i]) : "?")).join(", ");
      return violated(`float32 gives ${n[i]} but float64 gives ${r[i]} at flat index ${i} (inputs ${inputs}; rtol ${rtol}, atol ${atol})`);
    }
  }
  return holds;
}
