/**
 * Helpers for writing jvp and transpose rules: symbolic zeros, tangent arithmetic, the generic
 * jvp for operations linear in all their differentiable operands, and the wrapper that gives a
 * transpose rule its symbolic-zero and non-linear-operand cases.
 */
import { isFloat } from "../dtype.js";
import { isWeak, type Aval } from "../aval.js";
import { bind } from "../interpreter.js";
import { NdArray, type ArrayValue } from "../ndarray.js";
import type { ParamsOf, Prim } from "../primitives.js";
import { LinearArg, Zero, type JvpRule, type Tangent, type TransposeRule } from "./rule.js";

/** True for a symbolic zero. */
export function isZero(t: Tangent | null | undefined): t is Zero {
  return t instanceof Zero;
}

/** The aval of an array value (weak for a tracer standing for a JS number). */
export function avalOf(x: { readonly shape: readonly number[]; readonly dtype: Aval["dtype"] }): Aval {
  return isWeak(x) ? { shape: x.shape, dtype: x.dtype, weak: true } : { shape: x.shape, dtype: x.dtype };
}

/** The aval of a transpose operand, whether linear or known. */
export function avalOfArg(x: ArrayValue | LinearArg): Aval {
  return x instanceof LinearArg ? x.aval : avalOf(x);
}

/** A symbolic zero shaped like `x`. */
export function zeroLike(x: { readonly shape: readonly number[]; readonly dtype: Aval["dtype"] }): Zero {
  return new Zero(avalOf(x));
}

/** A concrete zero array of `aval`. */
export function zeros(aval: Aval): NdArray {
  return NdArray.zeros(aval.shape, aval.dtype);
}

/** The tangent as an array (a symbolic zero becomes a zero array). */
export function instantiate(t: Tangent): ArrayValue {
  return t instanceof Zero ? zeros(t.aval) : t;
}

/** True when values of this dtype carry derivatives (floats); others only ever have zero tangents. */
export function isDifferentiable(dtype: Aval["dtype"]): boolean {
  return isFloat(dtype);
}

/** a + b for tangents, keeping symbolic zeros symbolic. */
export function addTangents(a: Tangent, b: Tangent): Tangent {
  if (a instanceof Zero) return b;
  if (b instanceof Zero) return a;
  return bind("add", [a, b], {})[0]!;
}

/**
 * The jvp of a primitive linear in the operands at `linear` (all by default): the tangent is the
 * same primitive applied to the tangents, the other operands kept as primals (e.g. gather's
 * indices). All-zero tangents stay symbolic.
 */
export function linearJvp<P extends Prim>(prim: P, linear?: readonly number[]): JvpRule<P> {
  return (primals, tangents, params: ParamsOf[P]) => {
    const outs = bind(prim, primals, params);
    const isLinear = (i: number) => linear === undefined || linear.includes(i);
    const active = tangents.some((t, i) => isLinear(i) && !(t instanceof Zero));
    if (!active || !outs.every((o) => isDifferentiable(o.dtype))) return [outs, outs.map(zeroLike)];
    const args = primals.map((p, i) => (isLinear(i) ? instantiate(tangents[i]!) : p));
    return [outs, bind(prim, args, params)];
  };
}

/**
 * A transpose rule for a single-output primitive from the cotangent map of a nonzero cotangent:
 * a symbolic zero gives symbolic zeros, and operands that are not linear inputs always get null.
 */
export function transposeRule<P extends Prim>(
  f: (args: readonly (ArrayValue | LinearArg)[], ct: ArrayValue, params: ParamsOf[P]) => (Tangent | null)[],
): TransposeRule<P> {
  return ([ct], args, params) => {
    const cts = isZero(ct) ? args.map((a) => (a instanceof LinearArg ? new Zero(a.aval) : null)) : f(args, ct!, params);
    return args.map((a, i) => (a instanceof LinearArg ? cts[i]! : null));
  };
}

/**
 * `x` broadcast like numpy to `shape` (trailing alignment; size-1 axes stretch): the tangent of an
 * operand that broadcasting stretched. Returns `x` itself when it already has `shape`.
 */
export function broadcastTo(x: ArrayValue, shape: readonly number[]): ArrayValue {
  if (x.ndim === shape.length && x.shape.every((d, i) => d === shape[i])) return x;
  const extra = shape.length - x.ndim;
  return bind("broadcastInDim", [x], { shape, broadcastDimensions: x.shape.map((_, i) => i + extra) })[0]!;
}

/**
 * Sums a cotangent of a broadcast result back to an operand's aval: reduces the leading axes
 * broadcasting added and the axes where the operand had size 1 (the transpose of numpy
 * broadcasting).
 */
export function unbroadcast(ct: ArrayValue, aval: Aval): ArrayValue {
  const extra = ct.ndim - aval.shape.length;
  const axes: number[] = [];
  for (let i = 0; i < ct.ndim; i++) {
    if (i < extra || (aval.shape[i - extra] === 1 && ct.shape[i] !== 1)) axes.push(i);
  }
  let out = axes.length > 0 ? bind("reduceSum", [ct], { axes })[0]! : ct;
  if (out.shape.length !== aval.shape.length || out.shape.some((d, i) => d !== aval.shape[i])) {
    out = bind("reshape", [out], { newShape: aval.shape })[0]!;
  }
  return out;
}
