/**
 * numpy's elementwise functions (ufuncs) in camelCase. Each promotes its operands (weak typing
 * for JS numbers, integers lifted to float32 where the math needs floats, as in JAX) and binds
 * one or a few elementwise primitives.
 */
import { isFloat, isInteger, type DType } from "../dtype.js";
import { fail } from "../errors.js";
import { bind1 } from "../interpreter.js";
import type { ArrayOrScalar, ArrayValue } from "../ndarray.js";
import type { BinaryPrim, ComparePrim, UnaryPrim } from "../primitives.js";
import { checkArity, integer, readOptions } from "../validate.js";
import { dtypeOption, positional, readCloseOptions } from "./args.js";
import { cast, checkOperand, promote, promoteNumeric, promoteToFloat, scalar } from "./promote.js";
import type { ArithmeticOf, DifferenceOf, FloatOf, OperandDtype, QuotientOf, SumOf } from "../static-dtype.js";

const unary = (prim: UnaryPrim, x: ArrayValue) => bind1(prim, [x], {});
const binary = (prim: BinaryPrim | ComparePrim, x: ArrayValue, y: ArrayValue) => bind1(prim, [x, y], {});

function floatUnary(prim: UnaryPrim, name: string): <X extends ArrayOrScalar>(x: X) => ArrayValue<FloatOf<OperandDtype<X>>> {
  return function (x: ArrayOrScalar) {
    checkArity(name, arguments, 1);
    return unary(prim, promoteToFloat(name, x)[0]!);
  } as <X extends ArrayOrScalar>(x: X) => ArrayValue<FloatOf<OperandDtype<X>>>;
}

// ---------------------------------------------------------------------------------------------
// arithmetic

