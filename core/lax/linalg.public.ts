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
export const cholesky = /* @__PURE__ */ guardArity("lax.linalg.cholesky", raw.cholesky, 1);
export const choleskyUpdate = /* @__PURE__ */ guardArity("lax.linalg.choleskyUpdate", raw.choleskyUpdate, 2);
export const eigh = /* @__PURE__ */ guardArity("lax.linalg.eigh", raw.eigh, 1);
export const hessenberg = /* @__PURE__ */ guardArity("lax.linalg.hessenberg", raw.hessenberg, 1);
export const householderProduct = /* @__PURE__ */ guardArity("lax.linalg.householderProduct", raw.householderProduct, 2);
export const lu = /* @__PURE__ */ guardArity("lax.linalg.lu", raw.lu, 1);
export const luPivotsToPermutation = /* @__PURE__ */ guardArity("lax.linalg.luPivotsToPermutation", raw.luPivotsToPermutation, 2);
export const ormqr = /* @__PURE__ */ guardArity("lax.linalg.ormqr", raw.ormqr, 4);
export const qdwh = /* @__PURE__ */ guardArity("lax.linalg.qdwh", raw.qdwh, 2);
export const qr = /* @__PURE__ */ guardArity("lax.linalg.qr", raw.qr, 2);
export const schur = /* @__PURE__ */ guardArity("lax.linalg.schur", raw.schur, 2);
export const svd = /* @__PURE__ */ guardArity("lax.linalg.svd", raw.svd, 2);
export const symmetricProduct = /* @__PURE__ */ guardArity("lax.linalg.symmetricProduct", raw.symmetricProduct, 3);
export const triangularSolve = /* @__PURE__ */ guardArity("lax.linalg.triangularSolve", raw.triangularSolve, 3);
export const tridiagonal = /* @__PURE__ */ guardArity("lax.linalg.tridiagonal", raw.tridiagonal, 2);
export const tridiagonalSolve = /* @__PURE__ */ guardArity("lax.linalg.tridiagonalSolve", raw.tridiagonalSolve, 5);
