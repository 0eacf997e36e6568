/**
 * Dropout as a module without params: in training it zeroes each entry with probability `rate`
 * and scales the kept ones by 1 / (1 - rate), so the expected output is the input; in inference
 * it is the identity. The mask is flax.linen.Dropout's: random.bernoulli(key, 1 - rate, shape)
 * drawn from the context's key as given, so a key masks the entries Flax's `rng` argument does.
 */
import { isFloat } from "../../core/dtype.js";
import { describe, fail } from "../../core/errors.js";
import * as np from "../../core/numpy/index.js";
import { scalar } from "../../core/numpy/promote.js";
import * as random from "../../core/random/index.js";
import { normalizeAxis } from "../../core/shape.js";
import { describeValue, integerList, number, readOptions, refine } from "../../core/validate.js";
import { checkArray, checkModelKey } from "../checks.js";
import { readContext, requireKey, type Module } from "../module.js";

/** Options of dropout. */
export interface DropoutOptions {
  /** Axes that share one mask value (Flax's broadcast_dims): [0] drops the same features for every example. */
  readonly broadcastDims?: readonly number[];
}

/**
 * Dropout at `rate` (the probability of dropping, not of keeping), flax.linen.Dropout. Params are
 * `null`. With `{ train: true, key }` each entry is kept with probability 1 - rate and divided by
 * it, else zeroed; the mask is drawn in the input's float dtype with random.bernoulli(key, 1 - rate),
 * as Flax draws it (float32 as JAX by default, float64 as JAX with x64), so a key gives Flax's
 * mask. Rate 0 is the identity and rate 1 gives zeros, neither needing a key; without `train` it
 * is the identity. Inside `sequential`, each layer gets its own key split from the network's.
 *
 * @example
 * import { models, np, random } from "tessera";
 * const drop = models.layers.dropout(0.5);
 * const x = np.ones([2, 4]);
 * drop.apply(null, x, { train: true, key: random.key(0) }); // entries 0 or 2
 * drop.apply(null, x);                                       // x itself (inference)
 */
export function dropout(rate: number, dropoutOptions?: DropoutOptions): Module<null> {
  const op = "dropout";
  refine(number, (v) => v >= 0 && v <= 1, "a number in [0, 1] (the probability of dropping an entry)")(op, "rate", rate);
  const { broadcastDims } = readOptions(op, dropoutOptions, { broadcastDims: integerList });
  const keep = 1 - rate;
  return {
    init(key) {
      checkModelKey(op, key);
      return null;
    },
    apply(params, x, ctx) {
      const read = readContext(op, ctx);
      if (params !== null) fail(op, `has no params: pass null, got ${describeValue(params)}`);
      checkArray(op, "x", x);
      if (!read.train || rate === 0) return x;
      if (!isFloat(x.dtype)) fail(op, `input ${describe(x)} must be a float array to be dropped out in training`);
      if (rate === 1) return np.zerosLike(x);
      const maskShape = [...x.shape];
      for (const dim of broadcastDims ?? []) maskShape[normalizeAxis(op, dim, x.ndim)] = 1;
      const mask = random.bernoulli(requireKey(op, read), scalar(keep, x.dtype), maskShape);
      // x * (1 / keep), the reciprocal in x's dtype: XLA rewrites Flax's x / keep into this
      // multiplication, so it is what gives Flax's outputs to the bit.
      const scale = np.divide(1, scalar(keep, x.dtype));
      return np.where(mask, np.multiply(x, scale), np.zerosLike(x));
    },
  };
}