/** x + y with broadcasting (logical or for bools, as numpy). */
export function add<X extends ArrayOrScalar, Y extends ArrayOrScalar>(x: X, y: Y): ArrayValue<SumOf<X, Y>>;
export function add(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  checkArity("add", arguments, 2);
  const [a, b] = promote("add", x, y);
  return a!.dtype === "bool" ? binary("or", a!, b!) : binary("add", a!, b!);
}
/** x - y with broadcasting. */
export function subtract<X extends ArrayOrScalar, Y extends ArrayOrScalar>(x: X, y: Y): ArrayValue<DifferenceOf<X, Y>>;
export function subtract(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  checkArity("subtract", arguments, 2);
  const [a, b] = promote("subtract", x, y);
  if (a!.dtype === "bool") fail("subtract", "numpy boolean subtract is not supported; use logicalXor");
  return binary("sub", a!, b!);
}
/** x * y with broadcasting (logical and for bools). */
export function multiply<X extends ArrayOrScalar, Y extends ArrayOrScalar>(x: X, y: Y): ArrayValue<SumOf<X, Y>>;
export function multiply(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  checkArity("multiply", arguments, 2);
  const [a, b] = promote("multiply", x, y);
  return a!.dtype === "bool" ? binary("and", a!, b!) : binary("mul", a!, b!);
}
/** True division: integers are divided as float32 (as JAX). */
export function divide<X extends ArrayOrScalar, Y extends ArrayOrScalar>(x: X, y: Y): ArrayValue<QuotientOf<X, Y>>;
export function divide(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  checkArity("divide", arguments, 2);
  const [a, b] = promoteToFloat("divide", x, y);
  return binary("div", a!, b!);
}
/** Alias of divide. */
export const trueDivide = divide;
/** Floor division: rounds the quotient toward negative infinity (numpy's divmod quotient). */
export function floorDivide(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  checkArity("floorDivide", arguments, 2);
  const [a, b] = promoteNumeric("floorDivide", x, y);
  // Divide the exact multiple x - fmod(x, y), then step down where the remainder's sign differs
  // from the divisor's; floor(x / y) would round the quotient first and can be off by one.
  const r = binary("rem", a!, b!);
  const zero = scalar(0, a!.dtype);
  // Division by zero divides x itself, giving +-inf or nan like numpy.
  const exact = bind1("select", [binary("eq", b!, zero), a!, binary("sub", a!, r)], {});
  const q = isFloat(a!.dtype) ? bind1("round", [binary("div", exact, b!)], { method: "toNearestEven" }) : binary("div", a!, b!);
  const adjust = binary("and", binary("ne", r, zero), binary("ne", binary("lt", r, zero), binary("lt", b!, zero)));
  return bind1("select", [adjust, binary("sub", q, scalar(1, a!.dtype)), q], {});
}
/** Python-style remainder: the result has the divisor's sign. */
export function remainder(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  checkArity("remainder", arguments, 2);
  const [a, b] = promoteNumeric("remainder", x, y);
  const r = binary("rem", a!, b!);
  const zero = scalar(0, a!.dtype);
  const adjust = binary("and", binary("ne", r, zero), binary("ne", binary("lt", r, zero), binary("lt", b!, zero)));
  return bind1("select", [adjust, binary("add", r, b!), r], {});
}
/** Alias of remainder. */
export const mod = remainder;
/** C-style remainder: the result has the dividend's sign. */
export function fmod(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  checkArity("fmod", arguments, 2);
  const [a, b] = promoteNumeric("fmod", x, y);
  return binary("rem", a!, b!);
}
/** x ** y. A JS integer exponent uses integerPow (exact and with better derivatives). */
export function power<X extends ArrayOrScalar, Y extends ArrayOrScalar>(x: X, y: Y): ArrayValue<DifferenceOf<X, Y>>;
export function power(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  checkArity("power", arguments, 2);
  if (typeof y === "number" && Number.isInteger(y) && Math.abs(y) <= 64 && typeof x !== "number") {
    const [a] = promoteNumeric("power", checkOperand("power", x));
    if (y < 0 && !isFloat(a!.dtype)) fail("power", `integers to negative integer powers are not allowed (got ${a!.dtype} ** ${y})`);
    return bind1("integerPow", [a!], { y });
  }
  const [a, b] = promoteNumeric("power", x, y);
  return binary("pow", a!, b!);
}
/** -x. */
export function negative<X extends ArrayOrScalar>(x: X): ArrayValue<ArithmeticOf<OperandDtype<X>>>;
export function negative(x: ArrayOrScalar): ArrayValue {
  checkArity("negative", arguments, 1);
  return unary("neg", promoteNumeric("negative", x)[0]!);
}
/** +x (the same array). */
export function positive(x: ArrayOrScalar): ArrayValue {
  checkArity("positive", arguments, 1);
  return promote("positive", x)[0]!;
}
/** x * x. */
export function square<X extends ArrayOrScalar>(x: X): ArrayValue<ArithmeticOf<OperandDtype<X>>>;
export function square(x: ArrayOrScalar): ArrayValue {
  checkArity("square", arguments, 1);
  return bind1("integerPow", [promoteNumeric("square", x)[0]!], { y: 2 });
}
/** 1 / x (integers become float32). */
export function reciprocal(x: ArrayOrScalar): ArrayValue {
  checkArity("reciprocal", arguments, 1);
  const [a] = promoteToFloat("reciprocal", x);
  return binary("div", scalar(1, a!.dtype), a!);
}
/** |x|. */
export function abs<X extends ArrayOrScalar>(x: X): ArrayValue<OperandDtype<X>>;
export function abs(x: ArrayOrScalar): ArrayValue {
  checkArity("abs", arguments, 1);
  const [a] = promote("abs", x);
  return a!.dtype === "bool" ? a! : unary("abs", a!);
}
/** Alias of abs. */
export const absolute = abs;
/** -1, 0 or 1 by sign (NaN stays NaN). */
export function sign(x: ArrayOrScalar): ArrayValue {
  checkArity("sign", arguments, 1);
  return unary("sign", promoteNumeric("sign", x)[0]!);
}
/** Elementwise maximum (NaN propagates). */
export function maximum(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  checkArity("maximum", arguments, 2);
  const [a, b] = promote("maximum", x, y);
  return binary("max", a!, b!);
}
/** Elementwise minimum (NaN propagates). */
export function minimum(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  checkArity("minimum", arguments, 2);
  const [a, b] = promote("minimum", x, y);
  return binary("min", a!, b!);
}
/** Clamps x to [min, max]; either bound may be omitted (null). */
export function clip<X extends ArrayOrScalar>(x: X, min?: ArrayOrScalar | null, max?: ArrayOrScalar | null): ArrayValue<ArithmeticOf<OperandDtype<X>>>;
export function clip(x: ArrayOrScalar, min?: ArrayOrScalar | null, max?: ArrayOrScalar | null): ArrayValue {
  checkArity("clip", arguments, 3);
  let out = promote("clip", x)[0]!;
  if (min !== null && min !== undefined) out = maximum(out, checkOperand("clip", min, 1));
  if (max !== null && max !== undefined) out = minimum(out, checkOperand("clip", max, 2));
  return out;
}
/** log(exp(x) + exp(y)) without overflow, with JAX's values and derivatives (its custom jvp's). */
export function logaddexp(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  checkArity("logaddexp", arguments, 2);
  const [a, b] = promoteToFloat("logaddexp", x, y);
  const zero = scalar(0, a!.dtype);
  const inf = scalar(Infinity, a!.dtype);
  // Each branch is smooth where it is selected (its exponent is <= 0 there, and 0 where it is
  // not, so the unused branch cannot overflow): at a tie each operand gets half the gradient.
  const nonPositive = (d: ArrayValue) => bind1("select", [binary("le", d, zero), d, zero], {});
  const fromA = binary("add", a!, unary("log1p", unary("exp", nonPositive(binary("sub", b!, a!)))));
  const fromB = binary("add", b!, unary("log1p", unary("exp", nonPositive(binary("sub", a!, b!)))));
  const regular = bind1("select", [binary("ge", a!, b!), fromA, fromB], {});
  // Equal infinities and NaNs make the difference NaN; JAX's value there is x + y, with
  // derivative 1 per operand at +inf and NaN at -inf or NaN (exp(-inf - -inf)). log(exp(s)) has
  // exactly that derivative at -inf and NaN; its input is 0 wherever it is unused, so the unused
  // branch never overflows (which would make NaN gradients).
  const difference = binary("sub", a!, b!);
  const special = binary("ne", difference, difference);
  const s = binary("add", a!, b!);
  const guarded = bind1("select", [binary("and", special, binary("ne", s, inf)), s, zero], {});
  const atSpecial = bind1("select", [binary("eq", s, inf), s, unary("log", unary("exp", guarded))], {});
  return bind1("select", [special, atSpecial, regular], {});
}
/** sqrt(x^2 + y^2), scaled by the larger magnitude so it neither overflows nor underflows. */
export function hypot(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  checkArity("hypot", arguments, 2);
  const [a, b] = promoteToFloat("hypot", x, y);
  const [absA, absB] = [unary("abs", a!), unary("abs", b!)];
  const big = binary("max", absA, absB);
  const small = binary("min", absA, absB);
  const safeBig = bind1("select", [binary("eq", big, scalar(0, big.dtype)), scalar(1, big.dtype), big], {});
  const ratio = binary("div", small, safeBig);
  const scaled = binary("mul", big, unary("sqrt", binary("add", scalar(1, big.dtype), bind1("integerPow", [ratio], { y: 2 }))));
  // An infinite side wins even over NaN, as C's hypot.
  const inf = scalar(Infinity, big.dtype);
  return bind1("select", [binary("or", binary("eq", absA, inf), binary("eq", absB, inf)), inf, scaled], {});
}

