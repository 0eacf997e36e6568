/**
 * jax.lax's spellings of functions tessera also has under np (`clamp`, `dot`, `full`, `split`,
 * `stack`, `tile`, ...), with lax's strictness: operands must share a dtype (JS numbers take
 * their partner's), shapes are not broadcast unless the op says so, and axes are explicit. Each is
 * a few primitive binds, so each differentiates, jits and vmaps as they do.
 */
import { isInteger, type DType } from "../dtype.js";
import { describe, describeAll, fail } from "../errors.js";
import { bind1 } from "../interpreter.js";
import { ArrayValue, type ArrayOrScalar } from "../ndarray.js";
import { dtypeOption } from "../numpy/args.js";
import { scalar, weakScalar } from "../numpy/promote.js";
import { normalizeAxis, shapesEqual } from "../shape.js";
import { checkArity, count, describeValue, integer, integerList, listOf, nullable, readOptions, validShape } from "../validate.js";
import { arrayArg, laxOperand, laxOperands } from "./args.js";
import { dotGeneral, type DotDimensionNumbers } from "./contract.js";

const shapeText = (shape: readonly number[]): string => `[${shape.join(",")}]`;

/** Operands of one dtype, as lax requires (it never promotes). */
function sameDtype(op: string, xs: readonly ArrayValue[]): void {
  if (xs.some((x) => x.dtype !== xs[0]!.dtype)) fail(op, `requires arguments to have the same dtype, got ${describeAll(xs)}`);
}

/** Distinct axes, normalized against `rank`. */
function distinctAxes(op: string, name: string, axes: unknown, rank: number): number[] {
  const list = integerList(op, name, axes).map((a) => normalizeAxis(op, a, rank));
  if (new Set(list).size !== list.length) fail(op, `${name} has a repeated axis: ${describeValue(axes)}`);
  return list;
}

/**
 * x clamped to [min, max] elementwise; min and max are scalars or x's shape, all one dtype. As in
 * JAX, at a tie (x equal to a bound) no argument gets a derivative.
 *
 * @example lax.clamp(0, np.array([-1, 0.5, 2]), 1) // array([0, 0.5, 1], dtype=float32)
 */
export function clamp(min: ArrayOrScalar, x: ArrayOrScalar, max: ArrayOrScalar): ArrayValue {
  const op = "lax.clamp";
  checkArity(op, arguments, 3);
  // JS numbers take the operand's dtype.
  const a = laxOperand(op, x, 1);
  const [lo, hi] = [min, max].map((b) => (b instanceof ArrayValue ? b : laxOperands(op, [a, b])[1]!)) as [ArrayValue, ArrayValue];
  sameDtype(op, [lo, a, hi]);
  for (const [name, b] of [["min", lo], ["max", hi]] as const) {
    if (b.ndim !== 0 && !shapesEqual(b.shape, a.shape)) fail(op, `${name} must be a scalar or have the operand's shape ${shapeText(a.shape)}, got ${describe(b)}`);
  }
  const full = (b: ArrayValue) => (b.ndim === 0 && a.ndim > 0 ? bind1("broadcastInDim", [b], { shape: a.shape, broadcastDimensions: [] }) : b);
  const [l, h] = [full(lo), full(hi)];
  const cmp = (prim: "gt" | "lt", p: ArrayValue, q: ArrayValue) => bind1(prim, [p, q], {});
  const both = (p: ArrayValue, q: ArrayValue) => bind1("and", [p, q], {});
  const select = (p: ArrayValue, t: ArrayValue, f: ArrayValue) => bind1("select", [p, t, f], {});
  // JAX's derivative: x's where min < x < max, min's where x < min < max, max's where max < x;
  // at a tie the value (min(max(x, min), max)) passes with no derivative.
  const takeX = both(cmp("gt", a, l), cmp("lt", a, h));
  const takeMin = both(cmp("gt", l, a), cmp("lt", l, h));
  const takeMax = cmp("lt", h, a);
  const value = bind1("stopGradient", [bind1("min", [bind1("max", [a, l], {}), h], {})], {});
  return select(takeX, a, select(takeMin, l, select(takeMax, h, value)));
}

/** Options of `dot`: JAX's keyword arguments. */
export interface DotOptions {
  /** `[[lhsContracting, rhsContracting], [lhsBatch, rhsBatch]]`; required unless both operands have rank 1 or 2. */
  readonly dimensionNumbers?: DotDimensionNumbers | null;
  readonly preferredElementType?: DType | null;
}

