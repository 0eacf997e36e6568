/**
 * The embedding layer: a table of `numEmbeddings` learned vectors looked up by integer id, and
 * its transpose use (`attend`) for output heads tied to the input embedding. flax.linen.Embed's
 * lookup, attend and default initializer.
 */
import { isFloat } from "../../core/dtype.js";
import { describe, fail } from "../../core/errors.js";
import { NdArray, type ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import type * as random from "../../core/random/index.js";
import { func, oneOf, readOptions } from "../../core/validate.js";
import { checkArray, checkModelKey, checkRecord, checkSize } from "../checks.js";
import { varianceScaling, type Initializer } from "../init.js";
import { readContext, type Module } from "../module.js";

/** The params of embedding: the table [numEmbeddings, features], one row per id (Flax calls it `embedding`). */
export interface EmbeddingParams {
  readonly table: ArrayValue;
}

/** Options of embedding: the table's initializer (Flax's default: normal with variance 1 / features) and dtype. */
export interface EmbeddingOptions {
  readonly init?: Initializer;
  readonly dtype?: random.FloatDType;
}

/** An embedding module: `apply` looks ids up, `attend` scores vectors against every row. */
export interface EmbeddingModule extends Module<EmbeddingParams> {
  /** x [..., features] times the table's transpose: [..., numEmbeddings] (Flax's Embed.attend), for output logits tied to the embedding. */
  attend(params: EmbeddingParams, x: ArrayValue): ArrayValue;
}

/**
 * flax.linen.Embed's default initializer: variance_scaling(1, fan_in, normal, out_axis=0), whose
 * fan-in on a [numEmbeddings, features] table is `features` (both fans are read off axis 0, and
 * the remaining axis counts as receptive field), so rows are N(0, 1 / features).
 */
const embedInit: Initializer = (key, shape, options) => varianceScaling(1, "fanIn", "normal")(key, shape, { outAxis: 0, ...options });

/** Fails on a concrete id outside [-numEmbeddings, numEmbeddings), naming the layer (traced ids are checked by the gather when the program runs). */
function checkIdRange(ids: NdArray, numEmbeddings: number): void {
  for (const id of ids.toTypedArray()) {
    if (id < -numEmbeddings || id >= numEmbeddings) fail("embedding", `id ${id} is out of range for a table of ${numEmbeddings} rows (ids ${describe(ids)}); expected -${numEmbeddings} <= id < ${numEmbeddings}`);
  }
}

/**
 * An embedding of `numEmbeddings` ids into `features`-vectors (flax.linen.Embed): `apply(params,
 * ids)` gathers the table's rows for integer ids of any shape, giving [...ids.shape, features];
 * negative ids count from the end, and out-of-range ids are an error (where Flax gives NaN rows;
 * under jit the gather reports it when the program runs). `attend(params, x)`
 * is x times the table's transpose, the logits of an output layer sharing the table.
 *
 * @example
 * import { models, np, random } from "tessera";
 * const embed = models.layers.embedding(100, 16);
 * const params = embed.init(random.key(0));
 * const ids = np.array([[3, 14, 15], [92, 6, 5]], { dtype: "int32" });
 * const h = embed.apply(params, ids); // [2, 3, 16]
 * embed.attend(params, h).shape;     // [2, 3, 100]: tied output logits
 */
export function embedding(numEmbeddings: number, features: number, embeddingOptions?: EmbeddingOptions): EmbeddingModule {
  const op = "embedding";
  checkSize(op, "numEmbeddings", numEmbeddings);
  checkSize(op, "features", features);
  const options = readOptions(op, embeddingOptions, { init: func, dtype: oneOf<random.FloatDType>(["float32", "float64"]) }) as EmbeddingOptions;
  const init = options.init ?? embedInit;
  const checkParams = (params: EmbeddingParams) => {
    checkRecord(op, "params", params, ["table"], "EmbeddingParams");
    const { table } = params;
    if (table.ndim !== 2 || table.shape[0] !== numEmbeddings || table.shape[1] !== features) {
      fail(op, `params.table ${describe(table)} must be [${numEmbeddings},${features}] for this layer`);
    }
  };
  return {
    init(key) {
      checkModelKey(op, key);
      return { table: init(key, [numEmbeddings, features], { dtype: options.dtype ?? "float32" }) };
    },
    apply(params, ids, ctx) {
      readContext(op, ctx);
      checkParams(params);
      checkArray(op, "ids", ids);
      if (isFloat(ids.dtype) || ids.dtype === "bool") fail(op, `ids ${describe(ids)} must be an integer array (int32 or uint32): rows are looked up by integer id`);
      if (ids instanceof NdArray) checkIdRange(ids, numEmbeddings);
      return np.take(params.table, ids, { axis: 0 });
    },
    attend(params, x) {
      checkParams(params);
      checkArray(op, "x", x);
      if (x.ndim === 0 || x.shape[x.ndim - 1] !== features) fail(op, `attend's input ${describe(x)} must end with the layer's ${features} features`);
      return np.matmul(x, np.transpose(params.table));
    },
  };
}
