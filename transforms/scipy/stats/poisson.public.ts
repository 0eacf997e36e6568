/**
 * The `scipy.stats.poisson` namespace (transforms/scipy/stats/poisson.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../../core/validate.js";
import * as raw from "./poisson.js";

export * from "./poisson.js";
export const cdf = /* @__PURE__ */ guardArity("scipy.stats.poisson.cdf", raw.cdf, 3);
export const entropy = /* @__PURE__ */ guardArity("scipy.stats.poisson.entropy", raw.entropy, 2);
export const logpmf = /* @__PURE__ */ guardArity("scipy.stats.poisson.logpmf", raw.logpmf, 3);
export const pmf = /* @__PURE__ */ guardArity("scipy.stats.poisson.pmf", raw.pmf, 3);
