/**
 * jax.scipy.special in camelCase: gamma-family functions, entropies, the normal distribution's
 * functions, Bessel functions, the Hurwitz zeta and the incomplete gamma functions. Each promotes
 * its operands as JAX does (integers and JS numbers become float32, float64 stays float64),
 * follows JAX's algorithm, and where JAX gives a function its own derivative rule (xlogy at
 * x = 0, logit, logNdtr, gammaln, ...) gives it the same rule through customJvp, so gradients
 * agree at the edges too.
 */
export { erf, erfc, erfinv, expit } from "../../../core/numpy/elementwise.js";
export { logsumexp } from "../../../core/nn.js";
export * from "./bessel.js";
export * from "./entropy.js";
export * from "./gamma.js";
export { betainc } from "./incomplete-beta.js";
export { gammainc, gammaincc } from "./incomplete-gamma.js";
export * from "./normal.js";
export { zeta } from "./zeta.js";
