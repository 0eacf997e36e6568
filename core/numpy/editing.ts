/**
 * Building arrays by editing others, after JAX: `delete` and `insert` at static positions,
 * `resize`, `block`, `trimZeros` (of a concrete array), `compress` and `extract` (a concrete
 * condition, or any condition with a static `size`), `fillDiagonal` (a new array: JAX's inplace=False) and
 * `choose`. Positions known before tracing become static gathers (`take`) and masks (`where`),
 * so the results differentiate, jit and vmap like the functions they are made of.
 */
import { fail } from "../errors.js";
import { adoptBuffer, ArrayValue, NdArray, type ArrayOrScalar } from "../ndarray.js";
import { normalizeAxis, sizeOf } from "../shape.js";
import { anyValue, checkArity, count, describeValue, nullable, oneOf, readOptions, validShape } from "../validate.js";
import { axisOption, concrete, positional, singleAxisOption } from "./args.js";
import { arange, zeros } from "./creation.js";
import { astype, equal, less, remainder, clip, where } from "./elementwise.js";
import { broadcastArrays } from "./building.js";
import { broadcastTo, concatenate, moveaxis, ravel, reshape, take, tile } from "./movement.js";
import { readNested } from "./nested.js";
import { checkOperand, promote } from "./promote.js";
import { sum } from "./reductions.js";
import { flatnonzero } from "./sized.js";

const shapeText = (shape: readonly number[]): string => `[${shape.join(",")}]`;

/** The array behind an array-or-scalar argument. */
function operand(op: string, x: unknown, position = 0): ArrayValue {
  return promote(op, checkOperand(op, x, position))[0]!;
}

/** Concrete values (a JS number, nested list or concrete array) JAX needs before tracing. */
function concreteValues(op: string, name: string, value: unknown): { shape: number[]; leaves: (number | boolean)[] } {
  if (value instanceof ArrayValue) {
    if (!(value instanceof NdArray)) {
      fail(op, `${name} must be known before tracing (a JS number, a list or a concrete array), got a traced array ${value.dtype}${shapeText(value.shape)}`);
    }
    const leaves = [value.toArray()].flat(Infinity) as (number | boolean)[];
    return { shape: [...value.shape], leaves: value.dtype === "bool" ? leaves.map(Boolean) : leaves.map(Number) };
  }
  const { shape, leaves } = readNested(op, value);
  return { shape, leaves };
}

/** Static int32 indices as an array `take` reads. */
const int32Array = (values: readonly number[]): NdArray => adoptBuffer(Int32Array.from(values), [values.length], "int32");

// ---------------------------------------------------------------------------------------------
// delete and insert

/**
 * x without the entries at `obj` along `axis` (the flattened x without one): `obj` is an index, a
 * list of indices (repeats allowed, negatives count from the end) or a boolean mask as long as the
 * axis, all known before tracing.
 *
 * @example np.delete(np.array([1, 2, 3, 4]), [0, -1]) // array([2., 3.], dtype=float32)
 */
function deleteAt(x: ArrayOrScalar, obj: number | readonly number[] | readonly boolean[] | ArrayValue, options?: { readonly axis?: number | null } | number | null): ArrayValue {
  checkArity("delete", arguments, 3);
  let a = operand("delete", x);
  const o = readOptions("delete", positional(options, "axis", (v) => typeof v === "number"), { axis: singleAxisOption });
  if (o.axis === undefined || o.axis === null) a = ravel(a);
  const axis = normalizeAxis("delete", o.axis ?? 0, a.ndim);
  const n = a.shape[axis]!;
  const { shape, leaves } = concreteValues("delete", "obj", obj);
  const keep = new Array<boolean>(n).fill(true);
  if (leaves.length > 0 && leaves.every((v) => typeof v === "boolean")) {
    if (shape.length !== 1 || shape[0] !== n) fail("delete", `a boolean obj must be one-dimensional with the axis' length ${n}, got shape ${shapeText(shape)}`);
    leaves.forEach((v, i) => v && (keep[i] = false));
  } else {
    if (shape.length > 1) fail("delete", `obj must be an index or a list of indices, got shape ${shapeText(shape)}`);
    for (const v of leaves) {
      if (typeof v !== "number" || !Number.isInteger(v)) fail("delete", `obj must hold integers or booleans, got ${describeValue(v)}`);
      if (v < -n || v >= n) fail("delete", `index ${v} is out of range for axis ${axis} of size ${n}; expected -${n} <= index < ${n}`);
      keep[v < 0 ? v + n : v] = false;
    }
  }
  return take(a, int32Array(keep.flatMap((k, i) => (k ? [i] : []))), { axis });
}

