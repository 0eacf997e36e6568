/**
 * Bessel functions of the first kind of integer orders 0 ... v, as JAX's bessel_jn computes them
 * (Zhang and Jin's BJNDD): Miller's backward recurrence from order nIter down to 0, starting from a
 * tiny value, normalized by J_0 + 2 (J_2 + J_4 + ...) = 1. Unrolled over the nIter + 1 steps (JAX's
 * scan), so grad, jit and vmap differentiate and batch it as JAX does.
 */
import { fail } from "../../../core/errors.js";
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { count, readOptions } from "../../../core/validate.js";
import { floats } from "./promote.js";

/** Options of besselJn: `v` is required. */
export interface BesselJnOptions {
  /** The highest order: the result holds J_0 ... J_v. */
  readonly v: number;
  /** The recurrence's starting order (JAX's n_iter, default 50): larger for large |z|. */
  readonly nIter?: number;
}

/**
 * [J_0(z), J_1(z), ..., J_v(z)] stacked along a new leading axis (shape [v + 1, ...z.shape]), for
 * real z, by JAX's backward recurrence from order `nIter` (default 50; JAX's rule of thumb for
 * choosing it is in its docs). At most nIter + 1 orders are returned, as JAX.
 *
 * @example
 * import { np, scipy } from "tessera";
 * scipy.special.besselJn(np.array([1, 2]), { v: 1 }); // [[J0(1), J0(2)], [J1(1), J1(2)]] = [[0.7652, 0.2239], [0.4401, 0.5767]]
 */
export function besselJn(z: ArrayOrScalar, options: BesselJnOptions): ArrayValue {
  const op = "scipy.special.besselJn";
  const o = readOptions(op, options, { v: count, nIter: count });
  if (o.v === undefined) fail(op, "the order v is required, as { v } (JAX's keyword argument v)");
  const nIter = o.nIter ?? 50;
  const [x] = floats("besselJn", z) as [ArrayValue];
  let previous: ArrayValue = np.zerosLike(x);
  let current: ArrayValue = np.fullLike(x, 1e-16);
  let evenSum: ArrayValue = np.zerosLike(x);
  const values: ArrayValue[] = new Array<ArrayValue>(nIter + 1);
  for (let k = nIter; k >= 0; k--) {
    // f_k = 2 (k + 1) f_{k+1} / z - f_{k+2}; the even orders add twice into the normalizing sum.
    const next = np.subtract(np.divide(np.multiply(2 * (k + 1), current), x), previous);
    if (k % 2 === 0) evenSum = np.add(evenSum, np.multiply(2, next));
    values[k] = next;
    previous = current;
    current = next;
  }
  const norm = np.subtract(evenSum, values[0]!);
  return np.divide(np.stack(values.slice(0, o.v + 1)), norm);
}
