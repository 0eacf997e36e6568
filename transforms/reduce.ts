/**
 * jax.lax.reduce: a reduction of one array, or a pytree of arrays, over `dimensions` by a
 * `computation` on scalars, starting from `initValues`. As JAX does, the computation is staged
 * once on scalars: when it is a single add, mul, max, min, and or or of its two arguments and
 * the (single) init value is that operation's identity, the matching reduction primitive runs
 * (so it differentiates as reduceSum etc. do). Otherwise the reduced axes are moved to the
 * front and a scan folds their slices into the init value, applying the computation to each
 * element (by vmap), so any computation works, differentiably.
 */
import { aval } from "../core/aval.js";
import { isFloat, isInteger, type DType } from "../core/dtype.js";
import { describeAll, fail } from "../core/errors.js";
import type { Jaxpr } from "../core/jaxpr.js";
import { ArrayValue, NdArray } from "../core/ndarray.js";
import * as lax from "../core/lax/index.js";
import * as tree from "../core/tree.js";
import { checkArity, checkFunction, describeValue, integerList } from "../core/validate.js";
import { arrayLeaves } from "./pytree-args.js";
import { scan } from "./scan.js";
import { stageFlat } from "./staging.js";
import { vmap } from "./vmap.js";

type Monoid = "add" | "mul" | "max" | "min" | "and" | "or";

/** The monoid a staged scalar computation is, if it is one operation on its two arguments. */
function monoidOf(jaxpr: Jaxpr): Monoid | null {
  if (jaxpr.eqns.length !== 1 || jaxpr.outs.length !== 1) return null;
  const eqn = jaxpr.eqns[0]!;
  const prim = eqn.prim as string;
  if (!["add", "mul", "max", "min", "and", "or"].includes(prim)) return null;
  const [a, b] = eqn.inputs;
  const [x, y] = jaxpr.inVars;
  const usesBoth = (a === x && b === y) || (a === y && b === x);
  return usesBoth && jaxpr.outs[0] === eqn.outs[0] ? (prim as Monoid) : null;
}

/** Whether a concrete scalar init value is the identity of `monoid` for its dtype (as JAX checks). */
function isIdentity(monoid: Monoid, init: ArrayValue): boolean {
  if (!(init instanceof NdArray)) return false;
  const v = Number(init.item());
  const dtype: DType = init.dtype;
  switch (monoid) {
    case "add":
      return v === 0;
    case "mul":
      return v === 1;
    case "max":
      return isFloat(dtype) ? v === -Infinity : dtype === "int32" ? v === -(2 ** 31) : dtype === "uint32" ? v === 0 : v === 0;
    case "min":
      return isFloat(dtype) ? v === Infinity : dtype === "int32" ? v === 2 ** 31 - 1 : dtype === "uint32" ? v === 2 ** 32 - 1 : v === 1;
    case "and":
      return dtype === "bool" ? v === 1 : isInteger(dtype) && (dtype === "int32" ? v === -1 : v === 2 ** 32 - 1);
    case "or":
      return v === 0;
  }
}

/** The reduction primitive of a monoid. */
function reduceBy(monoid: Monoid, x: ArrayValue, axes: number[]): ArrayValue {
  switch (monoid) {
    case "add":
      return lax.reduceSum(x, axes);
    case "mul":
      return lax.reduceProd(x, axes);
    case "max":
      return x.dtype === "bool" ? lax.reduceOr(x, axes) : lax.reduceMax(x, axes);
    case "min":
      return x.dtype === "bool" ? lax.reduceAnd(x, axes) : lax.reduceMin(x, axes);
    case "and":
      return lax.reduceAnd(x, axes);
    case "or":
      return lax.reduceOr(x, axes);
  }
}

/**
 * `operands` (an array or a pytree of arrays of one shape) reduced over `dimensions` by
 * `computation(acc, x)` on scalars (pytrees of scalars for a pytree of operands), starting from
 * `initValues` (scalars of the operands' dtypes, in the same structure).
 *
 * @example lax.reduce(np.array([[1, 2], [3, 4]]), np.array(0), lax.add, [0]) // array([4, 6], dtype=float32)
 */
export function reduce<T>(operands: T, initValues: unknown, computation: (acc: never, x: never) => unknown, dimensions: readonly number[]): T {
  const op = "lax.reduce";
  checkArity(op, arguments, 4);
  checkFunction(op, computation, "computation (acc, x) => combined");
  const [xs, def] = arrayLeaves(op, "operands", operands);
  const [inits, initDef] = arrayLeaves(op, "initValues", initValues);
  if (xs.length === 0) fail(op, "operands has no arrays to reduce");
  if (!tree.treedefEq.equals(def, initDef)) fail(op, `initValues must have the structure of operands: ${xs.length} operand(s) but ${inits.length} init value(s)`);
  const shape = xs[0]!.shape;
  if (xs.some((x) => x.shape.join(",") !== shape.join(","))) fail(op, `the operands must share one shape, got ${describeAll(xs)}`);
  inits.forEach((init, i) => {
    if (init.ndim !== 0) fail(op, `initValues must be scalars, got ${describeAll([init])}`);
    if (init.dtype !== xs[i]!.dtype) fail(op, `init value ${i} must have its operand's dtype (lax does not promote), got ${describeAll([init, xs[i]!])}`);
  });
  const axes = integerList(op, "dimensions", dimensions);
  axes.forEach((a, i) => {
    if (a < 0 || a >= shape.length) fail(op, `dimensions ${describeValue(dimensions)} has axis ${a} out of range for rank ${shape.length}`);
    if (axes.indexOf(a) !== i) fail(op, `dimensions must be distinct, got ${describeValue(dimensions)}`);
  });
  const n = xs.length;
  const apply = (acc: ArrayValue[], x: ArrayValue[]): ArrayValue[] => {
    const [out, outDef] = arrayLeaves(op, "the output of computation", computation(tree.unflatten(def, acc) as never, tree.unflatten(def, x) as never));
    if (!tree.treedefEq.equals(outDef, def)) fail(op, "computation must return the structure of its arguments");
    return out;
  };
  const staged = stageFlat((leaves) => apply(leaves.slice(0, n), leaves.slice(n)), [...inits, ...xs].map((v) => aval([], v.dtype)), op);
  staged.jaxpr.outs.forEach((o, i) => {
    if (o.aval.dtype !== xs[i]!.dtype || o.aval.shape.length !== 0) fail(op, `computation must return scalars of the operands' dtypes, got ${describeAll(staged.jaxpr.outs.map((v) => v.aval))}`);
  });
  const monoid = n === 1 ? monoidOf(staged.jaxpr) : null;
  if (monoid !== null && isIdentity(monoid, inits[0]!)) return tree.unflatten(def, [reduceBy(monoid, xs[0]!, axes)]) as T;

  // The general fold: reduced axes first, merged into one; the kept axes flattened for vmap.
  const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const keptShape = kept.map((i) => shape[i]!);
  const count = axes.reduce((p, a) => p * shape[a]!, 1);
  const rest = keptShape.reduce((p, d) => p * d, 1);
  const rows = xs.map((x) => lax.reshape(lax.transpose(x, [...axes, ...kept]), [count, rest]));
  const start = inits.map((init) => lax.broadcastInDim(init, [rest], []));
  const step = vmap((acc: ArrayValue[], x: ArrayValue[]) => apply(acc, x));
  const [result] = scan((acc: ArrayValue[], x: ArrayValue[]) => [step(acc, x), null], start, rows);
  return tree.unflatten(def, (result as ArrayValue[]).map((r) => lax.reshape(r, keptShape))) as T;
}
