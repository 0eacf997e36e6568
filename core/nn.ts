/**
 * The `nn` namespace: activations and the numerically careful building blocks of losses
 * (softmax, logSoftmax, logsumexp), following jax.nn's names and defaults in camelCase.
 */
import { isFloat, type DType } from "./dtype.js";
import { fail } from "./errors.js";
import { ArrayValue, type ArrayOrScalar } from "./ndarray.js";
import { stopGradient } from "./lax/primitives.js";
import * as np from "./numpy/index.js";
import { dtypeOption, isAxisLike, positional } from "./numpy/args.js";
import { checkOperand, promote, promoteToFloat } from "./numpy/promote.js";
import { range } from "./shape.js";
import { bool, checkArity, count, describeValue, either, integer, listOf, nullable, number, readOptions, type OptionCheck } from "./validate.js";

/** Options naming the axis (or axes) a normalizing function works along. */
export interface AxisOptions {
  readonly axis?: number | readonly number[];
}

/** The input as a float array, after checking it is an array, a number or a boolean. */
const float = (name: string, x: ArrayOrScalar): ArrayValue => promoteToFloat(`nn.${name}`, x)[0]!;

/** Checks an activation's arguments: arity and operand (named `nn.<name>` in errors). */
function input(name: string, args: IArguments, used: number): ArrayOrScalar {
  checkArity(`nn.${name}`, args, used);
  return checkOperand(`nn.${name}`, args[0], 0);
}

/** One axis or a list of axes. */
const axisArg: OptionCheck<number | number[]> = either(integer, listOf(integer), "an integer axis or a list of integer axes");

/** An array-valued option (mean, variance): an array or a JS number. */
const operandArg: OptionCheck<ArrayOrScalar> = (op, name, value) => {
  if (value instanceof ArrayValue || typeof value === "number") return value;
  return fail(op, `${name} must be an array or a number, got ${describeValue(value)}`);
};

/**
 * `value` where `x` is strictly inside the open interval (`lo`, `hi`), with derivative 1 there and
 * 0 everywhere else, kinks included: the derivative JAX gives relu and relu6 (custom jvps).
 * Outside, the value is still `value` (NaN stays NaN) but no gradient flows through it.
 */
function linearInside(x: ArrayValue, value: ArrayValue, lo: number, hi: number): ArrayValue {
  if (!isFloat(value.dtype)) return value;
  const inside = hi === Infinity ? np.greater(x, lo) : np.logicalAnd(np.greater(x, lo), np.less(x, hi));
  return np.where(inside, x, stopGradient(value));
}

/** max(x, 0), with relu'(0) = 0 (as JAX; the derivative is 1 for x > 0 and 0 elsewhere). */
export function relu(x: ArrayOrScalar): ArrayValue {
  const v = promote("nn.relu", input("relu", arguments, 1))[0]!;
  return linearInside(v, np.maximum(v, 0), 0, Infinity);
}
/** min(max(x, 0), 6), with derivative 0 at both kinks, 0 and 6 (as JAX), and 1 strictly between. */
export function relu6(x: ArrayOrScalar): ArrayValue {
  const v = promote("nn.relu6", input("relu6", arguments, 1))[0]!;
  return linearInside(v, np.minimum(np.maximum(v, 0), 6), 0, 6);
}
/** The logistic sigmoid 1 / (1 + e^-x). */
export function sigmoid(x: ArrayOrScalar): ArrayValue {
  return np.expit(input("sigmoid", arguments, 1));
}
/** log(1 + e^x), without overflow for large x. */
export function softplus(x: ArrayOrScalar): ArrayValue {
  input("softplus", arguments, 1);
  return np.logaddexp(float("softplus", x), 0);
}
/** log(sigmoid(x)) = -softplus(-x). */
export function logSigmoid(x: ArrayOrScalar): ArrayValue {
  input("logSigmoid", arguments, 1);
  return np.negative(softplus(np.negative(float("logSigmoid", x))));
}
/** x * sigmoid(x) (also called swish). */
export function silu(x: ArrayOrScalar): ArrayValue {
  input("silu", arguments, 1);
  const v = float("silu", x);
  return np.multiply(v, np.expit(v));
}
/** Alias of silu. */
export const swish = silu;
/**
 * The Gaussian error linear unit. `approximate` (JAX's default, true) uses the tanh form;
 * false gives the exact x * Phi(x) with erf.
 */
