/**
 * The raw primitives for power users, as in jax.lax: no dtype promotion (operands must share a
 * dtype; JS numbers take their partner's), explicit static parameters, one bind each.
 */
import type { DType } from "../dtype.js";
import { bind, bind1 } from "../interpreter.js";
import { ArrayValue, type ArrayOrScalar } from "../ndarray.js";
import { scalar } from "../numpy/promote.js";
import type { BinaryPrim, ComparePrim, ParamsOf, UnaryPrim } from "../primitives.js";
import { normalizeAxis } from "../shape.js";
import { fail } from "../errors.js";
import { bool, checkArity, count, describeValue, integer, integerList, listOf, oneOf, readOptions, validShape } from "../validate.js";
import { dtypeOption } from "../numpy/args.js";
import { arrayArg, indexOperand, laxOperand, laxOperands } from "./args.js";

// Every wrapper checks its arity (JS drops extra arguments silently), its operands (arrays,
// numbers or booleans; lax never coerces a string or null with Number()) and its static
// parameters before binding; the shape rules then check shapes against each other.

const unary = (prim: UnaryPrim) => {
  const op = `lax.${prim}`;
  return function (x: ArrayOrScalar): ArrayValue {
    if (arguments.length > 1) checkArity(op, arguments, 1);
    return bind1(prim, [laxOperand(op, x)], {});
  };
};
const binary = (prim: BinaryPrim | ComparePrim) => {
  const op = `lax.${prim}`;
  return function (x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
    if (arguments.length > 2) checkArity(op, arguments, 2);
    // Two arrays (the common case) need no conversion.
    return bind1(prim, x instanceof ArrayValue && y instanceof ArrayValue ? [x, y] : laxOperands(op, [x, y]), {});
  };
};

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
export function round(x: ArrayOrScalar, method: ParamsOf["round"]["method"] = "awayFromZero"): ArrayValue {
  checkArity("lax.round", arguments, 2);
  return bind1("round", [laxOperand("lax.round", x)], { method: roundingMethod("lax.round", "method", method) });
}
const roundingMethod = oneOf<ParamsOf["round"]["method"]>(["awayFromZero", "toNearestEven"]);
/** x ** y for a static integer y. */
export function integerPow(x: ArrayOrScalar, y: number): ArrayValue {
  checkArity("lax.integerPow", arguments, 2);
  return bind1("integerPow", [laxOperand("lax.integerPow", x)], { y: integer("lax.integerPow", "y", y) });
}
/** pred ? onTrue : onFalse, elementwise. */
export function select(pred: ArrayOrScalar, onTrue: ArrayOrScalar, onFalse: ArrayOrScalar): ArrayValue {
  checkArity("lax.select", arguments, 3);
  return bind1("select", [laxOperand("lax.select", pred), ...laxOperands("lax.select", [onTrue, onFalse])], {});
}
/** The identity, with a zero derivative: grad and jvp treat the result as a constant. */
export function stopGradient(x: ArrayOrScalar): ArrayValue {
  checkArity("stopGradient", arguments, 1);
  return bind1("stopGradient", [laxOperand("stopGradient", x)], {});
}
/** Converts to `dtype`. */
export function convertElementType(x: ArrayOrScalar, dtype: DType): ArrayValue {
  const op = "lax.convertElementType";
  checkArity(op, arguments, 2);
  return bind1("convert", [laxOperand(op, x)], { dtype: dtypeOption(op, "dtype", dtype) });
}

/** A reduction over a static list of axes. */
function reduction(prim: "reduceSum" | "reduceMax" | "reduceMin" | "reduceProd") {
  const op = `lax.${prim}`;
  return function (x: ArrayOrScalar, axes: readonly number[]): ArrayValue {
    checkArity(op, arguments, 2);
    return bind1(prim, [laxOperand(op, x)], { axes: integerList(op, "axes", axes) });
  };
}
/** Sums over `axes`. */ export const reduceSum = reduction("reduceSum");
/** Maximum over `axes`. */ export const reduceMax = reduction("reduceMax");
/** Minimum over `axes`. */ export const reduceMin = reduction("reduceMin");
/** Product over `axes`. */ export const reduceProd = reduction("reduceProd");

