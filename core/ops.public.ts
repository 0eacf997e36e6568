/**
 * The `ops` namespace (core/ops.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "./validate.js";
import * as raw from "./ops.js";

export * from "./ops.js";
export const segmentMax = /* @__PURE__ */ guardArity("ops.segmentMax", raw.segmentMax, 3);
export const segmentMin = /* @__PURE__ */ guardArity("ops.segmentMin", raw.segmentMin, 3);
export const segmentProd = /* @__PURE__ */ guardArity("ops.segmentProd", raw.segmentProd, 3);
export const segmentSum = /* @__PURE__ */ guardArity("ops.segmentSum", raw.segmentSum, 3);
