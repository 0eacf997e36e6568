/** Poisson samples, JAX's sampler on top of the `randomPoisson` primitive (see poisson-loop.ts). */
import { describe, fail } from "../errors.js";
import { bind1 } from "../interpreter.js";
import { ArrayValue, type ArrayOrScalar } from "../ndarray.js";
import * as np from "../numpy/index.js";
import type { Shape } from "../shape.js";
import { checkArity, oneOf, readOptions } from "../validate.js";
import { checkKey, checkParamShapes, floatParam, shapeArg, type Key } from "./common.js";

/**
 * Poisson(lam) samples as int32 (P(k) = lam^k e^-lam / k!). `shape` defaults to lam's shape.
 * As in JAX, lam is rounded to float32 whatever its dtype, rates below 10 use Knuth's algorithm
 * and larger ones Hormann's transformed rejection, a rate of 0 gives 0, and a negative or NaN
 * rate gives -1. Samples are integers, so their derivative in lam is zero.
 *
 * @example
 * ```ts
 * import { random } from "tessera";
 * const counts = random.poisson(random.key(0), 3.5, [4]);
 * console.log(counts.dtype); // int32
 * ```
 */
export function poisson(key: Key, lam: ArrayOrScalar, shape?: Shape | null, options: { readonly dtype?: "int32" } | null = {}): ArrayValue {
  checkArity("random.poisson", arguments, 4);
  checkKey("poisson", key);
  readOptions("random.poisson", options, { dtype: oneOf(["int32"] as const) });
  if (lam instanceof ArrayValue && (lam.dtype === "bool" || lam.dtype === "uint32")) {
    fail("random.poisson", `lam must be a float or int array, got ${describe(lam)}`);
  }
  const rate = floatParam("poisson", "lam", lam, "float32");
  let outShape = rate.shape;
  if (shape !== undefined && shape !== null) {
    outShape = shapeArg("poisson", shape, "int32");
    checkParamShapes("poisson", outShape, rate.shape);
  }
  return bind1("randomPoisson", [key, np.broadcastTo(rate, outShape)], {});
}
