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
/** min(max(x, 0), 6), with derivative 0 at both kinks, 0 and 6 (as JAX), and 1 strictly between; integers and bools give float32 (JAX's 6.0 is a float). */
export function relu6(x: ArrayOrScalar): ArrayValue {
  input("relu6", arguments, 1);
  const v = float("relu6", x);
  return linearInside(v, np.minimum(np.maximum(v, 0), 6), 0, 6);
}
/** relu6(x + 3) / 6: 0 below -3, 1 above 3, linear between (derivative 0 at both kinks, as JAX). */
export function hardSigmoid(x: ArrayOrScalar): ArrayValue {
  input("hardSigmoid", arguments, 1);
  return np.divide(relu6(np.add(float("hardSigmoid", x), 3)), 6);
}
/** x * hardSigmoid(x), the cheap swish of MobileNetV3. */
export function hardSilu(x: ArrayOrScalar): ArrayValue {
  input("hardSilu", arguments, 1);
  const v = float("hardSilu", x);
  return np.multiply(v, hardSigmoid(v));
}
/** Alias of hardSilu. */
export const hardSwish = hardSilu;
/** x * tanh(softplus(x)). */
export function mish(x: ArrayOrScalar): ArrayValue {
  input("mish", arguments, 1);
  const v = float("mish", x);
  return np.multiply(v, np.tanh(softplus(v)));
}
/** x / (|x| + 1). */
export function softSign(x: ArrayOrScalar): ArrayValue {
  input("softSign", arguments, 1);
  const v = float("softSign", x);
  return np.divide(v, np.add(np.abs(v), 1));
}
/** max(x, 0) + alpha * (e^(min(x, 0) / alpha) - 1): ELU made continuously differentiable for every alpha (default 1). */
export function celu(x: ArrayOrScalar, options: { readonly alpha?: number } | null = {}): ArrayValue {
  input("celu", arguments, 2);
  const alpha = readOptions("nn.celu", options, { alpha: number }).alpha ?? 1;
  const v = float("celu", x);
  return np.add(np.maximum(v, 0), np.multiply(alpha, np.expm1(np.divide(np.minimum(v, 0), alpha))));
}
/** (x + sqrt(x^2 + b)) / 2, a smooth relu; `b` (default 4) sets how smooth. */
export function squareplus(x: ArrayOrScalar, options: { readonly b?: number } | null = {}): ArrayValue {
  input("squareplus", arguments, 2);
  const b = readOptions("nn.squareplus", options, { b: number }).b ?? 4;
  const v = float("squareplus", x);
  return np.divide(np.add(v, np.sqrt(np.add(np.square(v), b))), 2);
}
/** 0 for x <= -1, x for x >= 1, (x + 1)^2 / 4 between: softplus's piecewise-quadratic twin. */
export function sparsePlus(x: ArrayOrScalar): ArrayValue {
  input("sparsePlus", arguments, 1);
  const v = float("sparsePlus", x);
  return np.where(np.lessEqual(v, -1), 0, np.where(np.greaterEqual(v, 1), v, np.divide(np.square(np.add(v, 1)), 4)));
}
/** clip(x + 1, 0, 2) / 2: sigmoid's piecewise-linear twin, the derivative of sparsePlus. */
export function sparseSigmoid(x: ArrayOrScalar): ArrayValue {
  input("sparseSigmoid", arguments, 1);
  return np.multiply(0.5, np.clip(np.add(float("sparseSigmoid", x), 1), 0, 2));
}
/** log(1 - e^-x) for x > 0, accurate on both sides of log 2 (Maechler's split). */
export function log1mexp(x: ArrayOrScalar): ArrayValue {
  input("log1mexp", arguments, 1);
  const v = float("log1mexp", x);
  return np.where(np.less(v, Math.LN2), np.log(np.negative(np.expm1(np.negative(v)))), np.log1p(np.negative(np.exp(np.negative(v)))));
}
/** The gated linear unit: `x` split in two halves along `axis` (default -1, of even size), first * sigmoid(second). */
export function glu(x: ArrayOrScalar, options: { readonly axis?: number } | number | null = {}): ArrayValue {
  input("glu", arguments, 2);
  const o = readOptions("nn.glu", positional(options, "axis", (v) => typeof v === "number"), { axis: integer });
  const v = float("glu", x);
  if (v.ndim === 0) fail("nn.glu", "expected an array of rank >= 1 to split in two, got shape []");
  const axis = o.axis ?? -1;
  const size = v.shape[axis < 0 ? axis + v.ndim : axis];
  if (size === undefined) fail("nn.glu", `axis ${axis} is out of range for shape [${v.shape.join(",")}]`);
  if (size % 2 !== 0) fail("nn.glu", `axis ${axis} of shape [${v.shape.join(",")}] has odd size ${size}; it must split into two equal halves`);
  const [first, second] = np.split(v, 2, { axis });
  return np.multiply(first!, sigmoid(second!));
}
/** The input as an array, unchanged (JAX's identity activation; JS numbers and bools become weak-typed scalars). */
export function identity(x: ArrayOrScalar): ArrayValue {
  return promote("nn.identity", input("identity", arguments, 1))[0]!;
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

/** A `where` mask: a bool array (or one JS boolean) saying which entries take part. */
const whereArg: OptionCheck<ArrayValue> = (op, name, value) => {
  if (typeof value === "boolean") return np.array(value);
  if (value instanceof ArrayValue && value.dtype === "bool") return value;
  return fail(op, `${name} must be a bool array (or true/false), got ${describeValue(value)}`);
};

/** The reduced axes as a list, and the options np reductions take for them (keeping the axes, masked by `where`). */
function over(axis: number | readonly number[], where: ArrayValue | undefined): { axis: number | readonly number[]; keepdims: true; where?: ArrayValue } {
  return where === undefined ? { axis, keepdims: true } : { axis, keepdims: true, where };
}

/**
 * The max along `axis` (keeping the axes; -inf for an empty or fully masked axis), the shift
 * that keeps exponentials from overflowing. The shift cancels out of every result, so its true
 * derivative is zero: stopping the gradient (as JAX does) spares reverse mode differentiating max.
 */
function maxShift(x: ArrayValue, axis: number | readonly number[], where: ArrayValue | undefined): ArrayValue {
  return stopGradient(np.max(x, { ...over(axis, where), initial: -Infinity }));
}

/** Options of logsumexp and logmeanexp: axes (all by default), keepdims and a `where` mask. */
export interface LogsumexpOptions {
  readonly axis?: number | readonly number[] | null;
  readonly keepdims?: boolean;
  readonly where?: ArrayValue | boolean;
  /** Scale factors of the exponentials, broadcast against x; negative ones make the sum's sign matter. */
  readonly b?: ArrayOrScalar;
  /** Return `[log |sum|, sign of sum]` instead of a NaN for a negative sum. */
  readonly returnSign?: boolean;
}

const logsumexpSpec = { axis: nullable(axisArg), keepdims: bool, where: whereArg, b: operandArg, returnSign: bool };

/**
 * log(sum(b * exp(x))) along `axis` (all axes by default), stable for large |x|: finite for logits
 * of magnitude 1e4, -inf when every entry is -inf, masked out or along an empty axis (as JAX).
 * With `b`, a negative sum gives NaN, or with `returnSign` the pair [log |sum|, sign].
 */
export function logsumexp(x: ArrayOrScalar, options: (LogsumexpOptions & { readonly returnSign: true })): [ArrayValue, ArrayValue];
export function logsumexp(x: ArrayOrScalar, options?: (LogsumexpOptions & { readonly returnSign?: false }) | number | readonly number[] | null): ArrayValue;
export function logsumexp(x: ArrayOrScalar, options: LogsumexpOptions | number | readonly number[] | null = {}): ArrayValue | [ArrayValue, ArrayValue] {
  input("logsumexp", arguments, 2);
  const o = readOptions("nn.logsumexp", positional(options, "axis", isAxisLike), logsumexpSpec);
  let v = float("logsumexp", x);
  if (o.where !== undefined) v = np.where(o.where, v, 0);
  const scale = o.b === undefined ? undefined : promoteToFloat("nn.logsumexp", v, o.b)[1]!;
  if (scale !== undefined) v = np.where(np.notEqual(scale, 0), promoteToFloat("nn.logsumexp", v, scale)[0]!, -Infinity);
  const axis = o.axis ?? range(v.ndim);
  const peak = maxShift(v, axis, o.where);
  const shift = np.where(np.isfinite(peak), peak, 0);
  const terms = np.exp(np.subtract(v, shift));
  const total = np.sum(scale === undefined ? terms : np.multiply(terms, scale), over(axis, o.where));
  const keep = (r: ArrayValue): ArrayValue => (o.keepdims ? r : np.squeeze(r, { axis: typeof axis === "number" ? [axis] : axis }));
  const sign = np.sign(total);
  const result = keep(np.add(np.log(np.abs(total)), shift));
  if (o.returnSign) return [result, keep(sign)];
  return scale === undefined ? result : np.where(np.less(keep(sign), 0), NaN, result);
}

/** log(mean(exp(x))) along `axis` (all by default): logsumexp minus the log of the (unmasked) count. */
export function logmeanexp(x: ArrayOrScalar, options: Omit<LogsumexpOptions, "b" | "returnSign"> | number | readonly number[] | null = {}): ArrayValue {
  input("logmeanexp", arguments, 2);
  const o = readOptions("nn.logmeanexp", positional(options, "axis", isAxisLike), { axis: nullable(axisArg), keepdims: bool, where: whereArg });
  const v = float("logmeanexp", x);
  const lse = logsumexp(v, o);
  const axis = o.axis ?? range(v.ndim);
  const ones = np.onesLike(v);
  const count = np.sum(o.where === undefined ? ones : np.where(o.where, ones, 0), { axis, keepdims: o.keepdims ?? false });
  return np.subtract(lse, np.log(count));
}

/** Options of softmax and logSoftmax: the axis or axes (default the last) and a `where` mask. */
export interface SoftmaxOptions extends AxisOptions {
  /** Entries to include; the others get probability 0 (log-probability -inf). */
  readonly where?: ArrayValue | boolean;
}

/** Reads softmax/logSoftmax options: the axis (default -1, also positional) and the mask. */
function readSoftmax(op: string, options: unknown): { axis: number | readonly number[]; where?: ArrayValue } {
  const o = readOptions(op, positional(options, "axis", isAxisLike), { axis: axisArg, where: whereArg });
  return o.where === undefined ? { axis: o.axis ?? -1 } : { axis: o.axis ?? -1, where: o.where };
}

/**
 * exp(x) / sum(exp(x)) along `axis` (default the last), shifted by the max for stability (an
 * infinite entry gives NaN, as JAX); entries `where` leaves out get 0.
 */
export function softmax(x: ArrayOrScalar, options: SoftmaxOptions | number | readonly number[] | null = {}): ArrayValue {
  input("softmax", arguments, 2);
  const { axis, where } = readSoftmax("nn.softmax", options);
  const v = float("softmax", x);
  const included = where === undefined ? v : np.where(where, v, -Infinity);
  const e = np.exp(np.subtract(included, maxShift(v, axis, where)));
  const result = np.divide(e, np.sum(e, over(axis, where)));
  return where === undefined ? result : np.where(where, result, 0);
}

/** x - logsumexp(x) along `axis` (default the last); entries `where` leaves out get -inf. */
export function logSoftmax(x: ArrayOrScalar, options: SoftmaxOptions | number | readonly number[] | null = {}): ArrayValue {
  input("logSoftmax", arguments, 2);
  const { axis, where } = readSoftmax("nn.logSoftmax", options);
  const v = float("logSoftmax", x);
  const included = where === undefined ? v : np.where(where, v, -Infinity);
  const shifted = np.subtract(included, maxShift(v, axis, where));
  const result = np.subtract(shifted, np.log(np.sum(np.exp(shifted), over(axis, where))));
  return where === undefined ? result : np.where(where, result, -Infinity);
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
export { dotProductAttention, type AttentionOptions } from "./nn-attention.js";
