/**
 * The `scipy.stats.multivariateNormal` namespace (transforms/scipy/stats/multivariate-normal.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../../core/validate.js";
import * as raw from "./multivariate-normal.js";

export * from "./multivariate-normal.js";
export const logpdf = /* @__PURE__ */ guardArity("scipy.stats.multivariateNormal.logpdf", raw.logpdf, 3);
export const pdf = /* @__PURE__ */ guardArity("scipy.stats.multivariateNormal.pdf", raw.pdf, 3);
