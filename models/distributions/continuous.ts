/** Continuous families: normal, laplace, uniform, gamma and beta. */
import type { ArrayOrScalar, ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import * as random from "../../core/random/index.js";
import { checkKey } from "../../core/random/common.js";
import { digamma, lgamma } from "../../core/random/special.js";
import type { Shape } from "../../core/shape.js";
import { batchShapeOf, floatParams, type Distribution } from "./distribution.js";

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
type FloatDType = "float32" | "float64";

/** Sample shape [...shape, ...batch], with the key checked and named by the family. */
function sampleShape(family: string, key: unknown, params: Record<string, ArrayValue>, shape: Shape = []): Shape {
  checkKey("sample", key, `distributions.${family}.sample`);
  return [...shape, ...batchShapeOf(params)];
}
const dtypeOf = (p: Record<string, ArrayValue>): FloatDType => Object.values(p)[0]!.dtype as FloatDType;
const full = (x: ArrayValue, p: Record<string, ArrayValue>) => np.broadcastTo(x, batchShapeOf(p));

/** The normal distribution N(loc, scale^2); sampling is reparameterized (loc + scale * z). */
export function normal(loc: ArrayOrScalar, scale: ArrayOrScalar): Distribution {
  const params = floatParams("normal", { loc, scale });
  const { loc: m, scale: s } = params as { loc: ArrayValue; scale: ArrayValue };
  return Object.freeze({
    family: "normal",
    params,
    logProb: (x: ArrayOrScalar) => {
      const z = np.divide(np.subtract(x, m), s);
      return np.subtract(np.subtract(np.multiply(-0.5, np.multiply(z, z)), np.log(s)), HALF_LOG_TWO_PI);
    },
    sample: (key: random.Key, shape?: Shape) => np.add(m, np.multiply(s, random.normal(key, sampleShape("normal", key, params, shape), { dtype: dtypeOf(params) }))),
    mean: () => full(m, params),
    variance: () => full(np.multiply(s, s), params),
    entropy: () => full(np.add(0.5 + HALF_LOG_TWO_PI, np.log(s)), params),
  });
}

/** The Laplace distribution with density exp(-|x - loc| / scale) / (2 scale); reparameterized sampling. */
export function laplace(loc: ArrayOrScalar, scale: ArrayOrScalar): Distribution {
  const params = floatParams("laplace", { loc, scale });
  const { loc: m, scale: s } = params as { loc: ArrayValue; scale: ArrayValue };
  return Object.freeze({
    family: "laplace",
    params,
    logProb: (x: ArrayOrScalar) => np.subtract(np.negative(np.divide(np.abs(np.subtract(x, m)), s)), np.log(np.multiply(2, s))),
    sample: (key: random.Key, shape?: Shape) => np.add(m, np.multiply(s, random.laplace(key, sampleShape("laplace", key, params, shape), { dtype: dtypeOf(params) }))),
    mean: () => full(m, params),
    variance: () => full(np.multiply(2, np.multiply(s, s)), params),
    entropy: () => full(np.add(1, np.log(np.multiply(2, s))), params),
  });
}

/** The uniform distribution on [low, high]; reparameterized sampling (low + (high - low) u). */
export function uniform(low: ArrayOrScalar, high: ArrayOrScalar): Distribution {
  const params = floatParams("uniform", { low, high });
  const { low: a, high: b } = params as { low: ArrayValue; high: ArrayValue };
  const width = np.subtract(b, a);
  return Object.freeze({
    family: "uniform",
    params,
    logProb: (x: ArrayOrScalar) => np.where(np.logicalAnd(np.greaterEqual(x, a), np.lessEqual(x, b)), np.negative(np.log(width)), -Infinity),
    sample: (key: random.Key, shape?: Shape) => np.add(a, np.multiply(width, random.uniform(key, sampleShape("uniform", key, params, shape), { dtype: dtypeOf(params) }))),
    mean: () => full(np.multiply(0.5, np.add(a, b)), params),
    variance: () => full(np.divide(np.multiply(width, width), 12), params),
    entropy: () => full(np.log(width), params),
  });
}

/**
 * The Gamma distribution with shape `concentration` and `rate` (density proportional to
 * x^(a-1) e^(-rate x)). Samples are not reparameterized: random.gamma has no gradient in a here.
 */
export function gamma(concentration: ArrayOrScalar, rate: ArrayOrScalar): Distribution {
  const params = floatParams("gamma", { concentration, rate });
  const { concentration: a, rate: b } = params as { concentration: ArrayValue; rate: ArrayValue };
  return Object.freeze({
    family: "gamma",
    params,
    logProb: (x: ArrayOrScalar) =>
      np.subtract(np.add(np.multiply(a, np.log(b)), np.subtract(np.multiply(np.subtract(a, 1), np.log(x)), np.multiply(b, x))), lgamma(a)),
    sample: (key: random.Key, shape?: Shape) => {
      const out = sampleShape("gamma", key, params, shape);
      return np.divide(random.gamma(key, np.broadcastTo(a, out), null, { dtype: dtypeOf(params) }), b);
    },
    mean: () => full(np.divide(a, b), params),
    variance: () => full(np.divide(a, np.multiply(b, b)), params),
    entropy: () => full(np.add(np.add(np.subtract(a, np.log(b)), lgamma(a)), np.multiply(np.subtract(1, a), digamma(a))), params),
  });
}

/** log B(a, b) = lgamma(a) + lgamma(b) - lgamma(a + b). */
export function logBeta(a: ArrayValue, b: ArrayValue): ArrayValue {
  return np.subtract(np.add(lgamma(a), lgamma(b)), lgamma(np.add(a, b)));
}

/** The Beta(a, b) distribution on [0, 1]. Samples are not reparameterized (they come from gammas). */
export function beta(a: ArrayOrScalar, b: ArrayOrScalar): Distribution {
  const params = floatParams("beta", { a, b });
  const { a: p, b: q } = params as { a: ArrayValue; b: ArrayValue };
  const total = np.add(p, q);
  return Object.freeze({
    family: "beta",
    params,
    logProb: (x: ArrayOrScalar) => np.subtract(np.add(np.multiply(np.subtract(p, 1), np.log(x)), np.multiply(np.subtract(q, 1), np.log1p(np.negative(x)))), logBeta(p, q)),
    sample: (key: random.Key, shape?: Shape) => random.beta(key, p, q, sampleShape("beta", key, params, shape), { dtype: dtypeOf(params) }),
    mean: () => full(np.divide(p, total), params),
    variance: () => full(np.divide(np.multiply(p, q), np.multiply(np.multiply(total, total), np.add(total, 1))), params),
    entropy: () =>
      full(
        np.add(
          np.subtract(np.subtract(logBeta(p, q), np.multiply(np.subtract(p, 1), digamma(p))), np.multiply(np.subtract(q, 1), digamma(q))),
          np.multiply(np.subtract(total, 2), digamma(total)),
        ),
        params,
      ),
  });
}
