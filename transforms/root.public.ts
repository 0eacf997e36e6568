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

export const checkpoint = guardArity("checkpoint", m0.checkpoint, 1);
export const clearCaches = guardArity("clearCaches", m0.clearCaches, 0);
export const customJvp = guardArity("customJvp", m0.customJvp, 2);
export const customVjp = guardArity("customVjp", m0.customVjp, 3);
export const evalJaxpr = guardArity("evalJaxpr", m1.evalJaxpr, 3);
export const grad = guardArity("grad", m0.grad, 2);
export const hessian = guardArity("hessian", m0.hessian, 2);
export const jacfwd = guardArity("jacfwd", m0.jacfwd, 2);
export const jacrev = guardArity("jacrev", m0.jacrev, 2);
export const jit = guardArity("jit", m0.jit, 2);
export const jvp = guardArity("jvp", m0.jvp, 3);
export const linearize = guardArity("linearize", m0.linearize, Infinity);
export const makeJaxpr = guardArity("makeJaxpr", m0.makeJaxpr, 1);
export const remat = guardArity("remat", m0.remat, 1);
export const savedResiduals = guardArity("savedResiduals", m0.savedResiduals, Infinity);
export const stopGradient = guardArity("stopGradient", m2.stopGradient, 1);
export const valueAndGrad = guardArity("valueAndGrad", m0.valueAndGrad, 2);
export const vjp = guardArity("vjp", m0.vjp, Infinity);
export const vjpWithAux = guardArity("vjpWithAux", m0.vjpWithAux, Infinity);
export const vmap = guardArity("vmap", m0.vmap, 2);
