/**
 * jax.lax's bit-level integer operations (`populationCount`, `clz`, `mulhi`, `reduceXor`) and
 * the remaining scans and sorts (`cumlogsumexp`, `sortKeyVal`), `broadcastShapes`, and
 * `bitcastConvertType` (the one primitive here). The other bit operations are compositions of shifts, masks and adds on 32-bit integers (no new primitive),
 * so they run under every transform; they are integer-valued and have no derivative.
 */
import { isInteger, type DType } from "../dtype.js";
import { dtypeOption } from "../numpy/args.js";
import { fail } from "../errors.js";
import { bind, bind1 } from "../interpreter.js";
import type { ArrayOrScalar, ArrayValue } from "../ndarray.js";
import { scalar } from "../numpy/promote.js";
import type { BinaryPrim } from "../primitives.js";
import { broadcastShapes as broadcastShapesOf, normalizeAxis } from "../shape.js";
import { bool, checkArity, integer, integerList, validShape } from "../validate.js";
import { logaddexp } from "../numpy/elementwise.js";
import { arrayArg, laxOperand, laxOperands } from "./args.js";

const op2 = (prim: BinaryPrim, x: ArrayValue, y: ArrayValue | number): ArrayValue =>
  bind1(prim, [x, typeof y === "number" ? scalar(y, x.dtype) : y], {});
const and = (x: ArrayValue, mask: number) => op2("and", x, mask);
const shr = (x: ArrayValue, bits: number) => op2("shiftRightLogical", x, bits);

function integerOperand(op: string, x: ArrayOrScalar): ArrayValue {
  const a = laxOperand(op, x);
  if (!isInteger(a.dtype)) fail(op, `expected an integer array (int32 or uint32), got ${a.dtype}`);
  return a;
}

/** Set bits per element, by the parallel-sum method (pairs, nibbles, bytes, then halves). */
function popcount(x: ArrayValue): ArrayValue {
  let c = op2("sub", x, and(shr(x, 1), 0x55555555));
  c = op2("add", and(c, 0x33333333), and(shr(c, 2), 0x33333333));
  c = and(op2("add", c, shr(c, 4)), 0x0f0f0f0f);
  c = op2("add", c, shr(c, 8));
  c = op2("add", c, shr(c, 16));
  return and(c, 0x3f);
}

/** The number of set bits of each element of an integer array (same dtype). */
export function populationCount(x: ArrayOrScalar): ArrayValue {
  checkArity("lax.populationCount", arguments, 1);
  return popcount(integerOperand("lax.populationCount", x));
}

/** The number of leading zero bits of each element of an integer array (32 for 0; same dtype). */
export function clz(x: ArrayOrScalar): ArrayValue {
  checkArity("lax.clz", arguments, 1);
  let s = integerOperand("lax.clz", x);
  // Smear the highest set bit downward; the zeros left above it are the leading zeros.
  for (const k of [1, 2, 4, 8, 16]) s = op2("or", s, shr(s, k));
  return op2("sub", scalar(32, s.dtype), popcount(s));
}

/**
 * The high 32 bits of the 64-bit product of x and y (signed for int32, unsigned for uint32), by
 * 16-bit halves so every partial product is exact.
 */
export function mulhi(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  checkArity("lax.mulhi", arguments, 2);
  const [u, v] = laxOperands("lax.mulhi", [x, y]);
  if (!isInteger(u!.dtype) || u!.dtype !== v!.dtype) fail("lax.mulhi", `expected two integer arrays of one dtype, got ${u!.dtype} and ${v!.dtype}`);
  const high = (a: ArrayValue, bits: number) => op2(u!.dtype === "int32" ? "shiftRightArithmetic" : "shiftRightLogical", a, bits);
  const [u0, u1, v0, v1] = [and(u!, 0xffff), high(u!, 16), and(v!, 0xffff), high(v!, 16)];
  const t = op2("add", op2("mul", u1, v0), shr(op2("mul", u0, v0), 16));
  const w1 = op2("add", op2("mul", u0, v1), and(t, 0xffff));
  return op2("add", op2("add", op2("mul", u1, v1), high(t, 16)), high(w1, 16));
}

