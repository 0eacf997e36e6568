/**
 * Constant folding: an equation on scalar literals with scalar results is evaluated while
 * compiling, with the same kernels the program would run, and its outputs become literals.
 * Equations with effects are never folded (a print of a constant prints when the program runs).
 * Higher-order primitives are left alone: their params hold programs or functions whose
 * evaluation is not this pass's business (and customLinear cannot be evaluated forward).
 */
import { hasEffects } from "../../../core/effects.js";
import { ClosedJaxpr, Jaxpr, Lit, type Eqn } from "../../../core/jaxpr.js";
import { evaluate } from "../../../core/eager.js";
import type { NdArray } from "../../../core/ndarray.js";
import type { HigherOrderPrim, Prim } from "../../../core/primitives.js";
import { rewriteEqns, type Pass } from "./rewrite.js";

const higherOrder: ReadonlySet<Prim> = new Set<HigherOrderPrim>(["customJvpCall", "customVjpCall", "customLinear", "checkpoint", "scan", "cond", "whileLoop"]);

/** Replaces scalar equations on literals by the literals they evaluate to. */
export const constantFolding: Pass = (jaxpr: Jaxpr): Jaxpr =>
  rewriteEqns(jaxpr, (eqn) => {
    if (!foldable(eqn)) return eqn;
    let values: NdArray[];
    try {
      values = evaluate(eqn.prim, eqn.inputs.map((a) => (a as Lit).value), eqn.params);
    } catch {
      // An equation that fails on its constants fails when the program runs; leave it to fail there.
      return eqn;
    }
    return values.map((v) => new Lit(v));
  });

function foldable(eqn: Eqn): boolean {
  return (
    !higherOrder.has(eqn.prim) &&
    !hasEffects(eqn) &&
    eqn.inputs.every((a) => a instanceof Lit && a.aval.shape.length === 0) &&
    eqn.outs.every((v) => v.aval.shape.length === 0) &&
    !Object.values(eqn.params as object).some(isOpaque)
  );
}

function isOpaque(value: unknown): boolean {
  if (typeof value === "function" || value instanceof ClosedJaxpr || value instanceof Jaxpr) return true;
  if (Array.isArray(value)) return value.some(isOpaque);
  return value !== null && typeof value === "object" && Object.values(value).some(isOpaque);
}
