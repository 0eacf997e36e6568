/**
 * Multi-head dot-product attention as a module, laid out as flax.linen.MultiHeadDotProductAttention
 * (so Flax's params load by renaming kernel/bias to w/b), with self- and cross-attention, causal
 * and padding masks, attention dropout, rotary embeddings, and an explicit key/value cache for
 * step-by-step decoding.
 */
import { describe, fail } from "../../core/errors.js";
import { ArrayValue, NdArray } from "../../core/ndarray.js";
import * as lax from "../../core/lax/index.js";
import * as nn from "../../core/nn.js";
import * as np from "../../core/numpy/index.js";
import * as random from "../../core/random/index.js";
import { bool, describeValue, func, isPlainRecord, oneOf, readOptions, refine, finite, type OptionCheck } from "../../core/validate.js";
import { checkArray, checkModelKey, checkRecord, checkSize } from "../checks.js";
import { lecunNormal, zerosInit, type Initializer } from "../init.js";
import { readContext, requireKey, type Module, type ModuleContext } from "../module.js";
import { readInputRecord } from "./input-record.js";
import { rotaryEmbedding, type RotaryOptions } from "./positional.js";

/** A projection's params: kernel w ([features, heads, headDim] for query/key/value, [heads, headDim, outFeatures] for out) and bias b. */
export interface ProjectionParams {
  readonly w: ArrayValue;
  readonly b?: ArrayValue;
}

/** The params of multiHeadAttention: Flax's query, key, value and out DenseGeneral layers (kernel is w, bias is b). */
export interface MultiHeadAttentionParams {
  readonly query: ProjectionParams;
  readonly key: ProjectionParams;
  readonly value: ProjectionParams;
  readonly out: ProjectionParams;
}

/**
 * The input of multiHeadAttention besides a plain array (self-attention of that array):
 * `query` [batch?, queryLength, features]; `keyValue` [batch?, keyLength, contextFeatures], the
 * sequence attended to (the query itself when absent); `mask`, bool and broadcastable to
 * [batch, heads, queryLength, keyLength] as in nn.dotProductAttention (false: not attended); and
 * `paddingMask`, bool [batch?, keyLength], false at padded key positions.
 */
export interface AttentionInput {
  readonly query: ArrayValue;
  readonly keyValue?: ArrayValue;
  readonly mask?: ArrayValue;
  readonly paddingMask?: ArrayValue;
}

/** A key/value cache for decoding: keys and values [batch, maxLength, heads, headDim] (Flax's cached_key/cached_value) and the next position, an int32 scalar. */
export interface AttentionCache {
  readonly key: ArrayValue;
  readonly value: ArrayValue;
  readonly index: ArrayValue;
}

/** Options of multiHeadAttention; the names are Flax's in camelCase where Flax has one. */
export interface MultiHeadAttentionOptions {
  /** Total query/key/value features, heads * headDim (default: features). */
  readonly qkvFeatures?: number;
  /** Output features (default: features). */
  readonly outFeatures?: number;
  /** Features of the keyValue sequence in cross-attention (default: features). */
  readonly contextFeatures?: number;
  /** Whether the projections have biases (default true). */
  readonly bias?: boolean;
  /** Attention dropout rate, applied to the attention weights when `train` is true (default 0). */
  readonly dropout?: number;
  /** Share one dropout mask across batch and heads, as Flax's default (true). */
  readonly broadcastDropout?: boolean;
  /** Query position t attends only to key positions s <= t (default false). */
  readonly causal?: boolean;
  /** Rotate queries and keys by their positions (rotaryEmbedding) before the dot products: true, or { base }. */
  readonly rotary?: boolean | RotaryOptions;
  /** Kernel initializer (LeCun normal over the fan-in, Flax's default) and bias initializer (zeros). */
  readonly init?: Initializer;
  readonly outInit?: Initializer;
  readonly biasInit?: Initializer;
  readonly dtype?: random.FloatDType;
}