/**
 * A vector/matrix product (rank 1 or 2 each, contracting lhs's last axis with rhs's first), or
 * any contraction given `dimensionNumbers`.
 *
 * @example lax.dot(np.ones([2, 3]), np.ones([3])) // array([3, 3], dtype=float32)
 */
export function dot(lhs: ArrayValue, rhs: ArrayValue, options: DotOptions | null = {}): ArrayValue {
  const op = "lax.dot";
  checkArity(op, arguments, 3, "pass dimensionNumbers and preferredElementType as options: dot(lhs, rhs, {dimensionNumbers})");
  const a = arrayArg(op, lhs, "lhs");
  const b = arrayArg(op, rhs, "rhs");
  const o = readOptions(op, options, { dimensionNumbers: nullable((_o, _n, v) => v as DotDimensionNumbers), preferredElementType: nullable(dtypeOption) });
  let dims = o.dimensionNumbers ?? null;
  if (dims === null) {
    if (a.ndim < 1 || a.ndim > 2 || b.ndim < 1 || b.ndim > 2 || a.shape[a.ndim - 1] !== b.shape[0]) {
      fail(op, `dimensionNumbers must be given unless this is a vector/matrix product of operands of rank 1 or 2 whose inner sizes agree, got ${describe(a)} and ${describe(b)}`);
    }
    dims = [[[a.ndim - 1], [0]], [[], []]];
  }
  return dotGeneral(a, b, dims, { preferredElementType: o.preferredElementType ?? null });
}

/**
 * Matrix products over matching leading (batch) axes: both operands of one rank >= 2, batch axes equal.
 *
 * @example lax.batchMatmul(np.ones([4, 2, 3]), np.ones([4, 3, 5])).shape // [4, 2, 5]
 */
export function batchMatmul(lhs: ArrayValue, rhs: ArrayValue): ArrayValue {
  const op = "lax.batchMatmul";
  checkArity(op, arguments, 2);
  const a = arrayArg(op, lhs, "lhs");
  const b = arrayArg(op, rhs, "rhs");
  if (Math.min(a.ndim, b.ndim) < 2) fail(op, `operands must have rank >= 2, got ${describe(a)} and ${describe(b)}`);
  if (a.ndim !== b.ndim) fail(op, `operands must have the same rank, got ${describe(a)} and ${describe(b)}`);
  const batch = Array.from({ length: a.ndim - 2 }, (_, i) => i);
  if (batch.some((i) => a.shape[i] !== b.shape[i])) fail(op, `the batch axes must have equal sizes, got ${describe(a)} and ${describe(b)}`);
  return dotGeneral(a, b, [[[a.ndim - 1], [b.ndim - 2]], [batch, batch]]);
}

/**
 * An array of `shape` and `dtype` whose values are unspecified (JAX's are uninitialized; here they are zeros).
 *
 * @example lax.empty([2], "int32").shape // [2]
 */
export function empty(shape: readonly number[] | number, dtype: DType): ArrayValue {
  const op = "lax.empty";
  checkArity(op, arguments, 2);
  const d = dtypeOption(op, "dtype", dtype);
  return full(shape, scalar(0, d), d);
}

/**
 * An array of `shape` filled with a scalar `fillValue`, of `dtype` (default the fill value's:
 * an array's own dtype, float32 for a JS number, bool for a boolean).
 *
 * @example lax.full([2], 7, "int32") // array([7, 7], dtype=int32)
 */
export function full(shape: readonly number[] | number, fillValue: ArrayOrScalar, dtype?: DType | null): ArrayValue {
  const op = "lax.full";
  checkArity(op, arguments, 3);
  return filled(op, shape, fillValue, dtype);
}

function filled(op: string, shape: unknown, fillValue: unknown, dtype: unknown): ArrayValue {
  const d = nullable(dtypeOption)(op, "dtype", dtype ?? null);
  let v: ArrayValue;
  if (fillValue instanceof ArrayValue) {
    if (fillValue.ndim !== 0) fail(op, `fillValue must be a scalar, got ${describe(fillValue)}`);
    v = d === null || d === fillValue.dtype ? fillValue : bind1("convert", [fillValue], { dtype: d });
  } else {
    const given = laxOperand(op, fillValue, 1);
    v = d === null ? given : weakScalar(op, fillValue as number | boolean, d);
  }
  const dims = validShape(op, typeof shape === "number" ? [shape] : shape, v.dtype);
  return bind1("broadcastInDim", [v], { shape: dims, broadcastDimensions: [] });
}

/**
 * An array of x's shape (or `shape`) filled with `fillValue`, of x's dtype unless `dtype` is given.
 *
 * @example lax.fullLike(np.zeros([2], "int32"), 3) // array([3, 3], dtype=int32)
 */
