/**
 * The `scipy.stats.multinomial` namespace (transforms/scipy/stats/multinomial.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../../core/validate.js";
import * as raw from "./multinomial.js";

export * from "./multinomial.js";
export const logpmf = /* @__PURE__ */ guardArity("scipy.stats.multinomial.logpmf", raw.logpmf, 3);
export const pmf = /* @__PURE__ */ guardArity("scipy.stats.multinomial.pmf", raw.pmf, 3);
