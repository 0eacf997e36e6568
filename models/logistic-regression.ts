/**
 * Multinomial logistic regression (softmax regression) as a params record and a pure loss:
 * class scores x·w + b, probabilities softmax of the scores, trained by minimizing the mean
 * cross-entropy with any optimizer (full-batch gradient descent in the digits example).
 */
import type { ArrayValue } from "../core/ndarray.js";
import * as np from "../core/numpy/index.js";
import { softmaxCrossEntropy } from "./losses.js";

/** Weights [features, classes] and biases [classes]. */
export interface SoftmaxParams {
  readonly w: ArrayValue;
  readonly b: ArrayValue;
}

/** Zero parameters (the usual start for this convex problem). */
export function initSoftmax(features: number, classes: number): SoftmaxParams {
  return { w: np.zeros([features, classes]), b: np.zeros([classes]) };
}

/** Class scores [n, classes] of a batch x [n, features]. */
export function softmaxLogits(params: SoftmaxParams, x: ArrayValue): ArrayValue {
  return np.add(np.matmul(x, params.w), params.b);
}

/** Mean cross-entropy of the scores against int32 labels [n] (finite for any scores). */
export function softmaxLoss(params: SoftmaxParams, x: ArrayValue, labels: ArrayValue): ArrayValue {
  return softmaxCrossEntropy(softmaxLogits(params, x), labels);
}

/** The most probable class of each row, int32 [n]. */
export function softmaxPredict(params: SoftmaxParams, x: ArrayValue): ArrayValue {
  return np.argmax(softmaxLogits(params, x), { axis: -1 });
}
