/**
 * The `scipy.stats.vonmises` namespace (transforms/scipy/stats/vonmises.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../../core/validate.js";
import * as raw from "./vonmises.js";

export * from "./vonmises.js";
export const logpdf = /* @__PURE__ */ guardArity("scipy.stats.vonmises.logpdf", raw.logpdf, 2);
export const pdf = /* @__PURE__ */ guardArity("scipy.stats.vonmises.pdf", raw.pdf, 2);