export function fullLike(x: ArrayValue, fillValue: ArrayOrScalar, dtype?: DType | null, shape?: readonly number[] | null): ArrayValue {
  const op = "lax.fullLike";
  checkArity(op, arguments, 4);
  const a = arrayArg(op, x, "x");
  const target = nullable(dtypeOption)(op, "dtype", dtype ?? null) ?? a.dtype;
  return filled(op, shape ?? a.shape, fillValue, target);
}

/**
 * 1 / x for a float array (integers are an error, as in JAX).
 *
 * @example lax.reciprocal(np.array([2, 4])) // array([0.5, 0.25], dtype=float32)
 */
export function reciprocal(x: ArrayOrScalar): ArrayValue {
  const op = "lax.reciprocal";
  checkArity(op, arguments, 1);
  const a = laxOperand(op, x);
  if (isInteger(a.dtype) || a.dtype === "bool") fail(op, `expected a float array (integers cannot be raised to negative powers), got ${describe(a)}`);
  return bind1("div", [scalar(1, a.dtype), a], {});
}

/**
 * x * x.
 *
 * @example lax.square(np.array([3], "int32")) // array([9], dtype=int32)
 */
export function square(x: ArrayOrScalar): ArrayValue {
  const op = "lax.square";
  checkArity(op, arguments, 1);
  const a = laxOperand(op, x);
  if (a.dtype === "bool") fail(op, `expected a numeric array, got ${describe(a)}`);
  return bind1("mul", [a, a], {});
}

/** A logical reduction: over bools, all/any; over integers, the bitwise and/or of every bit. */
function logicalReduction(op: string, x: unknown, axes: unknown, all: boolean): ArrayValue {
  const a = laxOperand(op, x);
  const list = distinctAxes(op, "axes", axes, a.ndim);
  if (a.dtype === "bool") {
    // all: no false element; any: some true element.
    const counted = bind1("reduceSum", [bind1("convert", [all ? bind1("not", [a], {}) : a], { dtype: "int32" })], { axes: list });
    return bind1(all ? "eq" : "ne", [counted, scalar(0, "int32")], {});
  }
  if (!isInteger(a.dtype)) fail(op, `expected a bool or integer array, got ${describe(a)}`);
  // Bit k of the result: whether bit k is set in every (all) or any element along the axes.
  const positions = bind1("iota", [], { dtype: a.dtype, shape: [32], dimension: 0 });
  const wide = [...a.shape, 32];
  const expanded = bind1("broadcastInDim", [a], { shape: wide, broadcastDimensions: a.shape.map((_, i) => i) });
  const place = bind1("broadcastInDim", [positions], { shape: wide, broadcastDimensions: [a.ndim] });
  const bits = bind1("and", [bind1("shiftRightLogical", [expanded, place], {}), scalar(1, a.dtype)], {});
  const combined = bind1(all ? "reduceMin" : "reduceMax", [bits], { axes: list });
  const at = bind1("broadcastInDim", [positions], { shape: combined.shape, broadcastDimensions: [combined.ndim - 1] });
  return bind1("reduceSum", [bind1("shiftLeft", [combined, at], {})], { axes: [combined.ndim - 1] });
}

/**
 * Whether every element over `axes` is true (bools), or the bitwise and over them (integers).
 *
 * @example lax.reduceAnd(np.array([[true, false], [true, true]]), [1]) // array([false, true], dtype=bool)
 */
export function reduceAnd(x: ArrayOrScalar, axes: readonly number[]): ArrayValue {
  checkArity("lax.reduceAnd", arguments, 2);
  return logicalReduction("lax.reduceAnd", x, axes, true);
}

/**
 * Whether any element over `axes` is true (bools), or the bitwise or over them (integers).
 *
 * @example lax.reduceOr(np.array([[true, false], [false, false]]), [1]) // array([true, false], dtype=bool)
 */
export function reduceOr(x: ArrayOrScalar, axes: readonly number[]): ArrayValue {
  checkArity("lax.reduceOr", arguments, 2);
  return logicalReduction("lax.reduceOr", x, axes, false);
}

/**
 * x with axes of size 1 inserted at `dimensions` (positions in the result; negatives count from its end).
 *
 * @example lax.expandDims(np.ones([2, 3]), [0, -1]).shape // [1, 2, 3, 1]
 */
export function expandDims(x: ArrayOrScalar, dimensions: readonly number[]): ArrayValue {
  const op = "lax.expandDims";
  checkArity(op, arguments, 2);
  const a = laxOperand(op, x);
  const rank = a.ndim + integerList(op, "dimensions", dimensions).length;
  const inserted = new Set(distinctAxes(op, "dimensions", dimensions, rank));
  const shape: number[] = [];
  let k = 0;
  for (let i = 0; i < rank; i++) shape.push(inserted.has(i) ? 1 : a.shape[k++]!);
  return bind1("reshape", [a], { newShape: shape });
}

