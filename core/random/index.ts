/**
 * The `random` namespace: counter-based pseudo-random numbers matching JAX's default PRNG
 * (threefry2x32, "partitionable" mode) bit for bit. A key is a uint32 array of shape [2] (JAX's
 * raw key data); there is no hidden state: `split` or `foldIn` a key to get fresh ones.
 *
 * Every sampler is JAX's own algorithm built from primitives through `bind` and the np
 * functions, so transforms (vmap over keys, jit) apply to it like to any other array code.
 * Bit generation: element i of a sample of shape S hashes the 64-bit counter i (as the word pair
 * [hi, lo]) under the key, and xors the two output words.
 */
export type { FloatDType, FloatOptions, Key } from "./common.js";
export { bits, exponential, gumbel, laplace, normal, truncatedNormal, uniform } from "./floats.js";
export { bernoulli, categorical, choice, permutation, randint } from "./discrete.js";
export { foldIn, key, split } from "./keys.js";
export { beta, dirichlet, gamma, loggamma } from "./gamma.js";
export { poisson } from "./poisson.js";
export { binomial, multinomial, type MultinomialOptions } from "./binomial.js";
export { multivariateNormal, type CovarianceFactorization } from "./multivariate.js";
export {
  ball,
  cauchy,
  chisquare,
  doubleSidedMaxwell,
  f,
  generalizedNormal,
  geometric,
  logistic,
  lognormal,
  maxwell,
  pareto,
  rademacher,
  rayleigh,
  t,
  triangular,
  wald,
  weibullMin,
  type RademacherOptions,
} from "./transformed.js";
export { orthogonal, type OrthogonalOptions } from "./orthogonal.js";
