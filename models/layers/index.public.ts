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
export const batchNorm = /* @__PURE__ */ guardArity("models.layers.batchNorm", raw.batchNorm, 2);
export const conv1d = /* @__PURE__ */ guardArity("models.layers.conv1d", raw.conv1d, 4);
export const conv2d = /* @__PURE__ */ guardArity("models.layers.conv2d", raw.conv2d, 4);
export const dense = /* @__PURE__ */ guardArity("models.layers.dense", raw.dense, 3);
export const dropout = /* @__PURE__ */ guardArity("models.layers.dropout", raw.dropout, 2);
export const embedding = /* @__PURE__ */ guardArity("models.layers.embedding", raw.embedding, 3);
export const flatten = /* @__PURE__ */ guardArity("models.layers.flatten", raw.flatten, 1);
export const globalAvgPool = /* @__PURE__ */ guardArity("models.layers.globalAvgPool", raw.globalAvgPool, 1);
export const groupNorm = /* @__PURE__ */ guardArity("models.layers.groupNorm", raw.groupNorm, 2);
export const layerNorm = /* @__PURE__ */ guardArity("models.layers.layerNorm", raw.layerNorm, 2);
export const learnedPositions = /* @__PURE__ */ guardArity("models.layers.learnedPositions", raw.learnedPositions, 3);
export const maxPool = /* @__PURE__ */ guardArity("models.layers.maxPool", raw.maxPool, 2);
export const mlp = /* @__PURE__ */ guardArity("models.layers.mlp", raw.mlp, 3);
export const multiHeadAttention = /* @__PURE__ */ guardArity("models.layers.multiHeadAttention", raw.multiHeadAttention, 3);
export const rmsNorm = /* @__PURE__ */ guardArity("models.layers.rmsNorm", raw.rmsNorm, 2);
export const rotaryEmbedding = /* @__PURE__ */ guardArity("models.layers.rotaryEmbedding", raw.rotaryEmbedding, 3);
export const sinusoidalEncoding = /* @__PURE__ */ guardArity("models.layers.sinusoidalEncoding", raw.sinusoidalEncoding, 3);
export const sinusoidalPositions = /* @__PURE__ */ guardArity("models.layers.sinusoidalPositions", raw.sinusoidalPositions, 3);
