/**
 * The `scipy.stats.t` namespace (transforms/scipy/stats/t.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../../core/validate.js";
import * as raw from "./t.js";

export * from "./t.js";
export const logpdf = /* @__PURE__ */ guardArity("scipy.stats.t.logpdf", raw.logpdf, 4);
export const pdf = /* @__PURE__ */ guardArity("scipy.stats.t.pdf", raw.pdf, 4);
