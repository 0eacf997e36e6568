/**
 * The raw primitives for power users, as in jax.lax: no dtype promotion (operands must share a
 * dtype; JS numbers take their partner's), explicit static parameters, one bind each.
 */
import type { DType } from "../dtype.js";
import { bind, bind1 } from "../interpreter.js";
import { ArrayValue, type ArrayOrScalar } from "../ndarray.js";
import { scalar, weakScalar } from "../numpy/promote.js";
import type { BinaryPrim, ComparePrim, ParamsOf, UnaryPrim } from "../primitives.js";
import { normalizeAxis } from "../shape.js";

/** Arrays stay as they are; JS scalars become weakly typed arrays of the first array operand's dtype. */
function operands(op: string, ...xs: ArrayOrScalar[]): ArrayValue[] {
  const first = xs.find((x): x is ArrayValue => x instanceof ArrayValue);
  const dtype: DType = first?.dtype ?? "float32";
  return xs.map((x) => (x instanceof ArrayValue ? x : weakScalar(`lax.${op}`, x, dtype)));
}

const unary = (prim: UnaryPrim) => (x: ArrayOrScalar): ArrayValue => bind1(prim, operands(prim, x), {});
const binary = (prim: BinaryPrim | ComparePrim) => (x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue => bind1(prim, operands(prim, x, y), {});

/** -x. */ export const neg = unary("neg");
/** e^x. */ export const exp = unary("exp");
/** 2^x. */ export const exp2 = unary("exp2");
/** ln x. */ export const log = unary("log");
/** ln(1 + x). */ export const log1p = unary("log1p");
/** e^x - 1. */ export const expm1 = unary("expm1");
/** Sine. */ export const sin = unary("sin");
/** Cosine. */ export const cos = unary("cos");
/** Tangent. */ export const tan = unary("tan");
/** Inverse sine. */ export const asin = unary("asin");
/** Inverse cosine. */ export const acos = unary("acos");
/** Inverse tangent. */ export const atan = unary("atan");
/** Hyperbolic sine. */ export const sinh = unary("sinh");
/** Hyperbolic cosine. */ export const cosh = unary("cosh");
/** Hyperbolic tangent. */ export const tanh = unary("tanh");
/** Inverse hyperbolic sine. */ export const asinh = unary("asinh");
/** Inverse hyperbolic cosine. */ export const acosh = unary("acosh");
/** Inverse hyperbolic tangent. */ export const atanh = unary("atanh");
/** 1 / (1 + e^-x). */ export const logistic = unary("logistic");
/** Square root. */ export const sqrt = unary("sqrt");
/** 1 / sqrt(x). */ export const rsqrt = unary("rsqrt");
/** Cube root. */ export const cbrt = unary("cbrt");
/** |x|. */ export const abs = unary("abs");
/** Sign of x. */ export const sign = unary("sign");
/** Round down. */ export const floor = unary("floor");
/** Round up. */ export const ceil = unary("ceil");
/** The error function. */ export const erf = unary("erf");
/** 1 - erf(x). */ export const erfc = unary("erfc");
/** The inverse error function. */ export const erfInv = unary("erfInv");
/** True where finite. */ export const isFinite = unary("isFinite");
/** Logical/bitwise not. */ export const not = unary("not");

/** x + y. */ export const add = binary("add");
/** x - y. */ export const sub = binary("sub");
/** x * y. */ export const mul = binary("mul");
/** x / y (integers round toward zero). */ export const div = binary("div");
/** x ** y. */ export const pow = binary("pow");
/** Elementwise max. */ export const max = binary("max");
/** Elementwise min. */ export const min = binary("min");
/** atan2(x, y). */ export const atan2 = binary("atan2");
/** C remainder (sign of the dividend). */ export const rem = binary("rem");
/** Next float after x toward y. */ export const nextAfter = binary("nextAfter");
/** Logical/bitwise and. */ export const and = binary("and");
/** Logical/bitwise or. */ export const or = binary("or");
/** Logical/bitwise xor. */ export const xor = binary("xor");
/** x << y. */ export const shiftLeft = binary("shiftLeft");
/** x >>> y. */ export const shiftRightLogical = binary("shiftRightLogical");
/** x >> y. */ export const shiftRightArithmetic = binary("shiftRightArithmetic");
/** x == y. */ export const eq = binary("eq");
/** x != y. */ export const ne = binary("ne");
/** x < y. */ export const lt = binary("lt");
/** x <= y. */ export const le = binary("le");
/** x > y. */ export const gt = binary("gt");
/** x >= y. */ export const ge = binary("ge");

/** Rounds half away from zero (default) or to even. */
export function round(x: ArrayValue, method: ParamsOf["round"]["method"] = "awayFromZero"): ArrayValue {
  return bind1("round", [x], { method });
}
/** x ** y for a static integer y. */
export function integerPow(x: ArrayValue, y: number): ArrayValue {
  return bind1("integerPow", [x], { y });
}
/** pred ? onTrue : onFalse, elementwise. */
export function select(pred: ArrayValue, onTrue: ArrayOrScalar, onFalse: ArrayOrScalar): ArrayValue {
  return bind1("select", [pred, ...operands("select", onTrue, onFalse)], {});
}
/** The identity, with a zero derivative: grad and jvp treat the result as a constant. */
export function stopGradient(x: ArrayValue): ArrayValue {
  return bind1("stopGradient", [x], {});
}
/** Converts to `dtype`. */
export function convertElementType(x: ArrayValue, dtype: DType): ArrayValue {
  return bind1("convert", [x], { dtype });
}

/** Sums over `axes`. */
export function reduceSum(x: ArrayValue, axes: readonly number[]): ArrayValue {
  return bind1("reduceSum", [x], { axes });
}
/** Maximum over `axes`. */
export function reduceMax(x: ArrayValue, axes: readonly number[]): ArrayValue {
  return bind1("reduceMax", [x], { axes });
}
/** Minimum over `axes`. */
export function reduceMin(x: ArrayValue, axes: readonly number[]): ArrayValue {
  return bind1("reduceMin", [x], { axes });
}
/** Product over `axes`. */
export function reduceProd(x: ArrayValue, axes: readonly number[]): ArrayValue {
  return bind1("reduceProd", [x], { axes });
}
/** Index of the maximum along `axis`. */
export function argmax(x: ArrayValue, axis: number): ArrayValue {
  return bind1("argmax", [x], { axis, indexDtype: "int32" });
}
/** Index of the minimum along `axis`. */
export function argmin(x: ArrayValue, axis: number): ArrayValue {
  return bind1("argmin", [x], { axis, indexDtype: "int32" });
}
/** Cumulative sum along `axis`. */
export function cumsum(x: ArrayValue, axis: number, reverse = false): ArrayValue {
  return bind1("cumsum", [x], { axis, reverse });
}
/** Cumulative product along `axis`. */
export function cumprod(x: ArrayValue, axis: number, reverse = false): ArrayValue {
  return bind1("cumprod", [x], { axis, reverse });
}
/** Cumulative maximum along `axis`. */
export function cummax(x: ArrayValue, axis: number, reverse = false): ArrayValue {
  return bind1("cummax", [x], { axis, reverse });
}
/** Cumulative minimum along `axis`. */
export function cummin(x: ArrayValue, axis: number, reverse = false): ArrayValue {
  return bind1("cummin", [x], { axis, reverse });
}
/** Sorts `operands` along `axis` (default the last) by the first `numKeys` of them; returns every operand permuted. */
export function sort(operands: readonly ArrayValue[], options: { axis?: number; numKeys?: number; descending?: boolean } = {}): ArrayValue[] {
  const rank = operands[0]?.ndim ?? 0;
  const axis = normalizeAxis("lax.sort", options.axis ?? -1, rank);
  return bind("sort", operands, { axis, numKeys: options.numKeys ?? 1, descending: options.descending ?? false });
}
/** The k largest entries along the last axis and their indices. */
export function topK(x: ArrayValue, k: number): [ArrayValue, ArrayValue] {
  const [values, indices] = bind("topK", [x], { k });
  return [values!, indices!];
}

/** Reshapes (same size). */
export function reshape(x: ArrayValue, newShape: readonly number[]): ArrayValue {
  return bind1("reshape", [x], { newShape });
}
/** Broadcasts: operand axis i becomes output axis broadcastDimensions[i]. */
export function broadcastInDim(x: ArrayValue, shape: readonly number[], broadcastDimensions: readonly number[]): ArrayValue {
  return bind1("broadcastInDim", [x], { shape, broadcastDimensions });
}
/** Permutes axes: output axis i is operand axis permutation[i]. */
export function transpose(x: ArrayValue, permutation: readonly number[]): ArrayValue {
  return bind1("transpose", [x], { permutation });
}
/** Static slice [start, limit) with strides. */
export function slice(x: ArrayValue, start: readonly number[], limit: readonly number[], strides?: readonly number[]): ArrayValue {
  return bind1("slice", [x], { start, limit, strides: strides ?? start.map(() => 1) });
}
/** Slice at traced start indices (clamped to fit). */
export function dynamicSlice(x: ArrayValue, startIndices: readonly ArrayOrScalar[], sliceSizes: readonly number[]): ArrayValue {
  return bind1("dynamicSlice", [x, ...startIndices.map(int32)], { sliceSizes });
}
/** Writes `update` into x at traced start indices (clamped), returning a new array. */
export function dynamicUpdateSlice(x: ArrayValue, update: ArrayValue, startIndices: readonly ArrayOrScalar[]): ArrayValue {
  return bind1("dynamicUpdateSlice", [x, update, ...startIndices.map(int32)], {});
}
/** Pads with `[low, high, interior]` per axis (negative low/high crop). */
export function pad(x: ArrayValue, paddingValue: ArrayOrScalar, config: readonly (readonly [number, number, number])[]): ArrayValue {
  return bind1("pad", operands("pad", x, paddingValue), { config });
}
/** Joins along `axis`. */
export function concatenate(xs: readonly ArrayValue[], axis: number): ArrayValue {
  return bind1("concatenate", xs, { axis });
}
/** Reverses the listed axes. */
export function rev(x: ArrayValue, axes: readonly number[]): ArrayValue {
  return bind1("rev", [x], { axes });
}
/** numpy take along one axis (indices must be in range). */
export function gather(x: ArrayValue, indices: ArrayValue, axis: number): ArrayValue {
  return bind1("gather", [x, indices], { axis });
}
/** Adds `updates` into x at `indices` along `axis` (the transpose of gather). */
export function scatterAdd(x: ArrayValue, indices: ArrayValue, updates: ArrayValue, axis: number): ArrayValue {
  return bind1("scatterAdd", [x, indices, updates], { axis });
}
/** 0, 1, 2, ... along `dimension` of `shape`. */
export function iota(dtype: DType, shape: readonly number[], dimension = 0): ArrayValue {
  return bind1("iota", [], { dtype, shape, dimension });
}

/** The Threefry-2x32 block cipher on uint32 words. */
export function threefry2x32(k1: ArrayValue, k2: ArrayValue, x1: ArrayValue, x2: ArrayValue): [ArrayValue, ArrayValue] {
  const [a, b] = bind("threefry2x32", [k1, k2, x1, x2], {});
  return [a!, b!];
}

function int32(x: ArrayOrScalar): ArrayValue {
  return x instanceof ArrayValue ? x : scalar(x, "int32");
}
