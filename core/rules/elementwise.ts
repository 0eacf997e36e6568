/**
 * Rules for the elementwise primitives. Each op is one JS expression per dtype (`render`), used
 * by the eager kernel generator here and, later, by jit's code generator: one table from op to
 * source text. Shape rule: numpy broadcasting; dtype rule: operands share one dtype in the op's
 * domain (the np wrappers promote before binding). Transforms: every op batches by broadcasting
 * (`vmapBroadcasting`); derivatives follow JAX's rules, written with primitives so they can be
 * differentiated again; neg, add, sub, mul, div, select and convert also transpose.
 */
import { describeValue } from "../validate.js";
import { aval, type Aval } from "../aval.js";
import { isFloat, isInteger, type DType } from "../dtype.js";
import { describe, describeAll, fail } from "../errors.js";
import { bind1 } from "../interpreter.js";
import { mapElementwise } from "../kernels/elementwise.js";
import { adoptBuffer, operandOf, type ArrayValue } from "../ndarray.js";
import { scalar } from "../numpy/promote.js";
import type { BinaryPrim, ComparePrim, ElementwisePrim, LinearPrim, ParamsOf, UnaryPrim } from "../primitives.js";
import { broadcastShapes } from "../shape.js";
import { addTangents, broadcastTo, isDifferentiable, isZero, unbroadcast, zeroLike } from "./autodiff-helpers.js";
import { vmapBroadcasting } from "./batching-helpers.js";
import { LinearArg, Zero, type JvpRule, type Rule, type Tangent, type TransposeRule } from "./rule.js";

/** Which dtypes an op accepts. */
type Domain = "float" | "numeric" | "integer" | "bitwise" | "any";

const domainDtypes: Record<Domain, readonly DType[]> = {
  float: ["float32", "float64"],
  numeric: ["float32", "float64", "int32", "uint32"],
  integer: ["int32", "uint32"],
  bitwise: ["bool", "int32", "uint32"],
  any: ["float32", "float64", "int32", "uint32", "bool"],
};

/** An elementwise rule also renders its op as a JS expression over operand expressions. */
export interface ElementwiseRule<P extends ElementwisePrim> extends Rule<P> {
  render(operands: readonly string[], inputs: readonly Aval[], params: ParamsOf[P]): string;
}

/** An elementwise rule that has a transpose exactly when built with one. */
type WithTranspose<P extends ElementwisePrim, T> = T extends TransposeRule<P> ? { readonly transpose: TransposeRule<P> } : unknown;

/** Elementwise rules for a set of primitives, one each (linear ones with their transpose). */
export type ElementwiseRuleTable<K extends ElementwisePrim> = {
  readonly [P in K]: ElementwiseRule<P> & (P extends LinearPrim ? { readonly transpose: TransposeRule<P> } : unknown);
};

/** Renders a JS number literal exactly, including NaN, infinities and -0 (never user text). */
export function renderNumber(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (Object.is(x, -0)) return "-0";
  return String(x);
}

function checkDomain(op: string, domain: Domain, args: readonly Aval[]): void {
  for (const a of args) {
    if (!domainDtypes[domain].includes(a.dtype)) {
      fail(op, `got ${describeAll(args)}; expected ${domainDtypes[domain].join(" or ")} operands`);
    }
  }
}

function checkSameDtype(op: string, args: readonly Aval[]): void {
  if (args.some((a) => a.dtype !== args[0]!.dtype)) {
    fail(op, `operands must share one dtype, got ${describeAll(args)}; convert one with astype (np.${op} promotes automatically)`);
  }
}

function checkArity(op: string, args: readonly Aval[], arity: number): void {
  if (args.length !== arity) fail(op, `expected ${arity} operand(s), got ${args.length}`);
}

