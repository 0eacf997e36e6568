/**
 * Numbers as bits, after JAX: `frexp` and `ldexp` (a float as mantissa and exponent, read from
 * and written to its bits through the `bitcastConvertType` primitive), `packbits` and
 * `unpackbits` (bits to bytes and back) and `bitwiseCount` (set bits). tessera has no uint8:
 * where JAX returns or takes uint8 (packbits' and unpackbits' results and unpackbits' input,
 * bitwiseCount's result), these use uint32 holding the same values 0..255.
 */
import { isFloat, isInteger } from "../dtype.js";
import { fail } from "../errors.js";
import { bind1 } from "../interpreter.js";
import type { ArrayOrScalar, ArrayValue } from "../ndarray.js";
import { normalizeAxis } from "../shape.js";
import { checkArity, integer, nullable, oneOf, readOptions } from "../validate.js";
import { populationCount } from "../lax/bits.js";
import { positional, singleAxisOption } from "./args.js";
import { abs, add, equal, greater, isinf, isnan, less, logicalOr, multiply, notEqual, power, subtract, where } from "./elementwise.js";
import { concatenate, ravel, reshape, swapaxes } from "./movement.js";
import { cast, checkOperand, promote, promoteToFloat, scalar } from "./promote.js";
import { sum } from "./reductions.js";

const bitcast = (x: ArrayValue, dtype: "int32" | "uint32" | "float32" | "float64"): ArrayValue => bind1("bitcastConvertType", [x], { dtype });
const op2 = (prim: "and" | "or" | "shiftLeft" | "shiftRightLogical", x: ArrayValue, y: ArrayValue | number): ArrayValue =>
  bind1(prim, [x, typeof y === "number" ? scalar(y, x.dtype) : y], {});

/** `x[..., start:limit]` on the last axis. */
function lastAxis(x: ArrayValue, start: number, limit: number): ArrayValue {
  return bind1("slice", [x], { start: x.shape.map((_, i) => (i === x.ndim - 1 ? start : 0)), limit: x.shape.map((d, i) => (i === x.ndim - 1 ? limit : d)), strides: x.shape.map(() => 1) });
}

/** The layout of a float dtype's bits, seen in the 32-bit word holding the exponent. */
const LAYOUT = {
  float32: { mantissaBits: 23, exponentMask: 0xff, bias: 126, smallest: 2 ** -126, scaleBits: 24 },
  float64: { mantissaBits: 20, exponentMask: 0x7ff, bias: 1022, smallest: 2 ** -1022, scaleBits: 54 },
} as const;

/**
 * x split into a mantissa in [0.5, 1) (with x's sign) and an int32 exponent, x = m * 2^e; zeros,
 * infinities and NaN give themselves and exponent 0. Integers become float32.
 *
 * @example np.frexp(np.array([8, 0.75])) // [array([0.5, 0.75], dtype=float32), array([4, 0], dtype=int32)]
 */
export function frexp(x: ArrayOrScalar): [ArrayValue, ArrayValue] {
  checkArity("frexp", arguments, 1);
  const a = promoteToFloat("frexp", checkOperand("frexp", x))[0]!;
  return splitFloat(a);
}

