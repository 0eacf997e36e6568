/**
 * Benchmark inputs as plain Float32Arrays from a fixed seed, so that every system (tessera and the
 * peers) computes on the very same numbers and their checksums can be compared.
 */
import { readFileSync } from "node:fs";

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