export function gelu(x: ArrayOrScalar, options: { readonly approximate?: boolean } | null = {}): ArrayValue {
  input("gelu", arguments, 2);
  const o = readOptions("nn.gelu", options, { approximate: bool });
  const v = float("gelu", x);
  if (o.approximate ?? true) {
    const inner = np.multiply(Math.sqrt(2 / Math.PI), np.add(v, np.multiply(0.044715, np.power(v, 3))));
    return np.multiply(np.multiply(0.5, v), np.add(1, np.tanh(inner)));
  }
  // x * erfc(-x / sqrt 2) / 2 keeps full precision for negative x, where 1 + erf(...) cancels.
  return np.multiply(np.multiply(0.5, v), np.erfc(np.divide(v, -Math.SQRT2)));
}
/** x for x > 0, alpha * (e^x - 1) otherwise. */
export function elu(x: ArrayOrScalar, options: { readonly alpha?: number } | null = {}): ArrayValue {
  input("elu", arguments, 2);
  const o = readOptions("nn.elu", options, { alpha: number });
  const v = float("elu", x);
  const positive = np.greater(v, 0);
  // expm1 only sees the non-positive side, so the unused branch cannot overflow.
  return np.where(positive, v, np.multiply(o.alpha ?? 1, np.expm1(np.where(positive, 0, v))));
}
/** Scaled ELU with the self-normalizing constants. */
export function selu(x: ArrayOrScalar): ArrayValue {
  input("selu", arguments, 1);
  const alpha = 1.6732632423543772;
  const scale = 1.0507009873554805;
  return np.multiply(scale, elu(x, { alpha }));
}
/** x for x >= 0, negativeSlope * x otherwise (default slope 0.01). */
export function leakyRelu(x: ArrayOrScalar, options: { readonly negativeSlope?: number } | null = {}): ArrayValue {
  input("leakyRelu", arguments, 2);
  const o = readOptions("nn.leakyRelu", options, { negativeSlope: number });
  const v = float("leakyRelu", x);
  return np.where(np.greaterEqual(v, 0), v, np.multiply(o.negativeSlope ?? 0.01, v));
}
/** Clips to [-1, 1], JAX's way: x itself (derivative 1) on the closed interval, the kinks included. */
export function hardTanh(x: ArrayOrScalar): ArrayValue {
  const v = promote("nn.hardTanh", input("hardTanh", arguments, 1))[0]!;
  return np.where(np.greater(v, 1), 1, np.where(np.less(v, -1), -1, v));
}

/**
 * The max along `axis` (keeping the axes), or 0 when an axis is empty (where max has no value
 * but sums of exponentials are simply 0): the shift that keeps exponentials from overflowing.
 * The shift cancels out of every result, so its true derivative is zero: stopping the gradient
 * (as JAX does) spares reverse mode differentiating max for nothing.
 */
function maxShift(x: ArrayValue, axis: number | readonly number[]): ArrayValue {
  const axes = (typeof axis === "number" ? [axis] : axis).map((a) => (a < 0 ? a + x.ndim : a));
  if (axes.some((a) => x.shape[a] === 0)) return np.zeros(x.shape.map((d, i) => (axes.includes(i) ? 1 : d)), { dtype: x.dtype });
  return np.max(stopGradient(x), { axis, keepdims: true });
}

/** maxShift with non-finite values replaced by 0, so all -inf (or any inf) entries shift by nothing. */
function safeShift(x: ArrayValue, axis: number | readonly number[]): ArrayValue {
  const m = maxShift(x, axis);
  return np.where(np.isfinite(m), m, 0);
}