function splitFloat(a: ArrayValue): [ArrayValue, ArrayValue] {
  const dtype = a.dtype as "float32" | "float64";
  const layout = LAYOUT[dtype];
  // Subnormals are scaled into the normal range first, and the scale taken off the exponent.
  const tiny = less(abs(a), layout.smallest);
  const scaled = where(tiny, multiply(a, 2 ** layout.scaleBits), a);
  const offset = where(tiny, scalar(-layout.scaleBits, "int32"), scalar(0, "int32"));
  // The 32-bit word with the sign and exponent: the value itself, or the high word of a float64.
  const words = bitcast(scaled, "uint32");
  const high = dtype === "float32" ? words : reshape(lastAxis(words, 1, 2), a.shape);
  const field = op2("and", op2("shiftRightLogical", high, layout.mantissaBits), layout.exponentMask);
  const exponent = add(subtract(cast(field, "int32"), layout.bias), offset);
  // Replace the exponent field by the bias: the same mantissa, scaled into [0.5, 1).
  const clearMask = (~(layout.exponentMask << layout.mantissaBits)) >>> 0;
  const newHigh = op2("or", op2("and", high, clearMask), layout.bias << layout.mantissaBits);
  const mantissa = dtype === "float32" ? bitcast(newHigh, "float32") : bitcast(concatenate([lastAxis(words, 0, 1), reshape(newHigh, [...a.shape, 1])], -1), "float64");
  const special = logicalOr(logicalOr(isinf(a), isnan(a)), equal(a, 0));
  // The bits carry no derivative; JAX's rule gives the mantissa the slope 2^-e. Adding
  // (x - stopGradient(x)) * 2^-e adds zero to the value and exactly that slope. 2^-e goes in two
  // halves, each finite, so the zero stays zero for subnormals (whose slope overflows, as JAX's).
  const minusE = cast(bind1("neg", [where(special, 0, exponent)], {}), a.dtype);
  const half = bind1("floor", [multiply(minusE, 0.5)], {});
  const pow2 = (v: ArrayValue) => bind1("exp2", [v], {});
  const slope = multiply(multiply(subtract(a, bind1("stopGradient", [a], {})), pow2(half)), pow2(subtract(minusE, half)));
  return [where(special, a, add(mantissa, slope)), where(special, 0, exponent)];
}

/**
 * x * 2^e, computed through x's mantissa and exponent so that large e with small x (or the
 * reverse) does not overflow on the way; e must be integers. Integers x become float32.
 *
 * @example np.ldexp(np.array([0.5, 3]), np.array([4, -1], { dtype: "int32" })) // array([8., 1.5], dtype=float32)
 */
export function ldexp(x: ArrayOrScalar, e: ArrayOrScalar): ArrayValue {
  checkArity("ldexp", arguments, 2);
  const a = promoteToFloat("ldexp", checkOperand("ldexp", x, 0))[0]!;
  const exp0 = promote("ldexp", checkOperand("ldexp", e, 1))[0]!;
  if (!isInteger(exp0.dtype) && exp0.dtype !== "bool") fail("ldexp", `the exponent must be integers, got dtype ${exp0.dtype}`);
  const [m0, e0] = splitFloat(a);
  // As JAX: the exponent sum in x's float dtype, with one factor of 2 moved into the mantissa
  // when it is positive (the sum may exceed the largest exponent by one with a finite result).
  const total = add(cast(e0, a.dtype), cast(exp0, a.dtype));
  const up = greater(total, 0);
  const m = where(up, multiply(m0, 2), m0);
  const t = where(up, subtract(total, 1), total);
  const y = multiply(m, power(scalar(2, a.dtype), t));
  return where(logicalOr(isinf(a), equal(a, 0)), a, y);
}

/**
 * The number of set bits in |x| for each element of an integer or bool array, as uint32 (JAX:
 * uint8).
 *
 * @example np.bitwiseCount(np.array([7, -3], { dtype: "int32" })) // array([3, 2], dtype=uint32)
 */
export function bitwiseCount(x: ArrayOrScalar): ArrayValue {
  checkArity("bitwiseCount", arguments, 1);
  let a = promote("bitwiseCount", checkOperand("bitwiseCount", x))[0]!;
  if (a.dtype === "bool") a = cast(a, "int32");
  if (!isInteger(a.dtype)) fail("bitwiseCount", `expected an integer or bool array, got dtype ${a.dtype}`);
  const magnitude = a.dtype === "int32" ? abs(a) : a;
  return cast(populationCount(magnitude), "uint32");
}

/** Options of packbits: the axis (default: the flattened array) and the bit order in each byte. */
export interface PackbitsOptions {
  readonly axis?: number | null;
  /** "big" (default): the first element is the byte's highest bit; "little": its lowest. */
  readonly bitorder?: "big" | "little";
}

/** The 8 shifts of a byte's bits, in element order. */
function bitShifts(order: "big" | "little" | undefined): ArrayValue {
  const up = bind1("iota", [], { dtype: "uint32", shape: [8], dimension: 0 });
  return order === "little" ? up : bind1("sub", [scalar(7, "uint32"), up], {});
}

/**
 * The nonzero-ness of a's elements packed 8 to a byte along `axis` (the flattened array by
 * default; the axis padded with zeros to a multiple of 8), as uint32 values 0..255 (JAX: uint8).
 *
 * @example np.packbits(np.array([1, 0, 1, 1, 0, 0, 0, 1], { dtype: "int32" })) // array([177], dtype=uint32)
 */