// ---------------------------------------------------------------------------------------------
// transcendental functions (integers and bools become float32)

/** e^x. */
export const exp = floatUnary("exp", "exp");
/** 2^x. */
export const exp2 = floatUnary("exp2", "exp2");
/** e^x - 1, accurate near 0. */
export const expm1 = floatUnary("expm1", "expm1");
/** Natural logarithm. */
export const log = floatUnary("log", "log");
/** log(1 + x), accurate near 0. */
export const log1p = floatUnary("log1p", "log1p");
/** Base-2 logarithm. */
export function log2(x: ArrayOrScalar): ArrayValue {
  checkArity("log2", arguments, 1);
  const [a] = promoteToFloat("log2", x);
  return binary("div", unary("log", a!), scalar(Math.LN2, a!.dtype));
}
/** Base-10 logarithm. */
export function log10(x: ArrayOrScalar): ArrayValue {
  checkArity("log10", arguments, 1);
  const [a] = promoteToFloat("log10", x);
  return binary("div", unary("log", a!), scalar(Math.LN10, a!.dtype));
}
/** Sine. */
export const sin = floatUnary("sin", "sin");
/** Cosine. */
export const cos = floatUnary("cos", "cos");
/** Tangent. */
export const tan = floatUnary("tan", "tan");
/** Inverse sine. */
export const arcsin = floatUnary("asin", "arcsin");
/** Inverse cosine. */
export const arccos = floatUnary("acos", "arccos");
/** Inverse tangent. */
export const arctan = floatUnary("atan", "arctan");
/** Hyperbolic sine. */
export const sinh = floatUnary("sinh", "sinh");
/** Hyperbolic cosine. */
export const cosh = floatUnary("cosh", "cosh");
/** Hyperbolic tangent. */
export const tanh = floatUnary("tanh", "tanh");
/** Inverse hyperbolic sine. */
export const arcsinh = floatUnary("asinh", "arcsinh");
/** Inverse hyperbolic cosine. */
export const arccosh = floatUnary("acosh", "arccosh");
/** Inverse hyperbolic tangent. */
export const arctanh = floatUnary("atanh", "arctanh");
/** Square root. */
export const sqrt = floatUnary("sqrt", "sqrt");
/** 1 / sqrt(x). */
export const rsqrt = floatUnary("rsqrt", "rsqrt");
/** Cube root. */
export const cbrt = floatUnary("cbrt", "cbrt");
/** The error function. */
export const erf = floatUnary("erf", "erf");
/** 1 - erf(x), accurate in the tail. */
export const erfc = floatUnary("erfc", "erfc");
/** The inverse error function on (-1, 1). */
export const erfinv = floatUnary("erfInv", "erfinv");
/** The logistic sigmoid 1 / (1 + e^-x) (scipy's expit). */
export const expit = floatUnary("logistic", "expit");
/** Angle of (x, y) = atan(y / x) in the right quadrant: arctan2(y, x). */
export function arctan2(y: ArrayOrScalar, x: ArrayOrScalar): ArrayValue {
  checkArity("arctan2", arguments, 2);
  const [a, b] = promoteToFloat("arctan2", y, x);
  return binary("atan2", a!, b!);
}
/** The next representable float after x toward y. */
export function nextafter(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  checkArity("nextafter", arguments, 2);
  const [a, b] = promoteToFloat("nextafter", x, y);
  return binary("nextAfter", a!, b!);
}