/**
 * x with the size-1 axes `dimensions` removed.
 *
 * @example lax.squeeze(np.ones([1, 2, 1]), [0, -1]).shape // [2]
 */
export function squeeze(x: ArrayOrScalar, dimensions: readonly number[]): ArrayValue {
  const op = "lax.squeeze";
  checkArity(op, arguments, 2);
  const a = laxOperand(op, x);
  const axes = new Set(distinctAxes(op, "dimensions", dimensions, a.ndim));
  for (const ax of axes) if (a.shape[ax] !== 1) fail(op, `cannot squeeze axis ${ax} of size ${a.shape[ax]} (shape ${shapeText(a.shape)}); only axes of size 1 can be removed`);
  return bind1("reshape", [a], { newShape: a.shape.filter((_, i) => !axes.has(i)) });
}

/**
 * x cut along `axis` (default 0) into consecutive pieces of the given sizes, which must sum to that axis's size.
 *
 * @example lax.split(np.arange(5), [2, 3]).map((p) => p.shape) // [[2], [3]]
 */
export function split(x: ArrayOrScalar, sizes: readonly number[], axis = 0): ArrayValue[] {
  const op = "lax.split";
  checkArity(op, arguments, 3);
  const a = laxOperand(op, x);
  if (a.ndim === 0) fail(op, "cannot split a scalar (shape [])");
  const ax = normalizeAxis(op, integer(op, "axis", axis), a.ndim);
  const list = integerList(op, "sizes", sizes);
  if (list.some((s) => s < 0)) fail(op, `sizes must be nonnegative, got ${describeValue(sizes)}`);
  const total = list.reduce((s, n) => s + n, 0);
  if (total !== a.shape[ax]) fail(op, `sizes sum to ${total}, but axis ${ax} has size ${a.shape[ax]} (shape ${shapeText(a.shape)})`);
  let start = 0;
  return list.map((n) => {
    const piece = bind1("slice", [a], {
      start: a.shape.map((_, i) => (i === ax ? start : 0)),
      limit: a.shape.map((d, i) => (i === ax ? start + n : d)),
      strides: a.shape.map(() => 1),
    });
    start += n;
    return piece;
  });
}

/**
 * The operands (one shape and dtype) joined along a new axis `axis` (default 0).
 *
 * @example lax.stack([np.ones([2]), np.zeros([2])], 1).shape // [2, 2]
 */
export function stack(operands: readonly ArrayOrScalar[], axis = 0): ArrayValue {
  const op = "lax.stack";
  checkArity(op, arguments, 2);
  if (!Array.isArray(operands) || operands.length === 0) fail(op, `operands must be a non-empty list of arrays, got ${describeValue(operands)}`);
  const xs = laxOperands(op, operands);
  sameDtype(op, xs);
  if (xs.some((x) => !shapesEqual(x.shape, xs[0]!.shape))) fail(op, `all operands must have the same shape, got ${describeAll(xs)}`);
  const shape = xs[0]!.shape;
  const ax = normalizeAxis(op, integer(op, "axis", axis), shape.length + 1);
  const newShape = [...shape.slice(0, ax), 1, ...shape.slice(ax)];
  return bind1("concatenate", xs.map((x) => bind1("reshape", [x], { newShape })), { axis: ax });
}

/**
 * x repeated `reps[i]` times along each axis i (one rep per axis).
 *
 * @example lax.tile(np.array([1, 2]), [3]) // array([1, 2, 1, 2, 1, 2], dtype=float32)
 */
export function tile(x: ArrayOrScalar, reps: readonly number[]): ArrayValue {
  const op = "lax.tile";
  checkArity(op, arguments, 2);
  const a = laxOperand(op, x);
  const r = listOf(count)(op, "reps", reps);
  if (r.length !== a.ndim) fail(op, `reps must have one entry per axis of the operand (${a.ndim}), got ${describeValue(reps)} for shape ${shapeText(a.shape)}`);
  // [r0, d0, r1, d1, ...] by broadcasting, then merged pairwise.
  const interleaved = a.shape.flatMap((d, i) => [r[i]!, d]);
  const spread = bind1("broadcastInDim", [a], { shape: interleaved, broadcastDimensions: a.shape.map((_, i) => 2 * i + 1) });
  return bind1("reshape", [spread], { newShape: a.shape.map((d, i) => d * r[i]!) });
}