// Derivatives are built from these, so they stay differentiable (and batchable) themselves.
const unary = (prim: UnaryPrim) => (x: ArrayValue) => bind1(prim, [x], {});
const binary = (prim: BinaryPrim | ComparePrim) => (x: ArrayValue, y: ArrayValue) => bind1(prim, [x, y], {});
const [add, sub, mul, div, pow, ge, eq] = (["add", "sub", "mul", "div", "pow", "ge", "eq"] as const).map(binary);
const [neg, exp, log, sin, cos, sinh, cosh, rsqrt, sign, floor, abs] = (
  ["neg", "exp", "log", "sin", "cos", "sinh", "cosh", "rsqrt", "sign", "floor", "abs"] as const
).map(unary);
const select = (pred: ArrayValue, onTrue: ArrayValue, onFalse: ArrayValue) => bind1("select", [pred, onTrue, onFalse], {});
const integerPow = (x: ArrayValue, y: number) => bind1("integerPow", [x], { y });
/** A rank-0 constant with `like`'s dtype (broadcasts against it). */
const c = (value: number, like: ArrayValue) => scalar(value, like.dtype);
const square = (x: ArrayValue) => mul(x, x);

/** The tangent of a one-operand op from a nonzero input tangent `t`, the operand and the result. */
type UnaryDerivative = (t: ArrayValue, x: ArrayValue, ans: ArrayValue) => ArrayValue;

/** The part of a two-operand op's tangent due to one operand's nonzero tangent `t` (any broadcastable shape). */
type PartialDerivative = (t: ArrayValue, x: ArrayValue, y: ArrayValue, ans: ArrayValue) => ArrayValue;

/** The primal result with a zero tangent: piecewise-constant ops, and any op with an integer or bool result. */
function zeroJvp<P extends ElementwisePrim>(prim: P): JvpRule<P> {
  return (primals, _, params) => {
    const ans = bind1(prim, primals, params);
    return [[ans], [zeroLike(ans)]];
  };
}

/** A jvp rule for a one-operand op (null derivative: the tangent is zero). */
function unaryJvp<P extends ElementwisePrim>(prim: P, derivative: UnaryDerivative | null): JvpRule<P> {
  if (derivative === null) return zeroJvp(prim);
  return (primals, [t], params) => {
    const ans = bind1(prim, primals, params);
    if (isZero(t!) || !isDifferentiable(ans.dtype)) return [[ans], [zeroLike(ans)]];
    return [[ans], [derivative(t!, primals[0]!, ans)]];
  };
}

/** A jvp rule summing each operand's part, stretched to the result's shape when broadcasting grew it. */
function binaryJvp<P extends ElementwisePrim>(prim: P, dx: PartialDerivative | null, dy: PartialDerivative | null): JvpRule<P> {
  if (dx === null && dy === null) return zeroJvp(prim);
  return (primals, [tx, ty], params) => {
    const [x, y] = primals as [ArrayValue, ArrayValue];
    const ans = bind1(prim, primals, params);
    if (!isDifferentiable(ans.dtype)) return [[ans], [zeroLike(ans)]];
    let t: Tangent = zeroLike(ans);
    if (dx !== null && !isZero(tx!)) t = addTangents(t, dx(tx!, x, y, ans));
    if (dy !== null && !isZero(ty!)) t = addTangents(t, dy(ty!, x, y, ans));
    return [[ans], [isZero(t) ? t : broadcastTo(t, ans.shape)]];
  };
}

/**
 * The transpose of an op linear in each `LinearArg` operand, where `parts[i]` maps the output
 * cotangent to operand i's (before unbroadcasting; null where the op is not linear in it).
 */
function linearTranspose<P extends ElementwisePrim>(
  prim: P,
  parts: readonly (((ct: ArrayValue, args: readonly (ArrayValue | LinearArg)[]) => ArrayValue) | null)[],
): TransposeRule<P> {
  return ([ct], args) =>
    args.map((arg, i) => {
      if (!(arg instanceof LinearArg)) return null;
      const part = parts[i];
      if (part === null || part === undefined) fail(prim, `transpose: the op is not linear in operand ${i} (${describe(arg.aval)})`);
      return isZero(ct!) ? new Zero(arg.aval) : unbroadcast(part(ct!, args), arg.aval);
    });
}

/** In `mul` or `div`, the operand that is a known array (the op is linear in one operand only). */
function known(prim: string, args: readonly (ArrayValue | LinearArg)[], i: number): ArrayValue {
  const arg = args[i]!;
  if (arg instanceof LinearArg) {
    const avals = args.map((a) => (a instanceof LinearArg ? a.aval : aval(a.shape, a.dtype)));
    fail(prim, `transpose: both operands are linear inputs (${describeAll(avals)}), but the op is linear in one operand only`);
  }
  return arg;
}

