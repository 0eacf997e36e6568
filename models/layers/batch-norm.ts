/**
 * Batch normalization as a stateful module (models/module.ts): params are the learned scale and
 * bias, the state is the running mean and variance. In training (`train: true`) it normalizes
 * with the batch's statistics over every axis but the feature axis and returns the running
 * statistics moved toward them; in inference it normalizes with the running statistics and
 * returns the state unchanged. flax.linen.BatchNorm's defaults and arithmetic.
 */
import { describe, fail } from "../../core/errors.js";
import type { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import type * as random from "../../core/random/index.js";
import { normalizeAxis } from "../../core/shape.js";
import { bool, integer, number, readOptions, refine } from "../../core/validate.js";
import { checkArray, checkSize } from "../checks.js";
import { readContext, type StatefulModule } from "../module.js";
import { affineSpec, checkFields, epsilonOption, asFloat, initParams, moments, normalize, paramFields } from "./normalize.js";

/** The params of batchNorm: scale [features] (ones at init) and bias [features] (zeros), each unless disabled. */
export interface BatchNormParams {
  readonly scale?: ArrayValue;
  readonly bias?: ArrayValue;
}

/** The state of batchNorm: the running mean [features] (zeros at first) and the running biased variance [features] (ones at first). */
export interface BatchNormState {
  readonly mean: ArrayValue;
  readonly var: ArrayValue;
}

/** Options of batchNorm; the defaults are flax.linen.BatchNorm's. */
export interface BatchNormOptions {
  /** The feature axis of the input (default -1): statistics are taken over every other axis. */
  readonly axis?: number;
  /** The running statistics' decay: running = momentum * running + (1 - momentum) * batch (default 0.99). */
  readonly momentum?: number;
  /** Added to the variance before the square root (default 1e-5). */
  readonly epsilon?: number;
  /** Learn a scale per feature (default true). */
  readonly useScale?: boolean;
  /** Learn a bias per feature (default true). */
  readonly useBias?: boolean;
  /** Flax's one-pass variance E[x²] - E[x]² (default true), or the two-pass E[(x - E[x])²], more accurate when the mean is large next to the spread. */
  readonly fastVariance?: boolean;
  /** The dtype of params and state (default "float32"). */
  readonly dtype?: random.FloatDType;
}

const batchNormSpec = {
  ...affineSpec,
  axis: integer,
  momentum: refine(number, (v) => v >= 0 && v <= 1, "a number in [0, 1]"),
  epsilon: epsilonOption,
  fastVariance: bool,
};

/**
 * Batch normalization over `features` channels (flax.linen.BatchNorm): in training,
 * (x - batch mean) / sqrt(batch variance + epsilon) * scale + bias, the statistics over all axes
 * but `axis`, and the running statistics updated as running = momentum * running +
 * (1 - momentum) * batch (the biased batch variance, as Flax stores it); in inference
 * (the default), the same with the running statistics, and the state returned unchanged. The
 * next state keeps the state's dtype, so a jitted training step's carry keeps its types.
 *
 * @example
 * import { models, np, random } from "tessera";
 * const bn = models.layers.batchNorm(3);
 * const params = bn.init(random.key(0));
 * const x = random.normal(random.key(1), [8, 3]);
 * const [y, state] = bn.apply(params, x, { state: bn.initState(), train: true });
 * y.shape;           // [8, 3], each column with mean 0 and variance 1
 * state.mean.shape;  // [3]: 1% of the way from zeros to the batch mean
 * const [yEval] = bn.apply(params, x, { state }); // inference: the running statistics
 */
export function batchNorm(features: number, batchNormOptions?: BatchNormOptions): StatefulModule<BatchNormParams, BatchNormState> {
  const op = "batchNorm";
  checkSize(op, "features", features);
  const options = readOptions(op, batchNormOptions, batchNormSpec) as BatchNormOptions;
  const dtype = options.dtype ?? "float32";
  const momentum = options.momentum ?? 0.99;
  const epsilon = options.epsilon ?? 1e-5;
  const fields = paramFields(options.useScale ?? true, options.useBias ?? true);
  return {
    stateful: true,
    init: (key) => initParams(op, key, fields, [features], dtype),
    initState: () => ({ mean: np.zeros([features], { dtype }), var: np.ones([features], { dtype }) }),
    apply(params, input, ctx) {
      const { train, state } = readContext(op, ctx);
      if (state === undefined) fail(op, "is stateful: call apply(params, x, { state, train? }) with the state from initState()");
      checkFields(op, "params", params, fields, [features], "BatchNormParams");
      checkFields(op, "ctx.state", state, ["mean", "var"], [features], "BatchNormState");
      const running = state as BatchNormState;
      checkArray(op, "x", input);
      const x = asFloat(input);
      if (x.ndim === 0) fail(op, `input ${describe(input)} must have a feature axis of ${features}`);
      const axis = normalizeAxis(op, options.axis ?? -1, x.ndim);
      if (x.shape[axis] !== features) fail(op, `input ${describe(input)} must have ${features} features along axis ${options.axis ?? -1}`);
      const reduced = x.shape.map((_, i) => i).filter((i) => i !== axis);
      const featureShape = x.shape.map((d, i) => (i === axis ? d : 1));
      if (!train) {
        const y = normalize(x, np.reshape(running.mean, featureShape), np.reshape(running.var, featureShape), epsilon, params, featureShape);
        return [y, running];
      }
      const [mean, variance] = moments(x, reduced, options.fastVariance ?? true);
      const y = normalize(x, mean, variance, epsilon, params, featureShape);
      const decay = (old: ArrayValue, batch: ArrayValue) =>
        np.add(np.multiply(old, momentum), np.multiply(np.reshape(batch, [features]), 1 - momentum)).astype(old.dtype);
      return [y, { mean: decay(running.mean, mean), var: decay(running.var, variance) }];
    },
  };
}
