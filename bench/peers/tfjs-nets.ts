/**
 * TF.js's B3/B4/B6 training steps: optimizer.minimize over tf.Variables (TF.js's idiom for value
 * and gradients + SGD update), the conv net with tf.conv2d/tf.maxPool (NHWC, HWIO), and the
 * transformer. Two kernels are missing from the wasm backend (4.22): Conv2DBackpropFilter, so B4
 * there takes the filter gradient through tf.customGrad as a forward tf.conv2d (the standard
 * identity, exact), and UnsortedSegmentSum (tf.gather's gradient), so B6's embedding lookup is a
 * one-hot matmul on both backends.
 */
import * as tf from "@tensorflow/tfjs";
import { B4, B6, convInputs, mapTensors, transformerInputs, type MapTensors, type Tensor, type TransformerInit } from "../data.js";
import type { Case } from "../harness.js";

/** Variables for every tensor of an init tree, and the flat list optimizer.minimize needs. */
function variables<T>(init: T): { params: MapTensors<T, tf.Variable>; list: tf.Variable[] } {
  const list: tf.Variable[] = [];
  const params = mapTensors(init, (t: Tensor) => {
    const v = tf.variable(tf.tensor(t.data, [...t.shape]));
    list.push(v);
    return v;
  });
  return { params, list };
}

/** A training-step case: each step is one optimizer.minimize; the first call is timed; the check is the last loss. */
export function minimizeCase(loss: () => tf.Scalar, vars: tf.Variable[], lr: number, inputs: tf.Tensor[]): Case {
  const optimizer = tf.train.sgd(lr);
  let cost: tf.Scalar | null = null;
  const step = () => {
    cost?.dispose();
    cost = optimizer.minimize(loss, true, vars);
  };
  const start = performance.now();
  step();
  const firstCallMs = performance.now() - start;
  return {
    body: step,
    firstCallMs,
    checkDigits: 6,
    check: () => (cost === null ? NaN : cost.dataSync()[0]!),
    dispose: () => {
      tf.dispose([...inputs, ...vars]);
      optimizer.dispose();
      (cost as tf.Scalar | null)?.dispose();
    },
  };
}

/** Stride-1 VALID conv2d whose gradients use only kernels the wasm backend has: dx by conv2dTranspose, dw as a conv of x with dy. */
const convWithForwardFilterGrad = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, w, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, "valid"),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as [tf.Tensor4D, tf.Tensor4D];
      const dx = tf.conv2dTranspose(dy as tf.Tensor4D, ws, xs.shape, 1, "valid");
      // dw[i,j,c,o] = sum over n,h,w of x[n,h+i,w+j,c] dy[n,h,w,o]: a VALID conv with batch and channels swapped.
      const swapped = tf.conv2d(tf.transpose(xs, [3, 1, 2, 0]), tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D, 1, "valid");
      return [dx, tf.transpose(swapped, [1, 2, 0, 3])];
    },
  };
});

/** B4: conv 5x5 VALID + bias, ReLU, max-pool 2x2 stride 2, dense + bias, softmax cross-entropy. */
export function convCase(): Case {
  const data = convInputs();
  const x = tf.tensor4d(data.x, [B4.batch, B4.size, B4.size, 1]);
  const y = tf.tensor2d(data.y, [B4.batch, B4.classes]);
  const { params: p, list } = variables(data.params);
  const native = tf.getKernel("Conv2DBackpropFilter", tf.getBackend()) !== undefined;
  const conv = (w: tf.Tensor) => (native ? tf.conv2d(x, w as tf.Tensor4D, 1, "valid") : convWithForwardFilterGrad(x, w));
  const loss = () => {
    const features = tf.relu(tf.add(conv(p.conv.w), p.conv.b));
    const pooled = tf.maxPool(features as tf.Tensor4D, 2, 2, "valid");
    const logits = tf.add(tf.matMul(tf.reshape(pooled, [B4.batch, -1]), p.dense.w), p.dense.b);
    return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
  };
  const made = minimizeCase(loss, list, B4.lr, [x, y]);
  return native ? made : { ...made, extra: () => ({ note: "filter gradient via tf.customGrad + conv2d (no Conv2DBackpropFilter kernel)" }) };
}

type Params = MapTensors<TransformerInit, tf.Variable>;
type Dense = Params["head"];
type Norm = Params["finalNorm"];
type Block = Params["blocks"][number];

/** x @ w + b over the last axis (tf.matMul does not broadcast a 2-D rhs, so rows are flattened). */
function dense(layer: Dense, x: tf.Tensor): tf.Tensor {
  const rows = tf.reshape(x, [-1, x.shape[x.rank - 1]!]);
  const out = tf.add(tf.matMul(rows, layer.w), layer.b);
  return tf.reshape(out, [...x.shape.slice(0, -1), layer.w.shape[1]!]);
}

/** LayerNorm over the last axis. */
function layerNorm(norm: Norm, x: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, B6.epsilon))), norm.gain), norm.bias);
}

/** GELU, tanh form (TF.js core has no gelu op). */
function gelu(x: tf.Tensor): tf.Tensor {
  const inner = tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.pow(x, 3))));
  return tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(inner)));
}

/** Causal multi-head self-attention of x [batch, seq, dModel]. */
function attention(block: Block["attention"], x: tf.Tensor, causalBias: tf.Tensor): tf.Tensor {
  const { batch, seq, dModel, heads } = B6;
  const headSize = dModel / heads;
  const split = (y: tf.Tensor) => tf.transpose(tf.reshape(y, [batch, seq, heads, headSize]), [0, 2, 1, 3]);
  const q = split(dense(block.query, x));
  const k = split(dense(block.key, x));
  const v = split(dense(block.value, x));
  const scores = tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(headSize)), causalBias);
  const mixed = tf.reshape(tf.transpose(tf.matMul(tf.softmax(scores), v), [0, 2, 1, 3]), [batch, seq, dModel]);
  return dense(block.out, mixed);
}

/** B6: the pre-LayerNorm transformer's mean next-token cross-entropy. */
export function transformerCase(): Case {
  const { batch, seq, vocab } = B6;
  const data = transformerInputs();
  const tokens = tf.tidy(() => tf.oneHot(tf.tensor1d(data.inputs, "int32"), vocab));
  const targets = tf.tensor2d(data.targetsOneHot, [batch * seq, vocab]);
  const causalBias = tf.tensor2d(data.causalBias, [seq, seq]);
  const { params: p, list } = variables(data.params);
  const loss = () => {
    let x = tf.add(tf.reshape(tf.matMul(tokens, p.tokenEmbedding), [batch, seq, B6.dModel]), p.positionEmbedding);
    for (const block of p.blocks) {
      x = tf.add(x, attention(block.attention, layerNorm(block.norm1, x), causalBias));
      x = tf.add(x, dense(block.mlp.down, gelu(dense(block.mlp.up, layerNorm(block.norm2, x)))));
    }
    const logits = dense(p.head, layerNorm(p.finalNorm, x));
    return tf.losses.softmaxCrossEntropy(targets, tf.reshape(logits, [batch * seq, vocab])) as tf.Scalar;
  };
  return minimizeCase(loss, list, B6.lr, [tokens, targets, causalBias]);
}