function elementwise<P extends ElementwisePrim, T extends TransposeRule<P> | undefined = undefined>(
  name: P,
  abstractEval: (args: readonly Aval[], params: ParamsOf[P]) => Aval,
  render: (operands: readonly string[], inputs: readonly Aval[], params: ParamsOf[P]) => string,
  jvp: JvpRule<P>,
  transpose?: T,
): ElementwiseRule<P> & WithTranspose<P, T> {
  return {
    fusion: "elementwise",
    abstractEval: (args, params) => [abstractEval(args, params)],
    impl: (args, params, outs) => [adoptBuffer(mapElementwise(render(args.map((_, i) => `a${i}`), args, params), args.map(operandOf), outs[0]!), outs[0]!.shape, outs[0]!.dtype)],
    render,
    jvp,
    vmap: vmapBroadcasting(name),
    ...(transpose === undefined ? {} : { transpose }),
  } as ElementwiseRule<P> & WithTranspose<P, T>;
}

/**
 * A unary op over `domain`, rendered by dtype, with its derivative (null: zero); `output` fixes
 * the result dtype (e.g. bool).
 */
function defUnary<P extends UnaryPrim, T extends TransposeRule<P> | undefined = undefined>(
  name: P,
  domain: Domain,
  render: (a: string, dtype: DType) => string,
  derivative: UnaryDerivative | null,
  options: { output?: DType; transpose?: T } = {},
): ElementwiseRule<P> & WithTranspose<P, T> {
  const { output, transpose } = options;
  return elementwise<P, T>(
    name,
    (args) => {
      checkArity(name, args, 1);
      checkDomain(name, domain, args);
      return aval(args[0]!.shape, output ?? args[0]!.dtype);
    },
    ([a], [x]) => render(a!, x!.dtype),
    unaryJvp(name, derivative),
    transpose,
  );
}

/**
 * A binary op over `domain` with numpy broadcasting, with the part of its derivative due to each
 * operand (`[dx, dy]`; null parts are zero, and no parts at all means a zero derivative);
 * `output` fixes the result dtype.
 */
function defBinaryBroadcasting<P extends BinaryPrim | ComparePrim, T extends TransposeRule<P> | undefined = undefined>(
  name: P,
  domain: Domain,
  render: (a: string, b: string, dtype: DType) => string,
  partials: readonly [PartialDerivative | null, PartialDerivative | null] | null,
  options: { output?: DType; transpose?: T } = {},
): ElementwiseRule<P> & WithTranspose<P, T> {
  const { output, transpose } = options;
  return elementwise<P, T>(
    name,
    (args) => {
      checkArity(name, args, 2);
      checkDomain(name, domain, args);
      checkSameDtype(name, args);
      return aval(broadcastShapes(name, args[0]!.shape, args[1]!.shape), output ?? args[0]!.dtype);
    },
    ([a, b], [x]) => render(a!, b!, x!.dtype),
    partials === null ? zeroJvp(name) : binaryJvp(name, partials[0], partials[1]),
    transpose,
  );
}

const call = (fn: string) => (a: string) => `${fn}(${a})`;
const intOrFloat = (ifInt: string, ifFloat: string) => (dtype: DType) => (isInteger(dtype) ? ifInt : ifFloat);
// float32 kernels call the inline-able polynomial forms of core/kernels/float32-math.ts (same float32 results, several times faster).
const float32Or = (ifFloat32: string, otherwise: string) => (a: string, dtype: DType) => `${dtype === "float32" ? ifFloat32 : otherwise}(${a})`;

const negTranspose: TransposeRule<"neg"> = linearTranspose("neg", [neg]);
const sqrtPi = Math.sqrt(Math.PI);

