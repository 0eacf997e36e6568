/**
 * Gaussian kernel density estimation (jax.scipy.stats.gaussian_kde), the functional way.
 *
 * `scipy.stats.gaussianKde(dataset, { bwMethod, weights })` returns a frozen record of arrays and
 * plain numbers (`GaussianKde`), and the class's methods are functions of that record hung on
 * `gaussianKde` itself: `scipy.stats.gaussianKde.logpdf(kde, x)`, as `scipy.stats.norm.logpdf(x)`.
 * The methods are not fields of the record (as models.distributions' closures are) so the record
 * stays a plain pytree: it can be returned from `jit`, passed through `vmap` and `grad` and stored
 * like any params record, as JAX's pytree-registered class can.
 *
 * The functions read `d` and `n` from `dataset`'s shape, never from the record's number fields, so
 * a record whose numbers were traced (say, passed into `jit`) still works.
 */
import { fail } from "../../../core/errors.js";
import * as lax from "../../../core/lax/index.js";
import { ArrayValue, type ArrayOrScalar } from "../../../core/ndarray.js";
import { logsumexp } from "../../../core/nn.js";
import * as np from "../../../core/numpy/index.js";
import { checkKey, type Key } from "../../../core/random/common.js";
import * as random from "../../../core/random/index.js";
import { split } from "../../../core/random/keys.js";
import type { Shape } from "../../../core/shape.js";
import { anyValue, checkArity, describeValue, isPlainRecord, readOptions, validShape } from "../../../core/validate.js";
import { ndtr } from "../special/normal.js";
import { floats } from "./promote.js";

/** The estimator: the data, its normalized weights and the kernel's covariance. */
export interface GaussianKde {
  /** The data points as columns, `[d, n]` (a 1-D dataset becomes `[1, n]`), a float array. */
  readonly dataset: ArrayValue;
  /** The weights, `[n]`, summing to 1 (uniform `1 / n` when none were given). */
  readonly weights: ArrayValue;
  /** The number of dimensions (`dataset.shape[0]`). */
  readonly d: number;
  /** The number of data points (`dataset.shape[1]`). */
  readonly n: number;
  /** The effective number of points, `1 / sum(weights²)`. */
  readonly neff: ArrayValue;
  /** The bandwidth factor: the kernel covariance is the data covariance times `factor²`. */
  readonly factor: ArrayValue;
  /** The kernel covariance, `[d, d]`. */
  readonly covariance: ArrayValue;
  /** Its inverse, `[d, d]` (JAX's `inv_cov`). */
  readonly invCov: ArrayValue;
}

/** What a bandwidth function sees: the estimator before its bandwidth is chosen. */
export type GaussianKdeData = Pick<GaussianKde, "dataset" | "weights" | "d" | "n" | "neff">;

/**
 * How the bandwidth factor is chosen: Scott's rule `neff^(-1/(d+4))` (the default), Silverman's
 * rule `(neff (d+2) / 4)^(-1/(d+4))`, a number (or 0-d array) used as the factor, or a function of
 * the estimator returning the factor.
 */
export type BandwidthMethod = "scott" | "silverman" | ArrayOrScalar | ((kde: GaussianKdeData) => ArrayOrScalar);

/** Options of `gaussianKde`. */
export interface GaussianKdeOptions {
  /** The bandwidth rule or factor (default "scott"). */
  readonly bwMethod?: BandwidthMethod | null;
  /** One non-negative weight per data point (`[n]`); normalized to sum 1. Default: equal weights. */
  readonly weights?: ArrayOrScalar | null;
}

const NAME = "scipy.stats.gaussianKde";

