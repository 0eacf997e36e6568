/**
 * The `models.linearRegression` namespace (models/linear/linear-regression.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../core/validate.js";
import * as raw from "./linear-regression.js";

export * from "./linear-regression.js";
export const fit = /* @__PURE__ */ guardArity("models.linearRegression.fit", raw.fit, 3);
export const init = /* @__PURE__ */ guardArity("models.linearRegression.init", raw.init, 2);
export const loss = /* @__PURE__ */ guardArity("models.linearRegression.loss", raw.loss, 3);
export const predict = /* @__PURE__ */ guardArity("models.linearRegression.predict", raw.predict, 2);
export const ridgePath = /* @__PURE__ */ guardArity("models.linearRegression.ridgePath", raw.ridgePath, 3);
