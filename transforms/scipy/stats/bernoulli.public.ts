/**
 * The `scipy.stats.bernoulli` namespace (transforms/scipy/stats/bernoulli.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../../core/validate.js";
import * as raw from "./bernoulli.js";

export * from "./bernoulli.js";
export const cdf = /* @__PURE__ */ guardArity("scipy.stats.bernoulli.cdf", raw.cdf, 2);
export const logpmf = /* @__PURE__ */ guardArity("scipy.stats.bernoulli.logpmf", raw.logpmf, 3);
export const pmf = /* @__PURE__ */ guardArity("scipy.stats.bernoulli.pmf", raw.pmf, 3);
export const ppf = /* @__PURE__ */ guardArity("scipy.stats.bernoulli.ppf", raw.ppf, 2);
