/**
 * The `lax.linalg` namespace (core/lax/linalg.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../validate.js";
import * as raw from "./linalg.js";

export * from "./linalg.js";
export const cholesky = guardArity("lax.linalg.cholesky", raw.cholesky, 1);
export const eigh = guardArity("lax.linalg.eigh", raw.eigh, 1);
export const lu = guardArity("lax.linalg.lu", raw.lu, 1);
export const qr = guardArity("lax.linalg.qr", raw.qr, 2);
export const svd = guardArity("lax.linalg.svd", raw.svd, 2);
export const triangularSolve = guardArity("lax.linalg.triangularSolve", raw.triangularSolve, 3);
