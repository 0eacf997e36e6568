/**
 * A small GPT-style decoder in tessera, built from models.layers: learned token and position
 * embeddings, pre-LayerNorm blocks (causal multiHeadAttention, then an MLP of two dense layers with
 * tanh GELU), a final LayerNorm and an untied output layer: embedding, layerNorm,
 * multiHeadAttention and dense.
 *
 * Every benchmarked system starts from the same parameters, handed out in one plain layout
 * (`TransformerParams<A>`, generic in the leaf type so the peers use it for their own arrays):
 * attention as four [dModel, dModel] dense layers, LayerNorms as { gain, bias }. `toLayerParams`
 * reshapes it into the layers' layout (Flax's: per-head kernels [dModel, heads, headDim], norms
 * { scale, bias }, the token table as { table }) without changing a value.
 */
import { models, nn, np, random, type ArrayValue } from "../../index.js";

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

/** One pre-LayerNorm block in the shared layout. */
export interface Block<A = ArrayValue> {
  readonly norm1: Norm<A>;
  readonly attention: { readonly query: Dense<A>; readonly key: Dense<A>; readonly value: Dense<A>; readonly out: Dense<A> };
  readonly norm2: Norm<A>;
  readonly mlp: { readonly up: Dense<A>; readonly down: Dense<A> };
}

/** The whole model's parameters in the shared layout (the benchmark's data). */
export interface TransformerParams<A = ArrayValue> {
  readonly tokenEmbedding: A;
  readonly positionEmbedding: A;
  readonly blocks: readonly Block<A>[];
  readonly finalNorm: Norm<A>;
  readonly head: Dense<A>;
}

/** One block with its attention in multiHeadAttention's layout and its norms in layerNorm's. */
export interface LayerBlock {
  readonly norm1: models.layers.LayerNormParams;
  readonly attention: models.layers.MultiHeadAttentionParams;
  readonly norm2: models.layers.LayerNormParams;
  readonly mlp: { readonly up: models.layers.DenseParams; readonly down: models.layers.DenseParams };
}

/** The parameters tessera trains: the shared layout with each block's attention as multiHeadAttention's params. */
export interface LayerParams {
  readonly tokenEmbedding: models.layers.EmbeddingParams;
  readonly positionEmbedding: ArrayValue;
  readonly blocks: readonly LayerBlock[];
  readonly finalNorm: models.layers.LayerNormParams;
  readonly head: models.layers.DenseParams;
}

/** The shared layout's params as the layers' params: the same values, attention kernels split by head, LayerNorm gains as scales, the token table as embedding's. */
export function toLayerParams(config: TransformerConfig, params: TransformerParams): LayerParams {
  const { dModel, heads } = config;
  const headDim = dModel / heads;
  const perHead = (d: Dense) => ({ w: d.w.reshape([dModel, heads, headDim]), b: d.b.reshape([heads, headDim]) });
  const norm = (n: Norm) => ({ scale: n.gain, bias: n.bias });
  return {
    ...params,
    tokenEmbedding: { table: params.tokenEmbedding },
    finalNorm: norm(params.finalNorm),
    blocks: params.blocks.map((block) => ({
      ...block,
      norm1: norm(block.norm1),
      norm2: norm(block.norm2),
      attention: {
        query: perHead(block.attention.query),
        key: perHead(block.attention.key),
        value: perHead(block.attention.value),
        out: { w: block.attention.out.w.reshape([heads, headDim, dModel]), b: block.attention.out.b },
      },
    })),
  };
}

/** GPT-2's initialization: weights and embeddings ~ N(0, scale^2), LayerNorm gains 1, every bias 0 (in the shared layout). */
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

/** The model's layers for `config` (modules hold sizes only, so making them is cheap). */
function layersOf(config: TransformerConfig) {
  const { dModel, heads, mlpRatio, vocab, epsilon } = config;
  return {
    embedding: models.layers.embedding(vocab, dModel),
    norm: models.layers.layerNorm(dModel, { epsilon }),
    attention: models.layers.multiHeadAttention(heads, dModel, { causal: true }),
    up: models.layers.dense(dModel, mlpRatio * dModel),
    down: models.layers.dense(mlpRatio * dModel, dModel),
    head: models.layers.dense(dModel, vocab),
  };
}

/** Next-token logits [batch, seq, vocab] for int32 tokens [batch, seq]. */
export function transformerLogits(config: TransformerConfig, params: LayerParams, tokens: ArrayValue): ArrayValue {
  const layers = layersOf(config);
  let x = layers.embedding.apply(params.tokenEmbedding, tokens).add(params.positionEmbedding);
  for (const block of params.blocks) {
    x = x.add(layers.attention.apply(block.attention, layers.norm.apply(block.norm1, x)));
    x = x.add(layers.down.apply(block.mlp.down, nn.gelu(layers.up.apply(block.mlp.up, layers.norm.apply(block.norm2, x)))));
  }
  return layers.head.apply(params.head, layers.norm.apply(params.finalNorm, x));
}

/** Mean next-token cross-entropy; `targets` are one-hot [batch, seq, vocab]. */
export function transformerLoss(config: TransformerConfig, params: LayerParams, tokens: ArrayValue, targets: ArrayValue): ArrayValue {
  const logits = transformerLogits(config, params, tokens);
  return np.mean(np.sum(nn.logSoftmax(logits).mul(targets), { axis: -1 })).neg();
}