// ---------------------------------------------------------------------------------------------
// rounding

function roundingOp(prim: "floor" | "ceil", name: string) {
  return function (x: ArrayOrScalar): ArrayValue {
    checkArity(name, arguments, 1);
    const [a] = promote(name, x);
    return isFloat(a!.dtype) ? unary(prim, a!) : a!;
  };
}
/** Largest integer <= x (integers pass through). */
export const floor = roundingOp("floor", "floor");
/** Smallest integer >= x. */
export const ceil = roundingOp("ceil", "ceil");
/** Rounds to `decimals` places, ties to even (numpy's round). */
export function round<X extends ArrayOrScalar>(x: X, options?: { decimals?: number } | number | null): ArrayValue<OperandDtype<X>>;
export function round(x: ArrayOrScalar, options?: { decimals?: number } | number | null): ArrayValue {
  checkArity("round", arguments, 2);
  const [a] = promote("round", x);
  const decimals = readOptions("round", positional(options, "decimals", (v) => typeof v === "number"), { decimals: integer }).decimals ?? 0;
  // As JAX: bools have nothing to round, and integers round only to decimals >= 0 (a no-op).
  if (a!.dtype === "bool") fail("round", "got a bool array; round takes numbers (convert with astype first)");
  if (!isFloat(a!.dtype) && decimals < 0) fail("round", `integer rounding to decimals < 0 is not provided (JAX neither), got decimals ${decimals} for ${a!.dtype}`);
  if (!isFloat(a!.dtype)) return a!;
  if (decimals === 0) return bind1("round", [a!], { method: "toNearestEven" });
  const factor = scalar(10 ** decimals, a!.dtype);
  return binary("div", bind1("round", [binary("mul", a!, factor)], { method: "toNearestEven" }), factor);
}
/** Rounds to the nearest integer, half to even; integers and bools become float32, as JAX's rint. */
export function rint(x: ArrayOrScalar): ArrayValue {
  checkArity("rint", arguments, 1);
  return round(promoteToFloat("rint", x)[0]!);
}
/** Rounds toward zero. */
export function trunc(x: ArrayOrScalar): ArrayValue {
  checkArity("trunc", arguments, 1);
  const [a] = promote("trunc", x);
  if (!isFloat(a!.dtype)) return a!;
  return bind1("select", [binary("lt", a!, scalar(0, a!.dtype)), unary("ceil", a!), unary("floor", a!)], {});
}

