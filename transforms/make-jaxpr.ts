/**
 * makeJaxpr: shows what a function does as a jaxpr, traced on the shapes and dtypes of example
 * arguments (pytrees allowed).
 */
import type { ClosedJaxpr } from "../core/jaxpr.js";
import { aval } from "../core/aval.js";
import { arrayLeaves, canonicalOutputs, flattenArgs } from "./pytree-args.js";
import { stageFlat } from "./staging.js";
import { checkArity, checkFunction } from "../core/validate.js";

/**
 * Traces `f` into a closed jaxpr for arguments like `args`.
 *
 * @example
 * String(makeJaxpr(np.sin)(np.ones([3]))) // "{ lambda ; a:f32[3]. let b:f32[3] = sin a in (b) }"
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function makeJaxpr<F extends (...args: any[]) => unknown>(f: F): (...args: Parameters<F>) => ClosedJaxpr {
  checkFunction("makeJaxpr", f);
  checkArity("makeJaxpr", arguments, 1, "makeJaxpr takes only the function (no static_argnums or other options)");
  return ((...args: unknown[]) => {
    // JS numbers are weakly typed scalars, as under jit.
    const flat = flattenArgs("makeJaxpr", args, args.map((_, i) => i), undefined, "weak");
    return stageFlat((leaves) => {
      return canonicalOutputs(arrayLeaves("makeJaxpr", "the output", f(...flat.rebuild(leaves)))[0]);
    }, flat.leaves.map((x, i) => aval(x.shape, x.dtype, flat.weak[i])), "makeJaxpr");
  }) as (...args: Parameters<F>) => ClosedJaxpr;
}
