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
export const celu = /* @__PURE__ */ guardArity("nn.celu", raw.celu, 2);
export const dotProductAttention = /* @__PURE__ */ guardArity("nn.dotProductAttention", raw.dotProductAttention, 4);
export const elu = /* @__PURE__ */ guardArity("nn.elu", raw.elu, 2);
export const gelu = /* @__PURE__ */ guardArity("nn.gelu", raw.gelu, 2);
export const glu = /* @__PURE__ */ guardArity("nn.glu", raw.glu, 2);
export const hardSigmoid = /* @__PURE__ */ guardArity("nn.hardSigmoid", raw.hardSigmoid, 1);
export const hardSilu = /* @__PURE__ */ guardArity("nn.hardSilu", raw.hardSilu, 1);
export const hardSwish = /* @__PURE__ */ guardArity("nn.hardSwish", raw.hardSwish, 1);
export const hardTanh = /* @__PURE__ */ guardArity("nn.hardTanh", raw.hardTanh, 1);
export const identity = /* @__PURE__ */ guardArity("nn.identity", raw.identity, 1);
export const leakyRelu = /* @__PURE__ */ guardArity("nn.leakyRelu", raw.leakyRelu, 2);
export const log1mexp = /* @__PURE__ */ guardArity("nn.log1mexp", raw.log1mexp, 1);
export const logSigmoid = /* @__PURE__ */ guardArity("nn.logSigmoid", raw.logSigmoid, 1);
export const logSoftmax = /* @__PURE__ */ guardArity("nn.logSoftmax", raw.logSoftmax, 2);
export const logmeanexp = /* @__PURE__ */ guardArity("nn.logmeanexp", raw.logmeanexp, 2);
export const logsumexp = /* @__PURE__ */ guardArity("nn.logsumexp", raw.logsumexp, 2);
export const mish = /* @__PURE__ */ guardArity("nn.mish", raw.mish, 1);
export const oneHot = /* @__PURE__ */ guardArity("nn.oneHot", raw.oneHot, 3);
export const relu = /* @__PURE__ */ guardArity("nn.relu", raw.relu, 1);
export const relu6 = /* @__PURE__ */ guardArity("nn.relu6", raw.relu6, 1);
export const selu = /* @__PURE__ */ guardArity("nn.selu", raw.selu, 1);
export const sigmoid = /* @__PURE__ */ guardArity("nn.sigmoid", raw.sigmoid, 1);
export const silu = /* @__PURE__ */ guardArity("nn.silu", raw.silu, 1);
export const softSign = /* @__PURE__ */ guardArity("nn.softSign", raw.softSign, 1);
export const softmax = /* @__PURE__ */ guardArity("nn.softmax", raw.softmax, 2);
export const softplus = /* @__PURE__ */ guardArity("nn.softplus", raw.softplus, 1);
export const sparsePlus = /* @__PURE__ */ guardArity("nn.sparsePlus", raw.sparsePlus, 1);
export const sparseSigmoid = /* @__PURE__ */ guardArity("nn.sparseSigmoid", raw.sparseSigmoid, 1);
export const squareplus = /* @__PURE__ */ guardArity("nn.squareplus", raw.squareplus, 2);
export const standardize = /* @__PURE__ */ guardArity("nn.standardize", raw.standardize, 2);
export const swish = /* @__PURE__ */ guardArity("nn.swish", raw.swish, 1);
