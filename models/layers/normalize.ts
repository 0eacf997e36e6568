/**
 * What the normalization layers share (batch-norm.ts, norm.ts): their option checks, their
 * params (a learned scale and bias per feature, ones and zeros at init), the mean and variance
 * over some axes, and the normalization itself. The arithmetic follows flax.linen's
 * normalization module step for step (statistics, then (x - mean) * (rsqrt(var + eps) * scale)
 * + bias), so the layers agree with Flax to rounding. Not exported from models.layers.
 */
import { isFloat } from "../../core/dtype.js";
import { describe, fail } from "../../core/errors.js";
import { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import type * as random from "../../core/random/index.js";
import type { Shape } from "../../core/shape.js";
import { bool, describeValue, oneOf, refine, number } from "../../core/validate.js";
import { checkModelKey } from "../checks.js";

/** The learned params of a normalization layer: a scale and a bias per feature, each present unless disabled. */
export interface NormParams {
  readonly scale?: ArrayValue;
  readonly bias?: ArrayValue;
}

/** A positive finite epsilon. */
export const epsilonOption = refine(number, (v) => v > 0 && Number.isFinite(v), "a positive finite number");

/** The options every normalization layer with a learned scale and bias reads. */
export const affineSpec = { scale: bool, bias: bool, dtype: oneOf<random.FloatDType>(["float32", "float64"]) };

/** Which params a layer holds, in the order they are listed in errors. */
export function paramFields(scale: boolean, bias: boolean): string[] {
  return [...(scale ? ["scale"] : []), ...(bias ? ["bias"] : [])];
}

/** The params at init: scale ones and bias zeros of `shape` (Flax's defaults), after checking the key. */
export function initParams(op: string, key: unknown, fields: readonly string[], shape: Shape, dtype: random.FloatDType): NormParams {
  checkModelKey(op, key);
  return Object.fromEntries(fields.map((field) => [field, field === "scale" ? np.ones(shape, { dtype }) : np.zeros(shape, { dtype })]));
}

/** Fails unless `value` is a record of exactly `fields`, each an array of `shape`; `what` names the record type in errors. */
export function checkFields(op: string, name: string, value: unknown, fields: readonly string[], shape: Shape, what: string): void {
  const layout = `{${fields.join(", ")}}`;
  if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof ArrayValue) {
    fail(op, `${name} must be a ${what} record ${layout}, got ${describeValue(value)}`);
  }
  for (const key of Object.keys(value)) {
    if (!fields.includes(key)) fail(op, `${name} has a field "${key}" this layer does not use (a ${what} record here is ${layout}; see the layer's scale and bias options)`);
  }
  for (const field of fields) {
    const array = (value as Record<string, unknown>)[field];
    if (!(array instanceof ArrayValue)) fail(op, `${name}.${field} must be an array (${name} is a ${what} record ${layout}), got ${describeValue(array)}`);
    array.assertLive(op);
    if (array.shape.length !== shape.length || array.shape.some((d, i) => d !== shape[i])) {
      fail(op, `${name}.${field} ${describe(array)} must have shape [${shape.join(",")}] for this layer`);
    }
  }
}

/** The input as the statistics see it: a float array (integers and bools count as float32, as Flax promotes them). */
export function asFloat(x: ArrayValue): ArrayValue {
  return isFloat(x.dtype) ? x : x.astype("float32");
}

/**
 * Mean and (biased) variance over `axes`, kept as size-1 axes. `fast` is Flax's default one-pass
 * formula E[x²] - E[x]² clipped at zero (one fused pass, less accurate when the mean is large
 * next to the spread); otherwise the two-pass E[(x - E[x])²].
 */
export function moments(x: ArrayValue, axes: readonly number[], fast: boolean): [ArrayValue, ArrayValue] {
  const mean = np.mean(x, { axis: axes, keepdims: true });
  if (fast) return [mean, np.maximum(0, np.subtract(np.mean(np.square(x), { axis: axes, keepdims: true }), np.square(mean)))];
  return [mean, np.mean(np.square(np.subtract(x, mean)), { axis: axes, keepdims: true })];
}

/** The mean of squares over `axes` (RMSNorm's statistic), kept as size-1 axes. */
export function meanSquare(x: ArrayValue, axes: readonly number[]): ArrayValue {
  return np.mean(np.square(x), { axis: axes, keepdims: true });
}

/**
 * (x - mean) * (rsqrt(var + epsilon) * scale) + bias, in Flax's order of operations. `mean` (null
 * for RMSNorm), `variance`, scale and bias broadcast against x; `featureShape` is how the params
 * are reshaped to do so (size-1 axes everywhere but the features').
 */
export function normalize(x: ArrayValue, mean: ArrayValue | null, variance: ArrayValue, epsilon: number, params: NormParams, featureShape: Shape): ArrayValue {
  const centered = mean === null ? x : np.subtract(x, mean);
  let multiplier: ArrayValue = np.rsqrt(np.add(variance, epsilon));
  if (params.scale !== undefined) multiplier = np.multiply(multiplier, np.reshape(params.scale, featureShape));
  const y = np.multiply(centered, multiplier);
  return params.bias === undefined ? y : np.add(y, np.reshape(params.bias, featureShape));
}
