/**
 * The `scipy.stats.laplace` namespace (transforms/scipy/stats/laplace.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../../core/validate.js";
import * as raw from "./laplace.js";

export * from "./laplace.js";
export const cdf = /* @__PURE__ */ guardArity("scipy.stats.laplace.cdf", raw.cdf, 3);
export const logpdf = /* @__PURE__ */ guardArity("scipy.stats.laplace.logpdf", raw.logpdf, 3);
export const pdf = /* @__PURE__ */ guardArity("scipy.stats.laplace.pdf", raw.pdf, 3);