/**
 * x with `values` inserted before the positions `obj` along `axis` (the flattened x without
 * one). `obj` is an index or a list of indices known before tracing (negatives count from the
 * end, out of range ones clip to the ends); values are cast to x's dtype and broadcast to the
 * inserted block's shape.
 *
 * @example np.insert(np.array([1, 2, 3]), 1, 9) // array([1., 9., 2., 3.], dtype=float32)
 */
export function insert(x: ArrayOrScalar, obj: number | readonly number[] | ArrayValue, values: ArrayOrScalar, options?: { readonly axis?: number | null } | number | null): ArrayValue {
  checkArity("insert", arguments, 4);
  let a = operand("insert", x);
  let v = operand("insert", values, 2);
  const o = readOptions("insert", positional(options, "axis", (value) => typeof value === "number"), { axis: singleAxisOption });
  if (o.axis === undefined || o.axis === null) a = ravel(a);
  const axis = normalizeAxis("insert", o.axis ?? 0, a.ndim);
  const { shape, leaves } = concreteValues("insert", "obj", obj);
  if (shape.length > 1) fail("insert", `obj must be an index or a one-dimensional list of indices, got shape ${shapeText(shape)}`);
  for (const i of leaves) if (typeof i !== "number" || !Number.isInteger(i)) fail("insert", `obj must hold integers, got ${describeValue(i)}`);
  const n = a.shape[axis]!;
  v = astype(v, a.dtype);
  if (v.ndim < a.ndim) v = reshape(v, [...new Array<number>(a.ndim - v.ndim).fill(1), ...v.shape]);
  let indices = leaves as number[];
  if (indices.length === 1) {
    // One index inserts the whole block there (a scalar obj takes values' first axis as the inserted axis).
    if (shape.length === 0) v = moveaxis(v, 0, axis);
    indices = new Array<number>(v.shape[axis]!).fill(indices[0]!);
  }
  const blockSize = indices.length;
  if (v.ndim > a.ndim) fail("insert", `values of shape ${shapeText(v.shape)} have more axes than x (${a.ndim})`);
  if (v.shape[axis] !== 1 && v.shape[axis] !== blockSize) fail("insert", `${blockSize} indices cannot take values of ${v.shape[axis]} along axis ${axis}`);
  const blockShape = a.shape.map((d, i) => (i === axis ? blockSize : d));
  const block = broadcastTo(v, blockShape);
  // Where each inserted slice lands: the k-th in (stable) sorted order moves k further along.
  const clipped = indices.map((i) => Math.min(n, Math.max(0, i < 0 ? i + n : i)));
  const order = clipped.map((_, k) => k).sort((p, q) => clipped[p]! - clipped[q]! || p - q);
  const source = new Array<number>(n + blockSize).fill(-1);
  order.forEach((k, rank) => (source[clipped[k]! + rank] = n + k));
  let next = 0;
  for (let p = 0; p < source.length; p++) if (source[p] === -1) source[p] = next++;
  return take(concatenate([a, block], axis), int32Array(source), { axis });
}

// ---------------------------------------------------------------------------------------------
// resize and block

/**
 * An array of `shape` filled with x's flattened elements, repeated as often as needed (zeros
 * when x or the new shape is empty).
 *
 * @example np.resize(np.array([1, 2, 3]), [2, 2]) // array([[1., 2.], [3., 1.]], dtype=float32)
 */
