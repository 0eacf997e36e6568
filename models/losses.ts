/**
 * Losses: pure functions of predictions and targets, differentiable with `grad` and safe under
 * `jit` and `vmap`. Each computes a per-element (or per-example) loss and reduces it with the
 * mean by default (`reduction: "sum"` or `"none"` otherwise). Margin losses take labels in
 * {-1, +1}; the others take targets shaped like their predictions. Penalties sum over a params
 * pytree.
 *
 * Gradients at kinks are JAX's (optax's formulas differentiated by jax.grad): hinge and perceptron
 * give half the slope where the margin is exactly at the kink, Huber gives 0 at 0, and the L1
 * penalty gives 1 at 0 (abs'(0) = 1 in JAX).
 */
import { describe, fail } from "../core/errors.js";
import { isFloat } from "../core/dtype.js";
import { ArrayValue, NdArray, type ArrayOrScalar } from "../core/ndarray.js";
import * as nn from "../core/nn.js";
import * as np from "../core/numpy/index.js";
import { promoteToFloat } from "../core/numpy/promote.js";
import * as tree from "../core/tree.js";
import { describeValue, finite, oneOf, readOptions, refine } from "../core/validate.js";

/** How a loss combines its per-element values: their mean (the default), their sum, or none (the array itself). */
export type Reduction = "mean" | "sum" | "none";

/** The reduction option every loss takes. */
export interface ReductionOptions {
  readonly reduction?: Reduction;
}

// ---------------------------------------------------------------------------------------------
// helpers

/** The options every loss takes. */
const reductionSpec = { reduction: oneOf<Reduction>(["mean", "sum", "none"]) };

/** Reads a loss's options (null means none); unknown keys and bad values fail before anything is computed. */
function lossOptions(op: string, options: unknown): ReductionOptions {
  return readOptions(op, options, reductionSpec);
}

function reduce(values: ArrayValue, options: ReductionOptions): ArrayValue {
  const reduction = options.reduction ?? "mean";
  if (reduction === "sum") return np.sum(values);
  if (reduction === "none") return values;
  return np.mean(values);
}

/** Both operands as arrays of one float dtype, after checking they have the same shape. */
function sameShapeFloats(op: string, predictions: ArrayOrScalar, targets: ArrayOrScalar, names: [string, string]): [ArrayValue, ArrayValue] {
  if (!(predictions instanceof ArrayValue) || !(targets instanceof ArrayValue)) {
    fail(op, `${names[0]} and ${names[1]} must be arrays, got ${describeValue(predictions)} and ${describeValue(targets)}`);
  }
  predictions.assertLive(op);
  targets.assertLive(op);
  if (predictions.shape.length !== targets.shape.length || predictions.shape.some((d, i) => d !== targets.shape[i])) {
    fail(op, `${names[0]} ${describe(predictions)} and ${names[1]} ${describe(targets)} must have the same shape`);
  }
  const [p, t] = promoteToFloat(op, predictions, targets);
  return [p!, t!];
}

/**
 * Fails when a concrete `labels` array holds a value `holds` rejects, naming the value and its
 * index (`expected` says what is wanted). Traced labels cannot be read while tracing: the caller
 * decides what they give.
 */
function checkConcreteLabels(op: string, labels: ArrayValue, name: string, holds: (v: number) => boolean, expected: string): void {
  if (!(labels instanceof NdArray)) return;
  const values = labels.toTypedArray();
  const bad = values.findIndex((v) => !holds(v));
  if (bad < 0) return;
  const index: number[] = [];
  for (let axis = labels.ndim - 1, rest = bad; axis >= 0; axis--) {
    index.unshift(rest % labels.shape[axis]!);
    rest = Math.floor(rest / labels.shape[axis]!);
  }
  fail(op, `${name} must be ${expected}, got ${values[bad]} at index [${index.join(",")}] of ${name} ${describe(labels)}`);
}

const isSign = (v: number): boolean => v === 1 || v === -1;
const signHint = "-1 or +1 (for labels in {0, 1} pass 2 * y - 1)";

/**
 * log(1 + e^z) exact to rounding on both sides and with the true derivative sigmoid(z) at 0
 * (logaddexp's max takes the whole tangent at a tie there). Each branch only sees inputs it
 * cannot overflow on, so the unselected branch never sends NaN into the gradient.
 */
function softplus(z: ArrayValue): ArrayValue {
  const positive = np.greater(z, 0);
  const above = np.where(positive, z, 0);
  const below = np.where(positive, 0, z);
  return np.where(positive, np.add(above, np.log1p(np.exp(np.negative(above)))), np.log1p(np.exp(below)));
}

