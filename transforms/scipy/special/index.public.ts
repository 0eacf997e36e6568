/**
 * The `scipy.special` namespace (transforms/scipy/special/index.ts),
 * with every function checked for extra positional arguments (core/validate.ts guardArity; the
 * limit is each signature's parameter count). Generated from the TypeScript signatures by
 * `npx tsx test/api/generate-public-api.ts`: do not edit (test/api/public-api.test.ts fails
 * when this file is stale).
 */
import { guardArity } from "../../../core/validate.js";
import * as raw from "./index.js";

export * from "./index.js";
export const bernoulli = /* @__PURE__ */ guardArity("scipy.special.bernoulli", raw.bernoulli, 2);
export const besselJn = /* @__PURE__ */ guardArity("scipy.special.besselJn", raw.besselJn, 2);
export const beta = /* @__PURE__ */ guardArity("scipy.special.beta", raw.beta, 2);
export const betainc = /* @__PURE__ */ guardArity("scipy.special.betainc", raw.betainc, 3);
export const betaln = /* @__PURE__ */ guardArity("scipy.special.betaln", raw.betaln, 2);
export const boxcox = /* @__PURE__ */ guardArity("scipy.special.boxcox", raw.boxcox, 2);
export const boxcox1p = /* @__PURE__ */ guardArity("scipy.special.boxcox1p", raw.boxcox1p, 2);
export const comb = /* @__PURE__ */ guardArity("scipy.special.comb", raw.comb, 3);
export const dawsn = /* @__PURE__ */ guardArity("scipy.special.dawsn", raw.dawsn, 1);
export const digamma = /* @__PURE__ */ guardArity("scipy.special.digamma", raw.digamma, 1);
export const entr = /* @__PURE__ */ guardArity("scipy.special.entr", raw.entr, 1);
export const erf = /* @__PURE__ */ guardArity("scipy.special.erf", raw.erf, 1);
export const erfc = /* @__PURE__ */ guardArity("scipy.special.erfc", raw.erfc, 1);
export const erfcx = /* @__PURE__ */ guardArity("scipy.special.erfcx", raw.erfcx, 1);
export const erfinv = /* @__PURE__ */ guardArity("scipy.special.erfinv", raw.erfinv, 1);
export const exp1 = /* @__PURE__ */ guardArity("scipy.special.exp1", raw.exp1, 1);
export const expi = /* @__PURE__ */ guardArity("scipy.special.expi", raw.expi, 1);
export const expit = /* @__PURE__ */ guardArity("scipy.special.expit", raw.expit, 1);
export const expn = /* @__PURE__ */ guardArity("scipy.special.expn", raw.expn, 2);
export const factorial = /* @__PURE__ */ guardArity("scipy.special.factorial", raw.factorial, 2);
export const fresnel = /* @__PURE__ */ guardArity("scipy.special.fresnel", raw.fresnel, 1);
export const gamma = /* @__PURE__ */ guardArity("scipy.special.gamma", raw.gamma, 1);
export const gammainc = /* @__PURE__ */ guardArity("scipy.special.gammainc", raw.gammainc, 2);
export const gammaincc = /* @__PURE__ */ guardArity("scipy.special.gammaincc", raw.gammaincc, 2);
export const gammaln = /* @__PURE__ */ guardArity("scipy.special.gammaln", raw.gammaln, 1);
export const gammasgn = /* @__PURE__ */ guardArity("scipy.special.gammasgn", raw.gammasgn, 1);
export const hyp1f1 = /* @__PURE__ */ guardArity("scipy.special.hyp1f1", raw.hyp1f1, 3);
export const hyp2f1 = /* @__PURE__ */ guardArity("scipy.special.hyp2f1", raw.hyp2f1, 4);
export const i0 = /* @__PURE__ */ guardArity("scipy.special.i0", raw.i0, 1);
export const i0e = /* @__PURE__ */ guardArity("scipy.special.i0e", raw.i0e, 1);
export const i1 = /* @__PURE__ */ guardArity("scipy.special.i1", raw.i1, 1);
export const i1e = /* @__PURE__ */ guardArity("scipy.special.i1e", raw.i1e, 1);
export const klDiv = /* @__PURE__ */ guardArity("scipy.special.klDiv", raw.klDiv, 2);
export const logNdtr = /* @__PURE__ */ guardArity("scipy.special.logNdtr", raw.logNdtr, 2);
export const logSoftmax = /* @__PURE__ */ guardArity("scipy.special.logSoftmax", raw.logSoftmax, 2);
export const loggamma = /* @__PURE__ */ guardArity("scipy.special.loggamma", raw.loggamma, 1);
export const logit = /* @__PURE__ */ guardArity("scipy.special.logit", raw.logit, 1);
export const logsumexp = /* @__PURE__ */ guardArity("scipy.special.logsumexp", raw.logsumexp, 2);
export const multigammaln = /* @__PURE__ */ guardArity("scipy.special.multigammaln", raw.multigammaln, 2);
export const ndtr = /* @__PURE__ */ guardArity("scipy.special.ndtr", raw.ndtr, 1);
export const ndtri = /* @__PURE__ */ guardArity("scipy.special.ndtri", raw.ndtri, 1);
export const owensT = /* @__PURE__ */ guardArity("scipy.special.owensT", raw.owensT, 2);
export const poch = /* @__PURE__ */ guardArity("scipy.special.poch", raw.poch, 2);
export const polygamma = /* @__PURE__ */ guardArity("scipy.special.polygamma", raw.polygamma, 2);
export const relEntr = /* @__PURE__ */ guardArity("scipy.special.relEntr", raw.relEntr, 2);
export const sici = /* @__PURE__ */ guardArity("scipy.special.sici", raw.sici, 1);
export const softmax = /* @__PURE__ */ guardArity("scipy.special.softmax", raw.softmax, 2);
export const spence = /* @__PURE__ */ guardArity("scipy.special.spence", raw.spence, 1);
export const xlog1py = /* @__PURE__ */ guardArity("scipy.special.xlog1py", raw.xlog1py, 2);
export const xlogy = /* @__PURE__ */ guardArity("scipy.special.xlogy", raw.xlogy, 2);
export const zeta = /* @__PURE__ */ guardArity("scipy.special.zeta", raw.zeta, 2);
