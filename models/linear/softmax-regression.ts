/**
 * Multinomial logistic regression (`models.softmaxRegression`) as a params record and a pure loss:
 * class scores x·w + b, probabilities softmax of the scores, trained by minimizing the mean
 * cross-entropy with any optimizer (full-batch gradient descent in the digits example).
 */
import { describe, fail } from "../../core/errors.js";
import type { ArrayValue } from "../../core/ndarray.js";
import * as nn from "../../core/nn.js";
import * as np from "../../core/numpy/index.js";
import { count } from "../../core/validate.js";
import { checkArray, checkRecord } from "../checks.js";
import { softmaxCrossEntropy } from "../losses.js";

/** Weights [features, classes] and biases [classes]. */
export interface SoftmaxParams {
  readonly w: ArrayValue;
  readonly b: ArrayValue;
}

/** Zero parameters (the usual start for this convex problem). */
export function init(features: number, classes: number): SoftmaxParams {
  count("softmaxRegression.init", "features", features);
  count("softmaxRegression.init", "classes", classes);
  return { w: np.zeros([features, classes]), b: np.zeros([classes]) };
}

/** Class scores [n, classes] of a batch x [n, features]. */
export function logits(params: SoftmaxParams, x: ArrayValue): ArrayValue {
  return scores("softmaxRegression.logits", params, x);
}

/** x·w + b after checking the params record and that x's last axis holds w's features. */
function scores(op: string, params: SoftmaxParams, x: ArrayValue): ArrayValue {
  checkRecord(op, "params", params, ["w", "b"], "SoftmaxParams");
  if (params.w.ndim !== 2) fail(op, `params.w must be [features, classes], got ${describe(params.w)}`);
  checkArray(op, "x", x);
  if (x.ndim < 1 || x.shape[x.ndim - 1] !== params.w.shape[0]) fail(op, `x ${describe(x)} must end with the ${params.w.shape[0]} features of params.w ${describe(params.w)}`);
  return np.add(np.matmul(x, params.w), params.b);
}

/** Mean cross-entropy of the scores against int32 labels [n] (finite for any scores). */
export function loss(params: SoftmaxParams, x: ArrayValue, labels: ArrayValue): ArrayValue {
  return softmaxCrossEntropy(scores("softmaxRegression.loss", params, x), labels);
}

/** The most probable class of each row, int32 [n]. */
export function predict(params: SoftmaxParams, x: ArrayValue): ArrayValue {
  return np.argmax(scores("softmaxRegression.predict", params, x), { axis: -1 });
}

/** The class probabilities [n, classes] of each row. */
export function predictProba(params: SoftmaxParams, x: ArrayValue): ArrayValue {
  return nn.softmax(scores("softmaxRegression.predictProba", params, x), { axis: -1 });
}
