/**
 * The `optim` namespace (models/optim/index.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../core/validate.js";
import * as raw from "./index.js";

export * from "./index.js";
export const adagrad = /* @__PURE__ */ guardArity("optim.adagrad", raw.adagrad, 1);
export const adam = /* @__PURE__ */ guardArity("optim.adam", raw.adam, 1);
export const adamw = /* @__PURE__ */ guardArity("optim.adamw", raw.adamw, 1);
export const addDecayedWeights = /* @__PURE__ */ guardArity("optim.addDecayedWeights", raw.addDecayedWeights, 2);
export const applyUpdates = /* @__PURE__ */ guardArity("optim.applyUpdates", raw.applyUpdates, 2);
export const chain = /* @__PURE__ */ guardArity("optim.chain", raw.chain, Infinity);
export const clip = /* @__PURE__ */ guardArity("optim.clip", raw.clip, 1);
export const clipByGlobalNorm = /* @__PURE__ */ guardArity("optim.clipByGlobalNorm", raw.clipByGlobalNorm, 1);
export const constant = /* @__PURE__ */ guardArity("optim.constant", raw.constant, 1);
export const cosineDecay = /* @__PURE__ */ guardArity("optim.cosineDecay", raw.cosineDecay, 1);
export const defineTransformation = /* @__PURE__ */ guardArity("optim.defineTransformation", raw.defineTransformation, 3);
export const exponentialDecay = /* @__PURE__ */ guardArity("optim.exponentialDecay", raw.exponentialDecay, 1);
export const identity = /* @__PURE__ */ guardArity("optim.identity", raw.identity, 0);
export const inverseSqrtDecay = /* @__PURE__ */ guardArity("optim.inverseSqrtDecay", raw.inverseSqrtDecay, 1);
export const inverseTimeDecay = /* @__PURE__ */ guardArity("optim.inverseTimeDecay", raw.inverseTimeDecay, 1);
export const join = /* @__PURE__ */ guardArity("optim.join", raw.join, 2);
export const linear = /* @__PURE__ */ guardArity("optim.linear", raw.linear, 1);
export const masked = /* @__PURE__ */ guardArity("optim.masked", raw.masked, 2);
export const piecewiseConstant = /* @__PURE__ */ guardArity("optim.piecewiseConstant", raw.piecewiseConstant, 1);
export const rmsprop = /* @__PURE__ */ guardArity("optim.rmsprop", raw.rmsprop, 1);
export const scale = /* @__PURE__ */ guardArity("optim.scale", raw.scale, 1);
export const scaleByAdagrad = /* @__PURE__ */ guardArity("optim.scaleByAdagrad", raw.scaleByAdagrad, 1);
export const scaleByAdam = /* @__PURE__ */ guardArity("optim.scaleByAdam", raw.scaleByAdam, 1);
export const scaleByLearningRate = /* @__PURE__ */ guardArity("optim.scaleByLearningRate", raw.scaleByLearningRate, 2);
export const scaleByRms = /* @__PURE__ */ guardArity("optim.scaleByRms", raw.scaleByRms, 1);
export const sgd = /* @__PURE__ */ guardArity("optim.sgd", raw.sgd, 1);
export const trace = /* @__PURE__ */ guardArity("optim.trace", raw.trace, 1);
export const valueAt = /* @__PURE__ */ guardArity("optim.valueAt", raw.valueAt, 2);
export const warmupCosineDecay = /* @__PURE__ */ guardArity("optim.warmupCosineDecay", raw.warmupCosineDecay, 1);