/** The bandwidth factor the method gives for `data`. */
function bandwidthFactor(op: string, data: GaussianKdeData, bwMethod: BandwidthMethod | null | undefined): ArrayValue {
  const dtype = data.dataset.dtype;
  const method = bwMethod ?? "scott";
  const d = data.d;
  if (method === "scott") return np.power(data.neff, -1 / (d + 4));
  if (method === "silverman") return np.power(np.divide(np.multiply(data.neff, d + 2), 4), -1 / (d + 4));
  if (typeof method === "number" || (method instanceof ArrayValue && method.ndim === 0)) return np.astype(method, dtype);
  if (typeof method === "function") {
    const factor = method(data);
    if (typeof factor !== "number" && !(factor instanceof ArrayValue && factor.ndim === 0)) {
      fail(op, `the bwMethod function must return a number or a 0-d array, got ${describeValue(factor)}`);
    }
    return np.astype(factor, dtype);
  }
  return fail(op, `bwMethod must be "scott", "silverman", a number, a 0-d array or a function of the estimator, got ${describeValue(method)}`);
}

/** The estimator of `dataset` (`[d, n]`, float) with normalized `weights` (`[n]`, same dtype). */
function build(op: string, dataset: ArrayValue, weights: ArrayValue, bwMethod: BandwidthMethod | null | undefined): GaussianKde {
  const [d, n] = dataset.shape as [number, number];
  const neff = np.divide(1, np.sum(np.square(weights)));
  const data: GaussianKdeData = Object.freeze({ dataset, weights, d, n, neff });
  const factor = bandwidthFactor(op, data, bwMethod);
  const dataCovariance = np.atleast2d(np.cov(dataset, { rowvar: true, bias: false, aweights: weights }));
  const factorSquared = np.square(factor);
  const covariance = np.multiply(dataCovariance, factorSquared);
  const invCov = np.divide(np.linalg.inv(dataCovariance), factorSquared);
  return Object.freeze({ dataset, weights, d, n, neff, factor, covariance, invCov });
}

/**
 * A Gaussian kernel density estimate of `dataset`: `[d, n]` (n points of d dimensions, as scipy
 * lays them out) or `[n]` for one dimension. Integers become float32; with `weights` the two
 * promote together. Returns a frozen `GaussianKde` record; its methods are the functions on
 * `scipy.stats.gaussianKde` (`evaluate`/`pdf`, `logpdf`, `integrateGaussian`, `integrateBox1d`,
 * `integrateKde`, `resample`, `setBandwidth`). Differentiable in the dataset and the weights.
 *
 * @example
 * import { np, scipy } from "tessera";
 * const kde = scipy.stats.gaussianKde(np.array([0, 1, 1.5, 3]));
 * scipy.stats.gaussianKde.pdf(kde, np.array([1])); // [0.2685]
 */
function fit(dataset: ArrayOrScalar, options: GaussianKdeOptions | null = {}): GaussianKde {
  const o = readOptions(NAME, options, { bwMethod: anyValue, weights: anyValue }) as GaussianKdeOptions;
  if (typeof dataset !== "number" && !(dataset instanceof ArrayValue)) fail(NAME, `dataset must be an array, got ${describeValue(dataset)}`);
  if (typeof dataset === "number" || dataset.size <= 1) fail(NAME, `the dataset must have more than one element, got ${describeValue(dataset)}`);
  if (dataset.ndim > 2) fail(NAME, `the dataset must be [n] or [d, n], got shape [${dataset.shape.join(", ")}]`);
  const n = dataset.ndim === 2 ? dataset.shape[1]! : dataset.shape[0]!;
  if (o.weights === undefined || o.weights === null) {
    const [data] = floats("gaussianKde", np.atleast2d(dataset));
    return build(NAME, data!, np.full([n], 1 / n, { dtype: data!.dtype }), o.bwMethod);
  }
  if (typeof o.weights !== "number" && !(o.weights instanceof ArrayValue)) fail(NAME, `weights must be an array, got ${describeValue(o.weights)}`);
  const [data, w] = floats("gaussianKde", np.atleast2d(dataset), np.atleast1d(o.weights));
  if (w!.ndim !== 1) fail(NAME, `weights must be one-dimensional, got shape [${w!.shape.join(", ")}]`);
  if (w!.shape[0] !== n) fail(NAME, `weights must have one entry per data point (${n}), got ${w!.shape[0]}`);
  return build(NAME, data!, np.divide(w!, np.sum(w!)), o.bwMethod);
}

