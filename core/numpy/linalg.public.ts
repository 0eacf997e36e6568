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
export const cholesky = /* @__PURE__ */ guardArity("np.linalg.cholesky", raw.cholesky, 2);
export const cond = /* @__PURE__ */ guardArity("np.linalg.cond", raw.cond, 2);
export const cross = /* @__PURE__ */ guardArity("np.linalg.cross", raw.cross, 3);
export const det = /* @__PURE__ */ guardArity("np.linalg.det", raw.det, 1);
export const diagonal = /* @__PURE__ */ guardArity("np.linalg.diagonal", raw.diagonal, 2);
export const eigh = /* @__PURE__ */ guardArity("np.linalg.eigh", raw.eigh, 2);
export const eigvalsh = /* @__PURE__ */ guardArity("np.linalg.eigvalsh", raw.eigvalsh, 2);
export const inv = /* @__PURE__ */ guardArity("np.linalg.inv", raw.inv, 1);
export const lstsq = /* @__PURE__ */ guardArity("np.linalg.lstsq", raw.lstsq, 3);
export const matmul = /* @__PURE__ */ guardArity("np.linalg.matmul", raw.matmul, 2);
export const matrixNorm = /* @__PURE__ */ guardArity("np.linalg.matrixNorm", raw.matrixNorm, 2);
export const matrixPower = /* @__PURE__ */ guardArity("np.linalg.matrixPower", raw.matrixPower, 2);
export const matrixRank = /* @__PURE__ */ guardArity("np.linalg.matrixRank", raw.matrixRank, 2);
export const matrixTranspose = /* @__PURE__ */ guardArity("np.linalg.matrixTranspose", raw.matrixTranspose, 1);
export const multiDot = /* @__PURE__ */ guardArity("np.linalg.multiDot", raw.multiDot, 1);
export const norm = /* @__PURE__ */ guardArity("np.linalg.norm", raw.norm, 2);
export const outer = /* @__PURE__ */ guardArity("np.linalg.outer", raw.outer, 2);
export const pinv = /* @__PURE__ */ guardArity("np.linalg.pinv", raw.pinv, 2);
export const qr = /* @__PURE__ */ guardArity("np.linalg.qr", raw.qr, 2);
export const slogdet = /* @__PURE__ */ guardArity("np.linalg.slogdet", raw.slogdet, 1);
export const solve = /* @__PURE__ */ guardArity("np.linalg.solve", raw.solve, 2);
export const svd = /* @__PURE__ */ guardArity("np.linalg.svd", raw.svd, 2);
export const svdvals = /* @__PURE__ */ guardArity("np.linalg.svdvals", raw.svdvals, 1);
export const tensordot = /* @__PURE__ */ guardArity("np.linalg.tensordot", raw.tensordot, 3);
export const tensorinv = /* @__PURE__ */ guardArity("np.linalg.tensorinv", raw.tensorinv, 2);
export const tensorsolve = /* @__PURE__ */ guardArity("np.linalg.tensorsolve", raw.tensorsolve, 3);
export const trace = /* @__PURE__ */ guardArity("np.linalg.trace", raw.trace, 2);
export const vecdot = /* @__PURE__ */ guardArity("np.linalg.vecdot", raw.vecdot, 3);
export const vectorNorm = /* @__PURE__ */ guardArity("np.linalg.vectorNorm", raw.vectorNorm, 2);
