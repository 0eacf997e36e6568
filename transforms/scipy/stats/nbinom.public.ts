/**
 * The `scipy.stats.nbinom` namespace (transforms/scipy/stats/nbinom.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../../core/validate.js";
import * as raw from "./nbinom.js";

export * from "./nbinom.js";
export const logpmf = /* @__PURE__ */ guardArity("scipy.stats.nbinom.logpmf", raw.logpmf, 4);
export const pmf = /* @__PURE__ */ guardArity("scipy.stats.nbinom.pmf", raw.pmf, 4);
