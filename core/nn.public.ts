/**
 * The `nn` namespace (core/nn.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "./validate.js";
import * as raw from "./nn.js";

export * from "./nn.js";
export const elu = guardArity("nn.elu", raw.elu, 2);
export const gelu = guardArity("nn.gelu", raw.gelu, 2);
export const hardTanh = guardArity("nn.hardTanh", raw.hardTanh, 1);
export const leakyRelu = guardArity("nn.leakyRelu", raw.leakyRelu, 2);
export const logSigmoid = guardArity("nn.logSigmoid", raw.logSigmoid, 1);
export const logSoftmax = guardArity("nn.logSoftmax", raw.logSoftmax, 2);
export const logsumexp = guardArity("nn.logsumexp", raw.logsumexp, 2);
export const oneHot = guardArity("nn.oneHot", raw.oneHot, 3);
export const relu = guardArity("nn.relu", raw.relu, 1);
export const relu6 = guardArity("nn.relu6", raw.relu6, 1);
export const selu = guardArity("nn.selu", raw.selu, 1);
export const sigmoid = guardArity("nn.sigmoid", raw.sigmoid, 1);
export const silu = guardArity("nn.silu", raw.silu, 1);
export const softmax = guardArity("nn.softmax", raw.softmax, 2);
export const softplus = guardArity("nn.softplus", raw.softplus, 1);
export const standardize = guardArity("nn.standardize", raw.standardize, 2);
export const swish = guardArity("nn.swish", raw.swish, 1);
