/**
 * jax.nn.dot_product_attention's XLA reference semantics: softmax(q k^T * scale + bias, masked)
 * v over query/key/value laid out [batch, length, heads, headDim] (the batch may be left out),
 * with grouped-query attention when the query has a multiple of the key's heads.
 */
import { fail } from "./errors.js";
import { ArrayValue } from "./ndarray.js";
import * as np from "./numpy/index.js";
import { checkOperand } from "./numpy/promote.js";
import { bool, checkArity, describeValue, finite, oneOf, readOptions, type OptionCheck } from "./validate.js";
import { stopGradient } from "./lax/primitives.js";

/** Options of dotProductAttention (JAX's names in camelCase). */
export interface AttentionOptions {
  /** Added to the logits; broadcastable to [batch, heads, queryLength, keyLength]. */
  readonly bias?: ArrayValue;
  /** Bool, broadcastable to [batch, heads, queryLength, keyLength]: false entries are not attended to. */
  readonly mask?: ArrayValue;
  /** Multiplies the logits; 1 / sqrt(headDim) by default. */
  readonly scale?: number;
  /** Query position t attends only to key positions s <= t. */
  readonly isCausal?: boolean;
  /** Accepted for JAX compatibility: only "xla" (the reference computation) exists here. */
  readonly implementation?: "xla" | null;
}

const OP = "nn.dotProductAttention";

const arrayArg: OptionCheck<ArrayValue> = (op, name, value) => {
  if (!(value instanceof ArrayValue)) return fail(op, `${name} must be an array, got ${describeValue(value)}`);
  return value;
};

/** JAX options with no counterpart here yet: named so the error says so, rather than "unknown option". */
const unsupported = ["querySeqLengths", "keyValueSeqLengths", "localWindowSize", "returnResidual"];

/** An array of rank 3 or 4 with the batch axis added when absent (as JAX). */
function batched(name: string, x: ArrayValue): ArrayValue {
  if (x.ndim !== 3 && x.ndim !== 4) fail(OP, `${name} must have rank 3 [length, heads, headDim] or 4 [batch, length, heads, headDim], got shape [${x.shape.join(",")}]`);
  return x.ndim === 3 ? np.expandDims(x, 0) : x;
}

/** A bias or mask of rank <= 4, with leading size-1 axes added to rank 4 (as JAX). */
function logitsShaped(name: string, x: ArrayValue): ArrayValue {
  if (x.ndim > 4) fail(OP, `${name} must have rank <= 4 (broadcastable to [batch, heads, queryLength, keyLength]), got shape [${x.shape.join(",")}]`);
  return x.ndim === 4 ? x : np.reshape(x, [...Array(4 - x.ndim).fill(1), ...x.shape]);
}

/**
 * Scaled dot-product attention: out[b, t, n] = sum_s softmax_s(q[b,t,n] . k[b,s,n] * scale + bias) v[b,s,n].
 * Masked logits become a large negative number (so a fully masked row averages every value, as
 * JAX); the softmax runs in float32 and its probabilities take the key's dtype, as JAX's.
 */
export function dotProductAttention(query: ArrayValue, key: ArrayValue, value: ArrayValue, options: AttentionOptions | null = {}): ArrayValue {
  checkArity(OP, arguments, 4);
  [query, key, value].forEach((x, i) => checkOperand(OP, x, i));
  if (options !== null && typeof options === "object") {
    const asked = unsupported.find((name) => name in options);
    if (asked !== undefined) fail(OP, `option ${asked} is not supported yet; build the equivalent bool mask and pass it as mask`);
  }
  const o = readOptions(OP, options, { bias: arrayArg, mask: arrayArg, scale: finite, isCausal: bool, implementation: oneOf(["xla", null]) });
  const [q, k, v] = [batched("query", query as ArrayValue), batched("key", key as ArrayValue), batched("value", value as ArrayValue)];
  const [batch, keyLength, keyHeads, headDim] = k.shape as [number, number, number, number];
  const [, queryLength, heads] = q.shape as [number, number, number, number];
  const shapes = `query [${query.shape.join(",")}], key [${key.shape.join(",")}], value [${value.shape.join(",")}]`;
  if (v.shape.some((d, i) => d !== k.shape[i]) || v.dtype !== k.dtype) fail(OP, `value must have the key's shape and dtype; got ${shapes}, key ${k.dtype}, value ${v.dtype}`);
  if (q.dtype !== k.dtype) fail(OP, `query and key must share a dtype, got ${q.dtype} and ${k.dtype}`);
  if (q.shape[0] !== batch || q.shape[3] !== headDim) fail(OP, `query must be [batch ${batch}, length, heads, headDim ${headDim}] like the key; got ${shapes}`);
  if (heads % keyHeads !== 0) fail(OP, `the query's ${heads} heads must be a multiple of the key's ${keyHeads} heads; got ${shapes}`);
  if (o.mask !== undefined && o.mask.dtype !== "bool") fail(OP, `mask must be a bool array, got ${o.mask.dtype}[${o.mask.shape.join(",")}]`);
  const groups = heads / keyHeads;
  const logitsDtype = q.dtype === "float64" ? "float64" : "float32";
  // Query head n = kv * groups + g attends with key/value head kv (grouped-query attention).
  const grouped = np.reshape(np.astype(q, logitsDtype), [batch, queryLength, keyHeads, groups, headDim]);
  const scores = np.einsum("btkgh,bskh->bkgts", grouped, np.astype(k, logitsDtype));
  let logits = np.multiply(np.reshape(scores, [batch, heads, queryLength, keyLength]), np.array(o.scale ?? 1 / Math.sqrt(headDim), { dtype: logitsDtype }));
  if (o.bias !== undefined) logits = np.astype(np.add(logits, logitsShaped("bias", o.bias)), logitsDtype);
  let keep: ArrayValue | undefined = o.mask === undefined ? undefined : logitsShaped("mask", o.mask);
  if (o.isCausal) {
    const causal = np.reshape(np.tril(np.ones([queryLength, keyLength], { dtype: "bool" })), [1, 1, queryLength, keyLength]);
    keep = keep === undefined ? causal : np.logicalAnd(keep, causal);
  }
  if (keep !== undefined) {
    // JAX's "large negative": -0.7 times the largest float32, finite even after the float32 cast.
    logits = np.where(np.broadcastTo(keep, logits.shape), logits, np.array(-0.7 * 3.4028234663852886e38, { dtype: logitsDtype }));
  }
  const probabilities = np.astype(lastAxisSoftmax(np.astype(logits, "float32")), k.dtype);
  const mixed = np.einsum("bkgts,bskh->btkgh", np.reshape(probabilities, [batch, keyHeads, groups, queryLength, keyLength]), v);
  return np.reshape(mixed, query.shape);
}

/** Softmax along the last axis, shifted by the (gradient-stopped) max; nn.softmax imports this file's module, so not reused from there. */
function lastAxisSoftmax(x: ArrayValue): ArrayValue {
  const e = np.exp(np.subtract(x, stopGradient(np.max(x, { axis: -1, keepdims: true }))));
  return np.divide(e, np.sum(e, { axis: -1, keepdims: true }));
}
