/** The Dirichlet distribution with concentrations `alpha` (jax.scipy.stats.dirichlet). */
import { fail } from "../../../core/errors.js";
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { promoteToFloat } from "../../../core/numpy/promote.js";
import { gammaln, xlogy } from "../special/index.js";

/**
 * The log density at `x`, whose first axis holds the K coordinates (or K - 1, the last being
 * 1 minus their sum); further axes are a batch. `alpha` is one-dimensional with K entries.
 * -inf off the simplex (a coordinate <= 0, or a sum further than 1e-6 from 1).
 */
export function logpdf(x: ArrayOrScalar, alpha: ArrayOrScalar): ArrayValue {
  const op = "scipy.stats.dirichlet.logpdf";
  let [v, a] = promoteToFloat(op, x, alpha) as [ArrayValue, ArrayValue];
  if (a.ndim !== 1) fail(op, `alpha must be one-dimensional; got alpha.shape=[${a.shape.join(", ")}]`);
  const k = a.shape[0]!;
  if (v.ndim === 0 || (v.shape[0] !== k && v.shape[0] !== k - 1)) {
    fail(op, `x must have either the same number of entries as alpha or one entry fewer; got x.shape=[${v.shape.join(", ")}], alpha.shape=[${k}]`);
  }
  if (v.shape[0] !== k) v = np.concatenate([v, np.subtract(1, np.sum(v, { axis: 0, keepdims: true }))], { axis: 0 });
  const normalizer = np.subtract(np.sum(gammaln(a)), gammaln(np.sum(a)));
  const alphaColumns = np.reshape(a, [k, ...Array<number>(v.ndim - 1).fill(1)]);
  const logProbability = np.subtract(np.sum(xlogy(np.subtract(alphaColumns, 1), v), { axis: 0 }), normalizer);
  const onSimplex = np.logicalAnd(np.all(np.greater(v, 0), { axis: 0 }), np.less(np.abs(np.subtract(np.sum(v, { axis: 0 }), 1)), 1e-6));
  return np.where(onSimplex, logProbability, -Infinity);
}

/** The density, exp(logpdf). */
export function pdf(x: ArrayOrScalar, alpha: ArrayOrScalar): ArrayValue {
  return np.exp(logpdf(x, alpha));
}
