/**
 * The `scipy.stats.norm` namespace (transforms/scipy/stats/norm.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../../core/validate.js";
import * as raw from "./norm.js";

export * from "./norm.js";
export const cdf = /* @__PURE__ */ guardArity("scipy.stats.norm.cdf", raw.cdf, 3);
export const isf = /* @__PURE__ */ guardArity("scipy.stats.norm.isf", raw.isf, 3);
export const logcdf = /* @__PURE__ */ guardArity("scipy.stats.norm.logcdf", raw.logcdf, 3);
export const logpdf = /* @__PURE__ */ guardArity("scipy.stats.norm.logpdf", raw.logpdf, 3);
export const logsf = /* @__PURE__ */ guardArity("scipy.stats.norm.logsf", raw.logsf, 3);
export const pdf = /* @__PURE__ */ guardArity("scipy.stats.norm.pdf", raw.pdf, 3);
export const ppf = /* @__PURE__ */ guardArity("scipy.stats.norm.ppf", raw.ppf, 3);
export const sf = /* @__PURE__ */ guardArity("scipy.stats.norm.sf", raw.sf, 3);
