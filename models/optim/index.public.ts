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
export const adagrad = guardArity("optim.adagrad", raw.adagrad, 1);
export const adam = guardArity("optim.adam", raw.adam, 1);
export const adamw = guardArity("optim.adamw", raw.adamw, 1);
export const addDecayedWeights = guardArity("optim.addDecayedWeights", raw.addDecayedWeights, 2);
export const applyUpdates = guardArity("optim.applyUpdates", raw.applyUpdates, 2);
export const chain = guardArity("optim.chain", raw.chain, Infinity);
export const clip = guardArity("optim.clip", raw.clip, 1);
export const clipByGlobalNorm = guardArity("optim.clipByGlobalNorm", raw.clipByGlobalNorm, 1);
export const constant = guardArity("optim.constant", raw.constant, 1);
export const cosineDecay = guardArity("optim.cosineDecay", raw.cosineDecay, 1);
export const defineTransformation = guardArity("optim.defineTransformation", raw.defineTransformation, 3);
export const exponentialDecay = guardArity("optim.exponentialDecay", raw.exponentialDecay, 1);
export const identity = guardArity("optim.identity", raw.identity, 0);
export const inverseSqrtDecay = guardArity("optim.inverseSqrtDecay", raw.inverseSqrtDecay, 1);
export const inverseTimeDecay = guardArity("optim.inverseTimeDecay", raw.inverseTimeDecay, 1);
export const join = guardArity("optim.join", raw.join, 2);
export const linear = guardArity("optim.linear", raw.linear, 1);
export const masked = guardArity("optim.masked", raw.masked, 2);
export const piecewiseConstant = guardArity("optim.piecewiseConstant", raw.piecewiseConstant, 1);
export const rmsprop = guardArity("optim.rmsprop", raw.rmsprop, 1);
export const scale = guardArity("optim.scale", raw.scale, 1);
export const scaleByAdagrad = guardArity("optim.scaleByAdagrad", raw.scaleByAdagrad, 1);
export const scaleByAdam = guardArity("optim.scaleByAdam", raw.scaleByAdam, 1);
export const scaleByLearningRate = guardArity("optim.scaleByLearningRate", raw.scaleByLearningRate, 2);
export const scaleByRms = guardArity("optim.scaleByRms", raw.scaleByRms, 1);
export const sgd = guardArity("optim.sgd", raw.sgd, 1);
export const trace = guardArity("optim.trace", raw.trace, 1);
export const valueAt = guardArity("optim.valueAt", raw.valueAt, 2);
export const warmupCosineDecay = guardArity("optim.warmupCosineDecay", raw.warmupCosineDecay, 1);
