/**
 * The `scipy.stats.dirichlet` namespace (transforms/scipy/stats/dirichlet.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../../core/validate.js";
import * as raw from "./dirichlet.js";

export * from "./dirichlet.js";
export const logpdf = /* @__PURE__ */ guardArity("scipy.stats.dirichlet.logpdf", raw.logpdf, 2);
export const pdf = /* @__PURE__ */ guardArity("scipy.stats.dirichlet.pdf", raw.pdf, 2);
