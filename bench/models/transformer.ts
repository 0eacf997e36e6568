/**
 * A small GPT-style decoder in tessera, as a params record and a pure loss: learned token and
 * position embeddings, pre-LayerNorm blocks (causal multi-head attention, then an MLP with tanh
 * GELU), a final LayerNorm and an untied output layer. Tokens are looked up with `np.take`.
 */
import { nn, np, random, type ArrayValue } from "../../index.js";

/** The model's sizes; static configuration, never part of the params. */
export interface TransformerConfig {
  readonly vocab: number;
  readonly seq: number;
  readonly dModel: number;
  readonly heads: number;
  readonly layers: number;
  readonly mlpRatio: number;
  /** LayerNorm's epsilon. */
  readonly epsilon: number;
}

/** Weights [in, out] and bias [out] (leaves are arrays; benchmark data uses other leaf types). */
export interface Dense<A = ArrayValue> {
  readonly w: A;
  readonly b: A;
}

/** A LayerNorm's per-feature gain and bias. */
export interface Norm<A = ArrayValue> {
  readonly gain: A;
  readonly bias: A;
}

/** One pre-LayerNorm block. */
export interface Block<A = ArrayValue> {
  readonly norm1: Norm<A>;
  readonly attention: { readonly query: Dense<A>; readonly key: Dense<A>; readonly value: Dense<A>; readonly out: Dense<A> };
  readonly norm2: Norm<A>;
  readonly mlp: { readonly up: Dense<A>; readonly down: Dense<A> };
}

/** The whole model's parameters. */
export interface TransformerParams<A = ArrayValue> {
  readonly tokenEmbedding: A;
  readonly positionEmbedding: A;
  readonly blocks: readonly Block<A>[];
  readonly finalNorm: Norm<A>;
  readonly head: Dense<A>;
}

/** GPT-2's initialization: weights and embeddings ~ N(0, scale^2), LayerNorm gains 1, every bias 0. */
export function initTransformer(key: random.Key, config: TransformerConfig, scale = 0.02): TransformerParams {
  const { vocab, seq, dModel, layers, mlpRatio } = config;
  const keys = [...random.split(key, 3 + layers * 6)];
  let next = 0;
  const normal = (shape: readonly number[]) => random.normal(keys[next++]!, shape).mul(scale);
  const dense = (fanIn: number, fanOut: number): Dense => ({ w: normal([fanIn, fanOut]), b: np.zeros([fanOut]) });
  const norm = (): Norm => ({ gain: np.ones([dModel]), bias: np.zeros([dModel]) });
  const block = (): Block => ({
    norm1: norm(),
    attention: { query: dense(dModel, dModel), key: dense(dModel, dModel), value: dense(dModel, dModel), out: dense(dModel, dModel) },
    norm2: norm(),
    mlp: { up: dense(dModel, mlpRatio * dModel), down: dense(mlpRatio * dModel, dModel) },
  });
  return {
    tokenEmbedding: normal([vocab, dModel]),
    positionEmbedding: normal([seq, dModel]),
    blocks: Array.from({ length: layers }, block),
    finalNorm: norm(),
    head: dense(dModel, vocab),
  };
}

/** x @ w + b over the last axis. */
function dense(layer: Dense, x: ArrayValue): ArrayValue {
  return np.matmul(x, layer.w).add(layer.b);
}

/** LayerNorm over the last axis. */
function layerNorm(norm: Norm, x: ArrayValue, epsilon: number): ArrayValue {
  return nn.standardize(x, { epsilon }).mul(norm.gain).add(norm.bias);
}

/** Causal multi-head self-attention of x [batch, seq, dModel]; `causalBias` [seq, seq] is 0 on and below the diagonal, very negative above. */
function attention(block: Block["attention"], x: ArrayValue, causalBias: ArrayValue, heads: number): ArrayValue {
  const [batch, seq, dModel] = x.shape as [number, number, number];
  const headSize = dModel / heads;
  const split = (y: ArrayValue) => y.reshape([batch, seq, heads, headSize]).transpose([0, 2, 1, 3]);
  const q = split(dense(block.query, x));
  const k = split(dense(block.key, x));
  const v = split(dense(block.value, x));
  const scores = np.matmul(q, k.transpose([0, 1, 3, 2])).mul(1 / Math.sqrt(headSize)).add(causalBias);
  const mixed = np.matmul(nn.softmax(scores), v).transpose([0, 2, 1, 3]).reshape([batch, seq, dModel]);
  return dense(block.out, mixed);
}

/** Next-token logits [batch, seq, vocab] for int32 tokens [batch, seq]. */
export function transformerLogits(config: TransformerConfig, params: TransformerParams, tokens: ArrayValue, causalBias: ArrayValue): ArrayValue {
  let x = np.take(params.tokenEmbedding, tokens, { axis: 0 }).add(params.positionEmbedding);
  for (const block of params.blocks) {
    x = x.add(attention(block.attention, layerNorm(block.norm1, x, config.epsilon), causalBias, config.heads));
    x = x.add(dense(block.mlp.down, nn.gelu(dense(block.mlp.up, layerNorm(block.norm2, x, config.epsilon)))));
  }
  return dense(params.head, layerNorm(params.finalNorm, x, config.epsilon));
}

/** Mean next-token cross-entropy; `targets` are one-hot [batch, seq, vocab]. */
export function transformerLoss(config: TransformerConfig, params: TransformerParams, tokens: ArrayValue, targets: ArrayValue, causalBias: ArrayValue): ArrayValue {
  const logits = transformerLogits(config, params, tokens, causalBias);
  return np.mean(np.sum(nn.logSoftmax(logits).mul(targets), { axis: -1 })).neg();
}
