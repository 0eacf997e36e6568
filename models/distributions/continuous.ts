/** Continuous scalar families: normal, laplace, uniform, studentT, gamma and beta. */
import type { ArrayOrScalar, ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import * as random from "../../core/random/index.js";
import { split } from "../../core/random/keys.js";
import { digamma, lgamma } from "../../core/random/special.js";
import type { Shape } from "../../core/shape.js";
import { batchShapeOf, dtypeOf, floatParams, record, sampleShape, type Distribution } from "./distribution.js";

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** Parameters, batch shape and a broadcaster to it, for a scalar family. */
function scalarFamily<T extends Record<string, ArrayOrScalar>>(family: string, raw: T) {
  const params = floatParams(family, raw) as { [K in keyof T]: ArrayValue };
  const batch = batchShapeOf(family, params);
  return { params, batch, full: (x: ArrayValue) => np.broadcastTo(x, batch), dtype: dtypeOf(params) };
}

/** log B(a, b) = lgamma(a) + lgamma(b) - lgamma(a + b). */
export function logBeta(a: ArrayOrScalar, b: ArrayOrScalar): ArrayValue {
  return np.subtract(np.add(lgamma(a), lgamma(b)), lgamma(np.add(a, b)));
}

/** x log y, with 0 where x is 0 (scipy.special.xlogy), safe to differentiate. */
export function xlogy(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  const zero = np.equal(x, 0);
  return np.where(zero, 0, np.multiply(x, np.log(np.where(zero, 1, y))));
}

/** x log(1 + y), with 0 where x is 0 (scipy.special.xlog1py), safe to differentiate. */
export function xlog1py(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  const zero = np.equal(x, 0);
  return np.where(zero, 0, np.multiply(x, np.log1p(np.where(zero, 0, y))));
}

/**
 * The normal distribution N(loc, scale^2); sampling is reparameterized (loc + scale * z).
 *
 * @example
 * ```ts
 * import { models } from "tessera";
 * const d = models.distributions.normal(0, 2);
 * console.log(Number(d.logProb(1).item()).toFixed(4)); // -1.7371
 * ```
 */
export function normal(loc: ArrayOrScalar, scale: ArrayOrScalar): Distribution {
  const { params, batch, full, dtype } = scalarFamily("normal", { loc, scale });
  const { loc: m, scale: s } = params;
  return record("normal", params, batch, [], {
    logProb: (x) => {
      const z = np.divide(np.subtract(x, m), s);
      return np.subtract(np.subtract(np.multiply(-0.5, np.multiply(z, z)), np.log(s)), HALF_LOG_TWO_PI);
    },
    sample: (key, shape?: Shape) => np.add(m, np.multiply(s, random.normal(key, sampleShape("normal", key, batch, shape), { dtype }))),
    mean: () => full(m),
    variance: () => full(np.multiply(s, s)),
    entropy: () => full(np.add(0.5 + HALF_LOG_TWO_PI, np.log(s))),
  });
}

/** The Laplace distribution with density exp(-|x - loc| / scale) / (2 scale); reparameterized sampling. */
export function laplace(loc: ArrayOrScalar, scale: ArrayOrScalar): Distribution {
  const { params, batch, full, dtype } = scalarFamily("laplace", { loc, scale });
  const { loc: m, scale: s } = params;
  return record("laplace", params, batch, [], {
    logProb: (x) => np.subtract(np.negative(np.divide(np.abs(np.subtract(x, m)), s)), np.log(np.multiply(2, s))),
    sample: (key, shape?: Shape) => np.add(m, np.multiply(s, random.laplace(key, sampleShape("laplace", key, batch, shape), { dtype }))),
    mean: () => full(m),
    variance: () => full(np.multiply(2, np.multiply(s, s))),
    entropy: () => full(np.add(1, np.log(np.multiply(2, s)))),
  });
}

/** The uniform distribution on [low, high]; reparameterized sampling (low + (high - low) u). */
export function uniform(low: ArrayOrScalar, high: ArrayOrScalar): Distribution {
  const { params, batch, full, dtype } = scalarFamily("uniform", { low, high });
  const { low: a, high: b } = params;
  const width = np.subtract(b, a);
  return record("uniform", params, batch, [], {
    logProb: (x) => np.where(np.logicalAnd(np.greaterEqual(x, a), np.lessEqual(x, b)), np.negative(np.log(width)), -Infinity),
    sample: (key, shape?: Shape) => np.add(a, np.multiply(width, random.uniform(key, sampleShape("uniform", key, batch, shape), { dtype }))),
    mean: () => full(np.multiply(0.5, np.add(a, b))),
    variance: () => full(np.divide(np.multiply(width, width), 12)),
    entropy: () => full(np.log(width)),
  });
}

/**
 * Student's t with `df` degrees of freedom, location and scale. Sampling follows jax.random.t
 * (normal * sqrt((df/2) / Gamma(df/2))), differentiable in all three parameters (df through the
 * gamma draw's implicit gradient). The mean is NaN for
 * df <= 1; the variance is +inf for 1 < df <= 2 and NaN for df <= 1 (as scipy).
 */
export function studentT(df: ArrayOrScalar, loc: ArrayOrScalar, scale: ArrayOrScalar): Distribution {
  const { params, batch, full, dtype } = scalarFamily("studentT", { df, loc, scale });
  const { df: v, loc: m, scale: s } = params;
  const halfDf = np.multiply(0.5, v);
  const halfDfPlusHalf = np.multiply(0.5, np.add(v, 1));
  return record("studentT", params, batch, [], {
    logProb: (x) => {
      const z = np.divide(np.subtract(x, m), s);
      const normalizer = np.add(np.add(np.multiply(0.5, np.log(v)), np.log(s)), logBeta(halfDf, np.fullLike(halfDf, 0.5)));
      return np.subtract(np.negative(np.multiply(halfDfPlusHalf, np.log1p(np.divide(np.multiply(z, z), v)))), normalizer);
    },
    sample: (key, shape?: Shape) => {
      const out = sampleShape("studentT", key, batch, shape);
      const keys = split(key);
      const row = (i: number) => np.reshape(np.take(keys, i, { axis: 0 }), [2]);
      const z = random.normal(row(0), out, { dtype });
      const halfDfFull = np.broadcastTo(halfDf, out);
      const g = random.gamma(row(1), halfDfFull, null, { dtype });
      return np.add(m, np.multiply(s, np.multiply(z, np.sqrt(np.divide(halfDfFull, g)))));
    },
    mean: () => full(np.where(np.greater(v, 1), m, NaN)),
    variance: () => {
      const finite = np.divide(np.multiply(np.multiply(s, s), v), np.subtract(v, 2));
      return full(np.where(np.greater(v, 2), finite, np.where(np.greater(v, 1), Infinity, NaN)));
    },
    entropy: () =>
      full(
        np.add(
          np.add(np.multiply(halfDfPlusHalf, np.subtract(digamma(halfDfPlusHalf), digamma(halfDf))), np.multiply(0.5, np.log(v))),
          np.add(logBeta(halfDf, np.fullLike(halfDf, 0.5)), np.log(s)),
        ),
      ),
  });
}

/**
 * The Gamma distribution with shape `concentration` and `rate` (density proportional to
 * x^(a-1) e^(-rate x)). Samples are reparameterized: in the rate directly, in the concentration
 * through random.gamma's implicit gradient (JAX's random_gamma_grad).
 */
export function gamma(concentration: ArrayOrScalar, rate: ArrayOrScalar): Distribution {
  const { params, batch, full, dtype } = scalarFamily("gamma", { concentration, rate });
  const { concentration: a, rate: b } = params;
  return record("gamma", params, batch, [], {
    logProb: (x) => np.subtract(np.add(np.multiply(a, np.log(b)), np.subtract(xlogy(np.subtract(a, 1), x), np.multiply(b, x))), lgamma(a)),
    sample: (key, shape?: Shape) => {
      const out = sampleShape("gamma", key, batch, shape);
      return np.divide(random.gamma(key, np.broadcastTo(a, out), null, { dtype }), b);
    },
    mean: () => full(np.divide(a, b)),
    variance: () => full(np.divide(a, np.multiply(b, b))),
    entropy: () => full(np.add(np.add(np.subtract(a, np.log(b)), lgamma(a)), np.multiply(np.subtract(1, a), digamma(a)))),
  });
}

/** The Beta(a, b) distribution on [0, 1]; samples (from log-gamma draws) carry implicit gradients in a and b. */
export function beta(a: ArrayOrScalar, b: ArrayOrScalar): Distribution {
  const { params, batch, full, dtype } = scalarFamily("beta", { a, b });
  const { a: p, b: q } = params;
  const total = np.add(p, q);
  return record("beta", params, batch, [], {
    logProb: (x) => np.subtract(np.add(xlogy(np.subtract(p, 1), x), xlog1py(np.subtract(q, 1), np.negative(x))), logBeta(p, q)),
    sample: (key, shape?: Shape) => random.beta(key, p, q, sampleShape("beta", key, batch, shape), { dtype }),
    mean: () => full(np.divide(p, total)),
    variance: () => full(np.divide(np.multiply(p, q), np.multiply(np.multiply(total, total), np.add(total, 1)))),
    entropy: () =>
      full(
        np.add(
          np.subtract(np.subtract(logBeta(p, q), np.multiply(np.subtract(p, 1), digamma(p))), np.multiply(np.subtract(q, 1), digamma(q))),
          np.multiply(np.subtract(total, 2), digamma(total)),
        ),
      ),
  });
}
