/**
 * The `scipy.stats.betabinom` namespace (transforms/scipy/stats/betabinom.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../../core/validate.js";
import * as raw from "./betabinom.js";

export * from "./betabinom.js";
export const logpmf = /* @__PURE__ */ guardArity("scipy.stats.betabinom.logpmf", raw.logpmf, 5);
export const pmf = /* @__PURE__ */ guardArity("scipy.stats.betabinom.pmf", raw.pmf, 5);
