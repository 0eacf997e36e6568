/**
 * The `scipy.stats.logistic` namespace (transforms/scipy/stats/logistic.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../../core/validate.js";
import * as raw from "./logistic.js";

export * from "./logistic.js";
export const cdf = /* @__PURE__ */ guardArity("scipy.stats.logistic.cdf", raw.cdf, 3);
export const isf = /* @__PURE__ */ guardArity("scipy.stats.logistic.isf", raw.isf, 3);
export const logpdf = /* @__PURE__ */ guardArity("scipy.stats.logistic.logpdf", raw.logpdf, 3);
export const pdf = /* @__PURE__ */ guardArity("scipy.stats.logistic.pdf", raw.pdf, 3);
export const ppf = /* @__PURE__ */ guardArity("scipy.stats.logistic.ppf", raw.ppf, 3);
export const sf = /* @__PURE__ */ guardArity("scipy.stats.logistic.sf", raw.sf, 3);
