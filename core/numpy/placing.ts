/**
 * Writing values at positions, after JAX's out-of-place forms: `put` (flat indices),
 * `putAlongAxis` (indices along one axis, as takeAlongAxis reads them) and `place` (the true
 * positions of a mask, in order). Each returns a new array (JAX's inplace=False; tessera arrays are
 * immutable). The writes are set-at.ts's scatter, built from existing primitives (a stable sort to
 * find the last write to each position, then scatterAdd), so they jit, vmap and differentiate in
 * the array and in the values.
 */
import { isInteger } from "../dtype.js";
import { fail } from "../errors.js";
import { bind1 } from "../interpreter.js";
import { adoptBuffer, ArrayValue, type ArrayOrScalar } from "../ndarray.js";
import { readNested } from "./nested.js";
import { normalizeAxis, stridesOf } from "../shape.js";
import { checkArity, describeValue, oneOf, readOptions } from "../validate.js";
import { singleAxisOption } from "./args.js";
import { add, clip, equal, less, lessEqual, logicalAnd, notEqual, remainder, where } from "./elementwise.js";
import { broadcastTo, ravel, reshape, take } from "./movement.js";
import { checkOperand, cast, promote, scalar } from "./promote.js";
import { cumsum } from "./reductions.js";
import { setAt } from "./set-at.js";

const shapeText = (shape: readonly number[]): string => `[${shape.join(",")}]`;

/** The array behind an array-or-scalar argument. */
function operand(op: string, x: unknown, position = 0): ArrayValue {
  return promote(op, checkOperand(op, x, position))[0]!;
}

/** Integer indices (an int32/uint32 array, a JS integer or a list of them) as int32. */
function indexOperand(op: string, name: string, x: unknown, position: number): ArrayValue {
  if (Array.isArray(x)) {
    const { shape, leaves } = readNested(op, x);
    if (leaves.some((v) => !Number.isSafeInteger(v))) fail(op, `${name} must be integers, got ${describeValue(x)}`);
    return adoptBuffer(Int32Array.from(leaves as number[]), shape, "int32");
  }
  const idx = operand(op, x, position);
  if (!isInteger(idx.dtype)) fail(op, `${name} must be integers, got ${idx instanceof ArrayValue && x instanceof ArrayValue ? `dtype ${idx.dtype}` : describeValue(x)}`);
  return cast(idx, "int32");
}

/** The values, cast to the array's dtype (as JAX's `.at[].set` casts them). */
const valuesFor = (op: string, v: unknown, dtype: ArrayValue["dtype"], position: number): ArrayValue => cast(operand(op, v, position), dtype);

/** The first `size` elements of the flat v repeated (numpy's rule for too few values). */
function tileToSize(v: ArrayValue, size: number): ArrayValue {
  const flat = ravel(v);
  if (flat.size === size) return flat;
  const positions = remainder(bind1("iota", [], { dtype: "int32", shape: [size], dimension: 0 }), flat.size);
  return take(flat, positions);
}

/** Options of put: how out-of-range indices are treated, and JAX's inplace flag (only false). */
export interface PutOptions {
  /** Default: negative indices count from the end, then clamp; "clip": clamp; "wrap": modulo the size. */
  readonly mode?: "clip" | "wrap" | null;
  readonly inplace?: false;
}

/**
 * A copy of `a` with `v` written at the flat indices `ind` (v repeated or cut to ind's size).
 * By default an index counts from the end when negative and is then clamped into range (as
 * JAX's); mode "clip" clamps, "wrap" takes it modulo a's size. Where indices repeat, the last
 * write wins.
 *
 * @example np.put(np.zeros([2, 2]), [0, 3], np.array([5, 6])) // array([[5., 0.], [0., 6.]], dtype=float32)
 */
export function put(a: ArrayOrScalar, ind: ArrayOrScalar | readonly number[], v: ArrayOrScalar, options?: PutOptions | "clip" | "wrap" | null): ArrayValue {
  const op = "put";
  checkArity(op, arguments, 4);
  const x = operand(op, a);
  const idx = ravel(indexOperand(op, "indices", ind, 1));
  const values = ravel(valuesFor(op, v, x.dtype, 2));
  const o = readOptions(op, typeof options === "string" ? { mode: options } : options, {
    mode: (o, name, value) => (value === null ? null : value === "raise" ? fail(o, 'mode "raise" is not supported (JAX raises NotImplementedError): use "clip" or "wrap"') : oneOf(["clip", "wrap"] as const)(o, name, value)),
    inplace: oneOf([false] as const),
  });
  const n = x.size;
  if (n === 0 || idx.size === 0 || values.size === 0) return x;
  let target: ArrayValue;
  if (o.mode === "wrap") target = remainder(idx, n);
  else if (o.mode === "clip") target = clip(idx, 0, n - 1);
  else target = clip(where(less(idx, 0), add(idx, n), idx), 0, n - 1);
  return reshape(setAt(ravel(x), target, tileToSize(values, idx.size)), x.shape);
}