/** max(m, 0): at m = 0 its gradient is half the slope, as jnp.maximum's (ties split in halves). */
function positivePart(m: ArrayValue): ArrayValue {
  return np.maximum(m, 0);
}

// ---------------------------------------------------------------------------------------------
// regression

/** Mean of (predictions - targets)^2 (shapes must match). */
export function meanSquaredError(predictions: ArrayValue, targets: ArrayValue, options?: ReductionOptions): ArrayValue {
  const read = lossOptions("meanSquaredError", options);
  const [p, t] = sameShapeFloats("meanSquaredError", predictions, targets, ["predictions", "targets"]);
  return reduce(np.square(np.subtract(p, t)), read);
}

/**
 * The Huber loss of the error e = predictions - targets: e^2 / 2 where |e| <= delta, and
 * delta * (|e| - delta / 2) beyond (default delta 1).
 */
export function huber(predictions: ArrayValue, targets: ArrayValue, options?: ReductionOptions & { readonly delta?: number }): ArrayValue {
  const read = readOptions("huber", options, { ...reductionSpec, delta: refine(finite, (d) => d > 0, "a positive finite number") });
  const delta = read.delta ?? 1;
  const [p, t] = sameShapeFloats("huber", predictions, targets, ["predictions", "targets"]);
  const size = np.abs(np.subtract(p, t));
  const quadratic = np.minimum(size, delta);
  const linear = np.subtract(size, quadratic);
  return reduce(np.add(np.multiply(0.5, np.square(quadratic)), np.multiply(delta, linear)), read);
}

// ---------------------------------------------------------------------------------------------
// classification from logits

/**
 * Cross-entropy of softmax(logits) along the last axis against `labels`: either integer class
 * indices shaped like logits without its last axis, or float targets (one-hot or probabilities)
 * shaped like logits. Per example: logsumexp(logits) - logits[label], computed from the shifted
 * log-softmax, so logits of magnitude 1e4 give finite, exact losses and gradients. An integer
 * label outside [0, classes) is an error naming it and its index when the labels are concrete;
 * traced labels (under jit or vmap) give NaN for that example, as optax's take_along_axis does
 * for labels past the last class. (JAX wraps a negative label in [-classes, 0) to a class from
 * the end; tessera treats it as out of range, since -1 usually marks a missing label.)
 */
export function softmaxCrossEntropy(logits: ArrayValue, labels: ArrayValue, options?: ReductionOptions): ArrayValue {
  const read = lossOptions("softmaxCrossEntropy", options);
  const op = "softmaxCrossEntropy";
  if (!(logits instanceof ArrayValue) || !(labels instanceof ArrayValue)) fail(op, `logits and labels must be arrays, got ${describeValue(logits)} and ${describeValue(labels)}`);
  if (logits.ndim === 0) fail(op, `logits must have a class axis (the last), got ${describe(logits)}`);
  const logProbabilities = nn.logSoftmax(promoteToFloat(op, logits)[0]!);
  const classes = logits.shape[logits.ndim - 1]!;
  if (!isFloat(labels.dtype)) {
    const batch = logits.shape.slice(0, -1);
    if (labels.ndim !== batch.length || labels.shape.some((d, i) => d !== batch[i])) {
      fail(op, `integer labels ${describe(labels)} must have the shape of logits ${describe(logits)} without its last axis, [${batch.join(",")}]`);
    }
    checkConcreteLabels(op, labels, "labels", (v) => v >= 0 && v < classes, `class indices in [0, ${classes})`);
    const chosen = np.equal(np.expandDims(labels, -1), np.arange(classes));
    const losses = np.negative(np.sum(np.where(chosen, logProbabilities, 0), { axis: -1 }));
    if (labels instanceof NdArray) return reduce(losses, read);
    const inRange = np.logicalAnd(np.greaterEqual(labels, 0), np.less(labels, classes));
    return reduce(np.where(inRange, losses, NaN), read);
  }
  const [logp, targets] = sameShapeFloats(op, logProbabilities, labels, ["logits", "probability labels"]);
  // A zero target contributes nothing even where the log-probability is -inf (a masked class).
  const terms = np.where(np.equal(targets, 0), 0, np.multiply(targets, logp));
  return reduce(np.negative(np.sum(terms, { axis: -1 })), read);
}