/**
 * log(sum(exp(x))) along `axis` (all axes by default), stable for large |x|: finite for logits of
 * magnitude 1e4, -inf when every entry is -inf and along an empty axis (as JAX).
 */
export function logsumexp(x: ArrayOrScalar, options: { readonly axis?: number | readonly number[] | null; readonly keepdims?: boolean } | number | readonly number[] | null = {}): ArrayValue {
  input("logsumexp", arguments, 2);
  const o = readOptions("nn.logsumexp", positional(options, "axis", isAxisLike), { axis: nullable(axisArg), keepdims: bool });
  const v = float("logsumexp", x);
  const axis = o.axis ?? range(v.ndim);
  const shift = safeShift(v, axis);
  const total = np.sum(np.exp(np.subtract(v, shift)), { axis, keepdims: true });
  const result = np.add(np.log(total), shift);
  return o.keepdims ? result : np.squeeze(result, { axis: typeof axis === "number" ? [axis] : axis });
}

/** exp(x) / sum(exp(x)) along `axis` (default the last), shifted by the max for stability (an infinite entry gives NaN, as JAX). */
export function softmax(x: ArrayOrScalar, options: AxisOptions | number | readonly number[] | null = {}): ArrayValue {
  input("softmax", arguments, 2);
  const axis = readOptions("nn.softmax", positional(options, "axis", isAxisLike), { axis: axisArg }).axis ?? -1;
  const v = float("softmax", x);
  const e = np.exp(np.subtract(v, maxShift(v, axis)));
  return np.divide(e, np.sum(e, { axis, keepdims: true }));
}

/** x - logsumexp(x) along `axis` (default the last). */
export function logSoftmax(x: ArrayOrScalar, options: AxisOptions | number | readonly number[] | null = {}): ArrayValue {
  input("logSoftmax", arguments, 2);
  const axis = readOptions("nn.logSoftmax", positional(options, "axis", isAxisLike), { axis: axisArg }).axis ?? -1;
  const v = float("logSoftmax", x);
  const shifted = np.subtract(v, maxShift(v, axis));
  return np.subtract(shifted, np.log(np.sum(np.exp(shifted), { axis, keepdims: true })));
}

/**
 * One-hot encodes integer class indices: a new last axis of length `numClasses`; indices outside
 * [0, numClasses) give all-zero rows (as JAX).
 */
export function oneHot(indices: ArrayOrScalar, numClasses: number, options: { readonly dtype?: DType } | null = {}): ArrayValue {
  input("oneHot", arguments, 3);
  const classCount = count("nn.oneHot", "numClasses", numClasses);
  const o = readOptions("nn.oneHot", options, { dtype: dtypeOption });
  const classes = np.arange(classCount);
  const idx = typeof indices === "number" || typeof indices === "boolean" ? np.array(Number(indices), { dtype: "int32" }) : indices;
  return np.astype(np.equal(np.expandDims(idx, -1), classes), o.dtype ?? "float32");
}

/** (x - mean) / sqrt(variance + epsilon) along `axis` (default the last); mean and variance default to x's own. */
export function standardize(
  x: ArrayOrScalar,
  options: (AxisOptions & { readonly mean?: ArrayOrScalar; readonly variance?: ArrayOrScalar; readonly epsilon?: number }) | null = {},
): ArrayValue {
  input("standardize", arguments, 2);
  const o = readOptions("nn.standardize", options, { axis: axisArg, mean: operandArg, variance: operandArg, epsilon: number });
  const v = float("standardize", x);
  const axis = o.axis ?? -1;
  const mean = o.mean ?? np.mean(v, { axis, keepdims: true });
  const variance = o.variance ?? np.var(v, { axis, keepdims: true });
  return np.multiply(np.subtract(v, mean), np.rsqrt(np.add(variance, o.epsilon ?? 1e-5)));
}