/** An index reduction along one axis; the index dtype is int32 (JAX's third argument, optional here). */
function indexReduction(prim: "argmax" | "argmin") {
  const op = `lax.${prim}`;
  return function (x: ArrayOrScalar, axis: number, indexDtype: "int32" = "int32"): ArrayValue {
    checkArity(op, arguments, 3);
    return bind1(prim, [laxOperand(op, x)], { axis: integer(op, "axis", axis), indexDtype: oneOf(["int32"] as const)(op, "indexDtype", indexDtype) });
  };
}
/** Index of the maximum along `axis`. */ export const argmax = indexReduction("argmax");
/** Index of the minimum along `axis`. */ export const argmin = indexReduction("argmin");

/** A cumulative reduction along `axis`, optionally from the end. */
function cumulative(prim: "cumsum" | "cumprod" | "cummax" | "cummin") {
  const op = `lax.${prim}`;
  return function (x: ArrayOrScalar, axis: number, reverse = false): ArrayValue {
    checkArity(op, arguments, 3);
    return bind1(prim, [laxOperand(op, x)], { axis: integer(op, "axis", axis), reverse: bool(op, "reverse", reverse) });
  };
}
/** Cumulative sum along `axis`. */ export const cumsum = cumulative("cumsum");
/** Cumulative product along `axis`. */ export const cumprod = cumulative("cumprod");
/** Cumulative maximum along `axis`. */ export const cummax = cumulative("cummax");
/** Cumulative minimum along `axis`. */ export const cummin = cumulative("cummin");

/** Sorts `operands` along `axis` (default the last) by the first `numKeys` of them; returns every operand permuted. */
export function sort(operands: readonly ArrayValue[], options: { axis?: number; numKeys?: number; descending?: boolean } | null = {}): ArrayValue[] {
  const op = "lax.sort";
  checkArity(op, arguments, 2);
  const xs = arrayList(op, "operands", operands);
  const o = readOptions(op, options, { axis: integer, numKeys: count, descending: bool });
  const axis = normalizeAxis(op, o.axis ?? -1, xs[0]?.ndim ?? 0);
  return bind("sort", xs, { axis, numKeys: o.numKeys ?? 1, descending: o.descending ?? false });
}
/** The k largest entries along the last axis and their indices. */
export function topK(x: ArrayOrScalar, k: number): [ArrayValue, ArrayValue] {
  checkArity("lax.topK", arguments, 2);
  const [values, indices] = bind("topK", [laxOperand("lax.topK", x)], { k: count("lax.topK", "k", k) });
  return [values!, indices!];
}