/** The bitwise xor over `axes` (for bool arrays, whether an odd number are true). */
export function reduceXor(x: ArrayOrScalar, axes: readonly number[]): ArrayValue {
  const op = "lax.reduceXor";
  checkArity(op, arguments, 2);
  const a = laxOperand(op, x);
  const list = integerList(op, "axes", axes);
  if (a.dtype === "bool") {
    const count = bind1("reduceSum", [bind1("convert", [a], { dtype: "int32" })], { axes: list });
    return bind1("ne", [and(count, 1), scalar(0, "int32")], {});
  }
  if (!isInteger(a.dtype)) fail(op, `expected a bool or integer array, got ${a.dtype}`);
  // Each bit of the result is the parity of that bit's count over the axes.
  const positions = bind1("iota", [], { dtype: a.dtype, shape: [32], dimension: 0 });
  const expanded = bind1("broadcastInDim", [a], { shape: [...a.shape, 32], broadcastDimensions: a.shape.map((_, i) => i) });
  const bits = and(op2("shiftRightLogical", expanded, bind1("broadcastInDim", [positions], { shape: [...a.shape, 32], broadcastDimensions: [a.ndim] })), 1);
  const parity = and(bind1("reduceSum", [bits], { axes: list.map((ax) => normalizeAxis(op, ax, a.ndim)) }), 1);
  const rank = parity.ndim;
  const place = bind1("broadcastInDim", [positions], { shape: parity.shape, broadcastDimensions: [rank - 1] });
  return bind1("reduceSum", [op2("shiftLeft", parity, place)], { axes: [rank - 1] });
}

/** log(cumsum(exp(x))) along `axis` (default 0), computed stably by a doubling scan of logaddexp; `reverse` accumulates from the end. */
export function cumlogsumexp(x: ArrayOrScalar, axis = 0, reverse = false): ArrayValue {
  const op = "lax.cumlogsumexp";
  checkArity(op, arguments, 3);
  const a = laxOperand(op, x);
  if (a.dtype !== "float32" && a.dtype !== "float64") fail(op, `expected a float array, got ${a.dtype}`);
  const ax = normalizeAxis(op, integer(op, "axis", axis), a.ndim);
  const flip = (v: ArrayValue) => bind1("rev", [v], { axes: [ax] });
  let y = bool(op, "reverse", reverse) ? flip(a) : a;
  const n = a.shape[ax]!;
  // After the step with shift d, y[i] holds logsumexp(x[i-2d+1..i]): log2(n) shifted logaddexps.
  for (let d = 1; d < n; d *= 2) {
    const shifted = bind1("pad", [bind1("slice", [y], { start: y.shape.map(() => 0), limit: y.shape.map((s, i) => (i === ax ? s - d : s)), strides: y.shape.map(() => 1) }), scalar(-Infinity, a.dtype)], {
      config: y.shape.map((_, i) => (i === ax ? ([d, 0, 0] as const) : ([0, 0, 0] as const))),
    });
    y = logaddexp(y, shifted);
  }
  return reverse ? flip(y) : y;
}

/** Sorts `keys` along `dimension` (default the last) and permutes `values` the same way: `[sortedKeys, values]`. */
export function sortKeyVal(keys: ArrayValue, values: ArrayValue, dimension = -1): [ArrayValue, ArrayValue] {
  const op = "lax.sortKeyVal";
  checkArity(op, arguments, 3);
  const k = arrayArg(op, keys, "keys");
  const v = arrayArg(op, values, "values");
  const [sk, sv] = bind("sort", [k, v], { axis: normalizeAxis(op, integer(op, "dimension", dimension), k.ndim), numKeys: 1, descending: false });
  return [sk!, sv!];
}

/** The shape the given shapes broadcast to (jax.lax.broadcast_shapes). */
export function broadcastShapes(...shapes: readonly (readonly number[])[]): number[] {
  return broadcastShapesOf("lax.broadcastShapes", ...shapes.map((s, i) => validShape("lax.broadcastShapes", s, undefined, `shape ${i}`)));
}

/**
 * The bits of x read as `dtype` (jax.lax's bitcast_convert_type): float32, int32 and uint32 map
 * element to element; float64 to a 32-bit dtype adds a trailing axis of 2 (low word first), and a
 * 32-bit dtype to float64 needs a trailing axis of 2 and removes it. Bits have no derivative.
 *
 * @example lax.bitcastConvertType(np.array([1], { dtype: "float32" }), "int32") // array([1065353216], dtype=int32)
 */
export function bitcastConvertType(x: ArrayOrScalar, dtype: DType): ArrayValue {
  const op = "lax.bitcastConvertType";
  checkArity(op, arguments, 2);
  const a = laxOperand(op, x);
  const target = dtypeOption(op, "dtype", dtype);
  if ((a.dtype === "bool") !== (target === "bool")) fail(op, `cannot reinterpret ${a.dtype} as ${target}: bool has no other dtype of its width here`);
  return bind1("bitcastConvertType", [a], { dtype: target });
}
