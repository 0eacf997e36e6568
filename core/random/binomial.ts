/**
 * Binomial and multinomial samples: JAX's binomial on top of the `randomBinomial` primitive
 * (inversion and BTRS, see binomial-loop.ts), and its multinomial, a chain of binomials each
 * drawing one outcome's count from what the earlier outcomes left.
 */
import { describe, fail } from "../errors.js";
import { bind1 } from "../interpreter.js";
import { ArrayValue, type ArrayOrScalar } from "../ndarray.js";
import * as np from "../numpy/index.js";
import type { Shape } from "../shape.js";
import { anyValue, bool, checkArity, count, either, readOptions } from "../validate.js";
import { checkKey, floatDtype, shapeArg, type FloatDType, type FloatOptions, type Key } from "./common.js";
import { broadcastTo, parameterDtype, realParam, row, samplerShape } from "./gamma.js";
import { split } from "./keys.js";

/**
 * The dtype the samplers' loops run in: JAX's is p's own float dtype (n is converted to it). A
 * float64 array p runs in float64; a JS number p takes the result dtype (JAX's weak float is
 * float64 under x64); any other p runs in float32.
 */
function loopDtype(p: unknown, resultDtype: FloatDType): FloatDType {
  if (p instanceof ArrayValue) return p.dtype === "float64" ? "float64" : "float32";
  return resultDtype;
}

/** JAX's _binomial for count and prob already of `shape` in the loop dtype; the result in `dtype`. */
function binomialSamples(key: Key, count: ArrayValue, prob: ArrayValue, dtype: FloatDType): ArrayValue {
  const pBelowHalf = np.less(prob, 0.5);
  const flipped = np.where(pBelowHalf, prob, np.subtract(1, prob));
  const countNanOrNegative = np.logicalOr(np.isnan(count), np.less(count, 0));
  const countInfinite = np.isinf(count);
  const qNan = np.isnan(flipped);
  const qNegative = np.less(flipped, 0);
  // The loops get a harmless q where the result is NaN anyway.
  const q = np.where(np.logicalOr(qNan, qNegative), 0.01, flipped);
  let samples: ArrayValue = np.astype(bind1("randomBinomial", [key, count, q], {}), dtype);
  const invalid = np.logicalOr(np.logicalOr(qNegative, qNan), countNanOrNegative);
  samples = np.where(invalid, NaN, samples);
  samples = np.where(np.logicalAnd(countInfinite, np.logicalNot(invalid)), Infinity, samples);
  // The samplers count successes of probability min(p, 1 - p): flip back for p >= 1/2.
  const keepAsIs = np.logicalOr(np.logicalOr(pBelowHalf, countNanOrNegative), np.logicalOr(qNan, countInfinite));
  return np.where(keepAsIs, samples, np.subtract(np.astype(np.floor(count), dtype), samples));
}

/**
 * Binomial(n, p) samples: the number of successes in n trials of probability p, as floats
 * (`dtype`, float32 by default, float64 when n or p is). `shape` defaults to the broadcast shape
 * of n and p. As JAX: inversion where n·min(p, 1-p) <= 10, BTRS rejection otherwise; a float n
 * is floored; NaN for a NaN or negative n and for p outside [0, 1]; inf for an infinite n. The
 * samples are integers, so their derivative in n and p is zero.
 *
 * @example
 * ```ts
 * import { random } from "tessera";
 * const successes = random.binomial(random.key(0), 20, 0.3, [4]); // float32 counts in [0, 20]
 * ```
 */
export function binomial(key: Key, n: ArrayOrScalar, p: ArrayOrScalar, shape?: Shape | null, options: FloatOptions | null = {}): ArrayValue {
  checkArity("random.binomial", arguments, 5, "pass the dtype as an option: binomial(key, n, p, shape, {dtype})");
  checkKey("binomial", key);
  const dtype = parameterDtype("binomial", options, n, p);
  const inner = loopDtype(p, dtype);
  const prob = realParam("binomial", "p", p, inner);
  const trials = realParam("binomial", "n", n, inner);
  const outShape = samplerShape("binomial", shape, dtype, trials, prob);
  return binomialSamples(key, broadcastTo(trials, outShape), broadcastTo(prob, outShape), dtype);
}

/** Options of multinomial: the full result `shape` (default p's shape), the result `dtype`, and JAX's scan `unroll`. */
export interface MultinomialOptions extends FloatOptions {
  /** The result shape, ending in the number of outcomes (p broadcasts to it; n to all but its last axis). */
  readonly shape?: Shape | null;
  /** Accepted for JAX's signature: how JAX unrolls its scan; the samples do not depend on it. */
  readonly unroll?: number | boolean;
}

/**
 * Multinomial(n, p) counts: n trials spread over the outcomes along p's last axis, as floats
 * (`dtype`, float32 by default, float64 when n or p is). As JAX: outcome i gets
 * binomial(remaining trials, p_i / (p_i + ... + p_last)) drawn with key i of split(key, outcomes),
 * so the counts add up to n. `shape` is the whole result shape (JAX's code broadcasts p to it).
 *
 * @example
 * ```ts
 * import { np, random } from "tessera";
 * const counts = random.multinomial(random.key(0), 10, np.array([0.2, 0.3, 0.5])); // 3 counts adding up to 10
 * ```
 */