const unaryRules: ElementwiseRuleTable<UnaryPrim> = {
  neg: defUnary("neg", "numeric", (a) => `(-${a})`, neg, { transpose: negTranspose }),
  exp: defUnary("exp", "float", float32Or("h.expFloat32", "Math.exp"), (t, _, ans) => mul(t, ans)),
  exp2: defUnary("exp2", "float", (a) => `Math.pow(2, ${a})`, (t, x, ans) => mul(c(Math.LN2, x), mul(t, ans))),
  log: defUnary("log", "float", call("Math.log"), (t, x) => div(t, x)),
  log1p: defUnary("log1p", "float", call("Math.log1p"), (t, x) => div(t, add(x, c(1, x)))),
  expm1: defUnary("expm1", "float", call("Math.expm1"), (t, _, ans) => mul(t, add(ans, c(1, ans)))),
  sin: defUnary("sin", "float", call("Math.sin"), (t, x) => mul(t, cos(x))),
  cos: defUnary("cos", "float", call("Math.cos"), (t, x) => neg(mul(t, sin(x)))),
  tan: defUnary("tan", "float", call("Math.tan"), (t, x, ans) => mul(t, add(c(1, x), square(ans)))),
  asin: defUnary("asin", "float", call("Math.asin"), (t, x) => mul(t, rsqrt(sub(c(1, x), square(x))))),
  acos: defUnary("acos", "float", call("Math.acos"), (t, x) => mul(t, neg(rsqrt(sub(c(1, x), square(x)))))),
  atan: defUnary("atan", "float", call("Math.atan"), (t, x) => div(t, add(c(1, x), square(x)))),
  sinh: defUnary("sinh", "float", call("Math.sinh"), (t, x) => mul(t, cosh(x))),
  cosh: defUnary("cosh", "float", call("Math.cosh"), (t, x) => mul(t, sinh(x))),
  // (1 + tanh)(1 - tanh) rather than 1 - tanh², as JAX: accurate where tanh is near ±1.
  tanh: defUnary("tanh", "float", float32Or("h.tanhFloat32", "Math.tanh"), (t, x, ans) => mul(add(t, mul(t, ans)), sub(c(1, x), ans))),
  asinh: defUnary("asinh", "float", call("Math.asinh"), (t, x) => mul(t, rsqrt(add(square(x), c(1, x))))),
  acosh: defUnary("acosh", "float", call("Math.acosh"), (t, x) => mul(t, rsqrt(sub(square(x), c(1, x))))),
  atanh: defUnary("atanh", "float", call("Math.atanh"), (t, x) => div(div(t, sub(c(1, x), x)), add(c(1, x), x))),
  logistic: defUnary(
    "logistic",
    "float",
    (a, dtype) => (dtype === "float32" ? `h.logisticFloat32(${a})` : `(1 / (1 + Math.exp(-${a})))`),
    (t, _, s) => mul(t, mul(s, sub(c(1, s), s))),
  ),
  sqrt: defUnary("sqrt", "float", call("Math.sqrt"), (t, x, ans) => mul(t, div(c(0.5, x), ans))),
  rsqrt: defUnary("rsqrt", "float", (a) => `(1 / Math.sqrt(${a}))`, (t, x, ans) => mul(t, mul(c(-0.5, x), div(ans, x)))),
  cbrt: defUnary("cbrt", "float", call("Math.cbrt"), (t, x, ans) => mul(t, mul(c(1 / 3, x), integerPow(ans, -2)))),
  // As JAX: abs'(±0) = 1 (x >= 0 takes the tangent as it is), and abs'(NaN) = -1.
  abs: defUnary("abs", "numeric", call("Math.abs"), (t, x) => select(ge(x, c(0, x)), t, neg(t))),
  sign: defUnary("sign", "numeric", (a) => `(${a} > 0 ? 1 : ${a} < 0 ? -1 : ${a})`, null),
  floor: defUnary("floor", "float", call("Math.floor"), null),
  ceil: defUnary("ceil", "float", call("Math.ceil"), null),
  erf: defUnary("erf", "float", call("h.erf"), (t, x) => mul(c(2 / sqrtPi, x), mul(t, exp(neg(square(x)))))),
  erfc: defUnary("erfc", "float", call("h.erfc"), (t, x) => mul(c(-2 / sqrtPi, x), mul(t, exp(neg(square(x)))))),
  erfInv: defUnary(
    "erfInv",
    "float",
    (a, dtype) => `h.${dtype === "float32" ? "erfInvFloat32" : "erfInv"}(${a})`,
    (t, x, ans) => mul(c(sqrtPi / 2, x), mul(t, exp(square(ans)))),
  ),
  isFinite: defUnary("isFinite", "float", call("Number.isFinite"), null, { output: "bool" }),
  not: defUnary("not", "bitwise", (a, dtype) => (dtype === "bool" ? `(${a} ^ 1)` : `(~${a})`), null),
};