/** Fails unless `kde` is an estimator record. */
function checkKde(op: string, kde: unknown, what = "the estimator"): GaussianKde {
  const ok =
    isPlainRecord(kde) &&
    (["dataset", "weights", "covariance", "invCov"] as const).every((k) => kde[k] instanceof ArrayValue) &&
    (kde["dataset"] as ArrayValue).ndim === 2;
  if (!ok) fail(op, `${what} must be a record made by scipy.stats.gaussianKde, got ${describeValue(kde)}`);
  return kde as unknown as GaussianKde;
}

/** The points as `[d, m]` columns (a `[d]` vector is one point), as JAX reshapes them. */
function pointColumns(op: string, kde: GaussianKde, points: ArrayOrScalar): ArrayValue {
  if (typeof points !== "number" && !(points instanceof ArrayValue)) fail(op, `points must be an array, got ${describeValue(points)}`);
  const d = kde.dataset.shape[0]!;
  const p = np.atleast2d(points);
  if (p.ndim !== 2) fail(op, `points must be [d, m], [m] or [d], got shape [${p.shape.join(", ")}]`);
  if (p.shape[0] === d) return p;
  if (p.shape[0] === 1 && p.shape[1] === d) return np.reshape(p, [d, 1]);
  return fail(op, `the points have dimension ${p.shape[0]}, the dataset has dimension ${d} (points must be [${d}, m])`);
}

/** The log of each point's kernel term, `[m, n]`: log_norm - ½ (x - xᵢ)ᵀ invCov (x - xᵢ), plus the weights in the dtype they share. */
function kernelTerms(op: string, kde: GaussianKde, points: ArrayOrScalar): { terms: ArrayValue; weights: ArrayValue } {
  const columns = pointColumns(op, kde, points);
  const [data, weights, xs, precision] = floats(op.replace("scipy.stats.", ""), kde.dataset, kde.weights, columns, kde.invCov);
  const d = data!.shape[0]!;
  // Whitening by the precision's Cholesky factor L (precision = L Lᵀ): |(x - xᵢ)ᵀ L|² is the Mahalanobis distance.
  const whitening = np.linalg.cholesky(precision!);
  const whiteData = np.matmul(np.transpose(data!), whitening);
  const whitePoints = np.matmul(np.transpose(xs!), whitening);
  const logNorm = np.subtract(np.sum(np.log(np.diagonal(whitening))), 0.5 * d * Math.log(2 * Math.PI));
  const distance = np.sum(np.square(np.subtract(np.expandDims(whiteData, 0), np.expandDims(whitePoints, 1))), { axis: -1 });
  return { terms: np.subtract(logNorm, np.multiply(0.5, distance)), weights: weights! };
}

/**
 * The estimated density at `points` (`[d, m]`; `[m]` when d is 1; a `[d]` vector is one point):
 * `[m]`. Promotes with the estimator's dtype.
 */
function evaluate(kde: GaussianKde, points: ArrayOrScalar): ArrayValue {
  const op = `${NAME}.evaluate`;
  checkArity(op, arguments, 2);
  const { terms, weights } = kernelTerms(op, checkKde(op, kde), points);
  return np.sum(np.multiply(weights, np.exp(terms)), { axis: 1 });
}

/** The density at `points`, as `evaluate` (scipy's `pdf`). */
function pdf(kde: GaussianKde, points: ArrayOrScalar): ArrayValue {
  checkArity(`${NAME}.pdf`, arguments, 2);
  return evaluate(kde, points);
}

/** The log density at `points` (`[m]`), summed in log space (logsumexp) so far points give finite logs. */
function logpdf(kde: GaussianKde, points: ArrayOrScalar): ArrayValue {
  const op = `${NAME}.logpdf`;
  checkArity(op, arguments, 2);
  const { terms, weights } = kernelTerms(op, checkKde(op, kde), points);
  return logsumexp(np.add(np.log(weights), terms), { axis: 1 });
}

