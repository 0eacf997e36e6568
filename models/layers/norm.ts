/**
 * The normalizations that take their statistics from each example alone, so they have no state
 * and act the same in training and inference: layer norm and RMS norm over the trailing feature
 * axes, and group norm over groups of channels and the spatial axes. flax.linen's LayerNorm,
 * RMSNorm and GroupNorm: their defaults and their arithmetic.
 */
import { describe, fail } from "../../core/errors.js";
import type { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import type * as random from "../../core/random/index.js";
import { bool, count, either, listOf, readOptions, refine } from "../../core/validate.js";
import { checkArray, checkSize } from "../checks.js";
import { readContext, type Module } from "../module.js";
import { affineSpec, checkFields, epsilonOption, asFloat, initParams, meanSquare, moments, normalize, paramFields } from "./normalize.js";

/** The params of layerNorm and groupNorm: scale (ones at init) and bias (zeros) of the features' shape, each unless disabled. */
export interface LayerNormParams {
  readonly scale?: ArrayValue;
  readonly bias?: ArrayValue;
}

/** The params of rmsNorm: a scale of the features' shape (ones at init), unless disabled. */
export interface RmsNormParams {
  readonly scale?: ArrayValue;
}

/** Options of layerNorm; the defaults are flax.linen.LayerNorm's. */
export interface LayerNormOptions {
  /** Added to the variance before the square root (default 1e-6). */
  readonly epsilon?: number;
  /** Learn a scale per feature (default true). */
  readonly useScale?: boolean;
  /** Learn a bias per feature (default true). */
  readonly useBias?: boolean;
  /** Flax's one-pass variance E[x²] - E[x]² (default true), or the two-pass E[(x - E[x])²], more accurate when the mean is large next to the spread. */
  readonly fastVariance?: boolean;
  /** The dtype of the params (default "float32"). */
  readonly dtype?: random.FloatDType;
}

/** Options of rmsNorm; the defaults are flax.linen.RMSNorm's. */
export interface RmsNormOptions {
  /** Added to the mean square before the square root (default 1e-6). */
  readonly epsilon?: number;
  /** Learn a scale per feature (default true). */
  readonly useScale?: boolean;
  /** The dtype of the params (default "float32"). */
  readonly dtype?: random.FloatDType;
}

/** Options of groupNorm; the defaults are flax.linen.GroupNorm's. Give `groups` or `groupSize`, not both. */
export interface GroupNormOptions extends LayerNormOptions {
  /** How many groups the channels are split into (default 32); must divide the channels. */
  readonly groups?: number;
  /** Or how many channels each group holds; must divide the channels. */
  readonly groupSize?: number;
}

const positive = refine(count, (v) => v > 0, "a positive integer");
const featuresArg = either<number, number[]>(positive, listOf(positive, { min: 1 }), "a positive integer or a non-empty list of them (the trailing feature shape)");
const layerNormSpec = { ...affineSpec, epsilon: epsilonOption, fastVariance: bool };

/** The trailing feature shape a layer normalizes over, from a size or a list of sizes. */
function featureShapeOf(op: string, features: unknown): number[] {
  const read = featuresArg(op, "features", features);
  return typeof read === "number" ? [read] : read;
}

/** Fails unless x ends with `shape`; returns the axes it occupies. */
function trailingAxes(op: string, x: ArrayValue, shape: readonly number[]): number[] {
  const start = x.ndim - shape.length;
  if (start < 0 || shape.some((d, i) => x.shape[start + i] !== d)) fail(op, `input ${describe(x)} must end with the layer's feature shape [${shape.join(",")}]`);
  return shape.map((_, i) => start + i);
}

/**
 * Layer normalization (flax.linen.LayerNorm): each example's features are normalized to mean 0
 * and variance 1 (biased), then scaled and shifted per feature. `features` is the size of the
 * last axis, or a list of sizes to normalize over that many trailing axes together (the params
 * then have that shape, as Flax with reduction_axes = feature_axes = those axes).
 *
 * @example
 * import { models, random } from "tessera";
 * const ln = models.layers.layerNorm(16);
 * const x = random.normal(random.key(0), [4, 10, 16]);
 * ln.apply(ln.init(random.key(1)), x).shape; // [4, 10, 16], each row of 16 with mean 0
 */
export function layerNorm(features: number | readonly number[], layerNormOptions?: LayerNormOptions): Module<LayerNormParams> {
  const op = "layerNorm";
  const shape = featureShapeOf(op, features);
  const options = readOptions(op, layerNormOptions, layerNormSpec) as LayerNormOptions;
  const fields = paramFields(options.useScale ?? true, options.useBias ?? true);
  return {
    init: (key) => initParams(op, key, fields, shape, options.dtype ?? "float32"),
    apply(params, input, ctx) {
      readContext(op, ctx);
      checkFields(op, "params", params, fields, shape, "LayerNormParams");
      checkArray(op, "x", input);
      const x = asFloat(input);
      const axes = trailingAxes(op, input, shape);
      const [mean, variance] = moments(x, axes, options.fastVariance ?? true);
      return normalize(x, mean, variance, options.epsilon ?? 1e-6, params, shape);
    },
  };
}

/**
 * Root-mean-square normalization (flax.linen.RMSNorm): each example's features are divided by
 * sqrt(mean(x²) + epsilon), without centring, then scaled per feature. `features` is the size of
 * the last axis, or a list of trailing sizes as for layerNorm.
 *
 * @example
 * import { models, random } from "tessera";
 * const rms = models.layers.rmsNorm(8);
 * rms.apply(rms.init(random.key(0)), random.normal(random.key(1), [2, 8])).shape; // [2, 8]
 */
export function rmsNorm(features: number | readonly number[], rmsNormOptions?: RmsNormOptions): Module<RmsNormParams> {
  const op = "rmsNorm";
  const shape = featureShapeOf(op, features);
  const { useScale, dtype, epsilon } = readOptions(op, rmsNormOptions, { useScale: affineSpec.useScale, dtype: affineSpec.dtype, epsilon: epsilonOption });
  const fields = paramFields(useScale ?? true, false);
  return {
    init: (key) => initParams(op, key, fields, shape, dtype ?? "float32"),
    apply(params, input, ctx) {
      readContext(op, ctx);
      checkFields(op, "params", params, fields, shape, "RmsNormParams");
      checkArray(op, "x", input);
      const x = asFloat(input);
      const axes = trailingAxes(op, input, shape);
      return normalize(x, null, meanSquare(x, axes), epsilon ?? 1e-6, params, shape);
    },
  };
}

/** The number of groups `features` channels are split into, from the groups or groupSize option. */
function groupCount(op: string, features: number, options: GroupNormOptions): number {
  if (options.groups !== undefined && options.groupSize !== undefined) fail(op, `give groups or groupSize, not both (got groups ${options.groups} and groupSize ${options.groupSize})`);
  if (options.groupSize !== undefined) {
    if (features % options.groupSize !== 0) fail(op, `groupSize ${options.groupSize} must divide the ${features} channels`);
    return features / options.groupSize;
  }
  const groups = options.groups ?? 32;
  if (features % groups !== 0) fail(op, `${groups} groups${options.groups === undefined ? " (the default)" : ""} must divide the ${features} channels; give groups or groupSize`);
  return groups;
}

/**
 * Group normalization (flax.linen.GroupNorm): the `features` channels (the last axis) are split
 * into groups, and each example's group is normalized over its channels and every axis between
 * the first and the last (the spatial axes), then scaled and shifted per channel. The first axis
 * is the batch, as in Flax: give [batch, ..., features] (NHWC for images); vmap it, or add a
 * batch axis, for a single example. 32 groups by default, as Flax.
 *
 * @example
 * import { models, random } from "tessera";
 * const gn = models.layers.groupNorm(16, { groups: 4 });
 * const images = random.normal(random.key(0), [2, 8, 8, 16]); // NHWC
 * gn.apply(gn.init(random.key(1)), images).shape; // [2, 8, 8, 16]
 */
export function groupNorm(features: number, groupNormOptions?: GroupNormOptions): Module<LayerNormParams> {
  const op = "groupNorm";
  checkSize(op, "features", features);
  const options = readOptions(op, groupNormOptions, { ...layerNormSpec, groups: positive, groupSize: positive }) as GroupNormOptions;
  const groups = groupCount(op, features, options);
  const fields = paramFields(options.useScale ?? true, options.useBias ?? true);
  return {
    init: (key) => initParams(op, key, fields, [features], options.dtype ?? "float32"),
    apply(params, input, ctx) {
      readContext(op, ctx);
      checkFields(op, "params", params, fields, [features], "LayerNormParams");
      checkArray(op, "x", input);
      const x = asFloat(input);
      if (x.ndim === 0 || x.shape[x.ndim - 1] !== features) fail(op, `input ${describe(input)} must end with the layer's ${features} channels`);
      // Statistics over the spatial axes (1 .. ndim-2) and the channels of each group.
      const grouped = np.reshape(x, [...x.shape.slice(0, -1), groups, features / groups]);
      const axes = [...x.shape.slice(1, -1).map((_, i) => i + 1), grouped.ndim - 1];
      const [mean, variance] = moments(grouped, axes, options.fastVariance ?? true);
      const perChannel = (stat: ArrayValue) => np.reshape(np.broadcastTo(stat, [...stat.shape.slice(0, -1), features / groups]), [...stat.shape.slice(0, -2), features]);
      return normalize(x, perChannel(mean), perChannel(variance), options.epsilon ?? 1e-6, params, [features]);
    },
  };
}