/** Where x is 0, 1 instead (so log(x)·x^y, zero there, is not 0·-inf), as JAX's _replace_zero. */
const replaceZero = (x: ArrayValue) => select(eq(x, c(0, x)), c(1, x), x);
/** The tangent `t` where `pick` holds, else zero. */
const where = (pick: ArrayValue, t: ArrayValue) => select(pick, t, c(0, t));
const whereNot = (pick: ArrayValue, t: ArrayValue) => select(pick, c(0, t), t);
/**
 * The share of `mine`'s tangent `t` in max(mine, other) or min(mine, other) = `ans`: all of it
 * where `mine` alone is the result, half where both are (a tie), none otherwise (also when the
 * result is NaN), as JAX's _balanced_eq. Built from constants chosen by comparisons, so its own
 * derivative is zero.
 */
const balancedShare = (t: ArrayValue, mine: ArrayValue, other: ArrayValue, ans: ArrayValue) =>
  where(eq(mine, ans), select(eq(other, ans), mul(t, c(0.5, t)), t));
/** x / y rounded toward zero: how many y the remainder subtracted from x. */
const quotient = (x: ArrayValue, y: ArrayValue) => mul(sign(div(x, y)), floor(abs(div(x, y))));
const sumOfSquares = (x: ArrayValue, y: ArrayValue) => add(square(x), square(y));

const binaryRules: ElementwiseRuleTable<BinaryPrim> = {
  add: defBinaryBroadcasting("add", "numeric", (a, b) => `(${a} + ${b})`, [(t) => t, (t) => t], {
    transpose: linearTranspose("add", [(ct) => ct, (ct) => ct]),
  }),
  sub: defBinaryBroadcasting("sub", "numeric", (a, b) => `(${a} - ${b})`, [(t) => t, (t) => neg(t)], {
    transpose: linearTranspose("sub", [(ct) => ct, (ct) => neg(ct)]),
  }),
  mul: defBinaryBroadcasting(
    "mul",
    "numeric",
    (a, b, t) => intOrFloat(`Math.imul(${a}, ${b})`, `(${a} * ${b})`)(t),
    [(t, _, y) => mul(t, y), (t, x) => mul(x, t)],
    { transpose: linearTranspose("mul", [(ct, args) => mul(ct, known("mul", args, 1)), (ct, args) => mul(known("mul", args, 0), ct)]) },
  ),
  div: defBinaryBroadcasting(
    "div",
    "numeric",
    (a, b, t) => intOrFloat(`Math.trunc(${a} / ${b})`, `(${a} / ${b})`)(t),
    [(t, _, y) => div(t, y), (t, x, y) => mul(mul(neg(t), x), integerPow(y, -2))],
    { transpose: linearTranspose("div", [(ct, args) => div(ct, known("div", args, 1)), null]) },
  ),
  pow: defBinaryBroadcasting(
    "pow",
    "numeric",
    (a, b, t) => intOrFloat(`h.integerPower32(${a}, ${b})`, `h.powIeee(${a}, ${b})`)(t),
    [(t, x, y) => mul(t, mul(y, pow(x, sub(y, c(1, y))))), (t, x, _, ans) => mul(t, mul(log(replaceZero(x)), ans))],
  ),
  // At a tie each operand takes half the tangent (JAX's balanced rule); a NaN result takes none.
  max: defBinaryBroadcasting("max", "any", (a, b) => `Math.max(${a}, ${b})`, [
    (t, x, y, ans) => balancedShare(t, x, y, ans),
    (t, x, y, ans) => balancedShare(t, y, x, ans),
  ]),
  min: defBinaryBroadcasting("min", "any", (a, b) => `Math.min(${a}, ${b})`, [
    (t, x, y, ans) => balancedShare(t, x, y, ans),
    (t, x, y, ans) => balancedShare(t, y, x, ans),
  ]),
  atan2: defBinaryBroadcasting("atan2", "float", (a, b) => `Math.atan2(${a}, ${b})`, [
    (t, x, y) => mul(t, div(y, sumOfSquares(x, y))),
    (t, x, y) => mul(t, div(neg(x), sumOfSquares(x, y))),
  ]),
  rem: defBinaryBroadcasting("rem", "numeric", (a, b) => `(${a} % ${b})`, [(t) => t, (t, x, y) => mul(neg(t), quotient(x, y))]),
  nextAfter: defBinaryBroadcasting(
    "nextAfter",
    "float",
    (a, b, t) => `h.${t === "float32" ? "nextAfter32" : "nextAfter64"}(${a}, ${b})`,
    null,
  ),
  and: defBinaryBroadcasting("and", "bitwise", (a, b) => `(${a} & ${b})`, null),
  or: defBinaryBroadcasting("or", "bitwise", (a, b) => `(${a} | ${b})`, null),
  xor: defBinaryBroadcasting("xor", "bitwise", (a, b) => `(${a} ^ ${b})`, null),
  shiftLeft: defBinaryBroadcasting("shiftLeft", "integer", (a, b) => `((${b} >>> 0) >= 32 ? 0 : ${a} << ${b})`, null),
  shiftRightLogical: defBinaryBroadcasting("shiftRightLogical", "integer", (a, b) => `((${b} >>> 0) >= 32 ? 0 : ${a} >>> ${b})`, null),
  shiftRightArithmetic: defBinaryBroadcasting(
    "shiftRightArithmetic",
    "integer",
    (a, b) => `((${b} >>> 0) >= 32 ? ((${a} | 0) < 0 ? -1 : 0) : ${a} >> ${b})`,
    null,
  ),
};

