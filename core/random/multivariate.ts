/**
 * Multivariate normal samples, as JAX draws them: mean + factor @ z with z standard normal of
 * shape [...shape, n] and the factor a Cholesky, eigh or SVD square root of the covariance.
 */
import { isFloat } from "../dtype.js";
import { describe, fail } from "../errors.js";
import { ArrayValue } from "../ndarray.js";
import { einsum } from "../numpy/einsum.js";
import * as np from "../numpy/index.js";
import { broadcastShapes, type Shape } from "../shape.js";
import { anyValue, checkArity, describeValue, oneOf, readOptions } from "../validate.js";
import { checkKey, checkParamShapes, floatDtype, shapeArg, type FloatDType, type Key } from "./common.js";
import { normal } from "./floats.js";

/** How multivariateNormal factors the covariance (cholesky needs it positive definite). */
export type CovarianceFactorization = "cholesky" | "eigh" | "svd";

/** A float array argument of multivariateNormal with at least `rank` axes. */
function floatArray(name: string, x: unknown, rank: number): ArrayValue {
  if (!(x instanceof ArrayValue) || !isFloat(x.dtype) || x.shape.length < rank) {
    fail("random.multivariateNormal", `${name} must be a float array with at least ${rank} axis${rank > 1 ? "es" : ""}, got ${x instanceof ArrayValue ? describe(x) : describeValue(x)}`);
  }
  return x;
}

/**
 * Samples of N(mean, cov): mean [..., n], cov [..., n, n] (batch axes broadcast); `shape` is the
 * batch shape of the result (default: the broadcast batch of mean and cov), to which [n] is appended.
 */
export function multivariateNormal(
  key: Key,
  mean: ArrayValue,
  cov: ArrayValue,
  shape?: Shape | null,
  options: { readonly dtype?: FloatDType; readonly method?: CovarianceFactorization } | null = {},
): ArrayValue {
  checkArity("random.multivariateNormal", arguments, 5);
  checkKey("multivariateNormal", key);
  const o = readOptions("random.multivariateNormal", options, { dtype: anyValue, method: oneOf(["cholesky", "eigh", "svd"] as const) });
  floatArray("mean", mean, 1);
  floatArray("cov", cov, 2);
  const n = mean.shape[mean.shape.length - 1]!;
  if (cov.shape[cov.shape.length - 1] !== n || cov.shape[cov.shape.length - 2] !== n) {
    fail("random.multivariateNormal", `cov must have shape [..., ${n}, ${n}] to match mean ${describe(mean)}, got ${describe(cov)}`);
  }
  const dtype = o.dtype === undefined ? (mean.dtype === "float64" || cov.dtype === "float64" ? "float64" : "float32") : floatDtype("multivariateNormal", o.dtype);
  const meanBatch = mean.shape.slice(0, -1);
  const covBatch = cov.shape.slice(0, -2);
  let batch: Shape;
  if (shape === undefined || shape === null) {
    batch = broadcastShapes("random.multivariateNormal", meanBatch, covBatch);
  } else {
    batch = shapeArg("multivariateNormal", shape, dtype);
    checkParamShapes("multivariateNormal", batch, meanBatch, covBatch);
  }
  // JAX promotes mean and cov together and factors in that dtype; the normals use `dtype`.
  const common = mean.dtype === "float64" || cov.dtype === "float64" ? "float64" : "float32";
  const m = np.astype(mean, common);
  const c = np.astype(cov, common);
  let factor: ArrayValue;
  if (o.method === "svd") {
    const [u, s] = np.linalg.svd(c);
    factor = np.multiply(u, np.sqrt(np.expandDims(s, -2)));
  } else if (o.method === "eigh") {
    const [w, v] = np.linalg.eigh(c);
    factor = np.multiply(v, np.sqrt(np.expandDims(w, -2)));
  } else {
    factor = np.linalg.cholesky(c);
  }
  const z = normal(key, [...batch, n], { dtype });
  return np.add(m, einsum("...ij,...j->...i", factor, z));
}