/** Options of putAlongAxis: what out-of-range indices do, and JAX's inplace flag (only false). */
export interface PutAlongAxisOptions {
  /** Default ("drop", "fill"): out-of-range indices write nowhere; "clip" clamps them into range. */
  readonly mode?: "drop" | "fill" | "clip" | null;
  readonly inplace?: false;
}

/**
 * A copy of `arr` with `values` written at `indices` along `axis` (null: of the flattened array),
 * the inverse of takeAlongAxis: indices have arr's rank and broadcast with it on the other axes,
 * values broadcast to the indices' shape. Negative indices count from the end; out-of-range ones
 * write nowhere (mode "clip": are clamped). Where indices repeat, the last write wins.
 *
 * @example np.putAlongAxis(np.zeros([2, 3]), np.array([[2], [0]], { dtype: "int32" }), 1, 1) // array([[0., 0., 1.], [1., 0., 0.]], dtype=float32)
 */
export function putAlongAxis(arr: ArrayOrScalar, indices: ArrayOrScalar, values: ArrayOrScalar, axis: number | null, options?: PutAlongAxisOptions | null): ArrayValue {
  const op = "putAlongAxis";
  checkArity(op, arguments, 5);
  const original = operand(op, arr);
  let idx = indexOperand(op, "indices", indices, 1);
  const o = readOptions(op, options, { mode: (o, name, value) => (value === null ? null : oneOf(["drop", "fill", "clip"] as const)(o, name, value)), inplace: oneOf([false] as const) });
  if (axis === undefined) fail(op, "expected an axis (an integer, or null for the flattened array)");
  const a = axis === null ? ravel(original) : original;
  const ax = normalizeAxis(op, singleAxisOption(op, "axis", axis) ?? 0, a.ndim);
  if (idx.ndim !== a.ndim) fail(op, `indices must have the array's rank ${a.ndim}, got shapes ${shapeText(idx.shape)} and ${shapeText(a.shape)}`);
  const v = valuesFor(op, values, a.dtype, 2);
  let vals: ArrayValue;
  try {
    vals = broadcastTo(v, idx.shape);
  } catch {
    return fail(op, `values of shape ${shapeText(v.shape)} must broadcast to the indices' shape ${shapeText(idx.shape)}`);
  }
  const shape = a.shape.map((d, i) => (i === ax ? idx.shape[ax]! : d));
  if (idx.shape.some((d, i) => i !== ax && d !== 1 && d !== a.shape[i])) {
    fail(op, `indices of shape ${shapeText(idx.shape)} do not broadcast against the array's shape ${shapeText(a.shape)} off axis ${ax}`);
  }
  idx = broadcastTo(idx, shape);
  vals = broadcastTo(vals, shape);
  const n = a.shape[ax]!;
  if (a.size === 0 || idx.size === 0) return original;
  const wrapped = where(less(idx, 0), add(idx, n), idx);
  const coordinate = o.mode === "clip" ? clip(wrapped, 0, n - 1) : wrapped;
  const inRange = logicalAnd(lessEqual(0, coordinate), less(coordinate, n));
  // Flat positions: the index along the axis and each other axis's own coordinate, row-major.
  const strides = stridesOf(a.shape);
  let flat: ArrayValue = bind1("mul", [where(inRange, coordinate, 0), scalar(strides[ax]!, "int32")], {});
  shape.forEach((d, i) => {
    if (i !== ax && d > 1) flat = add(flat, bind1("mul", [bind1("iota", [], { dtype: "int32", shape, dimension: i }), scalar(strides[i]!, "int32")], {}));
  });
  const target = where(inRange, flat, a.size);
  return reshape(setAt(ravel(a), ravel(target), ravel(vals)), original.shape);
}

/**
 * A copy of `arr` with the positions where `mask` is true (in row-major order) taking the values
 * of `vals` in turn, repeated when there are more positions than values. mask has arr's size.
 * As JAX, the mask may be traced.
 *
 * @example np.place(np.zeros([4]), np.array([true, false, true, true]), np.array([1, 2])) // array([1., 0., 2., 1.], dtype=float32)
 */
export function place(arr: ArrayOrScalar, mask: ArrayOrScalar, vals: ArrayOrScalar, options?: { readonly inplace?: false } | null): ArrayValue {
  const op = "place";
  checkArity(op, arguments, 4);
  const a = operand(op, arr);
  let m = operand(op, mask, 1);
  const v = ravel(valuesFor(op, vals, a.dtype, 2));
  readOptions(op, options, { inplace: oneOf([false] as const) });
  if (m.size !== a.size) fail(op, `arr and mask must have the same size, got shapes ${shapeText(a.shape)} and ${shapeText(m.shape)}`);
  if (v.size === 0) fail(op, "cannot place values from an empty array");
  if (a.size === 0) return a;
  if (m.dtype !== "bool") m = notEqual(m, 0);
  m = reshape(m, a.shape);
  // The k-th true position (k = how many true positions come before it) takes vals[k mod len].
  const rank = add(cumsum(cast(ravel(m), "int32")), -1);
  const picked = take(v, remainder(where(equal(rank, -1), 0, rank), v.size));
  return where(m, reshape(picked, a.shape), a);
}