const compareRules: ElementwiseRuleTable<ComparePrim> = {
  eq: defBinaryBroadcasting("eq", "any", (a, b) => `(${a} === ${b})`, null, { output: "bool" }),
  ne: defBinaryBroadcasting("ne", "any", (a, b) => `(${a} !== ${b})`, null, { output: "bool" }),
  lt: defBinaryBroadcasting("lt", "any", (a, b) => `(${a} < ${b})`, null, { output: "bool" }),
  le: defBinaryBroadcasting("le", "any", (a, b) => `(${a} <= ${b})`, null, { output: "bool" }),
  gt: defBinaryBroadcasting("gt", "any", (a, b) => `(${a} > ${b})`, null, { output: "bool" }),
  ge: defBinaryBroadcasting("ge", "any", (a, b) => `(${a} >= ${b})`, null, { output: "bool" }),
};

const roundRule = elementwise<"round">(
  "round",
  (args, { method }) => {
    checkArity("round", args, 1);
    checkDomain("round", "float", args);
    if (method !== "awayFromZero" && method !== "toNearestEven") {
      fail("round", `method must be "awayFromZero" or "toNearestEven", got ${describeValue(method)}`);
    }
    return aval(args[0]!.shape, args[0]!.dtype);
  },
  ([a], _, { method }) => (method === "toNearestEven" ? `h.roundHalfEven(${a})` : `h.roundHalfAway(${a})`),
  zeroJvp("round"),
);

/**
 * x^y as source text for a small |y|, multiplying by squaring in the order of XLA's integer_pow
 * (and of h.integerPowFloat32/64, used for larger |y|), each product rounded to float32 if asked.
 * `a` is an operand name, so repeating it costs nothing.
 */
function powerText(a: string, y: number, float32: boolean): string {
  const round = (text: string) => (float32 ? `Math.fround(${text})` : `(${text})`);
  let e = Math.abs(y);
  let acc: string | null = null;
  let b = a;
  for (; e > 0; e = Math.floor(e / 2)) {
    if (e & 1) acc = acc === null ? b : round(`${acc} * ${b}`);
    if (e > 1) b = round(`${b} * ${b}`);
  }
  if (acc === null) return "1";
  return y < 0 ? round(`1 / ${acc}`) : acc;
}

const integerPowRule = elementwise<"integerPow">(
  "integerPow",
  (args, { y }) => {
    checkArity("integerPow", args, 1);
    checkDomain("integerPow", "numeric", args);
    if (!Number.isInteger(y)) fail("integerPow", `exponent must be an integer, got ${y}`);
    return aval(args[0]!.shape, args[0]!.dtype);
  },
  ([a], [x], { y }) =>
    isInteger(x!.dtype)
      ? `h.integerPower32(${a}, ${renderNumber(y)})`
      : Math.abs(y) <= 8
        ? powerText(a!, y, x!.dtype === "float32")
        : `h.integerPowFloat${x!.dtype === "float32" ? "32" : "64"}(${a}, ${renderNumber(y)})`,
  ([x], [t], { y }) => {
    const ans = integerPow(x!, y);
    if (y === 0 || isZero(t!) || !isDifferentiable(ans.dtype)) return [[ans], [zeroLike(ans)]];
    const slope = y === 1 ? null : mul(c(y, x!), y === 2 ? x! : integerPow(x!, y - 1));
    return [[ans], [slope === null ? t! : mul(t!, slope)]];
  },
);