export function packbits(a: ArrayOrScalar, options?: PackbitsOptions | number | null): ArrayValue {
  const op = "packbits";
  checkArity(op, arguments, 2);
  let x = promote(op, checkOperand(op, a))[0]!;
  if (isFloat(x.dtype)) fail(op, `expected an integer or bool array, got dtype ${x.dtype}`);
  const o = readOptions(op, positional(options, "axis", (v) => typeof v === "number"), { axis: singleAxisOption, bitorder: oneOf(["big", "little"] as const) });
  if (o.axis === undefined || o.axis === null) x = ravel(x);
  const axis = normalizeAxis(op, o.axis ?? 0, x.ndim);
  let bits = cast(x.dtype === "bool" ? x : notEqual(x, 0), "uint32");
  bits = swapaxes(bits, axis, -1);
  const n = bits.shape[bits.ndim - 1]!;
  const padded = Math.ceil(n / 8) * 8;
  if (padded !== n) {
    bits = bind1("pad", [bits, scalar(0, "uint32")], { config: bits.shape.map((_, i) => (i === bits.ndim - 1 ? ([0, padded - n, 0] as const) : ([0, 0, 0] as const))) });
  }
  const grouped = reshape(bits, [...bits.shape.slice(0, -1), padded / 8, 8]);
  const packed = sum(op2("shiftLeft", grouped, bind1("broadcastInDim", [bitShifts(o.bitorder)], { shape: grouped.shape, broadcastDimensions: [grouped.ndim - 1] })), { axis: -1 });
  return swapaxes(packed, axis, -1);
}

/** Options of unpackbits: the axis, how many bits to keep (pad with zeros past the end), the bit order. */
export interface UnpackbitsOptions {
  readonly axis?: number | null;
  /** Keep this many bits along the axis (negative: drop that many from the end; more than there are: pad with zeros). */
  readonly count?: number | null;
  readonly bitorder?: "big" | "little";
}

/**
 * The 8 bits of each byte of a (uint32 values 0..255, tessera's stand-in for JAX's uint8; higher
 * bits are ignored) laid out along `axis` (the flattened array by default), as uint32 0s and 1s.
 *
 * @example np.unpackbits(np.array([5], { dtype: "uint32" })) // array([0, 0, 0, 0, 0, 1, 0, 1], dtype=uint32)
 */
export function unpackbits(a: ArrayOrScalar, options?: UnpackbitsOptions | number | null): ArrayValue {
  const op = "unpackbits";
  checkArity(op, arguments, 2);
  let x = promote(op, checkOperand(op, a))[0]!;
  if (x.dtype !== "uint32") fail(op, `expected an array of bytes as uint32 (tessera's stand-in for uint8), got dtype ${x.dtype}`);
  const o = readOptions(op, positional(options, "axis", (v) => typeof v === "number"), { axis: singleAxisOption, count: nullable(integer), bitorder: oneOf(["big", "little"] as const) });
  if (o.axis === undefined || o.axis === null) x = ravel(x);
  const axis = normalizeAxis(op, o.axis ?? 0, x.ndim);
  x = swapaxes(x, axis, -1);
  const expanded = bind1("broadcastInDim", [x], { shape: [...x.shape, 8], broadcastDimensions: x.shape.map((_, i) => i) });
  const shifts = bind1("broadcastInDim", [bitShifts(o.bitorder)], { shape: expanded.shape, broadcastDimensions: [expanded.ndim - 1] });
  let bits = op2("and", op2("shiftRightLogical", expanded, shifts), 1);
  bits = reshape(bits, [...x.shape.slice(0, -1), x.shape[x.ndim - 1]! * 8]);
  const length = bits.shape[bits.ndim - 1]!;
  if (o.count !== undefined && o.count !== null) {
    const keep = o.count < 0 ? Math.max(0, length + o.count) : o.count;
    bits = keep > length
      ? bind1("pad", [bits, scalar(0, "uint32")], { config: bits.shape.map((_, i) => (i === bits.ndim - 1 ? ([0, keep - length, 0] as const) : ([0, 0, 0] as const))) })
      : lastAxis(bits, 0, keep);
  }
  return swapaxes(bits, axis, -1);
}
