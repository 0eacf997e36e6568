/**
 * jax.scipy.special in camelCase: gamma-family functions, entropies, the normal distribution's
 * functions, Bessel functions, the Hurwitz zeta, the incomplete gamma functions, the exponential,
 * sine/cosine and Fresnel integrals, Owen's T, Dawson's integral, erfcx, Spence's function, the
 * Pochhammer symbol, the Bernoulli numbers and the hypergeometric functions ₁F₁ and ₂F₁. Each promotes its operands as JAX does (integers and JS numbers become float32, float64 stays float64),
 * follows JAX's algorithm, and where JAX gives a function its own derivative rule (xlogy at
 * x = 0, logit, logNdtr, gammaln, ...) gives it the same rule through customJvp, so gradients
 * agree at the edges too.
 */
export { erf, erfc, erfinv, expit } from "../../../core/numpy/elementwise.js";
export { logsumexp } from "../../../core/nn.js";
export * from "./bessel.js";
export { besselJn, type BesselJnOptions } from "./bessel-jn.js";
export * from "./bernoulli.js";
export { spence } from "./dilogarithm.js";
export * from "./entropy.js";
export { exp1, expi, expn } from "./exponential-integrals.js";
export { fresnel } from "./fresnel.js";
export { beta, betaln, comb, type CombOptions, digamma, factorial, type FactorialOptions, gamma, gammaln, gammasgn, loggamma, multigammaln, poch, polygamma } from "./gamma.js";
export { hyp1f1 } from "./hypergeometric.js";
export { hyp2f1 } from "./hyp2f1.js";
export { betainc } from "./incomplete-beta.js";
export { gammainc, gammaincc } from "./incomplete-gamma.js";
export * from "./normal.js";
export { owensT } from "./owens-t.js";
export { dawsn, erfcx } from "./scaled-error.js";
export { sici } from "./sine-cosine-integrals.js";
export { zeta } from "./zeta.js";
