/**
 * The `scipy.stats.gumbelR` namespace (transforms/scipy/stats/gumbel-r.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../../core/validate.js";
import * as raw from "./gumbel-r.js";

export * from "./gumbel-r.js";
export const cdf = /* @__PURE__ */ guardArity("scipy.stats.gumbelR.cdf", raw.cdf, 3);
export const logcdf = /* @__PURE__ */ guardArity("scipy.stats.gumbelR.logcdf", raw.logcdf, 3);
export const logpdf = /* @__PURE__ */ guardArity("scipy.stats.gumbelR.logpdf", raw.logpdf, 3);
export const logsf = /* @__PURE__ */ guardArity("scipy.stats.gumbelR.logsf", raw.logsf, 3);
export const pdf = /* @__PURE__ */ guardArity("scipy.stats.gumbelR.pdf", raw.pdf, 3);
export const ppf = /* @__PURE__ */ guardArity("scipy.stats.gumbelR.ppf", raw.ppf, 3);
export const sf = /* @__PURE__ */ guardArity("scipy.stats.gumbelR.sf", raw.sf, 3);
