/**
 * Benchmark inputs as plain Float32Arrays from a fixed seed, so that every system (tessera and the
 * peers) computes on the very same numbers and their checksums can be compared.
 */
import { readFileSync } from "node:fs";
import type { Block, Dense, Norm, TransformerParams } from "./models/transformer.js";

/** A seeded uniform generator on [0, 1) (mulberry32: tiny, fast, good enough for test data). */
export function uniformStream(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `size` standard-normal float32 values (Box-Muller), times `scale`. */
export function normalData(seed: number, size: number, scale = 1): Float32Array {
  const next = uniformStream(seed);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - next()));
    const theta = 2 * Math.PI * next();
    out[i] = r * Math.cos(theta) * scale;
    if (i + 1 < size) out[i + 1] = r * Math.sin(theta) * scale;
  }
  return out;
}

/** `size` integer labels in [0, classes). */
export function labelData(seed: number, size: number, classes: number): Int32Array {
  const next = uniformStream(seed);
  return Int32Array.from({ length: size }, () => Math.floor(next() * classes));
}

/** One-hot float32 rows for `labels`. */
export function oneHotData(labels: Int32Array, classes: number): Float32Array {
  const out = new Float32Array(labels.length * classes);
  labels.forEach((label, i) => {
    out[i * classes + label] = 1;
  });
  return out;
}

/** A dense layer's float32 data: weights [fanIn, fanOut] ~ N(0, 1/fanIn), zero bias. */
export interface DenseInit {
  readonly w: Float32Array;
  readonly b: Float32Array;
  readonly fanIn: number;
  readonly fanOut: number;
}

/** The layers of an MLP with the given widths, each from its own seed. */
export function mlpInit(widths: readonly number[], seed: number): DenseInit[] {
  return widths.slice(1).map((fanOut, i) => {
    const fanIn = widths[i]!;
    return { w: normalData(seed + i, fanIn * fanOut, 1 / Math.sqrt(fanIn)), b: new Float32Array(fanOut), fanIn, fanOut };
  });
}

/** B1: two standard-normal N x N matrices. */
export function matmulInputs(n: number): { a: Float32Array; b: Float32Array } {
  return { a: normalData(1000 + n, n * n), b: normalData(2000 + n, n * n) };
}

/** B2: 1e6 standard-normal values. */
export const B2_SIZE = 1_000_000;

/** B2's input. */
export function chainInput(): Float32Array {
  return normalData(3, B2_SIZE);
}

/** B3 shapes: 784-256-256-10, batch 128, SGD 0.01. */
export const B3 = { widths: [784, 256, 256, 10], batch: 128, lr: 0.01 } as const;

/** B3's data: inputs, one-hot targets and initial layers. */
export function mlpInputs(): { x: Float32Array; y: Float32Array; layers: DenseInit[] } {
  const labels = labelData(5, B3.batch, 10);
  return { x: normalData(4, B3.batch * 784), y: oneHotData(labels, 10), layers: mlpInit(B3.widths, 6) };
}

/** B5 shapes: 100 features plus bias, batch 128. */
export const B5 = { features: 100, batch: 128 } as const;

/** B5's data: inputs, 0/1 targets, weights and bias. */
export function logregInputs(): { x: Float32Array; y: Float32Array; w: Float32Array; b: Float32Array } {
  const labels = labelData(8, B5.batch, 2);
  return {
    x: normalData(7, B5.batch * B5.features),
    y: Float32Array.from(labels),
    w: normalData(9, B5.features, 0.1),
    b: new Float32Array([0.1]),
  };
}

/** B7: full-batch gradient descent on digits, lr 0.5, 500 steps from zero. */
export const B7 = { features: 64, classes: 10, lr: 0.5, steps: 500 } as const;

/** B7's data: digits (../shared/data) with standardized features (zero-variance columns left at 0). */
export function digitsInputs(): { x: Float32Array; y: Float32Array; labels: Int32Array; rows: number } {
  const text = readFileSync(new URL("../../shared/data/digits.csv", import.meta.url), "utf8");
  const lines = text.trim().split("\n").slice(1);
  const rows = lines.length;
  const raw = new Float64Array(rows * B7.features);
  const labels = new Int32Array(rows);
  lines.forEach((line, i) => {
    const cells = line.split(",").map(Number);
    for (let j = 0; j < B7.features; j++) raw[i * B7.features + j] = cells[j]!;
    labels[i] = cells[B7.features]!;
  });
  const x = new Float32Array(raw.length);
  for (let j = 0; j < B7.features; j++) {
    let mean = 0;
    for (let i = 0; i < rows; i++) mean += raw[i * B7.features + j]!;
    mean /= rows;
    let variance = 0;
    for (let i = 0; i < rows; i++) variance += (raw[i * B7.features + j]! - mean) ** 2;
    const std = Math.sqrt(variance / rows);
    for (let i = 0; i < rows; i++) x[i * B7.features + j] = std === 0 ? 0 : (raw[i * B7.features + j]! - mean) / std;
  }
  return { x, y: oneHotData(labels, B7.classes), labels, rows };
}

