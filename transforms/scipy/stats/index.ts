/**
 * jax.scipy.stats in camelCase: one namespace per distribution, each with the functions JAX has
 * for it (`logpdf`, `pdf`, `cdf`, `logcdf`, `sf`, `logsf`, `ppf`, `isf`; `logpmf`, `pmf` for the
 * discrete ones), with JAX's argument order and defaults: `scipy.stats.norm.logpdf(x, loc = 0, scale = 1)`.
 * Also the sample statistics `mode`, `rankdata` and `sem` (sample-statistics.ts), and the kernel
 * density estimator `gaussianKde` (gaussian-kde.ts), a record-building function whose methods hang on it.
 */
export * as bernoulli from "./bernoulli.js";
export * as beta from "./beta.js";
export * as betabinom from "./betabinom.js";
export * as binom from "./binom.js";
export * as cauchy from "./cauchy.js";
export * as chi2 from "./chi2.js";
export * as dirichlet from "./dirichlet.js";
export * as expon from "./expon.js";
export * as gamma from "./gamma.js";
export { gaussianKde, type BandwidthMethod, type GaussianKde, type GaussianKdeData, type GaussianKdeOptions } from "./gaussian-kde.js";
export * as gennorm from "./gennorm.js";
export * as geom from "./geom.js";
export * as gumbelL from "./gumbel-l.js";
export * as gumbelR from "./gumbel-r.js";
export * as laplace from "./laplace.js";
export * as logistic from "./logistic.js";
export * as multinomial from "./multinomial.js";
export * as multivariateNormal from "./multivariate-normal.js";
export * as nbinom from "./nbinom.js";
export * as norm from "./norm.js";
export * as pareto from "./pareto.js";
export * as poisson from "./poisson.js";
export * as t from "./t.js";
export * as truncnorm from "./truncnorm.js";
export * as uniform from "./uniform.js";
export * as vonmises from "./vonmises.js";
export * as wrapcauchy from "./wrapcauchy.js";
export { mode, rankdata, sem, type ModeOptions, type ModeResult, type NanPolicy, type RankdataOptions, type SemOptions } from "./sample-statistics.js";
