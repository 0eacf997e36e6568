/**
 * The `scipy` namespace (transforms/scipy/index.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
export * from "./index.js";
export * as special from "./special/index.public.js";
export * as stats from "./stats/index.public.js";
