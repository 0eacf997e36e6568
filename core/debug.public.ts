/**
 * The `debug` namespace (core/debug.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "./validate.js";
import * as raw from "./debug.js";

export * from "./debug.js";
export const callback = /* @__PURE__ */ guardArity("debug.callback", raw.callback, Infinity);
export const print = /* @__PURE__ */ guardArity("debug.print", raw.print, Infinity);
