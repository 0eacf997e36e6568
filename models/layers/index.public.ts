/**
 * The `models.layers` namespace (models/layers/index.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../core/validate.js";
import * as raw from "./index.js";

export * from "./index.js";
export const avgPool = /* @__PURE__ */ guardArity("models.layers.avgPool", raw.avgPool, 2);
export const conv1d = /* @__PURE__ */ guardArity("models.layers.conv1d", raw.conv1d, 4);
export const conv2d = /* @__PURE__ */ guardArity("models.layers.conv2d", raw.conv2d, 4);
export const dense = /* @__PURE__ */ guardArity("models.layers.dense", raw.dense, 3);
export const flatten = /* @__PURE__ */ guardArity("models.layers.flatten", raw.flatten, 1);
export const globalAvgPool = /* @__PURE__ */ guardArity("models.layers.globalAvgPool", raw.globalAvgPool, 1);
export const maxPool = /* @__PURE__ */ guardArity("models.layers.maxPool", raw.maxPool, 2);
export const mlp = /* @__PURE__ */ guardArity("models.layers.mlp", raw.mlp, 3);