/** The attention module, with decoding: `initCache` makes an empty cache and `decode` runs steps against it. */
export interface MultiHeadAttention extends Module<MultiHeadAttentionParams, ArrayValue | AttentionInput> {
  /** An empty cache for `batch` sequences of up to `maxLength` positions (zeros, index 0). */
  initCache(batch: number, maxLength: number): AttentionCache;
  /**
   * Causal self-attention of the steps x [batch, steps, features] at positions index .. index +
   * steps - 1: writes their keys and values into the cache and attends to every cached position
   * up to each step's own. Returns the output [batch, steps, outFeatures] and the next cache.
   */
  decode(params: MultiHeadAttentionParams, x: ArrayValue, cache: AttentionCache, ctx?: ModuleContext): [ArrayValue, AttentionCache];
}

const OP = "multiHeadAttention";

const rate = refine(finite, (r) => r >= 0 && r < 1, "a rate in [0, 1)");
const size: OptionCheck<number> = refine(finite, (n) => Number.isInteger(n) && n >= 1, "a positive integer");
const rotaryOption: OptionCheck<boolean | RotaryOptions> = (op, name, value) => {
  if (typeof value === "boolean") return value;
  if (!isPlainRecord(value)) fail(op, `${name} must be true, false or { base }, got ${describeValue(value)}`);
  return readOptions(`${op} ${name}`, value, { base: refine(finite, (b) => b > 0, "a positive number") });
};
const spec = {
  qkvFeatures: size,
  outFeatures: size,
  contextFeatures: size,
  bias: bool,
  dropout: rate,
  broadcastDropout: bool,
  causal: bool,
  rotary: rotaryOption,
  init: func,
  outInit: func,
  biasInit: func,
  dtype: oneOf<random.FloatDType>(["float32", "float64"]),
};

/** The most negative finite value of each float dtype (Flax masks logits with finfo(dtype).min). */
const mostNegative: Record<string, number> = { float16: -65504, bfloat16: -3.3895313892515355e38, float32: -3.4028234663852886e38, float64: -Number.MAX_VALUE };

/**
 * Multi-head dot-product attention over `heads` heads of inputs with `features` features, as
 * flax.linen.MultiHeadDotProductAttention: `apply(params, x)` is self-attention of x [batch?,
 * length, features]; `apply(params, { query, keyValue, mask, paddingMask })` attends from the
 * query to another sequence and/or under masks (AttentionInput). Each head sees
 * qkvFeatures / heads features; dropout drops attention weights in training mode (give a key).
 *
 * @example
 * import { models, np, random } from "tessera";
 * const attention = models.layers.multiHeadAttention(2, 8, { causal: true });
 * const params = attention.init(random.key(0)); // params.query.w: [8, 2, 4]
 * attention.apply(params, np.ones([3, 5, 8])).shape; // [3, 5, 8]
 */
