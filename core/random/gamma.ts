/**
 * Samplers built on the Gamma distribution: gamma, loggamma, beta and dirichlet, each JAX's own
 * construction on top of the `randomGamma` primitive (Marsaglia-Tsang, see gamma-loop.ts).
 */
import { isFloat } from "../dtype.js";
import { describe, fail } from "../errors.js";
import { bind1 } from "../interpreter.js";
import { ArrayValue, type ArrayOrScalar } from "../ndarray.js";
import { softmax } from "../nn.js";
import * as np from "../numpy/index.js";
import { broadcastShapes, shapesEqual, type Shape } from "../shape.js";
import { anyValue, checkArity, describeValue, readOptions } from "../validate.js";
import { checkKey, checkParamShapes, floatDtype, floatParam, reshape, shapeArg, type FloatDType, type FloatOptions, type Key } from "./common.js";
import { split } from "./keys.js";

/** The dtype of a sampler with float parameters: the option, else a float64 parameter's, else float32. */
export function parameterDtype(op: string, options: unknown, ...params: unknown[]): FloatDType {
  const o = readOptions(`random.${op}`, options as FloatOptions | null, { dtype: anyValue });
  if (o.dtype !== undefined) return floatDtype(op, o.dtype);
  return params.some((p) => p instanceof ArrayValue && p.dtype === "float64") ? "float64" : "float32";
}

/** A float parameter, checked to be a number or an array with a real dtype. */
export function realParam(op: string, name: string, x: unknown, dtype: FloatDType): ArrayValue {
  if (x instanceof ArrayValue && (x.dtype === "bool" || x.dtype === "uint32")) {
    fail(`random.${op}`, `${name} must be a float or int array, got ${describe(x)}`);
  }
  return floatParam(op, name, x, dtype);
}

/** Broadcasts `x` to `shape` (a no-op when it already has it). */
export function broadcastTo(x: ArrayValue, shape: Shape): ArrayValue {
  if (shapesEqual(x.shape, shape)) return x;
  const offset = shape.length - x.shape.length;
  return bind1("broadcastInDim", [x], { shape, broadcastDimensions: x.shape.map((_, i) => i + offset) });
}

/** Output shape of a sampler with elementwise parameters: `shape` if given (checked), else their broadcast. */
export function samplerShape(op: string, shape: Shape | null | undefined, dtype: FloatDType, ...params: ArrayValue[]): Shape {
  if (shape === undefined || shape === null) return broadcastShapes(`random.${op}`, ...params.map((p) => p.shape));
  const out = shapeArg(op, shape, dtype);
  checkParamShapes(op, out, ...params.map((p) => p.shape));
  return out;
}

/** Gamma(a) or log-Gamma(a) samples of `shape` (JAX's _gamma). */
function gammaSamples(op: string, key: Key, a: ArrayValue, shape: Shape, logSpace: boolean): ArrayValue {
  return bind1("randomGamma", [key, broadcastTo(a, shape)], { logSpace });
}

/**
 * Standard Gamma(a) samples (density proportional to x^(a-1) e^(-x)); divide by a rate or
 * multiply by a scale for the other parameterizations. `shape` defaults to a's shape.
 */
export function gamma(key: Key, a: ArrayOrScalar, shape?: Shape | null, options: FloatOptions | null = {}): ArrayValue {
  checkArity("random.gamma", arguments, 4);
  checkKey("gamma", key);
  const dtype = parameterDtype("gamma", options, a);
  const alpha = realParam("gamma", "a", a, dtype);
  return gammaSamples("gamma", key, alpha, samplerShape("gamma", shape, dtype, alpha), false);
}

/**
 * Logs of Gamma(a) samples, computed in log space so that tiny samples (frequent when a << 1)
 * keep their precision: exp(loggamma(k, a)) matches gamma(k, a) up to rounding.
 */
export function loggamma(key: Key, a: ArrayOrScalar, shape?: Shape | null, options: FloatOptions | null = {}): ArrayValue {
  checkArity("random.loggamma", arguments, 4);
  checkKey("loggamma", key);
  const dtype = parameterDtype("loggamma", options, a);
  const alpha = realParam("loggamma", "a", a, dtype);
  return gammaSamples("loggamma", key, alpha, samplerShape("loggamma", shape, dtype, alpha), true);
}

/** Beta(a, b) samples in [0, 1]: Ga / (Ga + Gb) from two log-gamma draws, scaled by their maximum. */
export function beta(key: Key, a: ArrayOrScalar, b: ArrayOrScalar, shape?: Shape | null, options: FloatOptions | null = {}): ArrayValue {
  checkArity("random.beta", arguments, 5);
  checkKey("beta", key);
  const dtype = parameterDtype("beta", options, a, b);
  const alpha = realParam("beta", "a", a, dtype);
  const betaParam = realParam("beta", "b", b, dtype);
  const outShape = samplerShape("beta", shape, dtype, alpha, betaParam);
  const keys = split(key);
  const logGammaA = gammaSamples("beta", row(keys, 0), alpha, outShape, true);
  const logGammaB = gammaSamples("beta", row(keys, 1), betaParam, outShape, true);
  const logMax = np.maximum(logGammaA, logGammaB);
  const scaledA = np.exp(np.subtract(logGammaA, logMax));
  const scaledB = np.exp(np.subtract(logGammaB, logMax));
  return np.divide(scaledA, np.add(scaledA, scaledB));
}

/**
 * Dirichlet(alpha) samples on the simplex along the last axis: a softmax of log-gamma draws.
 * `shape` is the batch shape (without the last axis) and defaults to alpha's.
 */
export function dirichlet(key: Key, alpha: ArrayValue, shape?: Shape | null, options: FloatOptions | null = {}): ArrayValue {
  checkArity("random.dirichlet", arguments, 4);
  checkKey("dirichlet", key);
  if (!(alpha instanceof ArrayValue) || alpha.shape.length === 0) {
    fail("random.dirichlet", `alpha must be an array with at least one axis (the categories), got ${alpha instanceof ArrayValue ? describe(alpha) : describeValue(alpha)}`);
  }
  if (!isFloat(alpha.dtype) && alpha.dtype !== "int32") fail("random.dirichlet", `alpha must be a float or int array, got ${describe(alpha)}`);
  const dtype = parameterDtype("dirichlet", options, alpha);
  const concentration = np.astype(alpha, dtype);
  const batch = alpha.shape.slice(0, -1);
  const batchShape = shape === undefined || shape === null ? batch : shapeArg("dirichlet", shape, dtype);
  checkParamShapes("dirichlet", batchShape, batch);
  const logGammas = gammaSamples("dirichlet", key, concentration, [...batchShape, alpha.shape[alpha.shape.length - 1]!], true);
  return softmax(logGammas, { axis: -1 });
}

/** Row `i` of a [n, 2] array of keys. */
export function row(keys: ArrayValue, i: number): ArrayValue {
  return reshape(bind1("slice", [keys], { start: [i, 0], limit: [i + 1, 2], strides: [1, 1] }), [2]);
}
