/**
 * The `scipy.stats` namespace (transforms/scipy/stats/index.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../../core/validate.js";
import * as raw from "./index.js";

export * from "./index.js";
export * as bernoulli from "./bernoulli.public.js";
export * as beta from "./beta.public.js";
export * as betabinom from "./betabinom.public.js";
export * as binom from "./binom.public.js";
export * as cauchy from "./cauchy.public.js";
export * as chi2 from "./chi2.public.js";
export * as dirichlet from "./dirichlet.public.js";
export * as expon from "./expon.public.js";
export * as gamma from "./gamma.public.js";
export * as gennorm from "./gennorm.public.js";
export * as geom from "./geom.public.js";
export * as gumbelL from "./gumbel-l.public.js";
export * as gumbelR from "./gumbel-r.public.js";
export * as laplace from "./laplace.public.js";
export * as logistic from "./logistic.public.js";
export * as multinomial from "./multinomial.public.js";
export * as multivariateNormal from "./multivariate-normal.public.js";
export * as nbinom from "./nbinom.public.js";
export * as norm from "./norm.public.js";
export * as pareto from "./pareto.public.js";
export * as poisson from "./poisson.public.js";
export * as t from "./t.public.js";
export * as truncnorm from "./truncnorm.public.js";
export * as uniform from "./uniform.public.js";
export * as vonmises from "./vonmises.public.js";
export * as wrapcauchy from "./wrapcauchy.public.js";
export const gaussianKde = /* @__PURE__ */ guardArity("scipy.stats.gaussianKde", raw.gaussianKde, 2);
export const mode = /* @__PURE__ */ guardArity("scipy.stats.mode", raw.mode, 2);
export const rankdata = /* @__PURE__ */ guardArity("scipy.stats.rankdata", raw.rankdata, 2);
export const sem = /* @__PURE__ */ guardArity("scipy.stats.sem", raw.sem, 2);