export function multiHeadAttention(heads: number, features: number, attentionOptions?: MultiHeadAttentionOptions): MultiHeadAttention {
  checkSize(OP, "heads", heads);
  checkSize(OP, "features", features);
  const options = readOptions(OP, attentionOptions, spec) as MultiHeadAttentionOptions;
  const qkvFeatures = options.qkvFeatures ?? features;
  const outFeatures = options.outFeatures ?? features;
  const contextFeatures = options.contextFeatures ?? features;
  if (qkvFeatures % heads !== 0) fail(OP, `qkvFeatures ${qkvFeatures} must be divisible by heads ${heads}`);
  const headDim = qkvFeatures / heads;
  const withBias = options.bias ?? true;
  const dropout = options.dropout ?? 0;
  const broadcastDropout = options.broadcastDropout ?? true;
  const causal = options.causal ?? false;
  const rotary = options.rotary === undefined || options.rotary === false ? undefined : options.rotary === true ? {} : options.rotary;
  if (rotary !== undefined && headDim % 2 !== 0) fail(OP, `rotary embeddings need an even head size, got qkvFeatures ${qkvFeatures} / heads ${heads} = ${headDim}`);
  const dtype = options.dtype ?? "float32";
  const init = options.init ?? lecunNormal;
  const outInit = options.outInit ?? init;
  const biasInit = options.biasInit ?? zerosInit;
  const fields = withBias ? ["w", "b"] : ["w"];

  const projection = (key: random.Key, inSize: number): ProjectionParams => {
    const [weightKey, biasKey] = random.split(key);
    const w = init(weightKey!, [inSize, heads, headDim], { dtype, inAxis: 0, outAxis: [1, 2] });
    return withBias ? { w, b: biasInit(biasKey!, [heads, headDim], { dtype }) } : { w };
  };

  /** Checks one projection's params against the shapes this layer expects. */
  const checkProjection = (name: string, p: unknown, wShape: readonly number[], bShape: readonly number[]): ProjectionParams => {
    checkRecord(OP, `params.${name}`, p, fields, "ProjectionParams");
    const { w, b } = p as ProjectionParams;
    const same = (x: ArrayValue, shape: readonly number[]) => x.ndim === shape.length && x.shape.every((d, i) => d === shape[i]);
    if (!same(w, wShape)) fail(OP, `params.${name}.w ${describe(w)} must be [${wShape.join(",")}] for this layer`);
    if (b !== undefined && !same(b, bShape)) fail(OP, `params.${name}.b ${describe(b)} must be [${bShape.join(",")}] for this layer`);
    return p as ProjectionParams;
  };

  const checkParams = (params: unknown): MultiHeadAttentionParams => {
    if (!isPlainRecord(params)) fail(OP, `params must be a { query, key, value, out } record, got ${describeValue(params)}`);
    const p = params as unknown as MultiHeadAttentionParams;
    checkProjection("query", p.query, [features, heads, headDim], [heads, headDim]);
    checkProjection("key", p.key, [contextFeatures, heads, headDim], [heads, headDim]);
    checkProjection("value", p.value, [contextFeatures, heads, headDim], [heads, headDim]);
    checkProjection("out", p.out, [heads, headDim, outFeatures], [outFeatures]);
    return p;
  };

  /** x [batch, length, inSize] to [batch, length, heads, headDim]. */
  const project = (p: ProjectionParams, x: ArrayValue): ArrayValue => {
    const [batch, length, inSize] = x.shape as [number, number, number];
    let y = np.matmul(x, np.reshape(p.w, [inSize, qkvFeatures]));
    if (p.b !== undefined) y = np.add(y, np.reshape(p.b, [qkvFeatures]));
    return np.reshape(y, [batch, length, heads, headDim]);
  };

  /** softmax(q k / sqrt(headDim), masked) v, with dropout on the weights in training; then the out projection. */
  const attend = (p: MultiHeadAttentionParams, q: ArrayValue, k: ArrayValue, v: ArrayValue, keep: ArrayValue | undefined, ctx: { train: boolean; key?: random.Key }): ArrayValue => {
    const [batch, queryLength] = q.shape as [number, number];
    const scaled = np.divide(q, np.array(Math.sqrt(headDim), { dtype: q.dtype }));
    // Head-batched matmuls [batch, heads, ...] rather than einsum: the same sums, and about 5% less
    // time in a jitted transformer step (bench B6).
    let logits = np.matmul(np.transpose(scaled, [0, 2, 1, 3]), np.transpose(k, [0, 2, 3, 1]));
    if (keep !== undefined) logits = np.where(keep, logits, np.array(mostNegative[logits.dtype] ?? mostNegative.float32!, { dtype: logits.dtype }));
    let weights = nn.softmax(logits);
    if (ctx.train && dropout > 0) {
      const keepProbability = np.array(1 - dropout, { dtype: weights.dtype });
      const shape = broadcastDropout ? [1, 1, ...weights.shape.slice(2)] : weights.shape;
      const kept = random.bernoulli(requireKey(OP, ctx), keepProbability, shape);
      weights = np.multiply(weights, np.divide(np.astype(kept, weights.dtype), keepProbability));
    }
    const mixed = np.reshape(np.transpose(np.matmul(weights, np.transpose(v, [0, 2, 1, 3])), [0, 2, 1, 3]), [batch, queryLength, qkvFeatures]);
    const y = np.matmul(mixed, np.reshape(p.out.w, [qkvFeatures, outFeatures]));
    return p.out.b === undefined ? y : np.add(y, p.out.b);
  };

  return {
    init(key) {
      checkModelKey(OP, key);
      const [queryKey, keyKey, valueKey, outKey] = random.split(key, 4);
      const [outWeightKey, outBiasKey] = random.split(outKey!);
      const outW = outInit(outWeightKey!, [heads, headDim, outFeatures], { dtype, inAxis: [0, 1], outAxis: 2 });
      return {
        query: projection(queryKey!, features),
        key: projection(keyKey!, contextFeatures),
        value: projection(valueKey!, contextFeatures),
        out: withBias ? { w: outW, b: biasInit(outBiasKey!, [outFeatures], { dtype }) } : { w: outW },
      };
    },

    apply(params, x, rawCtx) {
      const ctx = readContext(OP, rawCtx);
      const p = checkParams(params);
      const input = readAttentionInput(x, features, contextFeatures);
      const unbatched = input.query.ndim === 2;
      const [query, context] = unbatched ? [np.expandDims(input.query, 0), np.expandDims(input.context, 0)] : [input.query, input.context];
      const [batch, queryLength] = query.shape as [number, number];
      const keyLength = context.shape[1]!;
      let q = project(p.query, query);
      let k = project(p.key, context);
      const v = project(p.value, context);
      if (rotary !== undefined) {
        q = rotaryEmbedding(q, np.arange(queryLength, { dtype: "int32" }), rotary);
        k = rotaryEmbedding(k, np.arange(keyLength, { dtype: "int32" }), rotary);
      }
      const logitsShape = [batch, heads, queryLength, keyLength];
      const masks: ArrayValue[] = [];
      if (input.mask !== undefined) masks.push(broadcastMask("mask", input.mask, logitsShape));
      if (input.paddingMask !== undefined) masks.push(paddingMask(input.paddingMask, unbatched, logitsShape));
      if (causal) masks.push(np.reshape(np.tril(np.ones([queryLength, keyLength], { dtype: "bool" })), [1, 1, queryLength, keyLength]));
      const keep = masks.length === 0 ? undefined : masks.reduce((a, b) => np.logicalAnd(a, b));
      const y = attend(p, q, k, v, keep, ctx);
      return unbatched ? np.squeeze(y, 0) : y;
    },

    initCache(batch, maxLength) {
      checkSize(`${OP} initCache`, "batch", batch);
      checkSize(`${OP} initCache`, "maxLength", maxLength);
      const zeros = np.zeros([batch, maxLength, heads, headDim], { dtype });
      return { key: zeros, value: zeros, index: np.array(0, { dtype: "int32" }) };
    },

    decode(params, x, cache, rawCtx) {
      const op = `${OP} decode`;
      const ctx = readContext(op, rawCtx);
      const p = checkParams(params);
      checkArray(op, "x", x);
      if (x.ndim !== 3 || x.shape[2] !== features) fail(op, `x ${describe(x)} must be [batch, steps, ${features}]`);
      const [batch, steps] = x.shape as [number, number];
      checkRecord(op, "cache", cache, ["key", "value", "index"], "AttentionCache");
      const maxLength = cache.key.shape[1]!;
      const cacheShape = `[${batch},maxLength,${heads},${headDim}]`;
      for (const name of ["key", "value"] as const) {
        const c = cache[name];
        if (c.ndim !== 4 || c.shape[0] !== batch || c.shape[2] !== heads || c.shape[3] !== headDim || c.shape[1] !== maxLength) {
          fail(op, `cache.${name} ${describe(c)} must be ${cacheShape} for x ${describe(x)} (make it with initCache(batch, maxLength))`);
        }
      }
      if (cache.index.ndim !== 0 || cache.index.dtype !== "int32") fail(op, `cache.index ${describe(cache.index)} must be an int32 scalar`);
      if (steps > maxLength) fail(op, `x ${describe(x)} has ${steps} steps, more than the cache's maxLength ${maxLength}`);
      // dynamicUpdateSlice clamps a write past the end, which would silently overwrite the last
      // positions: caught here when the index is known (eager), documented for jit.
      if (cache.index instanceof NdArray && Number(cache.index.item()) + steps > maxLength) {
        fail(op, `writing ${steps} steps at position ${Number(cache.index.item())} runs past the cache's maxLength ${maxLength}`);
      }
      const positions = np.add(cache.index, np.arange(steps, { dtype: "int32" }));
      let q = project(p.query, x);
      let k = project(p.key, x);
      const v = project(p.value, x);
      if (rotary !== undefined) {
        q = rotaryEmbedding(q, positions, rotary);
        k = rotaryEmbedding(k, positions, rotary);
      }
      if (k.dtype !== cache.key.dtype) fail(op, `the steps' keys are ${k.dtype} but cache.key is ${describe(cache.key)}; make the cache with this layer's dtype`);
      const zero = np.array(0, { dtype: "int32" });
      const keys = lax.dynamicUpdateSlice(cache.key, k, [zero, cache.index, zero, zero]);
      const values = lax.dynamicUpdateSlice(cache.value, v, [zero, cache.index, zero, zero]);
      // Step t (at position index + t) sees the cached positions up to its own.
      const keep = np.reshape(np.lessEqual(np.expandDims(np.arange(maxLength, { dtype: "int32" }), 0), np.expandDims(positions, 1)), [1, 1, steps, maxLength]);
      const y = attend(p, q, keys, values, keep, ctx);
      return [y, { key: keys, value: values, index: np.add(cache.index, np.array(steps, { dtype: "int32" })) }];
    },
  };
}

