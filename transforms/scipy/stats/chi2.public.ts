/**
 * The `scipy.stats.chi2` namespace (transforms/scipy/stats/chi2.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../../core/validate.js";
import * as raw from "./chi2.js";

export * from "./chi2.js";
export const cdf = /* @__PURE__ */ guardArity("scipy.stats.chi2.cdf", raw.cdf, 4);
export const logcdf = /* @__PURE__ */ guardArity("scipy.stats.chi2.logcdf", raw.logcdf, 4);
export const logpdf = /* @__PURE__ */ guardArity("scipy.stats.chi2.logpdf", raw.logpdf, 4);
export const logsf = /* @__PURE__ */ guardArity("scipy.stats.chi2.logsf", raw.logsf, 4);
export const pdf = /* @__PURE__ */ guardArity("scipy.stats.chi2.pdf", raw.pdf, 4);
export const sf = /* @__PURE__ */ guardArity("scipy.stats.chi2.sf", raw.sf, 4);
