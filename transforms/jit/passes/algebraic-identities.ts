/**
 * Algebraic identities: equations whose result is already available, exactly, as one of their
 * inputs (x*1, x+0, neg(neg x), a reshape, transpose or pad that changes nothing, ...), or that two
 * movement ops can do as one (reshape of reshape, transpose of transpose).
 *
 * Exactness rules everything here. An identity applies only when the kept atom has the output's
 * shape and dtype (x + zeros([4]) broadcasts a scalar x, so it is no identity), and only when it
 * holds for every value, NaN, infinities and signed zeros included: for floats x + 0 is not x
 * (-0 + 0 = +0) but x + (-0) is, x - 0 is, x*1 and x/1 are; x*0 is never 0 (NaN, inf, -0).
 * Constants are literals or broadcasts (and reshapes) of literals, the form zeros and ones take
 * in staged programs (`mul x (broadcastInDim 1.0)` from grad).
 */
import { isFloat, type DType } from "../../../core/dtype.js";
import { Lit, Var, type Atom, type Eqn, type Jaxpr } from "../../../core/jaxpr.js";
import type { ParamsOf, Prim } from "../../../core/primitives.js";
import { shapesEqual } from "../../../core/shape.js";
import { rewriteEqns, type Pass, type RewriteContext, type Rewritten } from "./rewrite.js";

/** Replaces equations by an input they equal, and merges chains of reshapes or transposes. */
export const algebraicIdentities: Pass = (jaxpr: Jaxpr): Jaxpr => rewriteEqns(jaxpr, simplifyEqn);

function simplifyEqn(eqn: Eqn, context: RewriteContext): Rewritten {
  if (eqn.outs.length !== 1) return eqn;
  const out = eqn.outs[0]!;
  const [x, y, z] = eqn.inputs;
  const value = (a: Atom | undefined) => (a === undefined ? undefined : constantOf(a, context));
  // The kept atom must be the output exactly, type included.
  const use = (a: Atom | undefined): Rewritten => (a !== undefined && sameType(a, out) ? [a] : eqn);
  const dtype = out.aval.dtype;
  switch (eqn.prim) {
    case "mul":
      if (value(y) === 1 && sameType(x!, out)) return [x!];
      if (value(x) === 1) return use(y);
      return eqn;
    case "add":
      if (isZeroAdditive(value(y), dtype) && sameType(x!, out)) return [x!];
      if (isZeroAdditive(value(x), dtype)) return use(y);
      return eqn;
    case "sub":
      return isZeroSubtractive(value(y), dtype) ? use(x) : eqn;
    case "div":
      return dtype !== "bool" && value(y) === 1 ? use(x) : eqn;
    case "neg": {
      const inner = producerOf(x!, context);
      return inner?.prim === "neg" ? use(inner.inputs[0]) : eqn;
    }
    case "convert":
      return x!.aval.dtype === paramsOf(eqn, "convert").dtype ? use(x) : eqn;
    case "select": {
      const pred = value(x);
      return pred === undefined ? eqn : use(pred !== 0 ? y : z);
    }
    case "reshape":
      return reshape(eqn, x!, context);
    case "transpose":
      return transpose(eqn, x!, context);
    case "pad": {
      const { config } = paramsOf(eqn, "pad");
      return config.every(([low, high, interior]) => low === 0 && high === 0 && interior === 0) ? use(x) : eqn;
    }
    case "broadcastInDim": {
      const { broadcastDimensions } = paramsOf(eqn, "broadcastInDim");
      return isIdentityPermutation(broadcastDimensions) ? use(x) : eqn;
    }
    default:
      return eqn;
  }
}

/** reshape to the operand's shape is the operand; reshape of reshape is one reshape of the first operand. */
function reshape(eqn: Eqn, x: Atom, context: RewriteContext): Rewritten {
  const out = eqn.outs[0]!;
  if (sameType(x, out)) return [x];
  const inner = producerOf(x, context);
  if (inner?.prim !== "reshape") return eqn;
  const source = inner.inputs[0]!;
  return sameType(source, out) ? [source] : { ...eqn, inputs: [source] };
}

/** transpose by the identity is the operand; transpose of transpose is one transpose by the composed permutation. */
function transpose(eqn: Eqn, x: Atom, context: RewriteContext): Rewritten {
  const { permutation } = paramsOf(eqn, "transpose");
  if (isIdentityPermutation(permutation)) return sameType(x, eqn.outs[0]!) ? [x] : eqn;
  const inner = producerOf(x, context);
  if (inner?.prim !== "transpose") return eqn;
  // Output axis i is x's axis permutation[i], which is the source's axis innerPermutation[permutation[i]].
  const innerPermutation = paramsOf(inner, "transpose").permutation;
  const composed = permutation.map((axis) => innerPermutation[axis]!);
  const source = inner.inputs[0]!;
  if (isIdentityPermutation(composed)) return sameType(source, eqn.outs[0]!) ? [source] : eqn;
  return { ...eqn, inputs: [source], params: { permutation: composed } };
}

/**
 * The value of an atom known to hold one number everywhere: a scalar literal, or a broadcast or
 * reshape of one. Bools read as 0 and 1.
 */
function constantOf(a: Atom, context: RewriteContext): number | undefined {
  if (a instanceof Lit) return a.aval.shape.length === 0 ? Number(a.value.item()) : undefined;
  const eqn = context.producer(a);
  if (eqn === undefined || (eqn.prim !== "broadcastInDim" && eqn.prim !== "reshape")) return undefined;
  return constantOf(eqn.inputs[0]!, context);
}

/** x + c == x for every x: integers when c is 0; floats only when c is -0 (since -0 + 0 is +0). */
function isZeroAdditive(c: number | undefined, dtype: DType): boolean {
  if (c === undefined) return false;
  if (isFloat(dtype)) return Object.is(c, -0);
  return dtype !== "bool" && c === 0;
}

/** x - c == x for every x: c is 0 (+0 for floats: x - (-0) turns -0 into +0). */
function isZeroSubtractive(c: number | undefined, dtype: DType): boolean {
  if (c === undefined) return false;
  if (isFloat(dtype)) return Object.is(c, 0);
  return dtype !== "bool" && c === 0;
}

function producerOf(a: Atom, context: RewriteContext): Eqn | undefined {
  return a instanceof Var ? context.producer(a) : undefined;
}

function sameType(a: Atom, v: Var): boolean {
  return a.aval.dtype === v.aval.dtype && shapesEqual(a.aval.shape, v.aval.shape);
}

function isIdentityPermutation(axes: readonly number[]): boolean {
  return axes.every((axis, i) => axis === i);
}

function paramsOf<P extends Prim>(eqn: Eqn, prim: P): ParamsOf[P] {
  void prim; // callers have checked eqn.prim; the argument names which params they expect
  return eqn.params as ParamsOf[P];
}
