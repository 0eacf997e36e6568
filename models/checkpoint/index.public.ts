/**
 * The `checkpoints` namespace (models/checkpoint/index.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../core/validate.js";
import * as raw from "./index.js";

export * from "./index.js";
export const binaryCodec = /* @__PURE__ */ guardArity("checkpoints.binaryCodec", raw.binaryCodec, 1);
export const decodeBinary = /* @__PURE__ */ guardArity("checkpoints.decodeBinary", raw.decodeBinary, 2);
export const decodeJson = /* @__PURE__ */ guardArity("checkpoints.decodeJson", raw.decodeJson, 2);
export const encodeBinary = /* @__PURE__ */ guardArity("checkpoints.encodeBinary", raw.encodeBinary, 1);
export const encodeJson = /* @__PURE__ */ guardArity("checkpoints.encodeJson", raw.encodeJson, 1);
export const formatErrors = /* @__PURE__ */ guardArity("checkpoints.formatErrors", raw.formatErrors, 1);
export const isBinaryCheckpoint = /* @__PURE__ */ guardArity("checkpoints.isBinaryCheckpoint", raw.isBinaryCheckpoint, 1);
export const jsonCodec = /* @__PURE__ */ guardArity("checkpoints.jsonCodec", raw.jsonCodec, 1);
export const treeCodec = /* @__PURE__ */ guardArity("checkpoints.treeCodec", raw.treeCodec, 2);
