/**
 * Float samplers: uniform bits and floats, and the continuous distributions built from them
 * (normal, truncated normal, Gumbel, exponential, Laplace), each JAX's own algorithm.
 */
import type { ArrayValue, ArrayOrScalar } from "../ndarray.js";
import * as np from "../numpy/index.js";
import { scalar } from "../numpy/promote.js";
import { broadcastShapes, type Shape } from "../shape.js";
import { anyValue, checkArity, readOptions } from "../validate.js";
import { checkKey, checkParamShapes, floatDtype, floatParam, shapeArg, type FloatDType, type FloatOptions, type Key } from "./common.js";
import { keyWords, threefryBits } from "./keys.js";

// ---------------------------------------------------------------------------------------------
// bits and uniform floats

/** Uniform uint32 bits of `shape`: the xor of the two threefry words (JAX's 32-bit path). */
export function randomBits(op: string, key: Key, shape: Shape): ArrayValue {
  const [k1, k2] = keyWords(op, key);
  const [bits1, bits2] = threefryBits(op, k1, k2, shape);
  return np.bitwiseXor(bits1, bits2);
}

/** Uniform random uint32 values of `shape`. */
export function bits(key: Key, shape: Shape = []): ArrayValue {
  checkArity("random.bits", arguments, 2);
  checkKey("bits", key);
  return randomBits("bits", key, shapeArg("bits", shape, "uint32"));
}

/**
 * Uniform floats in [0, 1) with the mantissa filled from random bits: JAX bit-casts
 * `bits >>> 9 | bits_of(1.0)` and subtracts 1, which is exactly `(bits >>> 9) * 2^-23`.
 * float64 uses 64 bits per value (the two threefry words, high first).
 */
function unitFloats(op: string, key: Key, shape: Shape, dtype: FloatDType): ArrayValue {
  const [k1, k2] = keyWords(op, key);
  const [hi, lo] = threefryBits(op, k1, k2, shape);
  return unitFloatsFromWords(hi, lo, dtype);
}

/** Unit floats from the two threefry output words of each element (see unitFloats). */
export function unitFloatsFromWords(hi: ArrayValue, lo: ArrayValue, dtype: FloatDType): ArrayValue {
  if (dtype === "float32") return np.multiply(np.astype(np.rightShift(np.bitwiseXor(hi, lo), 9), "float32"), 2 ** -23);
  // (hi * 2^32 + lo) >>> 12 = hi * 2^20 + (lo >>> 12): an exact integer below 2^52.
  const mantissa = np.add(np.multiply(np.astype(hi, "float64"), 2 ** 20), np.astype(np.rightShift(lo, 12), "float64"));
  return np.multiply(mantissa, 2 ** -52);
}

/** Uniform floats in [minval, maxval) of `shape` (minval/maxval broadcast to it). */
export function uniform(
  key: Key,
  shape: Shape = [],
  options: (FloatOptions & { readonly minval?: ArrayOrScalar; readonly maxval?: ArrayOrScalar }) | null = {},
): ArrayValue {
  checkArity("random.uniform", arguments, 3, "pass dtype, minval and maxval as options: uniform(key, shape, {minval, maxval})");
  checkKey("uniform", key);
  const o = readOptions("random.uniform", options, { dtype: anyValue, minval: anyValue, maxval: anyValue });
  const dtype = floatDtype("uniform", o.dtype);
  shapeArg("uniform", shape, dtype);
  const minval = floatParam("uniform", "minval", o.minval ?? 0, dtype);
  const maxval = floatParam("uniform", "maxval", o.maxval ?? 1, dtype);
  checkParamShapes("uniform", shape, minval.shape, maxval.shape);
  return uniformBetween("uniform", key, shape, dtype, minval, maxval);
}

/** JAX's _uniform: scale unit floats into [minval, maxval), clamping rounding below minval. */
export function uniformBetween(op: string, key: Key, shape: Shape, dtype: FloatDType, minval: ArrayValue, maxval: ArrayValue): ArrayValue {
  return scaleUnitFloats(unitFloats(op, key, shape, dtype), minval, maxval);
}

/** Unit floats scaled into [minval, maxval), as JAX's _uniform rounds them. */
function scaleUnitFloats(floats: ArrayValue, minval: ArrayValue, maxval: ArrayValue): ArrayValue {
  return np.maximum(minval, fusedMultiplyAdd(floats, np.subtract(maxval, minval), minval));
}

/** Uniform floats in [0, 1) from per-element threefry words (a sampler drawing one value per key). */
export function uniformFromWords(hi: ArrayValue, lo: ArrayValue, dtype: FloatDType): ArrayValue {
  return scaleUnitFloats(unitFloatsFromWords(hi, lo, dtype), scalar(0, dtype), scalar(1, dtype));
}

/** Standard normal values from per-element threefry words, as `normal` computes them. */
export function normalFromWords(hi: ArrayValue, lo: ArrayValue, dtype: FloatDType): ArrayValue {
  const u = scaleUnitFloats(unitFloatsFromWords(hi, lo, dtype), scalar(aboveMinusOne(dtype), dtype), scalar(1, dtype));
  return np.multiply(scalar(Math.SQRT2, dtype), np.erfinv(u));
}

/**
 * a * b + c rounded once, as XLA's CPU backend computes JAX's `floats * span + minval` (it
 * contracts the pair into an FMA). float32: the product is exact in float64, so one float64
 * add and the final float32 rounding give the fused result. float64: Dekker's exact product
 * and a compensated sum (round-to-nearest of the exact value except in vanishingly rare
 * double-rounding cases).
 */
