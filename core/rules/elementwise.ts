/**
 * Rules for the elementwise primitives. Each op is one JS expression per dtype (`render`), used
 * by the eager kernel generator here and, later, by jit's code generator: one table from op to
 * source text. Shape rule: numpy broadcasting; dtype rule: operands share one dtype in the op's
 * domain (the np wrappers promote before binding).
 */
import { aval, type Aval } from "../aval.js";
import { isFloat, isInteger, type DType } from "../dtype.js";
import { describe, describeAll, fail } from "../errors.js";
import { mapElementwise } from "../kernels/elementwise.js";
import type { BinaryPrim, ComparePrim, ElementwisePrim, ParamsOf, UnaryPrim } from "../primitives.js";
import { broadcastShapes } from "../shape.js";
import type { Rule } from "./rule.js";

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

/** Elementwise rules for a set of primitives, one each. */
export type ElementwiseRuleTable<K extends ElementwisePrim> = { readonly [P in K]: ElementwiseRule<P> };

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

function elementwise<P extends ElementwisePrim>(
  abstractEval: (args: readonly Aval[], params: ParamsOf[P]) => Aval,
  render: (operands: readonly string[], inputs: readonly Aval[], params: ParamsOf[P]) => string,
): ElementwiseRule<P> {
  return {
    fusion: "elementwise",
    abstractEval: (args, params) => [abstractEval(args, params)],
    impl: (args, params, outs) => [mapElementwise(render(args.map((_, i) => `a${i}`), args, params), args, outs[0]!)],
    render,
  };
}

/** A unary op over `domain`, rendered by dtype; `output` fixes the result dtype (e.g. bool). */
function defUnary<P extends UnaryPrim>(
  name: P,
  domain: Domain,
  render: (a: string, dtype: DType) => string,
  output?: DType,
): ElementwiseRule<P> {
  return elementwise<P>(
    (args) => {
      checkArity(name, args, 1);
      checkDomain(name, domain, args);
      return aval(args[0]!.shape, output ?? args[0]!.dtype);
    },
    ([a], [x]) => render(a!, x!.dtype),
  );
}

/** A binary op over `domain` with numpy broadcasting; `output` fixes the result dtype. */
function defBinaryBroadcasting<P extends BinaryPrim | ComparePrim>(
  name: P,
  domain: Domain,
  render: (a: string, b: string, dtype: DType) => string,
  output?: DType,
): ElementwiseRule<P> {
  return elementwise<P>(
    (args) => {
      checkArity(name, args, 2);
      checkDomain(name, domain, args);
      checkSameDtype(name, args);
      return aval(broadcastShapes(name, args[0]!.shape, args[1]!.shape), output ?? args[0]!.dtype);
    },
    ([a, b], [x]) => render(a!, b!, x!.dtype),
  );
}

const call = (fn: string) => (a: string) => `${fn}(${a})`;
const intOrFloat = (ifInt: string, ifFloat: string) => (dtype: DType) => (isInteger(dtype) ? ifInt : ifFloat);

const unaryRules: ElementwiseRuleTable<UnaryPrim> = {
  neg: defUnary("neg", "numeric", (a) => `(-${a})`),
  exp: defUnary("exp", "float", call("Math.exp")),
  exp2: defUnary("exp2", "float", (a) => `Math.pow(2, ${a})`),
  log: defUnary("log", "float", call("Math.log")),
  log1p: defUnary("log1p", "float", call("Math.log1p")),
  expm1: defUnary("expm1", "float", call("Math.expm1")),
  sin: defUnary("sin", "float", call("Math.sin")),
  cos: defUnary("cos", "float", call("Math.cos")),
  tan: defUnary("tan", "float", call("Math.tan")),
  asin: defUnary("asin", "float", call("Math.asin")),
  acos: defUnary("acos", "float", call("Math.acos")),
  atan: defUnary("atan", "float", call("Math.atan")),
  sinh: defUnary("sinh", "float", call("Math.sinh")),
  cosh: defUnary("cosh", "float", call("Math.cosh")),
  tanh: defUnary("tanh", "float", call("Math.tanh")),
  asinh: defUnary("asinh", "float", call("Math.asinh")),
  acosh: defUnary("acosh", "float", call("Math.acosh")),
  atanh: defUnary("atanh", "float", call("Math.atanh")),
  logistic: defUnary("logistic", "float", (a) => `(1 / (1 + Math.exp(-${a})))`),
  sqrt: defUnary("sqrt", "float", call("Math.sqrt")),
  rsqrt: defUnary("rsqrt", "float", (a) => `(1 / Math.sqrt(${a}))`),
  cbrt: defUnary("cbrt", "float", call("Math.cbrt")),
  abs: defUnary("abs", "numeric", call("Math.abs")),
  sign: defUnary("sign", "numeric", (a) => `(${a} > 0 ? 1 : ${a} < 0 ? -1 : ${a})`),
  floor: defUnary("floor", "float", call("Math.floor")),
  ceil: defUnary("ceil", "float", call("Math.ceil")),
  erf: defUnary("erf", "float", call("h.erf")),
  erfc: defUnary("erfc", "float", call("h.erfc")),
  erfInv: defUnary("erfInv", "float", (a, dtype) => `h.${dtype === "float32" ? "erfInvFloat32" : "erfInv"}(${a})`),
  isFinite: defUnary("isFinite", "float", call("Number.isFinite"), "bool"),
  not: defUnary("not", "bitwise", (a, dtype) => (dtype === "bool" ? `(${a} ^ 1)` : `(~${a})`)),
};