export function multinomial(key: Key, n: ArrayOrScalar, p: ArrayOrScalar, options: MultinomialOptions | null = {}): ArrayValue {
  const op = "random.multinomial";
  checkArity(op, arguments, 4, "pass shape and dtype as options: multinomial(key, n, p, {shape, dtype})");
  checkKey("multinomial", key);
  const o = readOptions(op, options, { shape: anyValue, dtype: anyValue, unroll: either(count, bool, "a positive integer or a boolean") });
  if (typeof o.unroll === "number" && o.unroll < 1) fail(op, `unroll must be a positive integer or a boolean, got ${o.unroll}`);
  const dtype = o.dtype === undefined ? parameterDtype("multinomial", {}, n, p) : floatDtype("multinomial", o.dtype);
  // JAX promotes n and p together; the loops run in that dtype and so do the running counts.
  const inner: FloatDType = [n, p].some((x) => x instanceof ArrayValue && x.dtype === "float64") ? "float64" : "float32";
  const probs = realParam("multinomial", "p", p, inner);
  const trials = realParam("multinomial", "n", n, inner);
  if (probs.ndim === 0) fail(op, `p must have the outcomes along its last axis (rank >= 1), got ${describe(probs)}`);
  const outShape = o.shape === undefined || o.shape === null ? probs.shape : shapeArg("multinomial", o.shape, dtype);
  if (outShape.length === 0) fail(op, "shape must end in the number of outcomes (rank >= 1), got []");
  const batchShape = outShape.slice(0, -1);
  const remainderStart = broadcastChecked(op, "n", trials, batchShape);
  const byOutcome = np.moveaxis(broadcastChecked(op, "p", probs, outShape), -1, 0);
  const outcomes = outShape[outShape.length - 1]!;
  const remainingMass = massFromEachOutcomeOn(byOutcome);
  const ratios = np.divide(byOutcome, np.where(np.equal(remainingMass, 0), 1, remainingMass));
  const keys = split(key, outcomes);
  let remainder = remainderStart;
  const counts: ArrayValue[] = [];
  for (let i = 0; i < outcomes; i++) {
    const ratio = np.clip(np.take(ratios, i, { axis: 0 }), 0, 1);
    const drawn = binomialSamples(row(keys, i), remainder, ratio, inner);
    counts.push(drawn);
    remainder = np.subtract(remainder, drawn);
  }
  return np.astype(np.stack(counts, { axis: -1 }), dtype);
}

/**
 * p_i + p_{i+1} + ... + p_last for every outcome i (outcomes along axis 0), summed in the order
 * of JAX's reverse cumsum on CPU, which decides the last bit of each ratio (and with it, at
 * n·q = 10, which sampler runs). JAX lowers it to an XLA reduce-window, which sums each window
 * forwards from its start; XLA rewrites a window longer than 16 into blocks of 16 (sums within
 * each block, then the sums of the later blocks, by the same rule, added on).
 */
function massFromEachOutcomeOn(byOutcome: ArrayValue): ArrayValue {
  const outcomes = byOutcome.shape[0]!;
  const rest = byOutcome.shape.slice(1);
  if (outcomes <= XLA_WINDOW_BLOCK) return windowSums(byOutcome, 0);
  const blocks = Math.ceil(outcomes / XLA_WINDOW_BLOCK);
  const padding = np.zeros([blocks * XLA_WINDOW_BLOCK - outcomes, ...rest], { dtype: byOutcome.dtype });
  const grid = np.reshape(np.concatenate([byOutcome, padding], 0), [blocks, XLA_WINDOW_BLOCK, ...rest]);
  const withinBlocks = windowSums(grid, 1);
  const laterBlocks = massFromEachOutcomeOn(np.take(withinBlocks, 0, { axis: 1 }));
  const afterEachBlock = np.concatenate([np.take(laterBlocks, np.arange(1, blocks, { dtype: "int32" }), { axis: 0 }), np.zeros([1, ...rest], { dtype: byOutcome.dtype })], 0);
  const total = np.add(withinBlocks, np.expandDims(afterEachBlock, 1));
  return np.take(np.reshape(total, [blocks * XLA_WINDOW_BLOCK, ...rest]), np.arange(outcomes, { dtype: "int32" }), { axis: 0 });
}

/** The longest reduce-window XLA's CPU backend runs as one window. */
const XLA_WINDOW_BLOCK = 16;

/** x_i + x_{i+1} + ... + x_last along `axis` for every i, each sum taken forwards from x_i. */
function windowSums(x: ArrayValue, axis: number): ArrayValue {
  const length = x.shape[axis]!;
  const index = np.reshape(np.arange(length, { dtype: "int32" }), x.shape.map((d, i) => (i === axis ? d : 1)));
  let total: ArrayValue = np.zerosLike(x);
  for (let j = 0; j < length; j++) {
    // Element j joins the sums that start at or before it.
    total = np.add(total, np.where(np.lessEqual(index, j), np.expandDims(np.take(x, j, { axis }), axis), 0));
  }
  return total;
}

/** x broadcast to `shape`, or an error naming the parameter. */
function broadcastChecked(op: string, name: string, x: ArrayValue, shape: Shape): ArrayValue {
  const fits = x.ndim <= shape.length && x.shape.every((d, i) => d === 1 || d === shape[shape.length - x.ndim + i]);
  if (!fits) fail(op, `${name} of shape [${x.shape.join(",")}] does not broadcast to [${shape.join(",")}]`);
  return broadcastTo(x, shape);
}
