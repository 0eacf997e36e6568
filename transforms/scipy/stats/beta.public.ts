/**
 * The `scipy.stats.beta` namespace (transforms/scipy/stats/beta.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../../core/validate.js";
import * as raw from "./beta.js";

export * from "./beta.js";
export const cdf = /* @__PURE__ */ guardArity("scipy.stats.beta.cdf", raw.cdf, 5);
export const logcdf = /* @__PURE__ */ guardArity("scipy.stats.beta.logcdf", raw.logcdf, 5);
export const logpdf = /* @__PURE__ */ guardArity("scipy.stats.beta.logpdf", raw.logpdf, 5);
export const logsf = /* @__PURE__ */ guardArity("scipy.stats.beta.logsf", raw.logsf, 5);
export const pdf = /* @__PURE__ */ guardArity("scipy.stats.beta.pdf", raw.pdf, 5);
export const sf = /* @__PURE__ */ guardArity("scipy.stats.beta.sf", raw.sf, 5);