export function resize(x: ArrayOrScalar, shape: number | readonly number[]): ArrayValue {
  checkArity("resize", arguments, 2);
  const a = ravel(operand("resize", x));
  const given = concrete("resize", "shape", shape);
  const target = validShape("resize", typeof given === "number" ? [given] : given, a.dtype, "shape");
  const size = sizeOf(target);
  if (a.size === 0 || size === 0) return zeros(target, a.dtype);
  const repeated = tile(a, Math.ceil(size / a.size));
  return reshape(take(repeated, int32Array(Array.from({ length: size }, (_, i) => i)), 0), target);
}

/** A nested list of arrays, `block`'s argument. */
export type BlockList = ArrayOrScalar | readonly BlockList[];

function blockOf(xs: unknown): { out: ArrayValue; depth: number } {
  if (!Array.isArray(xs)) return { out: operand("block", xs), depth: 0 };
  if (xs.length === 0) fail("block", "empty lists are not allowed");
  const parts = xs.map(blockOf);
  const depth = parts[0]!.depth;
  if (parts.some((p) => p.depth !== depth)) fail("block", `mismatched list depths (${parts.map((p) => p.depth).join(", ")})`);
  const rank = Math.max(depth + 1, ...parts.map((p) => p.out.ndim));
  const padded = parts.map(({ out }) => (out.ndim < rank ? reshape(out, [...new Array<number>(rank - out.ndim).fill(1), ...out.shape]) : out));
  return { out: concatenate(padded, rank - depth - 1), depth: depth + 1 };
}

/**
 * An array assembled from nested lists of blocks: the innermost lists join along the last axis,
 * the next ones along the one before, and so on (numpy's `block`).
 *
 * @example np.block([[np.eye(2), np.zeros([2, 1])], [np.ones([1, 3])]]).shape // [3, 3]
 */
export function block(arrays: BlockList): ArrayValue {
  checkArity("block", arguments, 1);
  return blockOf(arrays).out;
}

// ---------------------------------------------------------------------------------------------
// trimming, compressing, choosing

/** Options of trimZeros: which ends to trim ("f" front, "b" back, "fb" both) and along which axes (all by default). */
export interface TrimZerosOptions {
  readonly trim?: "f" | "b" | "fb" | "bf";
  readonly axis?: number | readonly number[] | null;
}

/**
 * x without its leading and/or trailing all-zero slices along each axis. Which slices these are
 * decides the result's shape, so x must be concrete (as in JAX; not under jit or grad).
 *
 * @example np.trimZeros(np.array([0, 0, 1, 2, 0])) // array([1., 2.], dtype=float32)
 */
export function trimZeros(x: ArrayOrScalar, options?: TrimZerosOptions | "f" | "b" | "fb" | "bf" | null): ArrayValue {
  checkArity("trimZeros", arguments, 2);
  const a = operand("trimZeros", x);
  const o = readOptions("trimZeros", positional(options, "trim", (v) => typeof v === "string"), { trim: oneOf(["f", "b", "fb", "bf"] as const), axis: axisOption });
  if (!(a instanceof NdArray)) fail("trimZeros", `x must be a concrete array (its result's shape depends on its values), got a traced ${a.dtype}${shapeText(a.shape)}`);
  const trim = o.trim ?? "fb";
  const axes = o.axis === undefined || o.axis === null ? a.shape.map((_, i) => i) : (typeof o.axis === "number" ? [o.axis] : o.axis).map((ax) => normalizeAxis("trimZeros", ax, a.ndim));
  const values = [a.toArray()].flat(Infinity).map((v) => v !== 0 && v !== false);
  const strides = a.shape.map((_, i) => sizeOf(a.shape.slice(i + 1)));
  let out: ArrayValue = a;
  for (const axis of new Set(axes)) {
    const n = a.shape[axis]!;
    const nonzero = new Array<boolean>(n).fill(false);
    values.forEach((nz, flat) => nz && (nonzero[Math.floor(flat / strides[axis]!) % n] = true));
    const first = nonzero.indexOf(true);
    const start = first === -1 ? 0 : trim.includes("f") ? first : 0;
    const stop = first === -1 ? 0 : trim.includes("b") ? nonzero.lastIndexOf(true) + 1 : n;
    out = take(out, int32Array(Array.from({ length: stop - start }, (_, i) => start + i)), { axis });
  }
  return out;
}