// ---------------------------------------------------------------------------------------------
// comparisons and predicates (bool results)

function comparison(prim: ComparePrim, name: string): (x: ArrayOrScalar, y: ArrayOrScalar) => ArrayValue<"bool"> {
  return function (x: ArrayOrScalar, y: ArrayOrScalar) {
    checkArity(name, arguments, 2);
    const [a, b] = promote(name, x, y);
    return binary(prim, a!, b!) as ArrayValue<"bool">;
  };
}
/** x == y. */
export const equal = comparison("eq", "equal");
/** x != y. */
export const notEqual = comparison("ne", "notEqual");
/** x < y. */
export const less = comparison("lt", "less");
/** x <= y. */
export const lessEqual = comparison("le", "lessEqual");
/** x > y. */
export const greater = comparison("gt", "greater");
/** x >= y. */
export const greaterEqual = comparison("ge", "greaterEqual");

/** True where x is neither infinite nor NaN. */
export function isfinite(x: ArrayOrScalar): ArrayValue<"bool">;
export function isfinite(x: ArrayOrScalar): ArrayValue {
  checkArity("isfinite", arguments, 1);
  const [a] = promote("isfinite", x);
  return isFloat(a!.dtype) ? unary("isFinite", a!) : bind1("eq", [a!, a!], {});
}
/** True where x is NaN. */
export function isnan(x: ArrayOrScalar): ArrayValue<"bool">;
export function isnan(x: ArrayOrScalar): ArrayValue {
  checkArity("isnan", arguments, 1);
  const [a] = promote("isnan", x);
  return binary("ne", a!, a!);
}
/** True where x is +-Infinity. */
export function isinf(x: ArrayOrScalar): ArrayValue<"bool">;
export function isinf(x: ArrayOrScalar): ArrayValue {
  checkArity("isinf", arguments, 1);
  const [a] = promote("isinf", x);
  if (!isFloat(a!.dtype)) return binary("ne", a!, a!);
  return binary("eq", unary("abs", a!), scalar(Infinity, a!.dtype));
}
/** Tolerances of isclose and allclose. */
export interface CloseOptions {
  rtol?: number;
  atol?: number;
  equalNan?: boolean;
}

/** |x - y| <= atol + rtol * |y| (NaNs equal only with equalNan). */
export function isclose(
  x: ArrayOrScalar,
  y: ArrayOrScalar,
  options?: CloseOptions | number | null,
): ArrayValue {
  checkArity("isclose", arguments, 3);
  const [a, b] = promoteToFloat("isclose", x, y);
  const { rtol = 1e-5, atol = 1e-8, equalNan = false } = readCloseOptions("isclose", options);
  const tolerance = binary("add", scalar(atol, a!.dtype), binary("mul", scalar(rtol, a!.dtype), unary("abs", b!)));
  const close = binary("or", binary("le", unary("abs", binary("sub", a!, b!)), tolerance), binary("eq", a!, b!));
  return equalNan ? binary("or", close, binary("and", isnan(a!), isnan(b!))) : close;
}

// ---------------------------------------------------------------------------------------------
// logical and bitwise

