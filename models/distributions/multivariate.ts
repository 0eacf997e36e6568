/** Vector-valued families: multivariateNormal (through a Cholesky factor) and dirichlet. */
import { describe, fail } from "../../core/errors.js";
import { triangularSolve } from "../../core/lax/linalg.js";
import { ArrayValue, type ArrayOrScalar } from "../../core/ndarray.js";
import { einsum } from "../../core/numpy/einsum.js";
import * as np from "../../core/numpy/index.js";
import * as random from "../../core/random/index.js";
import { digamma, lgamma } from "../../core/random/special.js";
import { broadcastShapes, type Shape } from "../../core/shape.js";
import { anyValue, readOptions } from "../../core/validate.js";
import { xlogy } from "./continuous.js";
import { floatParams, record, sampleShape, type Distribution } from "./distribution.js";

const LOG_TWO_PI = Math.log(2 * Math.PI);

/** How the multivariate normal's spread is given: a lower Cholesky factor or a covariance. */
export type ScaleTrilOrCovariance =
  | { readonly scaleTril: ArrayValue; readonly covariance?: never }
  | { readonly covariance: ArrayValue; readonly scaleTril?: never };

/** Checks that `x` has at least `rank` axes. */
function atLeast(family: string, name: string, x: ArrayValue, rank: number): void {
  if (x.shape.length < rank) fail(`distributions.${family}`, `${name} must have at least ${rank} axis${rank > 1 ? "es" : ""}, got ${describe(x)}`);
}

/** The diagonal of each matrix in a [..., n, n] batch, as [..., n]. */
const diagonalOf = (m: ArrayValue): ArrayValue => np.diagonal(m, { axis1: -2, axis2: -1 });

/**
 * The multivariate normal N(loc, L Lᵀ) with `loc` [..., n] and `{ scaleTril: L }` (lower
 * triangular with a positive diagonal; the upper triangle is not read) or `{ covariance }`
 * (factored by Cholesky). Sampling is reparameterized, loc + L z, drawing z as
 * jax.random.multivariate_normal does, so with a covariance it gives JAX's samples.
 * `variance()` is the covariance's diagonal.
 */
export function multivariateNormal(loc: ArrayOrScalar, spread: ScaleTrilOrCovariance): Distribution {
  const o = readOptions("distributions.multivariateNormal", spread as ScaleTrilOrCovariance | null, { scaleTril: anyValue, covariance: anyValue });
  // Each value is checked before the pair, so a bad value is named even when both are given.
  for (const name of ["scaleTril", "covariance"] as const) if (o[name] !== undefined) floatParams("multivariateNormal", { [name]: o[name] });
  if ((o.scaleTril === undefined) === (o.covariance === undefined)) {
    fail("distributions.multivariateNormal", `give exactly one of scaleTril and covariance`);
  }
  const given = floatParams("multivariateNormal", o.scaleTril === undefined ? { loc, covariance: o.covariance } : { loc, scaleTril: o.scaleTril });
  const m = given.loc!;
  const matrix = (given.scaleTril ?? given.covariance)!;
  atLeast("multivariateNormal", "loc", m, 1);
  atLeast("multivariateNormal", o.scaleTril === undefined ? "covariance" : "scaleTril", matrix, 2);
  const n = m.shape[m.shape.length - 1]!;
  if (matrix.shape[matrix.shape.length - 1] !== n || matrix.shape[matrix.shape.length - 2] !== n) {
    fail("distributions.multivariateNormal", `the matrix must have shape [..., ${n}, ${n}] to match loc ${describe(m)}, got ${describe(matrix)}`);
  }
  const scaleTril = given.scaleTril === undefined ? np.linalg.cholesky(matrix) : np.tril(matrix);
  const batch = broadcastShapes("distributions.multivariateNormal", m.shape.slice(0, -1), scaleTril.shape.slice(0, -2));
  const logDet = np.sum(np.log(diagonalOf(scaleTril)), { axis: -1 });
  const full = (x: ArrayValue, event: Shape) => np.broadcastTo(x, [...batch, ...event]);
  return record("multivariateNormal", { loc: m, scaleTril }, batch, [n], {
    logProb: (x) => {
      const diff = np.subtract(x, m);
      const outer = broadcastShapes("distributions.multivariateNormal.logProb", diff.shape.slice(0, -1), scaleTril.shape.slice(0, -2));
      const white = triangularSolve(np.broadcastTo(scaleTril, [...outer, n, n]), np.broadcastTo(np.expandDims(diff, -1), [...outer, n, 1]), { leftSide: true, lower: true });
      const mahalanobis = np.sum(np.multiply(white, white), { axis: [-2, -1] });
      return np.subtract(np.subtract(np.multiply(-0.5, mahalanobis), logDet), 0.5 * n * LOG_TWO_PI);
    },
    sample: (key, shape?: Shape) => {
      const z = random.normal(key, [...sampleShape("multivariateNormal", key, batch, shape), n], { dtype: m.dtype as "float64" });
      return np.add(m, einsum("...ij,...j->...i", scaleTril, z));
    },
    mean: () => full(m, [n]),
    variance: () => full(np.sum(np.multiply(scaleTril, scaleTril), { axis: -1 }), [n]),
    entropy: () => full(np.add(0.5 * n * (1 + LOG_TWO_PI), logDet), []),
  });
}

/**
 * The Dirichlet distribution on the simplex, concentration [..., K] (the last axis is the event).
 * Samples come from random.dirichlet (log-gamma draws, with implicit gradients in the concentration).
 */
export function dirichlet(concentration: ArrayOrScalar): Distribution {
  const params = floatParams("dirichlet", { concentration });
  const alpha = params.concentration!;
  atLeast("dirichlet", "concentration", alpha, 1);
  const k = alpha.shape[alpha.shape.length - 1]!;
  const total = np.sum(alpha, { axis: -1, keepdims: true });
  const logNormalizer = np.subtract(np.sum(lgamma(alpha), { axis: -1 }), lgamma(np.squeeze(total, -1)));
  const batch = alpha.shape.slice(0, -1);
  return record("dirichlet", params, batch, [k], {
    logProb: (x) => np.subtract(np.sum(xlogy(np.subtract(alpha, 1), x), { axis: -1 }), logNormalizer),
    sample: (key, shape?: Shape) => random.dirichlet(key, alpha, sampleShape("dirichlet", key, batch, shape)),
    mean: () => np.divide(alpha, total),
    variance: () => np.divide(np.multiply(alpha, np.subtract(total, alpha)), np.multiply(np.multiply(total, total), np.add(total, 1))),
    entropy: () => {
      const t = np.squeeze(total, -1);
      return np.subtract(np.add(logNormalizer, np.multiply(np.subtract(t, k), digamma(t))), np.sum(np.multiply(np.subtract(alpha, 1), digamma(alpha)), { axis: -1 }));
    },
  });
}
