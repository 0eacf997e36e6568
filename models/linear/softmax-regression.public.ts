/**
 * The `models.softmaxRegression` namespace (models/linear/softmax-regression.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../core/validate.js";
import * as raw from "./softmax-regression.js";

export * from "./softmax-regression.js";
export const init = /* @__PURE__ */ guardArity("models.softmaxRegression.init", raw.init, 2);
export const logits = /* @__PURE__ */ guardArity("models.softmaxRegression.logits", raw.logits, 2);
export const loss = /* @__PURE__ */ guardArity("models.softmaxRegression.loss", raw.loss, 3);
export const predict = /* @__PURE__ */ guardArity("models.softmaxRegression.predict", raw.predict, 2);
export const predictProba = /* @__PURE__ */ guardArity("models.softmaxRegression.predictProba", raw.predictProba, 2);