function toBool(name: string, x: ArrayOrScalar): ArrayValue {
  return cast(promote(name, x)[0]!, "bool");
}
/** Elementwise logical and (operands read as "nonzero"). */
export function logicalAnd(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue<"bool">;
export function logicalAnd(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  checkArity("logicalAnd", arguments, 2);
  return binary("and", toBool("logicalAnd", x), toBool("logicalAnd", y));
}
/** Elementwise logical or. */
export function logicalOr(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  checkArity("logicalOr", arguments, 2);
  return binary("or", toBool("logicalOr", x), toBool("logicalOr", y));
}
/** Elementwise logical xor. */
export function logicalXor(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  checkArity("logicalXor", arguments, 2);
  return binary("xor", toBool("logicalXor", x), toBool("logicalXor", y));
}
/** Elementwise logical not. */
export function logicalNot(x: ArrayOrScalar): ArrayValue<"bool">;
export function logicalNot(x: ArrayOrScalar): ArrayValue {
  checkArity("logicalNot", arguments, 1);
  return unary("not", toBool("logicalNot", x));
}

function bitwise(prim: "and" | "or" | "xor" | "shiftLeft" | "shiftRightArithmetic" | "shiftRightLogical", name: string) {
  return function (x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
    checkArity(name, arguments, 2);
    const [a, b] = promote(name, x, y);
    if (isFloat(a!.dtype)) fail(name, `expected integer or bool operands, got ${a!.dtype}`);
    return binary(prim, a!, b!);
  };
}
/** Bitwise and of integers or bools. */
export const bitwiseAnd = bitwise("and", "bitwiseAnd");
/** Bitwise or. */
export const bitwiseOr = bitwise("or", "bitwiseOr");
/** Bitwise xor. */
export const bitwiseXor = bitwise("xor", "bitwiseXor");
/** Bitwise not (logical not for bools). */
export function bitwiseNot(x: ArrayOrScalar): ArrayValue {
  checkArity("bitwiseNot", arguments, 1);
  const [a] = promote("bitwiseNot", x);
  if (isFloat(a!.dtype)) fail("bitwiseNot", `expected integer or bool operands, got ${a!.dtype}`);
  return unary("not", a!);
}
/** Alias of bitwiseNot. */
export const invert = bitwiseNot;
/** x << y. */
export const leftShift = bitwise("shiftLeft", "leftShift");
/** x >> y: arithmetic for int32, logical for uint32 (numpy semantics). */
export function rightShift(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  checkArity("rightShift", arguments, 2);
  const [a, b] = promote("rightShift", x, y);
  if (!isInteger(a!.dtype)) fail("rightShift", `expected integer operands, got ${a!.dtype}`);
  return binary(a!.dtype === "uint32" ? "shiftRightLogical" : "shiftRightArithmetic", a!, b!);
}

// ---------------------------------------------------------------------------------------------
// selection and conversion

/**
 * Picks x where cond is true and y elsewhere, broadcasting all three. (numpy's one-argument
 * `where(cond)`, the indices of nonzero elements, has a data-dependent shape and is not
 * supported; it is an error saying so.)
 */
export function where(cond: ArrayOrScalar, x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  checkArity("where", arguments, 3);
  if (arguments.length < 3 && x === undefined && y === undefined) {
    fail(
      "where",
      "the one-argument form where(cond) (the indices of nonzero elements, JAX's nonzero) is not supported: its shape depends on the values; " +
        "pass three arguments, np.where(cond, x, y), to pick x where cond is true and y elsewhere",
    );
  }
  if (arguments.length < 3) fail("where", "takes cond, x and y: got x but no y (JAX: either both or neither of x and y); write np.where(cond, x, y)");
  const pred = toBool("where", cond);
  // Number the operands as the caller wrote them: cond is argument 0, x is 1 and y is 2.
  checkOperand("where", x, 1);
  checkOperand("where", y, 2);
  const [a, b] = promote("where", x, y);
  return bind1("select", [pred, a!, b!], {});
}
/** The array converted to `dtype` (the same array when it already has it). */
export function astype<T extends DType>(x: ArrayOrScalar, dtype: T): ArrayValue<T>;
export function astype(x: ArrayOrScalar, dtype: DType): ArrayValue {
  checkArity("astype", arguments, 2);
  dtypeOption("astype", "dtype", dtype);
  return cast(promote("astype", x)[0]!, dtype);
}