/** Reshapes (same size). */
export function reshape(x: ArrayOrScalar, newShape: readonly number[]): ArrayValue {
  const op = "lax.reshape";
  checkArity(op, arguments, 2);
  const a = laxOperand(op, x);
  return bind1("reshape", [a], { newShape: validShape(op, newShape, a.dtype, "newShape") });
}
/** Broadcasts: operand axis i becomes output axis broadcastDimensions[i]. */
export function broadcastInDim(x: ArrayOrScalar, shape: readonly number[], broadcastDimensions: readonly number[]): ArrayValue {
  const op = "lax.broadcastInDim";
  checkArity(op, arguments, 3);
  const a = laxOperand(op, x);
  return bind1("broadcastInDim", [a], { shape: validShape(op, shape, a.dtype), broadcastDimensions: integerList(op, "broadcastDimensions", broadcastDimensions) });
}
/** Permutes axes: output axis i is operand axis permutation[i]. */
export function transpose(x: ArrayOrScalar, permutation: readonly number[]): ArrayValue {
  const op = "lax.transpose";
  checkArity(op, arguments, 2);
  return bind1("transpose", [laxOperand(op, x)], { permutation: integerList(op, "permutation", permutation) });
}
/** Static slice [start, limit) with strides (default 1; null means the default, as JAX's None). */
export function slice(x: ArrayOrScalar, start: readonly number[], limit: readonly number[], strides?: readonly number[] | null): ArrayValue {
  const op = "lax.slice";
  checkArity(op, arguments, 4);
  const begin = integerList(op, "start", start);
  const end = integerList(op, "limit", limit);
  const step = strides === undefined || strides === null ? begin.map(() => 1) : integerList(op, "strides", strides);
  return bind1("slice", [laxOperand(op, x)], { start: begin, limit: end, strides: step });
}
/** Start indices: a list of integers or integer scalar arrays, one per axis. */
function startIndexList(op: string, startIndices: unknown): ArrayValue[] {
  return listOf((o, name, v) => int32(indexOperand(o, v, name)))(op, "startIndices", startIndices);
}
/** Slice at traced start indices (clamped to fit). */
export function dynamicSlice(x: ArrayOrScalar, startIndices: readonly ArrayOrScalar[], sliceSizes: readonly number[]): ArrayValue {
  const op = "lax.dynamicSlice";
  checkArity(op, arguments, 3);
  const a = laxOperand(op, x);
  return bind1("dynamicSlice", [a, ...startIndexList(op, startIndices)], { sliceSizes: listOf(count)(op, "sliceSizes", sliceSizes) });
}
/** Writes `update` into x at traced start indices (clamped), returning a new array. */
export function dynamicUpdateSlice(x: ArrayOrScalar, update: ArrayOrScalar, startIndices: readonly ArrayOrScalar[]): ArrayValue {
  const op = "lax.dynamicUpdateSlice";
  checkArity(op, arguments, 3);
  return bind1("dynamicUpdateSlice", [...laxOperands(op, [x, update]), ...startIndexList(op, startIndices)], {});
}
const padConfig = listOf(listOf(integer, { min: 3, max: 3 }));
/** Pads with `[low, high, interior]` per axis (negative low/high crop). */
export function pad(x: ArrayOrScalar, paddingValue: ArrayOrScalar, config: readonly (readonly [number, number, number])[]): ArrayValue {
  const op = "lax.pad";
  checkArity(op, arguments, 3);
  const cfg = padConfig(op, "config", config) as unknown as readonly (readonly [number, number, number])[];
  return bind1("pad", laxOperands(op, [x, paddingValue]), { config: cfg });
}
/** Joins along `axis`. */
export function concatenate(xs: readonly ArrayValue[], axis: number): ArrayValue {
  const op = "lax.concatenate";
  checkArity(op, arguments, 2);
  return bind1("concatenate", arrayList(op, "operands", xs), { axis: integer(op, "axis", axis) });
}
/** Reverses the listed axes. */
export function rev(x: ArrayOrScalar, axes: readonly number[]): ArrayValue {
  checkArity("lax.rev", arguments, 2);
  return bind1("rev", [laxOperand("lax.rev", x)], { axes: integerList("lax.rev", "axes", axes) });
}
/** numpy take along one axis (indices must be in range). */
export function gather(x: ArrayValue, indices: ArrayValue, axis: number): ArrayValue {
  const op = "lax.gather";
  checkArity(op, arguments, 3);
  return bind1("gather", [arrayArg(op, x, "operand"), arrayArg(op, indices, "indices")], { axis: integer(op, "axis", axis) });
}
/** Adds `updates` into x at `indices` along `axis` (the transpose of gather). */
export function scatterAdd(x: ArrayValue, indices: ArrayValue, updates: ArrayValue, axis: number): ArrayValue {
  const op = "lax.scatterAdd";
  checkArity(op, arguments, 4);
  return bind1("scatterAdd", [arrayArg(op, x, "operand"), arrayArg(op, indices, "indices"), arrayArg(op, updates, "updates")], { axis: integer(op, "axis", axis) });
}
/** 0, 1, 2, ... along `dimension` of `shape`; a single size `n` means shape [n] (JAX's lax.iota(dtype, size)). */
export function iota(dtype: DType, shape: readonly number[] | number, dimension = 0): ArrayValue {
  const op = "lax.iota";
  checkArity(op, arguments, 3);
  const d = oneOf<DType>(["float32", "float64", "int32", "uint32"])(op, "dtype", dtype);
  const dims = validShape(op, typeof shape === "number" ? [shape] : shape, d);
  return bind1("iota", [], { dtype: d, shape: dims, dimension: integer(op, "dimension", dimension) });
}

/** The Threefry-2x32 block cipher on uint32 words. */
export function threefry2x32(k1: ArrayValue, k2: ArrayValue, x1: ArrayValue, x2: ArrayValue): [ArrayValue, ArrayValue] {
  const op = "lax.threefry2x32";
  checkArity(op, arguments, 4);
  const args = [k1, k2, x1, x2].map((v, i) => arrayArg(op, v, ["k1", "k2", "x1", "x2"][i]!));
  const [a, b] = bind("threefry2x32", args, {});
  return [a!, b!];
}

/** A non-empty list of arrays. */
function arrayList(op: string, name: string, xs: unknown): ArrayValue[] {
  if (!Array.isArray(xs)) fail(op, `${name} must be a list of arrays such as [x, y], got ${describeValue(xs)}`);
  return listOf((o, n, v) => arrayArg(o, v, n), { min: 1 })(op, name, xs);
}

function int32(x: ArrayOrScalar): ArrayValue {
  return typeof x === "number" ? scalar(x, "int32") : (x as ArrayValue);
}
