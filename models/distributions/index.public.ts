/**
 * The `models.distributions` namespace (models/distributions/index.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../core/validate.js";
import * as raw from "./index.js";

export * from "./index.js";
export const bernoulli = /* @__PURE__ */ guardArity("models.distributions.bernoulli", raw.bernoulli, 1);
export const beta = /* @__PURE__ */ guardArity("models.distributions.beta", raw.beta, 2);
export const categorical = /* @__PURE__ */ guardArity("models.distributions.categorical", raw.categorical, 1);
export const dirichlet = /* @__PURE__ */ guardArity("models.distributions.dirichlet", raw.dirichlet, 1);
export const gamma = /* @__PURE__ */ guardArity("models.distributions.gamma", raw.gamma, 2);
export const kl = /* @__PURE__ */ guardArity("models.distributions.kl", raw.kl, 2);
export const laplace = /* @__PURE__ */ guardArity("models.distributions.laplace", raw.laplace, 2);
export const mixture = /* @__PURE__ */ guardArity("models.distributions.mixture", raw.mixture, 2);
export const multivariateNormal = /* @__PURE__ */ guardArity("models.distributions.multivariateNormal", raw.multivariateNormal, 2);
export const normal = /* @__PURE__ */ guardArity("models.distributions.normal", raw.normal, 2);
export const poisson = /* @__PURE__ */ guardArity("models.distributions.poisson", raw.poisson, 1);
export const studentT = /* @__PURE__ */ guardArity("models.distributions.studentT", raw.studentT, 3);
export const uniform = /* @__PURE__ */ guardArity("models.distributions.uniform", raw.uniform, 2);
