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
export const bidirectional = /* @__PURE__ */ guardArity("models.layers.bidirectional", raw.bidirectional, 3);
export const dense = /* @__PURE__ */ guardArity("models.layers.dense", raw.dense, 3);
export const gruCell = /* @__PURE__ */ guardArity("models.layers.gruCell", raw.gruCell, 3);
export const lstmCell = /* @__PURE__ */ guardArity("models.layers.lstmCell", raw.lstmCell, 3);
export const mlp = /* @__PURE__ */ guardArity("models.layers.mlp", raw.mlp, 3);
export const rnn = /* @__PURE__ */ guardArity("models.layers.rnn", raw.rnn, 2);
