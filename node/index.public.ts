/**
 * The `tessera/node` namespace (node/index.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../core/validate.js";
import * as raw from "./index.js";

export * from "./index.js";
export const loadCheckpoint = /* @__PURE__ */ guardArity("loadCheckpoint", raw.loadCheckpoint, 2);
export const loadCheckpointSync = /* @__PURE__ */ guardArity("loadCheckpointSync", raw.loadCheckpointSync, 2);
export const loadCsv = /* @__PURE__ */ guardArity("loadCsv", raw.loadCsv, 2);
export const saveCheckpoint = /* @__PURE__ */ guardArity("saveCheckpoint", raw.saveCheckpoint, 3);
export const saveCheckpointSync = /* @__PURE__ */ guardArity("saveCheckpointSync", raw.saveCheckpointSync, 3);
export const terminalReporter = /* @__PURE__ */ guardArity("terminalReporter", raw.terminalReporter, 1);
