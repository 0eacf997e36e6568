/**
 * The `scipy.stats.cauchy` namespace (transforms/scipy/stats/cauchy.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../../core/validate.js";
import * as raw from "./cauchy.js";

export * from "./cauchy.js";
export const cdf = /* @__PURE__ */ guardArity("scipy.stats.cauchy.cdf", raw.cdf, 3);
export const isf = /* @__PURE__ */ guardArity("scipy.stats.cauchy.isf", raw.isf, 3);
export const logcdf = /* @__PURE__ */ guardArity("scipy.stats.cauchy.logcdf", raw.logcdf, 3);
export const logpdf = /* @__PURE__ */ guardArity("scipy.stats.cauchy.logpdf", raw.logpdf, 3);
export const logsf = /* @__PURE__ */ guardArity("scipy.stats.cauchy.logsf", raw.logsf, 3);
export const pdf = /* @__PURE__ */ guardArity("scipy.stats.cauchy.pdf", raw.pdf, 3);
export const ppf = /* @__PURE__ */ guardArity("scipy.stats.cauchy.ppf", raw.ppf, 3);
export const sf = /* @__PURE__ */ guardArity("scipy.stats.cauchy.sf", raw.sf, 3);