/**
 * Σᵢ wᵢ N(xᵢ; μⱼ, Σ) for each column μⱼ of `means` (`[d, k]`, result `[k]`), with `chol` the Cholesky
 * factor of Σ (the kernel covariance plus the other Gaussian's): the integral of a weighted kernel
 * sum over `target` (`[d, n]`) against each Gaussian.
 */
function gaussianConvolution(chol: ArrayValue, target: ArrayValue, weights: ArrayValue, means: ArrayValue): ArrayValue {
  const [d, n] = target.shape as [number, number];
  const k = means.shape[1]!;
  const diff = np.reshape(np.subtract(np.expandDims(target, 2), np.expandDims(means, 1)), [d, n * k]);
  const z = lax.linalg.triangularSolve(chol, diff, { leftSide: true, lower: true });
  const quadratic = np.reshape(np.sum(np.square(z), { axis: 0 }), [n, k]);
  const logNorm = np.add(np.sum(np.log(np.diagonal(chol))), 0.5 * d * Math.log(2 * Math.PI));
  return np.sum(np.multiply(np.exp(np.subtract(np.multiply(-0.5, quadratic), logNorm)), np.expandDims(weights, 1)), { axis: 0 });
}

/** The integral of the density times the Gaussian N(`mean`, `cov`): `mean` `[d]`, `cov` `[d, d]` (scalars when d is 1). */
function integrateGaussian(kde: GaussianKde, mean: ArrayOrScalar, cov: ArrayOrScalar): ArrayValue {
  const op = `${NAME}.integrateGaussian`;
  checkArity(op, arguments, 3);
  checkKde(op, kde);
  const [data, weights, kernelCov, m, c] = floats("gaussianKde.integrateGaussian", kde.dataset, kde.weights, kde.covariance, mean, cov);
  const d = data!.shape[0]!;
  const meanVector = np.atleast1d(np.squeeze(m!));
  const covMatrix = np.atleast2d(c!);
  if (meanVector.ndim !== 1 || meanVector.shape[0] !== d) fail(op, `the mean must have dimension ${d}, got shape [${m!.shape.join(", ")}]`);
  if (covMatrix.ndim !== 2 || covMatrix.shape[0] !== d || covMatrix.shape[1] !== d) fail(op, `the covariance must be [${d}, ${d}], got shape [${c!.shape.join(", ")}]`);
  const chol = np.linalg.cholesky(np.add(kernelCov!, covMatrix));
  return np.reshape(gaussianConvolution(chol, data!, weights!, np.expandDims(meanVector, 1)), []);
}

/** The probability mass between the scalars `low` and `high` (one-dimensional estimators only). */
function integrateBox1d(kde: GaussianKde, low: ArrayOrScalar, high: ArrayOrScalar): ArrayValue {
  const op = `${NAME}.integrateBox1d`;
  checkArity(op, arguments, 3);
  checkKde(op, kde);
  if (kde.dataset.shape[0] !== 1) fail(op, `only one-dimensional estimators are supported, this one has dimension ${kde.dataset.shape[0]}`);
  const [data, weights, cov, lo, hi] = floats("gaussianKde.integrateBox1d", kde.dataset, kde.weights, kde.covariance, low, high);
  if (lo!.ndim !== 0 || hi!.ndim !== 0) fail(op, `the limits must be scalars, got shapes [${lo!.shape.join(", ")}] and [${hi!.shape.join(", ")}]`);
  const sigma = np.sqrt(np.reshape(cov!, []));
  const points = np.reshape(data!, [-1]);
  const mass = np.subtract(ndtr(np.divide(np.subtract(hi!, points), sigma)), ndtr(np.divide(np.subtract(lo!, points), sigma)));
  return np.sum(np.multiply(weights!, mass));
}

