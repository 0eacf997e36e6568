/**
 * Probability distributions as pure records of parameters and functions (`models.distributions`):
 * log densities, samples from explicit keys, moments, entropies and closed-form KL divergences,
 * all traceable (grad, vmap, jit) in the parameters.
 */
export type { Distribution } from "./distribution.js";
export { beta, gamma, laplace, normal, studentT, uniform } from "./continuous.js";
export { bernoulli, categorical, poisson, type LogitsOrProbs } from "./discrete.js";
export { dirichlet, multivariateNormal, type ScaleTrilOrCovariance } from "./multivariate.js";
export { mixture } from "./mixture.js";
export { kl } from "./kl.js";
