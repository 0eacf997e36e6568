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
export const logpdf = /* @__PURE__ */ guardArity("scipy.stats.chi2.logpdf", raw.logpdf, 4);
export const pdf = /* @__PURE__ */ guardArity("scipy.stats.chi2.pdf", raw.pdf, 4);
