/**
 * jax-js's B4 and B6 training steps: jit(valueAndGrad + SGD), with move semantics (every argument
 * is consumed; an array used twice is passed once as `.ref`). jax-js convolutions and pooling are
 * channels-first only (NCHW input, OIHW kernel), so the shared NHWC/HWIO data is transposed once at
 * setup, and the dense weights' rows reordered from HWC to CHW, outside the timed step. Max-pooling
 * is lax.reduceWindow with np.max over each window; the embedding lookup is np.take.
 */
import { blockUntilReady, jit, lax, nn, numpy as np, tree, valueAndGrad } from "@jax-js/jax";
import { B4, B6, convInputs, mapTensors, transformerInputs, type MapTensors, type Tensor, type TransformerInit } from "../data.js";
import type { Case } from "../harness.js";

type JArray = np.Array;

/** A jax-js array from benchmark data. */
function fromTensor(t: Tensor): JArray {
  return np.array(t.data).reshape([...t.shape]);
}

/** A jitted training step's case: the first (compiling) call is timed; the check is the last loss. */
export async function stepCase<P>(step: ((p: P, ...args: JArray[]) => [P, JArray]) & { dispose(): void }, initial: P, inputs: JArray[]): Promise<Case> {
  let params = initial;
  let loss: JArray | undefined;
  const run = async () => {
    loss?.dispose();
    [params, loss] = step(params, ...inputs.map((a) => a.ref));
    await blockUntilReady([params, loss]);
  };
  const start = performance.now();
  await run();
  const firstCallMs = performance.now() - start;
  return {
    body: run,
    firstCallMs,
    checkDigits: 6,
    check: () => (loss === undefined ? NaN : loss.ref.dataSync()[0]!),
    dispose: () => {
      tree.dispose([params as JArray, ...inputs]);
      loss?.dispose();
      step.dispose();
    },
  };
}

/** One SGD update of every leaf (consumes both trees). */
function sgd<P>(params: P, grads: P, lr: number): P {
  return tree.map((w: JArray, g: JArray) => w.sub(g.mul(lr)), params as never, grads as never) as P;
}

type ConvParams = { conv: { w: JArray; b: JArray }; dense: { w: JArray; b: JArray } };

/** B4's loss on NCHW inputs. */
function convLoss(p: ConvParams, x: JArray, y: JArray): JArray {
  const features = nn.relu(lax.conv(x, p.conv.w, [1, 1], "VALID").add(p.conv.b.reshape([B4.channels, 1, 1])));
  const pooled = lax.reduceWindow(features, (window: JArray) => np.max(window), [2, 2], [2, 2]);
  const logits = np.matmul(pooled.reshape([B4.batch, -1]), p.dense.w).add(p.dense.b);
  return np.mean(np.sum(nn.logSoftmax(logits).mul(y), -1)).mul(-1);
}

/** B4's SGD step. */
function convStep(p: ConvParams, x: JArray, y: JArray): [ConvParams, JArray] {
  const [loss, grads] = valueAndGrad(convLoss)(tree.ref(p), x, y);
  return [sgd(p, grads as ConvParams, B4.lr), loss];
}

/** B4: the shared NHWC/HWIO data in jax-js's channels-first layout. */
export async function convCase(): Promise<Case> {
  const { batch, size, channels, pooled, classes } = B4;
  const data = convInputs();
  const x = np.array(data.x).reshape([batch, size, size, 1]).transpose([0, 3, 1, 2]);
  const y = np.array(data.y).reshape([batch, classes]);
  const params: ConvParams = {
    conv: { w: fromTensor(data.params.conv.w).transpose([3, 2, 0, 1]), b: fromTensor(data.params.conv.b) },
    dense: {
      w: fromTensor(data.params.dense.w).reshape([pooled, pooled, channels, classes]).transpose([2, 0, 1, 3]).reshape([pooled * pooled * channels, classes]),
      b: fromTensor(data.params.dense.b),
    },
  };
  return stepCase(jit(convStep), params, [x, y]);
}

type Params = MapTensors<TransformerInit, JArray>;
type Dense = Params["head"];
type Norm = Params["finalNorm"];
type Block = Params["blocks"][number];

/** x @ w + b over the last axis. */
function dense(layer: Dense, x: JArray): JArray {
  return np.matmul(x, layer.w).add(layer.b);
}

/** LayerNorm over the last axis. */
function layerNorm(norm: Norm, x: JArray): JArray {
  return nn.standardize(x, -1, { epsilon: B6.epsilon }).mul(norm.gain).add(norm.bias);
}

/** Causal multi-head self-attention of x [batch, seq, dModel]. */
function attention(block: Block["attention"], x: JArray, causalBias: JArray): JArray {
  const { batch, seq, dModel, heads } = B6;
  const headSize = dModel / heads;
  const split = (y: JArray) => y.reshape([batch, seq, heads, headSize]).transpose([0, 2, 1, 3]);
  const q = split(dense(block.query, x.ref));
  const k = split(dense(block.key, x.ref));
  const v = split(dense(block.value, x));
  const scores = np.matmul(q, k.transpose([0, 1, 3, 2])).mul(1 / Math.sqrt(headSize)).add(causalBias);
  const mixed = np.matmul(nn.softmax(scores), v).transpose([0, 2, 1, 3]).reshape([batch, seq, dModel]);
  return dense(block.out, mixed);
}

/** B6's mean next-token cross-entropy (targets one-hot). */
function transformerLoss(p: Params, tokens: JArray, targets: JArray, causalBias: JArray): JArray {
  let x = np.take(p.tokenEmbedding, tokens, 0).add(p.positionEmbedding);
  p.blocks.forEach((block, i) => {
    const bias = i === p.blocks.length - 1 ? causalBias : causalBias.ref;
    x = x.ref.add(attention(block.attention, layerNorm(block.norm1, x), bias));
    x = x.ref.add(dense(block.mlp.down, nn.gelu(dense(block.mlp.up, layerNorm(block.norm2, x)))));
  });
  const logits = dense(p.head, layerNorm(p.finalNorm, x));
  return np.mean(np.sum(nn.logSoftmax(logits).mul(targets), -1)).mul(-1);
}

/** B6's SGD step. */
function transformerStep(p: Params, tokens: JArray, targets: JArray, causalBias: JArray): [Params, JArray] {
  const [loss, grads] = valueAndGrad(transformerLoss)(tree.ref(p), tokens, targets, causalBias);
  return [sgd(p, grads as Params, B6.lr), loss];
}

/** B6: the shared tokens, targets, mask and parameters. */
export async function transformerCase(): Promise<Case> {
  const { batch, seq, vocab } = B6;
  const data = transformerInputs();
  const tokens = np.array(data.inputs, { dtype: np.int32 }).reshape([batch, seq]);
  const targets = np.array(data.targetsOneHot).reshape([batch, seq, vocab]);
  const causalBias = np.array(data.causalBias).reshape([seq, seq]);
  return stepCase(jit(transformerStep), mapTensors(data.params, fromTensor), [tokens, targets, causalBias]);
}
