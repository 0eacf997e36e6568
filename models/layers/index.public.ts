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
export const dense = /* @__PURE__ */ guardArity("models.layers.dense", raw.dense, 3);
export const learnedPositions = /* @__PURE__ */ guardArity("models.layers.learnedPositions", raw.learnedPositions, 3);
export const mlp = /* @__PURE__ */ guardArity("models.layers.mlp", raw.mlp, 3);
export const multiHeadAttention = /* @__PURE__ */ guardArity("models.layers.multiHeadAttention", raw.multiHeadAttention, 3);
export const rotaryEmbedding = /* @__PURE__ */ guardArity("models.layers.rotaryEmbedding", raw.rotaryEmbedding, 3);
export const sinusoidalEncoding = /* @__PURE__ */ guardArity("models.layers.sinusoidalEncoding", raw.sinusoidalEncoding, 3);
export const sinusoidalPositions = /* @__PURE__ */ guardArity("models.layers.sinusoidalPositions", raw.sinusoidalPositions, 3);
