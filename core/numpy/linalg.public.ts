/**
 * The `np.linalg` namespace (core/numpy/linalg.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../validate.js";
import * as raw from "./linalg.js";

export * from "./linalg.js";
export const cholesky = guardArity("np.linalg.cholesky", raw.cholesky, 2);
export const det = guardArity("np.linalg.det", raw.det, 1);
export const eigh = guardArity("np.linalg.eigh", raw.eigh, 2);
export const eigvalsh = guardArity("np.linalg.eigvalsh", raw.eigvalsh, 2);
export const inv = guardArity("np.linalg.inv", raw.inv, 1);
export const lstsq = guardArity("np.linalg.lstsq", raw.lstsq, 3);
export const matrixPower = guardArity("np.linalg.matrixPower", raw.matrixPower, 2);
export const matrixRank = guardArity("np.linalg.matrixRank", raw.matrixRank, 2);
export const norm = guardArity("np.linalg.norm", raw.norm, 2);
export const pinv = guardArity("np.linalg.pinv", raw.pinv, 2);
export const qr = guardArity("np.linalg.qr", raw.qr, 2);
export const slogdet = guardArity("np.linalg.slogdet", raw.slogdet, 1);
export const solve = guardArity("np.linalg.solve", raw.solve, 2);
export const svd = guardArity("np.linalg.svd", raw.svd, 2);