/** Not provided, as in JAX: box integration in more than one dimension (scipy's `integrate_box`). */
function integrateBox(kde: GaussianKde, lowBounds: ArrayOrScalar, highBounds: ArrayOrScalar): never {
  void [kde, lowBounds, highBounds];
  return fail(`${NAME}.integrateBox`, "box integration is only provided in one dimension (JAX has no integrate_box either); use scipy.stats.gaussianKde.integrateBox1d");
}

/** The integral of the product of two estimators' densities (both of the same dimension). */
function integrateKde(kde: GaussianKde, other: GaussianKde): ArrayValue {
  const op = `${NAME}.integrateKde`;
  checkArity(op, arguments, 2);
  checkKde(op, kde);
  checkKde(op, other, "the other estimator");
  if (kde.dataset.shape[0] !== other.dataset.shape[0]) {
    fail(op, `the estimators have different dimensions: ${kde.dataset.shape[0]} and ${other.dataset.shape[0]}`);
  }
  const [aData, aWeights, aCov, bData, bWeights, bCov] = floats("gaussianKde.integrateKde", kde.dataset, kde.weights, kde.covariance, other.dataset, other.weights, other.covariance);
  const chol = np.linalg.cholesky(np.add(aCov!, bCov!));
  // Each of one estimator's points is a Gaussian to integrate the other's density against.
  return np.sum(np.multiply(gaussianConvolution(chol, bData!, bWeights!, aData!), aWeights!));
}

/**
 * `shape` draws from the estimated density (a data point picked by weight, plus Gaussian kernel
 * noise): `[d, ...shape]`. JAX's algorithm and key use (split, `choice` for the points,
 * `multivariateNormal` for the noise), so draws match JAX's for `shape` of rank 0 or 1; for rank 2
 * or more JAX transposes the noise's batch axes too (an error unless they are equal), tessera
 * keeps them in order.
 */
function resample(kde: GaussianKde, key: Key, shape: Shape = []): ArrayValue {
  const op = `${NAME}.resample`;
  checkArity(op, arguments, 3);
  checkKde(op, kde);
  checkKey("resample", key, op);
  const batch = validShape(op, shape);
  const [d, n] = kde.dataset.shape as [number, number];
  const keys = split(key);
  const row = (i: number) => np.reshape(np.take(keys, i, { axis: 0 }), [2]);
  const index = random.choice(row(0), n, { shape: batch, p: kde.weights });
  const dtype = kde.dataset.dtype as "float32" | "float64";
  const noise = random.multivariateNormal(row(1), np.zeros([d], { dtype: kde.covariance.dtype }), kde.covariance, batch, { dtype });
  return np.add(np.take(kde.dataset, index, { axis: 1 }), np.moveaxis(noise, -1, 0));
}

/**
 * The estimator of the same data and weights with another bandwidth (scipy's `set_bandwidth`,
 * which JAX's class does not implement): a new record, `kde` is unchanged.
 */
function setBandwidth(kde: GaussianKde, bwMethod: BandwidthMethod | null = null): GaussianKde {
  const op = `${NAME}.setBandwidth`;
  checkArity(op, arguments, 2);
  checkKde(op, kde);
  return build(op, kde.dataset, kde.weights, bwMethod);
}

/**
 * `scipy.stats.gaussianKde(dataset, options)` builds the estimator record; the functions on it
 * (`scipy.stats.gaussianKde.logpdf(kde, x)`, ...) are JAX's methods.
 *
 * @example
 * import { np, random, scipy } from "tessera";
 * const kde = scipy.stats.gaussianKde(np.array([[0, 1, 2, 4], [1, 0, 2, 3]]), { bwMethod: "silverman" });
 * scipy.stats.gaussianKde.logpdf(kde, np.array([[1], [1]])); // [-2.6811]
 * scipy.stats.gaussianKde.resample(kde, random.key(0), [5]); // [2, 5]
 */
export const gaussianKde = Object.assign(fit, {
  evaluate,
  pdf,
  logpdf,
  integrateGaussian,
  integrateBox1d,
  integrateBox,
  integrateKde,
  resample,
  setBandwidth,
});