/** Options of compress: the axis (the flattened array without one), and JAX's static `size` with its `fillValue`. */
export interface CompressOptions {
  readonly axis?: number | null;
  readonly size?: number | null;
  readonly fillValue?: number | boolean;
}

/**
 * The slices of `x` along `axis` (the flattened x without one) where the 1-D `condition` is
 * true. Without `size` the condition must be concrete (its count is the result's length; a true
 * entry past the axis' end is an error); with `size` it may be traced: the first `size` selected
 * slices, padded with `fillValue` (default 0).
 *
 * @example np.compress(np.array([true, false, true]), np.array([1, 2, 3])) // array([1., 3.], dtype=float32)
 */
export function compress(condition: ArrayOrScalar, x: ArrayOrScalar, options?: CompressOptions | number | null): ArrayValue {
  checkArity("compress", arguments, 3);
  const cond = operand("compress", condition);
  let a = operand("compress", x, 1);
  const o = readOptions("compress", positional(options, "axis", (v) => typeof v === "number"), { axis: singleAxisOption, size: nullable(count), fillValue: anyValue });
  if (cond.ndim !== 1) fail("compress", `condition must be one-dimensional, got shape ${shapeText(cond.shape)}`);
  const axis = o.axis === undefined || o.axis === null ? null : normalizeAxis("compress", o.axis, a.ndim);
  a = axis === null ? ravel(a) : moveaxis(a, axis, 0);
  const n = Math.min(a.shape[0]!, cond.shape[0]!);
  const mask = astype(take(cond, int32Array(Array.from({ length: n }, (_, i) => i))), "bool");
  a = take(a, int32Array(Array.from({ length: n }, (_, i) => i)), 0);
  let result: ArrayValue;
  if (o.size === undefined || o.size === null) {
    if (o.fillValue !== undefined) fail("compress", "fillValue needs size");
    const { leaves } = concreteValues("compress", "condition (without size)", cond);
    if (leaves.slice(n).some((v) => Boolean(v))) fail("compress", `condition has true entries past the axis' length ${n}`);
    result = take(a, int32Array(leaves.slice(0, n).flatMap((v, i) => (v ? [i] : []))), 0);
  } else {
    if (o.size > n) fail("compress", `size must be at most the axis' length ${n}, got ${o.size}`);
    const fill = o.fillValue ?? 0;
    if (typeof fill !== "number" && typeof fill !== "boolean") fail("compress", `fillValue must be a number or a boolean, got ${describeValue(fill)}`);
    const positions = flatnonzero(mask, { size: o.size });
    const selected = take(a, positions, 0);
    const valid = reshape(less(arange(o.size, undefined, undefined, "int32"), sum(astype(mask, "int32"))), [o.size, ...a.shape.slice(1).map(() => 1)]);
    result = where(valid, selected, astype(fill as number, a.dtype));
  }
  return axis === null ? result : moveaxis(result, 0, axis);
}

/**
 * The elements of x where `condition` is nonzero, both flattened (condition entries past x's
 * size must be false): `compress` of the flattened arrays, with its `size` and `fillValue`.
 *
 * @example np.extract(np.array([[1, 0], [0, 1]]), np.array([[1, 2], [3, 4]])) // array([1., 4.], dtype=float32)
 */
export function extract(condition: ArrayOrScalar, x: ArrayOrScalar, options?: { readonly size?: number | null; readonly fillValue?: number | boolean } | null): ArrayValue {
  checkArity("extract", arguments, 3);
  const o = readOptions("extract", options, { size: nullable(count), fillValue: anyValue });
  const cond = ravel(operand("extract", condition));
  return compress(cond, ravel(operand("extract", x, 1)), { ...o, axis: null } as CompressOptions);
}

/** Options of fillDiagonal: JAX's `wrap` (only false) and `inplace` (only false: arrays are immutable). */
export interface FillDiagonalOptions {
  readonly wrap?: false;
  readonly inplace?: false;
}

