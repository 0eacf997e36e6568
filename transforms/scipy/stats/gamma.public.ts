/**
 * The `scipy.stats.gamma` namespace (transforms/scipy/stats/gamma.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../../core/validate.js";
import * as raw from "./gamma.js";

export * from "./gamma.js";
export const cdf = /* @__PURE__ */ guardArity("scipy.stats.gamma.cdf", raw.cdf, 4);
export const logcdf = /* @__PURE__ */ guardArity("scipy.stats.gamma.logcdf", raw.logcdf, 4);
export const logpdf = /* @__PURE__ */ guardArity("scipy.stats.gamma.logpdf", raw.logpdf, 4);
export const logsf = /* @__PURE__ */ guardArity("scipy.stats.gamma.logsf", raw.logsf, 4);
export const pdf = /* @__PURE__ */ guardArity("scipy.stats.gamma.pdf", raw.pdf, 4);
export const sf = /* @__PURE__ */ guardArity("scipy.stats.gamma.sf", raw.sf, 4);
