/**
 * The `scipy.stats.binom` namespace (transforms/scipy/stats/binom.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../../core/validate.js";
import * as raw from "./binom.js";

export * from "./binom.js";
export const logpmf = /* @__PURE__ */ guardArity("scipy.stats.binom.logpmf", raw.logpmf, 4);
export const pmf = /* @__PURE__ */ guardArity("scipy.stats.binom.pmf", raw.pmf, 4);
