/**
 * More of numpy's elementwise functions, composed from the elementwise primitives with JAX's
 * definitions (and so JAX's values at the edges and its derivatives): sign manipulation,
 * NaN-ignoring max/min, base-2 logaddexp, sinc, angle conversion and float_power.
 */
import { isFloat } from "../dtype.js";
import { bind1 } from "../interpreter.js";
import type { ArrayOrScalar, ArrayValue } from "../ndarray.js";
import type { BinaryPrim, ComparePrim } from "../primitives.js";
import { checkArity } from "../validate.js";
import { logaddexp } from "./elementwise.js";
import { promote, promoteToFloat, scalar } from "./promote.js";

const binary = (prim: BinaryPrim | ComparePrim, x: ArrayValue, y: ArrayValue) => bind1(prim, [x, y], {});
const select = (pred: ArrayValue, onTrue: ArrayValue, onFalse: ArrayValue) => bind1("select", [pred, onTrue, onFalse], {});
const isNaN = (x: ArrayValue) => binary("ne", x, x);

/** The sign bit of an already promoted array: true for negative numbers and -0.0. */
function signBitOf(a: ArrayValue): ArrayValue {
  if (a.dtype === "bool" || a.dtype === "uint32") return binary("ne", a, a);
  const zero = scalar(0, a.dtype);
  if (!isFloat(a.dtype)) return binary("lt", a, zero);
  // -0.0 == 0, but 1 / -0.0 is -inf: that tells the zeros apart without reading bits.
  const negativeZero = binary("and", binary("eq", a, zero), binary("lt", binary("div", scalar(1, a.dtype), a), zero));
  return binary("or", binary("lt", a, zero), negativeZero);
}

/**
 * True where the sign bit of x is set: negative numbers and -0.0 (integers: x < 0; bools and
 * uint32: false). tessera cannot read a NaN's sign bit, so NaN gives false (JAX: true for -NaN).
 */
export function signbit(x: ArrayOrScalar): ArrayValue {
  checkArity("signbit", arguments, 1);
  return signBitOf(promote("signbit", x)[0]!);
}

/** |x1| with the sign of x2 (including -0.0); integers become float32. */
export function copysign(x1: ArrayOrScalar, x2: ArrayOrScalar): ArrayValue {
  checkArity("copysign", arguments, 2);
  const [a, b] = promoteToFloat("copysign", x1, x2);
  const magnitude = bind1("abs", [a!], {});
  return select(signBitOf(b!), bind1("neg", [magnitude], {}), magnitude);
}

/** The Heaviside step: 0 where x1 < 0, 1 where x1 > 0, x2 where x1 == 0 (NaN stays NaN). */
export function heaviside(x1: ArrayOrScalar, x2: ArrayOrScalar): ArrayValue {
  checkArity("heaviside", arguments, 2);
  const [a, b] = promoteToFloat("heaviside", x1, x2);
  const zero = scalar(0, a!.dtype);
  const atZero = select(isNaN(a!), a!, b!);
  return select(binary("lt", a!, zero), zero, select(binary("gt", a!, zero), scalar(1, a!.dtype), atZero));
}

/** Elementwise maximum ignoring NaN: the other operand where one is NaN (JAX: x2 wins ties). */
export function fmax(x1: ArrayOrScalar, x2: ArrayOrScalar): ArrayValue {
  checkArity("fmax", arguments, 2);
  const [a, b] = promote("fmax", x1, x2);
  return select(binary("or", binary("gt", a!, b!), isNaN(b!)), a!, b!);
}

/** Elementwise minimum ignoring NaN: the other operand where one is NaN (JAX: x2 wins ties). */
export function fmin(x1: ArrayOrScalar, x2: ArrayOrScalar): ArrayValue {
  checkArity("fmin", arguments, 2);
  const [a, b] = promote("fmin", x1, x2);
  return select(binary("or", binary("lt", a!, b!), isNaN(b!)), a!, b!);
}

/** log2(2^x1 + 2^x2) without overflow; its derivatives are logaddexp's (softmax weights). */
export function logaddexp2(x1: ArrayOrScalar, x2: ArrayOrScalar): ArrayValue {
  checkArity("logaddexp2", arguments, 2);
  const [a, b] = promoteToFloat("logaddexp2", x1, x2);
  const ln2 = scalar(Math.LN2, a!.dtype);
  return binary("div", logaddexp(binary("mul", a!, ln2), binary("mul", b!, ln2)), ln2);
}

/**
 * The normalized sinc, sin(pi x) / (pi x), with sinc(0) = 1. At 0 the value comes from its
 * Maclaurin polynomial, so derivatives of every order up to the ninth there are exact (JAX's
 * custom jvp gives the same: 0, -pi^2/3, 0, ...), and the unused quotient never divides by 0.
 */
export function sinc(x: ArrayOrScalar): ArrayValue {
  checkArity("sinc", arguments, 1);
  const [a] = promoteToFloat("sinc", x);
  const dtype = a!.dtype;
  const t = binary("mul", a!, scalar(Math.PI, dtype));
  const isZero = binary("eq", t, scalar(0, dtype));
  const safe = select(isZero, scalar(1, dtype), t);
  const quotient = binary("div", bind1("sin", [safe], {}), safe);
  // 1 - t^2/3! + t^4/5! - t^6/7! + t^8/9!, by Horner's rule in t^2.
  const t2 = bind1("integerPow", [t], { y: 2 });
  let series = scalar(1 / 362880, dtype) as ArrayValue;
  for (const c of [-1 / 5040, 1 / 120, -1 / 6, 1]) series = binary("add", binary("mul", series, t2), scalar(c, dtype));
  return select(isZero, series, quotient);
}

function scaled(name: string, factor: number) {
  return function (x: ArrayOrScalar): ArrayValue {
    checkArity(name, arguments, 1);
    const [a] = promoteToFloat(name, x);
    return binary("mul", a!, scalar(factor, a!.dtype));
  };
}
/** Degrees to radians (x * pi / 180); integers become float32. */
export const deg2rad = scaled("deg2rad", Math.PI / 180);
/** Radians to degrees (x * 180 / pi). */
export const rad2deg = scaled("rad2deg", 180 / Math.PI);
/** Alias of deg2rad. */
export const radians = deg2rad;
/** Alias of rad2deg. */
export const degrees = rad2deg;

/** x ** y computed in floating point (integers become float32, as JAX without x64). */
export function floatPower(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  checkArity("floatPower", arguments, 2);
  const [a, b] = promoteToFloat("floatPower", x, y);
  return binary("pow", a!, b!);
}