/** The query, the sequence attended to, and the masks, from an array (self-attention) or an AttentionInput. */
function readAttentionInput(x: unknown, features: number, contextFeatures: number): { query: ArrayValue; context: ArrayValue; mask?: ArrayValue; paddingMask?: ArrayValue } {
  const expected = "an array [batch?, length, features] or a record { query, keyValue?, mask?, paddingMask? }";
  const record = x instanceof ArrayValue ? { query: x } : readInputRecord(OP, x, ["query", "keyValue", "mask", "paddingMask"], expected);
  const { query, keyValue, mask, paddingMask } = record as Partial<AttentionInput>;
  if (query === undefined) fail(OP, `input must be ${expected}, got ${describeValue(x)}`);
  checkArray(OP, "query", query);
  if ((query.ndim !== 2 && query.ndim !== 3) || query.shape[query.ndim - 1] !== features) fail(OP, `query ${describe(query)} must be [batch?, length, ${features}]`);
  if (keyValue !== undefined) {
    checkArray(OP, "keyValue", keyValue);
    const rankOk = keyValue.ndim === query.ndim && (query.ndim === 2 || keyValue.shape[0] === query.shape[0]);
    if (!rankOk || keyValue.shape[keyValue.ndim - 1] !== contextFeatures) {
      fail(OP, `keyValue ${describe(keyValue)} must be [${query.ndim === 3 ? `${query.shape[0]}, ` : ""}length, ${contextFeatures}] for query ${describe(query)}`);
    }
  } else if (contextFeatures !== features) {
    fail(OP, `self-attention needs contextFeatures ${contextFeatures} to equal features ${features}; pass the attended sequence as keyValue`);
  }
  for (const [name, m] of [["mask", mask], ["paddingMask", paddingMask]] as const) {
    if (m === undefined) continue;
    checkArray(OP, name, m);
    if (m.dtype !== "bool") fail(OP, `${name} must be a bool array, got ${describe(m)}`);
  }
  return { query, context: keyValue ?? query, ...(mask === undefined ? {} : { mask }), ...(paddingMask === undefined ? {} : { paddingMask }) };
}

