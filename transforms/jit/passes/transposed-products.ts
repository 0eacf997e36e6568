/**
 * Transposed products: a transpose that swaps the lhs-free and rhs-free axes of a dot_general
 * result (Bᵀ·Aᵀ = (A·B)ᵀ) becomes the product with its operands swapped, which writes the
 * transposed layout directly. Reverse mode makes this shape for every weight gradient
 * (`transpose(dot(x, dy))` for a layer x·w), and without it the update reads the gradient with a
 * stride of a whole row per element. Applied only when the transpose is the product's one use,
 * so no product is computed twice.
 */
import { Var, type Eqn, type Jaxpr } from "../../../core/jaxpr.js";
import type { ParamsOf } from "../../../core/primitives.js";
import { range } from "../../../core/shape.js";
import { rewriteEqns, type Pass } from "./rewrite.js";

/** How many times each variable is read (equations and outputs). */
function useCounts(jaxpr: Jaxpr): Map<Var, number> {
  const counts = new Map<Var, number>();
  const count = (a: unknown) => {
    if (a instanceof Var) counts.set(a, (counts.get(a) ?? 0) + 1);
  };
  jaxpr.eqns.forEach((eqn) => eqn.inputs.forEach(count));
  jaxpr.outs.forEach(count);
  return counts;
}

/** Rewrites transpose(dotGeneral(a, b)) into dotGeneral(b, a) where that is the same array. */
export const transposedProducts: Pass = (jaxpr: Jaxpr): Jaxpr => {
  const uses = useCounts(jaxpr);
  return rewriteEqns(jaxpr, (eqn, context) => {
    const x = eqn.inputs[0];
    if (eqn.prim !== "transpose" || !(x instanceof Var) || uses.get(x) !== 1) return eqn;
    const product = context.producer(x);
    if (product?.prim !== "dotGeneral") return eqn;
    const params = product.params as ParamsOf["dotGeneral"];
    const [lhs, rhs] = product.inputs as [Var, Var];
    const batch = params.batch[0].length;
    const lhsFree = lhs.aval.shape.length - batch - params.contracting[0].length;
    const rhsFree = rhs.aval.shape.length - batch - params.contracting[1].length;
    // The swapped product's axes: batch, then rhs free, then lhs free.
    const swapped = [
      ...range(batch),
      ...range(batch + lhsFree, batch + lhsFree + rhsFree),
      ...range(batch, batch + lhsFree),
    ];
    const { permutation } = eqn.params as ParamsOf["transpose"];
    if (!swapped.every((axis, i) => permutation[i] === axis)) return eqn;
    const swappedParams: ParamsOf["dotGeneral"] = {
      contracting: [params.contracting[1], params.contracting[0]],
      batch: [params.batch[1], params.batch[0]],
      preferredDtype: params.preferredDtype,
    };
    return { ...product, inputs: [rhs, lhs], params: swappedParams, outs: eqn.outs } as Eqn;
  });
};