export function fusedMultiplyAdd(a: ArrayValue, b: ArrayValue, c: ArrayValue): ArrayValue {
  if (a.dtype === "float32") {
    const wide = (x: ArrayValue) => np.astype(x, "float64");
    return np.astype(np.add(np.multiply(wide(a), wide(b)), wide(c)), "float32");
  }
  const [aHigh, aLow] = splitHalves(a);
  const [bHigh, bLow] = splitHalves(b);
  const product = np.multiply(a, b);
  const productError = np.add(
    np.add(np.add(np.subtract(np.multiply(aHigh, bHigh), product), np.multiply(aHigh, bLow)), np.multiply(aLow, bHigh)),
    np.multiply(aLow, bLow),
  );
  const sum = np.add(product, c);
  const fromC = np.subtract(sum, product);
  const sumError = np.add(np.subtract(product, np.subtract(sum, fromC)), np.subtract(c, fromC));
  return np.add(sum, np.add(sumError, productError));
}

/** Veltkamp's split of float64 values into two 26-bit halves whose products are exact. */
function splitHalves(x: ArrayValue): [ArrayValue, ArrayValue] {
  const scaled = np.multiply(x, 134217729); // 2^27 + 1
  const high = np.subtract(scaled, np.subtract(scaled, x));
  return [high, np.subtract(x, high)];
}

// ---------------------------------------------------------------------------------------------
// continuous distributions

/** Checks a float sampler's arguments (key, shape, {dtype}); returns the dtype. */
function floatSampler(op: string, args: IArguments, key: unknown, shape: unknown, options: unknown): FloatDType {
  checkArity(`random.${op}`, args, 3, `pass the dtype as an option: ${op}(key, shape, {dtype})`);
  checkKey(op, key);
  const dtype = floatDtype(op, readOptions(`random.${op}`, options, { dtype: anyValue }).dtype);
  shapeArg(op, shape, dtype);
  return dtype;
}

/** The float just above -1 in `dtype` (nextafter(-1, 0)). */
function aboveMinusOne(dtype: FloatDType): number {
  return dtype === "float32" ? -1 + 2 ** -24 : -1 + 2 ** -53;
}

/** The smallest positive normal float of `dtype`. */
function tiny(dtype: FloatDType): number {
  return dtype === "float32" ? 2 ** -126 : 2 ** -1022;
}

/** Standard normal samples: sqrt(2) * erfinv(u) with u uniform in (-1, 1). */
export function normal(key: Key, shape: Shape = [], options: FloatOptions | null = {}): ArrayValue {
  const dtype = floatSampler("normal", arguments, key, shape, options);
  const u = uniformBetween("normal", key, shape, dtype, scalar(aboveMinusOne(dtype), dtype), scalar(1, dtype));
  return np.multiply(scalar(Math.SQRT2, dtype), np.erfinv(u));
}

/**
 * Standard normal samples truncated to (lower, upper): inverse-CDF sampling between
 * erf(lower/sqrt2) and erf(upper/sqrt2), clamped into the open interval. `shape` defaults to
 * the broadcast shape of the bounds.
 */
export function truncatedNormal(
  key: Key,
  lower: ArrayOrScalar,
  upper: ArrayOrScalar,
  shape?: Shape | null,
  options: FloatOptions | null = {},
): ArrayValue {
  checkArity("random.truncatedNormal", arguments, 5);
  checkKey("truncatedNormal", key);
  const dtype = floatDtype("truncatedNormal", readOptions("random.truncatedNormal", options, { dtype: anyValue }).dtype);
  if (shape === null) shape = undefined;
  const lo = floatParam("truncatedNormal", "lower", lower, dtype);
  const hi = floatParam("truncatedNormal", "upper", upper, dtype);
  const outShape = shape === undefined ? broadcastShapes("random.truncatedNormal", lo.shape, hi.shape) : shapeArg("truncatedNormal", shape, dtype);
  if (shape !== undefined) checkParamShapes("truncatedNormal", outShape, lo.shape, hi.shape);
  const sqrt2 = scalar(Math.SQRT2, dtype);
  const a = np.erf(np.divide(lo, sqrt2));
  const b = np.erf(np.divide(hi, sqrt2));
  const u = uniformBetween("truncatedNormal", key, outShape, dtype, a, b);
  const out = np.multiply(sqrt2, np.erfinv(u));
  return np.minimum(np.maximum(out, np.nextafter(lo, Infinity)), np.nextafter(hi, -Infinity));
}

/** Standard Gumbel samples: -log(-log(u)) with u uniform in [tiny, 1). */
export function gumbel(key: Key, shape: Shape = [], options: FloatOptions | null = {}): ArrayValue {
  const dtype = floatSampler("gumbel", arguments, key, shape, options);
  const u = uniformBetween("gumbel", key, shape, dtype, scalar(tiny(dtype), dtype), scalar(1, dtype));
  return np.negative(np.log(np.negative(np.log(u))));
}

/** Standard exponential samples: -log1p(-u). */
export function exponential(key: Key, shape: Shape = [], options: FloatOptions | null = {}): ArrayValue {
  const dtype = floatSampler("exponential", arguments, key, shape, options);
  const u = uniformBetween("exponential", key, shape, dtype, scalar(0, dtype), scalar(1, dtype));
  return np.negative(np.log1p(np.negative(u)));
}

/** Standard Laplace samples: sign(u) * log1p(-|u|) with u uniform in (-1, 1). */
export function laplace(key: Key, shape: Shape = [], options: FloatOptions | null = {}): ArrayValue {
  const dtype = floatSampler("laplace", arguments, key, shape, options);
  const u = uniformBetween("laplace", key, shape, dtype, scalar(aboveMinusOne(dtype), dtype), scalar(1, dtype));
  return np.multiply(np.sign(u), np.log1p(np.negative(np.abs(u))));
}
