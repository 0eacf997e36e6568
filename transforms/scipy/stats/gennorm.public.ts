/**
 * The `scipy.stats.gennorm` namespace (transforms/scipy/stats/gennorm.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../../core/validate.js";
import * as raw from "./gennorm.js";

export * from "./gennorm.js";
export const cdf = /* @__PURE__ */ guardArity("scipy.stats.gennorm.cdf", raw.cdf, 2);
export const logpdf = /* @__PURE__ */ guardArity("scipy.stats.gennorm.logpdf", raw.logpdf, 2);
export const pdf = /* @__PURE__ */ guardArity("scipy.stats.gennorm.pdf", raw.pdf, 2);
