/**
 * Probability distributions as pure records (not yet exported from `models`: see the report of
 * issue 11, section 4). Continuous families for now: normal, laplace, uniform, gamma, beta.
 */
export type { Distribution } from "./distribution.js";
export { beta, gamma, laplace, logBeta, normal, uniform } from "./continuous.js";
