/**
 * The root-level functions of index.ts (the transforms and their companions),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../core/validate.js";
import * as m0 from "./index.js";
import * as m1 from "../core/eval-jaxpr.js";
import * as m2 from "../core/lax/primitives.js";

export const checkpoint = /* @__PURE__ */ guardArity("checkpoint", m0.checkpoint, 1);
export const clearCaches = /* @__PURE__ */ guardArity("clearCaches", m0.clearCaches, 0);
export const customJvp = /* @__PURE__ */ guardArity("customJvp", m0.customJvp, 2);
export const customVjp = /* @__PURE__ */ guardArity("customVjp", m0.customVjp, 3);
export const evalJaxpr = /* @__PURE__ */ guardArity("evalJaxpr", m1.evalJaxpr, 3);
export const grad = /* @__PURE__ */ guardArity("grad", m0.grad, 2);
export const hessian = /* @__PURE__ */ guardArity("hessian", m0.hessian, 2);
export const jacfwd = /* @__PURE__ */ guardArity("jacfwd", m0.jacfwd, 2);
export const jacrev = /* @__PURE__ */ guardArity("jacrev", m0.jacrev, 2);
export const jit = /* @__PURE__ */ guardArity("jit", m0.jit, 2);
export const jvp = /* @__PURE__ */ guardArity("jvp", m0.jvp, 3);
export const linearize = /* @__PURE__ */ guardArity("linearize", m0.linearize, Infinity);
export const makeJaxpr = /* @__PURE__ */ guardArity("makeJaxpr", m0.makeJaxpr, 1);
export const remat = /* @__PURE__ */ guardArity("remat", m0.remat, 1);
export const savedResiduals = /* @__PURE__ */ guardArity("savedResiduals", m0.savedResiduals, Infinity);
export const stopGradient = /* @__PURE__ */ guardArity("stopGradient", m2.stopGradient, 1);
export const valueAndGrad = /* @__PURE__ */ guardArity("valueAndGrad", m0.valueAndGrad, 2);
export const vjp = /* @__PURE__ */ guardArity("vjp", m0.vjp, Infinity);
export const vjpWithAux = /* @__PURE__ */ guardArity("vjpWithAux", m0.vjpWithAux, Infinity);
export const vmap = /* @__PURE__ */ guardArity("vmap", m0.vmap, 2);
