/**
 * The `scipy.stats.uniform` namespace (transforms/scipy/stats/uniform.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../../core/validate.js";
import * as raw from "./uniform.js";

export * from "./uniform.js";
export const cdf = /* @__PURE__ */ guardArity("scipy.stats.uniform.cdf", raw.cdf, 3);
export const logpdf = /* @__PURE__ */ guardArity("scipy.stats.uniform.logpdf", raw.logpdf, 3);
export const pdf = /* @__PURE__ */ guardArity("scipy.stats.uniform.pdf", raw.pdf, 3);
export const ppf = /* @__PURE__ */ guardArity("scipy.stats.uniform.ppf", raw.ppf, 3);
