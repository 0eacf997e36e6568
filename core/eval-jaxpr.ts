/**
 * Evaluating a jaxpr: each equation is bound in turn through `bind`, so whatever interpreter is
 * current (eager evaluation, or an outer transform) sees every operation, and a jaxpr can itself be
 * traced and transformed again.
 */
import { describe, fail } from "./errors.js";
import { bind } from "./interpreter.js";
import { Lit, type Atom, type ClosedJaxpr, type Jaxpr, type Var } from "./jaxpr.js";
import type { ArrayValue } from "./ndarray.js";
import { shapesEqual } from "./shape.js";

/** Evaluates a jaxpr by binding each equation in turn (so outer transforms see every operation). */
export function evalJaxpr(jaxpr: Jaxpr, consts: readonly ArrayValue[], args: readonly ArrayValue[]): ArrayValue[] {
  if (args.length !== jaxpr.inVars.length) {
    fail("evalJaxpr", `the jaxpr takes ${jaxpr.inVars.length} arguments, got ${args.length}`);
  }
  const env = new Map<Var, ArrayValue>();
  jaxpr.constVars.forEach((v, i) => env.set(v, consts[i]!));
  jaxpr.inVars.forEach((v, i) => {
    const x = args[i]!;
    if (!shapesEqual(x.shape, v.aval.shape) || x.dtype !== v.aval.dtype) {
      fail("evalJaxpr", `argument ${i} is ${describe(x)}, the jaxpr expects ${describe(v.aval)}`);
    }
    env.set(v, x);
  });
  const read = (a: Atom): ArrayValue => (a instanceof Lit ? a.value : env.get(a)!);
  for (const eqn of jaxpr.eqns) {
    const outs = bind(eqn.prim, eqn.inputs.map(read), eqn.params);
    eqn.outs.forEach((v, i) => env.set(v, outs[i]!));
  }
  return jaxpr.outs.map(read);
}

/** Evaluates a closed jaxpr (its constants bound) on `args`. */
export function callJaxpr(closed: ClosedJaxpr, args: readonly ArrayValue[]): ArrayValue[] {
  return evalJaxpr(closed.jaxpr, closed.consts, args);
}