const binaryRules: ElementwiseRuleTable<BinaryPrim> = {
  add: defBinaryBroadcasting("add", "numeric", (a, b) => `(${a} + ${b})`),
  sub: defBinaryBroadcasting("sub", "numeric", (a, b) => `(${a} - ${b})`),
  mul: defBinaryBroadcasting("mul", "numeric", (a, b, t) => intOrFloat(`Math.imul(${a}, ${b})`, `(${a} * ${b})`)(t)),
  div: defBinaryBroadcasting("div", "numeric", (a, b, t) => intOrFloat(`Math.trunc(${a} / ${b})`, `(${a} / ${b})`)(t)),
  pow: defBinaryBroadcasting("pow", "numeric", (a, b, t) => intOrFloat(`h.integerPower32(${a}, ${b})`, `Math.pow(${a}, ${b})`)(t)),
  max: defBinaryBroadcasting("max", "any", (a, b) => `Math.max(${a}, ${b})`),
  min: defBinaryBroadcasting("min", "any", (a, b) => `Math.min(${a}, ${b})`),
  atan2: defBinaryBroadcasting("atan2", "float", (a, b) => `Math.atan2(${a}, ${b})`),
  rem: defBinaryBroadcasting("rem", "numeric", (a, b) => `(${a} % ${b})`),
  nextAfter: defBinaryBroadcasting("nextAfter", "float", (a, b, t) => `h.${t === "float32" ? "nextAfter32" : "nextAfter64"}(${a}, ${b})`),
  and: defBinaryBroadcasting("and", "bitwise", (a, b) => `(${a} & ${b})`),
  or: defBinaryBroadcasting("or", "bitwise", (a, b) => `(${a} | ${b})`),
  xor: defBinaryBroadcasting("xor", "bitwise", (a, b) => `(${a} ^ ${b})`),
  shiftLeft: defBinaryBroadcasting("shiftLeft", "integer", (a, b) => `((${b} >>> 0) >= 32 ? 0 : ${a} << ${b})`),
  shiftRightLogical: defBinaryBroadcasting("shiftRightLogical", "integer", (a, b) => `((${b} >>> 0) >= 32 ? 0 : ${a} >>> ${b})`),
  shiftRightArithmetic: defBinaryBroadcasting(
    "shiftRightArithmetic",
    "integer",
    (a, b) => `((${b} >>> 0) >= 32 ? ((${a} | 0) < 0 ? -1 : 0) : ${a} >> ${b})`,
  ),
};

const compareRules: ElementwiseRuleTable<ComparePrim> = {
  eq: defBinaryBroadcasting("eq", "any", (a, b) => `(${a} === ${b})`, "bool"),
  ne: defBinaryBroadcasting("ne", "any", (a, b) => `(${a} !== ${b})`, "bool"),
  lt: defBinaryBroadcasting("lt", "any", (a, b) => `(${a} < ${b})`, "bool"),
  le: defBinaryBroadcasting("le", "any", (a, b) => `(${a} <= ${b})`, "bool"),
  gt: defBinaryBroadcasting("gt", "any", (a, b) => `(${a} > ${b})`, "bool"),
  ge: defBinaryBroadcasting("ge", "any", (a, b) => `(${a} >= ${b})`, "bool"),
};

const round = elementwise<"round">(
  (args, { method }) => {
    checkArity("round", args, 1);
    checkDomain("round", "float", args);
    if (method !== "awayFromZero" && method !== "toNearestEven") {
      fail("round", `method must be "awayFromZero" or "toNearestEven", got ${JSON.stringify(method)}`);
    }
    return aval(args[0]!.shape, args[0]!.dtype);
  },
  ([a], _, { method }) => (method === "toNearestEven" ? `h.roundHalfEven(${a})` : `h.roundHalfAway(${a})`),
);

const integerPow = elementwise<"integerPow">(
  (args, { y }) => {
    checkArity("integerPow", args, 1);
    checkDomain("integerPow", "numeric", args);
    if (!Number.isInteger(y)) fail("integerPow", `exponent must be an integer, got ${y}`);
    return aval(args[0]!.shape, args[0]!.dtype);
  },
  ([a], [x], { y }) => (isInteger(x!.dtype) ? `h.integerPower32(${a}, ${renderNumber(y)})` : `Math.pow(${a}, ${renderNumber(y)})`),
);

const select = elementwise<"select">(
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
);

const convert = elementwise<"convert">(
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
);

/** Rules for every elementwise primitive. */
export const elementwiseRules: ElementwiseRuleTable<ElementwisePrim> = {
  ...unaryRules,
  ...binaryRules,
  ...compareRules,
  round,
  integerPow,
  select,
  convert,
};