/**
 * Binary cross-entropy of sigmoid(logits) against targets in [0, 1] (shaped like logits):
 * targets * softplus(-logits) + (1 - targets) * softplus(logits), exact for logits of any size.
 * Concrete targets outside [0, 1] are an error naming the first; traced ones enter the formula
 * as they are (as optax).
 */
export function binaryCrossEntropy(logits: ArrayValue, targets: ArrayValue, options?: ReductionOptions): ArrayValue {
  const read = lossOptions("binaryCrossEntropy", options);
  const [z, y] = sameShapeFloats("binaryCrossEntropy", logits, targets, ["logits", "targets"]);
  checkConcreteLabels("binaryCrossEntropy", targets, "targets", (v) => v >= 0 && v <= 1, "in [0, 1]");
  const losses = np.add(np.multiply(y, softplus(np.negative(z))), np.multiply(np.subtract(1, y), softplus(z)));
  return reduce(losses, read);
}

// ---------------------------------------------------------------------------------------------
// margin losses (labels in {-1, +1}: concrete labels holding anything else, such as {0, 1}
// labels whose 0s would each add a constant loss with no gradient, are an error; traced labels
// enter the formula as they are, as optax)

/** The hinge loss max(0, 1 - labels * scores), labels in {-1, +1}. */
export function hinge(scores: ArrayValue, labels: ArrayValue, options?: ReductionOptions): ArrayValue {
  const read = lossOptions("hinge", options);
  const [z, y] = sameShapeFloats("hinge", scores, labels, ["scores", "labels"]);
  checkConcreteLabels("hinge", labels, "labels", isSign, signHint);
  return reduce(positivePart(np.subtract(1, np.multiply(y, z))), read);
}

/** The logistic (margin) loss log(1 + exp(-labels * scores)), labels in {-1, +1}, exact for large margins of either sign. */
export function logisticLoss(scores: ArrayValue, labels: ArrayValue, options?: ReductionOptions): ArrayValue {
  const read = lossOptions("logisticLoss", options);
  const [z, y] = sameShapeFloats("logisticLoss", scores, labels, ["scores", "labels"]);
  checkConcreteLabels("logisticLoss", labels, "labels", isSign, signHint);
  return reduce(softplus(np.negative(np.multiply(y, z))), read);
}

/** The perceptron loss max(0, -labels * scores), labels in {-1, +1}. */
export function perceptronLoss(scores: ArrayValue, labels: ArrayValue, options?: ReductionOptions): ArrayValue {
  const read = lossOptions("perceptronLoss", options);
  const [z, y] = sameShapeFloats("perceptronLoss", scores, labels, ["scores", "labels"]);
  checkConcreteLabels("perceptronLoss", labels, "labels", isSign, signHint);
  return reduce(positivePart(np.negative(np.multiply(y, z))), read);
}

// ---------------------------------------------------------------------------------------------
// penalties over a params pytree

function floatLeaves(op: string, params: unknown): ArrayValue[] {
  // undefined is no pytree but a misspelled field (params.wieghts): its penalty would be a quiet 0.
  // An empty record or list (or null, JAX's None) is an empty pytree, and its penalty is 0.
  if (params === undefined) fail(op, "params is undefined; pass a pytree of float arrays (an empty one, {}, has penalty 0)");
  const leaves = tree.leaves(params) as unknown[];
  leaves.forEach((leaf, i) => {
    if (!(leaf instanceof ArrayValue) || !isFloat(leaf.dtype)) {
      fail(op, `every leaf of params must be a float array, got ${leaf instanceof ArrayValue ? describe(leaf) : describeValue(leaf)} at leaf ${i}`);
    }
  });
  return leaves as ArrayValue[];
}

function sumOverLeaves(op: string, params: unknown, term: (leaf: ArrayValue) => ArrayValue): ArrayValue {
  const sums = floatLeaves(op, params).map((leaf) => np.sum(term(leaf)));
  return sums.length === 0 ? np.array(0) : sums.reduce((a, b) => np.add(a, b));
}

/** The L1 penalty: the sum of |w| over every leaf of a params pytree (its gradient at 0 is 0); 0 for an empty pytree, an error for undefined. */
export function l1Penalty(params: unknown): ArrayValue {
  return sumOverLeaves("l1Penalty", params, np.abs);
}

/** The L2 penalty: the sum of w^2 over every leaf of a params pytree (no 1/2 factor; its gradient is 2w); 0 for an empty pytree, an error for undefined. */
export function l2Penalty(params: unknown): ArrayValue {
  return sumOverLeaves("l2Penalty", params, np.square);
}
