/**
 * The `random` namespace (core/random/index.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../validate.js";
import * as raw from "./index.js";

export * from "./index.js";
export const ball = /* @__PURE__ */ guardArity("random.ball", raw.ball, 5);
export const bernoulli = /* @__PURE__ */ guardArity("random.bernoulli", raw.bernoulli, 3);
export const beta = /* @__PURE__ */ guardArity("random.beta", raw.beta, 5);
export const binomial = /* @__PURE__ */ guardArity("random.binomial", raw.binomial, 5);
export const bits = /* @__PURE__ */ guardArity("random.bits", raw.bits, 2);
export const categorical = /* @__PURE__ */ guardArity("random.categorical", raw.categorical, 3);
export const cauchy = /* @__PURE__ */ guardArity("random.cauchy", raw.cauchy, 3);
export const chisquare = /* @__PURE__ */ guardArity("random.chisquare", raw.chisquare, 4);
export const choice = /* @__PURE__ */ guardArity("random.choice", raw.choice, 3);
export const dirichlet = /* @__PURE__ */ guardArity("random.dirichlet", raw.dirichlet, 4);
export const doubleSidedMaxwell = /* @__PURE__ */ guardArity("random.doubleSidedMaxwell", raw.doubleSidedMaxwell, 5);
export const exponential = /* @__PURE__ */ guardArity("random.exponential", raw.exponential, 3);
export const f = /* @__PURE__ */ guardArity("random.f", raw.f, 5);
export const foldIn = /* @__PURE__ */ guardArity("random.foldIn", raw.foldIn, 2);
export const gamma = /* @__PURE__ */ guardArity("random.gamma", raw.gamma, 4);
export const generalizedNormal = /* @__PURE__ */ guardArity("random.generalizedNormal", raw.generalizedNormal, 4);
export const geometric = /* @__PURE__ */ guardArity("random.geometric", raw.geometric, 3);
export const gumbel = /* @__PURE__ */ guardArity("random.gumbel", raw.gumbel, 3);
export const key = /* @__PURE__ */ guardArity("random.key", raw.key, 1);
export const laplace = /* @__PURE__ */ guardArity("random.laplace", raw.laplace, 3);
export const loggamma = /* @__PURE__ */ guardArity("random.loggamma", raw.loggamma, 4);
export const logistic = /* @__PURE__ */ guardArity("random.logistic", raw.logistic, 3);
export const lognormal = /* @__PURE__ */ guardArity("random.lognormal", raw.lognormal, 4);
export const maxwell = /* @__PURE__ */ guardArity("random.maxwell", raw.maxwell, 3);
export const multinomial = /* @__PURE__ */ guardArity("random.multinomial", raw.multinomial, 4);
export const multivariateNormal = /* @__PURE__ */ guardArity("random.multivariateNormal", raw.multivariateNormal, 5);
export const normal = /* @__PURE__ */ guardArity("random.normal", raw.normal, 3);
export const orthogonal = /* @__PURE__ */ guardArity("random.orthogonal", raw.orthogonal, 4);
export const pareto = /* @__PURE__ */ guardArity("random.pareto", raw.pareto, 4);
export const permutation = /* @__PURE__ */ guardArity("random.permutation", raw.permutation, 3);
export const poisson = /* @__PURE__ */ guardArity("random.poisson", raw.poisson, 4);
export const rademacher = /* @__PURE__ */ guardArity("random.rademacher", raw.rademacher, 3);
export const randint = /* @__PURE__ */ guardArity("random.randint", raw.randint, 5);
export const rayleigh = /* @__PURE__ */ guardArity("random.rayleigh", raw.rayleigh, 4);
export const split = /* @__PURE__ */ guardArity("random.split", raw.split, 2);
export const t = /* @__PURE__ */ guardArity("random.t", raw.t, 4);
export const triangular = /* @__PURE__ */ guardArity("random.triangular", raw.triangular, 6);
export const truncatedNormal = /* @__PURE__ */ guardArity("random.truncatedNormal", raw.truncatedNormal, 5);
export const uniform = /* @__PURE__ */ guardArity("random.uniform", raw.uniform, 3);
export const wald = /* @__PURE__ */ guardArity("random.wald", raw.wald, 4);
export const weibullMin = /* @__PURE__ */ guardArity("random.weibullMin", raw.weibullMin, 5);
