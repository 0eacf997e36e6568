/** Operand promotion shared by the distributions: JAX's promote_args_inexact, errors named after the function. */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import { promoteToFloat } from "../../../core/numpy/promote.js";

/** The operands promoted to one float dtype (integers and JS numbers alone become float32). */
export function floats(name: string, ...xs: ArrayOrScalar[]): ArrayValue[] {
  return promoteToFloat(`scipy.stats.${name}`, ...xs);
}