const selectRule = elementwise<"select", TransposeRule<"select">>(
  "select",
  (args) => {
    checkArity("select", args, 3);
    const [pred, onTrue, onFalse] = args as [Aval, Aval, Aval];
    if (pred.dtype !== "bool") fail("select", `predicate must be bool, got ${describe(pred)}`);
    if (onTrue.dtype !== onFalse.dtype) {
      fail("select", `branches must share one dtype, got ${describe(onTrue)} and ${describe(onFalse)}`);
    }
    return aval(broadcastShapes("select", pred.shape, onTrue.shape, onFalse.shape), onTrue.dtype);
  },
  ([p, t, f]) => `(${p} ? ${t} : ${f})`,
  ([pred, onTrue, onFalse], [, tTrue, tFalse]) => {
    const ans = select(pred!, onTrue!, onFalse!);
    if (!isDifferentiable(ans.dtype) || (isZero(tTrue!) && isZero(tFalse!))) return [[ans], [zeroLike(ans)]];
    // A zero branch becomes a scalar 0: select broadcasts it, and the result is stretched below.
    const branch = (t: Tangent) => (isZero(t) ? scalar(0, ans.dtype) : t);
    return [[ans], [broadcastTo(select(pred!, branch(tTrue!), branch(tFalse!)), ans.shape)]];
  },
  ([ct], [pred, onTrue, onFalse]) => {
    if (pred instanceof LinearArg) return fail("select", `transpose: the predicate (${describe(pred.aval)}) cannot be a linear input`);
    const branch = (arg: ArrayValue | LinearArg | undefined, part: (ct: ArrayValue) => ArrayValue): Tangent | null => {
      if (!(arg instanceof LinearArg)) return null;
      return isZero(ct!) ? new Zero(arg.aval) : unbroadcast(part(ct!), arg.aval);
    };
    return [null, branch(onTrue, (ct) => where(pred!, ct)), branch(onFalse, (ct) => whereNot(pred!, ct))];
  },
);

/** Only float-to-float conversions carry derivatives: integers and bools have zero tangents. */
const floatToFloat = (from: DType, to: DType) => isFloat(from) && isFloat(to);

const convertRule = elementwise<"convert", TransposeRule<"convert">>(
  "convert",
  (args, { dtype }) => {
    checkArity("convert", args, 1);
    if (!domainDtypes.any.includes(dtype)) fail("convert", `unknown target dtype ${String(dtype)}`);
    return aval(args[0]!.shape, dtype);
  },
  ([a], [x], { dtype }) => {
    if (dtype === "bool") return `(${a} !== 0 ? 1 : 0)`;
    if (isFloat(x!.dtype) && dtype === "int32") return `h.saturateInt32(${a})`;
    if (isFloat(x!.dtype) && dtype === "uint32") return `h.saturateUint32(${a})`;
    return a!; // storing into the target TypedArray does the rest (float32 rounding, integer wrap)
  },
  ([x], [t], params) => {
    const ans = bind1("convert", [x!], params);
    if (isZero(t!) || !floatToFloat(x!.dtype, params.dtype)) return [[ans], [zeroLike(ans)]];
    return [[ans], [bind1("convert", [t!], params)]];
  },
  ([ct], [x]) => {
    if (!(x instanceof LinearArg)) return [null];
    if (isZero(ct!) || !floatToFloat(x.aval.dtype, ct!.dtype)) return [new Zero(x.aval)];
    return [ct!.dtype === x.aval.dtype ? ct! : bind1("convert", [ct!], { dtype: x.aval.dtype })];
  },
);

/** Rules for every elementwise primitive. */
export const elementwiseRules: ElementwiseRuleTable<ElementwisePrim> = {
  ...unaryRules,
  ...binaryRules,
  ...compareRules,
  round: roundRule,
  integerPow: integerPowRule,
  select: selectRule,
  convert: convertRule,
};
