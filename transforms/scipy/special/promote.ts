/** Shared by the special functions: JAX's operand promotion and jnp.polyval. */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { promoteToFloat } from "../../../core/numpy/promote.js";

/** The operands promoted to one float dtype, as JAX's promote_args_inexact. */
export function floats(name: string, ...xs: ArrayOrScalar[]): ArrayValue[] {
  return promoteToFloat(`scipy.special.${name}`, ...xs);
}

/** jnp.polyval: Horner's rule from the highest coefficient, starting from zero as JAX does. */
export function polyval(coefficients: readonly number[], x: ArrayValue): ArrayValue {
  let y: ArrayValue = np.zerosLike(x);
  for (const c of coefficients) y = np.add(np.multiply(y, x), c);
  return y;
}
