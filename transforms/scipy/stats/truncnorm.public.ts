/**
 * The `scipy.stats.truncnorm` namespace (transforms/scipy/stats/truncnorm.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../../core/validate.js";
import * as raw from "./truncnorm.js";

export * from "./truncnorm.js";
export const cdf = /* @__PURE__ */ guardArity("scipy.stats.truncnorm.cdf", raw.cdf, 5);
export const logcdf = /* @__PURE__ */ guardArity("scipy.stats.truncnorm.logcdf", raw.logcdf, 5);
export const logpdf = /* @__PURE__ */ guardArity("scipy.stats.truncnorm.logpdf", raw.logpdf, 5);
export const logsf = /* @__PURE__ */ guardArity("scipy.stats.truncnorm.logsf", raw.logsf, 5);
export const pdf = /* @__PURE__ */ guardArity("scipy.stats.truncnorm.pdf", raw.pdf, 5);
export const sf = /* @__PURE__ */ guardArity("scipy.stats.truncnorm.sf", raw.sf, 5);
