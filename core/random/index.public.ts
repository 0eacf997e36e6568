/**
 * The `random` namespace (core/random/index.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../validate.js";
import * as raw from "./index.js";

export * from "./index.js";
export const bernoulli = guardArity("random.bernoulli", raw.bernoulli, 3);
export const bits = guardArity("random.bits", raw.bits, 2);
export const categorical = guardArity("random.categorical", raw.categorical, 3);
export const choice = guardArity("random.choice", raw.choice, 3);
export const exponential = guardArity("random.exponential", raw.exponential, 3);
export const foldIn = guardArity("random.foldIn", raw.foldIn, 2);
export const gumbel = guardArity("random.gumbel", raw.gumbel, 3);
export const key = guardArity("random.key", raw.key, 1);
export const laplace = guardArity("random.laplace", raw.laplace, 3);
export const normal = guardArity("random.normal", raw.normal, 3);
export const permutation = guardArity("random.permutation", raw.permutation, 3);
export const randint = guardArity("random.randint", raw.randint, 5);
export const split = guardArity("random.split", raw.split, 2);
export const truncatedNormal = guardArity("random.truncatedNormal", raw.truncatedNormal, 5);
export const uniform = guardArity("random.uniform", raw.uniform, 3);