/** A bool mask of rank <= 4 with leading axes added, checked to broadcast to the logits' shape. */
function broadcastMask(name: string, mask: ArrayValue, shape: readonly number[]): ArrayValue {
  const fits = mask.ndim <= 4 && mask.shape.every((d, i) => d === 1 || d === shape[4 - mask.ndim + i]);
  if (!fits) fail(OP, `${name} ${describe(mask)} must broadcast to [batch, heads, queryLength, keyLength] = [${shape.join(",")}]`);
  return mask.ndim === 4 ? mask : np.reshape(mask, [...Array(4 - mask.ndim).fill(1), ...mask.shape]);
}

/** A key padding mask [batch, keyLength] (or [keyLength] for one example) as a [batch, 1, 1, keyLength] mask. */
function paddingMask(mask: ArrayValue, unbatched: boolean, shape: readonly number[]): ArrayValue {
  const [batch, , , keyLength] = shape as [number, number, number, number];
  const ok = unbatched ? mask.ndim === 1 && mask.shape[0] === keyLength : mask.ndim === 2 && mask.shape[0] === batch && mask.shape[1] === keyLength;
  if (!ok) fail(OP, `paddingMask ${describe(mask)} must be [${unbatched ? "" : `${batch}, `}${keyLength}] (${unbatched ? "" : "batch, "}keyLength), true at real key positions`);
  return np.reshape(mask, [unbatched ? 1 : batch, 1, 1, keyLength]);
}