/**
 * A copy of x (rank >= 2, all axes equal beyond 2-D) with its main diagonal set to `value` (a
 * scalar, or an array whose flattened values repeat along the diagonal), as JAX's
 * `fill_diagonal(..., inplace=False)`.
 *
 * @example np.fillDiagonal(np.zeros([2, 3]), 5) // array([[5., 0., 0.], [0., 5., 0.]], dtype=float32)
 */
export function fillDiagonal(x: ArrayOrScalar, value: ArrayOrScalar, options?: FillDiagonalOptions | null): ArrayValue {
  checkArity("fillDiagonal", arguments, 3);
  const a = operand("fillDiagonal", x);
  const v = operand("fillDiagonal", value, 1);
  const o = readOptions("fillDiagonal", options, { wrap: oneOf([false] as const), inplace: oneOf([false] as const) });
  void o;
  if (a.ndim < 2) fail("fillDiagonal", `x must be at least 2-D, got shape ${shapeText(a.shape)}`);
  if (a.ndim > 2 && a.shape.some((d) => d !== a.shape[0])) fail("fillDiagonal", `all axes of x must have equal length beyond 2-D, got shape ${shapeText(a.shape)}`);
  const n = Math.min(...a.shape);
  const stride = a.shape.reduce((acc, _, i) => acc + sizeOf(a.shape.slice(i + 1)), 0);
  // Each element of x reads diagonal value k at the k-th diagonal position, or slot n (unused) elsewhere.
  const slot = new Int32Array(a.size).fill(n);
  for (let k = 0; k < n; k++) slot[k * stride] = k;
  const flatValues = v.ndim === 0 ? broadcastTo(v, [n]) : v.size === 0 ? fail("fillDiagonal", "value must not be empty") : tile(ravel(v), Math.ceil(n / v.size));
  const diagonal = concatenate([take(astype(flatValues, a.dtype), int32Array(Array.from({ length: n }, (_, i) => i))), zeros([1], a.dtype)]);
  const spread = reshape(take(diagonal, adoptBuffer(slot, [a.size], "int32")), a.shape);
  return where(reshape(equal(adoptBuffer(slot, [a.size], "int32"), n), a.shape), a, spread);
}

/**
 * Elementwise choice among `choices` by the integer array `indices`: result = choices[indices]
 * at each position, all broadcast together. `mode` "raise" (default) needs concrete indices in
 * range; "wrap" takes them modulo the number of choices, "clip" clamps them.
 *
 * @example np.choose(np.array([0, 1, 0], { dtype: "int32" }), [np.array([1, 2, 3]), np.array([10, 20, 30])]) // array([1., 20., 3.], dtype=float32)
 */
export function choose(indices: ArrayOrScalar, choices: readonly ArrayOrScalar[], options?: { readonly mode?: "raise" | "wrap" | "clip" } | "raise" | "wrap" | "clip" | null): ArrayValue {
  checkArity("choose", arguments, 3);
  const idx = operand("choose", indices);
  if (idx.dtype !== "int32" && idx.dtype !== "uint32") fail("choose", `indices must be integer typed, got ${idx.dtype}`);
  if (!Array.isArray(choices) || choices.length === 0) fail("choose", `choices must be a non-empty list of arrays, got ${describeValue(choices)}`);
  const o = readOptions("choose", positional(options, "mode", (v) => typeof v === "string"), { mode: oneOf(["raise", "wrap", "clip"] as const) });
  const n = choices.length;
  let picked: ArrayValue;
  if ((o.mode ?? "raise") === "raise") {
    const { leaves } = concreteValues("choose", 'indices (with mode "raise"; use "wrap" or "clip" under jit)', idx);
    const bad = leaves.find((i) => (i as number) < 0 || (i as number) >= n);
    if (bad !== undefined) fail("choose", `index ${String(bad)} is out of range for ${n} choices`);
    picked = idx;
  } else {
    picked = o.mode === "wrap" ? remainder(idx, n) : clip(idx, 0, n - 1);
  }
  const promoted = promote("choose", ...choices.map((c, i) => checkOperand("choose", c, i)));
  const [at, ...options_] = broadcastArrays(picked, ...promoted);
  return options_.slice(1).reduce((out, c, k) => where(equal(at!, k + 1), c, out), options_[0]!);
}

export { deleteAt as delete };