/** Fraction of rows whose largest logit is at the label. */
export function accuracy(logits: ArrayLike<number>, labels: Int32Array, classes: number): number {
  let hits = 0;
  labels.forEach((label, i) => {
    let best = 0;
    for (let k = 1; k < classes; k++) if (logits[i * classes + k]! > logits[i * classes + best]!) best = k;
    if (best === label) hits++;
  });
  return hits / labels.length;
}

/** A float32 array with its shape, as every system receives a parameter. */
export interface Tensor {
  readonly data: Float32Array;
  readonly shape: readonly number[];
}

/** A tree of `Tensor`s with every leaf replaced by `A` (each system maps the init data to its arrays). */
export type MapTensors<T, A> = T extends Tensor ? A : T extends readonly (infer E)[] ? MapTensors<E, A>[] : { [K in keyof T]: MapTensors<T[K], A> };

/** Maps every `Tensor` leaf of a record/array tree through `f`. */
export function mapTensors<T, A>(tree: T, f: (t: Tensor) => A): MapTensors<T, A> {
  const go = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(go);
    const record = node as Record<string, unknown>;
    if (record.data instanceof Float32Array) return f(node as Tensor);
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, go(v)]));
  };
  return go(tree) as MapTensors<T, A>;
}

/** B4 shapes: input 32x28x28x1 NHWC, conv 5x5 -> 16 VALID, max-pool 2x2 stride 2, dense 12*12*16 -> 10, SGD lr 0.01. */
export const B4 = { batch: 32, size: 28, kernel: 5, channels: 16, pooled: 12, classes: 10, lr: 0.01 } as const;

/** B4's parameters: an HWIO kernel, its bias, and a dense layer over the pooled map flattened in HWC order. */
export interface ConvNetInit {
  readonly conv: { readonly w: Tensor; readonly b: Tensor };
  readonly dense: { readonly w: Tensor; readonly b: Tensor };
}

/** B4's data: NHWC inputs, one-hot targets, and parameters ~ N(0, 1/fanIn) with zero biases. */
export function convInputs(): { x: Float32Array; y: Float32Array; params: ConvNetInit } {
  const { batch, size, kernel, channels, pooled, classes } = B4;
  const flat = pooled * pooled * channels;
  return {
    x: normalData(40, batch * size * size),
    y: oneHotData(labelData(41, batch, classes), classes),
    params: {
      conv: { w: { data: normalData(42, kernel * kernel * channels, 1 / kernel), shape: [kernel, kernel, 1, channels] }, b: { data: new Float32Array(channels), shape: [channels] } },
      dense: { w: { data: normalData(43, flat * classes, 1 / Math.sqrt(flat)), shape: [flat, classes] }, b: { data: new Float32Array(classes), shape: [classes] } },
    },
  };
}

/** B6 shapes: a GPT-style pre-LayerNorm transformer, batch 16, SGD lr 0.01. */
export const B6 = { vocab: 64, seq: 64, dModel: 64, heads: 4, layers: 2, mlpRatio: 4, batch: 16, lr: 0.01, initScale: 0.02, epsilon: 1e-5 } as const;

/** B6's parameter records with data leaves (the model's own types, bench/models/transformer.ts). */
export type DenseTensors = Dense<Tensor>;
export type NormTensors = Norm<Tensor>;
export type BlockInit = Block<Tensor>;
export type TransformerInit = TransformerParams<Tensor>;

/** B6's initial parameters: weights and embeddings ~ N(0, 0.02^2), each from its own seed; gains 1, biases 0. */
export function transformerInit(): TransformerInit {
  const { vocab, seq, dModel, layers, mlpRatio, initScale } = B6;
  let seed = 600;
  const normal = (shape: readonly number[]): Tensor => ({ data: normalData(seed++, shape.reduce((a, b) => a * b, 1), initScale), shape });
  const filled = (size: number, value: number): Tensor => ({ data: new Float32Array(size).fill(value), shape: [size] });
  const dense = (fanIn: number, fanOut: number): DenseTensors => ({ w: normal([fanIn, fanOut]), b: filled(fanOut, 0) });
  const norm = (): NormTensors => ({ gain: filled(dModel, 1), bias: filled(dModel, 0) });
  const block = (): BlockInit => ({
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

/** B6's data: random tokens [batch, seq + 1] split into inputs and next-token targets (also one-hot), and the additive causal mask. */
export function transformerInputs(): { inputs: Int32Array; targets: Int32Array; targetsOneHot: Float32Array; causalBias: Float32Array; params: TransformerInit } {
  const { batch, seq, vocab } = B6;
  const tokens = labelData(60, batch * (seq + 1), vocab);
  const inputs = new Int32Array(batch * seq);
  const targets = new Int32Array(batch * seq);
  for (let b = 0; b < batch; b++) {
    inputs.set(tokens.subarray(b * (seq + 1), b * (seq + 1) + seq), b * seq);
    targets.set(tokens.subarray(b * (seq + 1) + 1, (b + 1) * (seq + 1)), b * seq);
  }
  // -1e9 rather than -inf: exp underflows to exactly 0 after the max shift, and no system sees inf - inf.
  const causalBias = new Float32Array(seq * seq);
  for (let i = 0; i < seq; i++) for (let j = i + 1; j < seq; j++) causalBias[i * seq + j] = -1e9;
  return { inputs, targets, targetsOneHot: oneHotData(targets, vocab), causalBias, params: transformerInit() };
}
