/**
 * Discrete samplers: Bernoulli, categorical, randint, permutations and choice.
 */
import { isFloat } from "../dtype.js";
import { describe, fail } from "../errors.js";
import { bind, bind1 } from "../interpreter.js";
import { ArrayValue, type ArrayOrScalar } from "../ndarray.js";
import * as np from "../numpy/index.js";
import { scalar } from "../numpy/promote.js";
import { normalizeAxis, sizeOf, type Shape } from "../shape.js";
import { anyValue, bool, checkArity, describeValue, integer, oneOf, readOptions } from "../validate.js";
import { checkKey, checkParamShapes, element, flatIota, floatParam, reshape, shapeArg, STATIC_HINT, type FloatDType, type Key } from "./common.js";
import { uniformBetween, gumbel, randomBits, uniform } from "./floats.js";
import { split } from "./keys.js";

// ---------------------------------------------------------------------------------------------
// discrete distributions

/**
 * Booleans that are true with probability `p` (uniform < p, in p's float dtype). `shape`
 * defaults to p's shape. p outside [0, 1] is not an error (all true or all false), as in JAX.
 */
export function bernoulli(key: Key, p: ArrayOrScalar = 0.5, shape?: Shape | null): ArrayValue {
  checkArity("random.bernoulli", arguments, 3);
  checkKey("bernoulli", key);
  if (p instanceof ArrayValue && !isFloat(p.dtype)) {
    fail("random.bernoulli", `probability p must have a float dtype, got ${describe(p)}`);
  }
  const dtype = p instanceof ArrayValue ? (p.dtype as FloatDType) : "float32";
  const prob = floatParam("bernoulli", "p", p, dtype);
  const outShape = shape === undefined || shape === null ? prob.shape : shapeArg("bernoulli", shape);
  checkParamShapes("bernoulli", outShape, prob.shape);
  return np.less(uniformBetween("bernoulli", key, outShape, dtype, scalar(0, dtype), scalar(1, dtype)), prob);
}

/**
 * Samples indices from categorical distributions given unnormalized log-probabilities along
 * `axis` (the Gumbel-max trick). `shape` defaults to the logits' shape without `axis`; leading
 * extra axes draw independent samples.
 */
export function categorical(key: Key, logits: ArrayValue, options: { readonly axis?: number; readonly shape?: Shape | null } | null = {}): ArrayValue {
  checkArity("random.categorical", arguments, 3);
  checkKey("categorical", key);
  if (!(logits instanceof ArrayValue) || !isFloat(logits.dtype) || logits.shape.length === 0) {
    fail("random.categorical", `logits must be a float array with at least one axis, got ${logits instanceof ArrayValue ? describe(logits) : describeValue(logits)}`);
  }
  const o = readOptions("random.categorical", options, { axis: integer, shape: anyValue });
  const rank = logits.shape.length;
  const axis = normalizeAxis("random.categorical", o.axis ?? -1, rank);
  const batchShape = logits.shape.filter((_, i) => i !== axis);
  const shape = o.shape === undefined || o.shape === null ? batchShape : shapeArg("categorical", o.shape);
  checkParamShapes("categorical", shape, batchShape);
  const prefix = shape.slice(0, shape.length - batchShape.length);
  const sampleShape = [...shape.slice(prefix.length)];
  sampleShape.splice(axis, 0, logits.shape[axis]!);
  const noise = gumbel(key, [...prefix, ...sampleShape], { dtype: logits.dtype as FloatDType });
  return bind1("argmax", [np.add(noise, logits)], { axis: prefix.length + axis, indexDtype: "int32" });
}

/** An integer bound for randint as an int32 array. */
function intParam(name: string, x: unknown): ArrayValue {
  if (typeof x === "number") {
    if (!Number.isFinite(x) || Math.trunc(x) < -(2 ** 31) || Math.trunc(x) > 2 ** 31 - 1) {
      fail("random.randint", `${name} ${describeValue(x)} does not fit in int32`);
    }
    return scalar(Math.trunc(x), "int32");
  }
  if (!(x instanceof ArrayValue)) return fail("random.randint", `${name} must be a number or an array, got ${describeValue(x)}`);
  if (x.dtype === "uint32") return np.astype(np.minimum(x, 2 ** 31 - 1), "int32");
  return np.astype(x, "int32");
}

/**
 * Uniform integers in [minval, maxval) of `shape`. As in JAX, two 32-bit words per value are
 * reduced modulo the span (a small bias for spans that are not powers of two), and
 * maxval <= minval yields minval.
 */
export function randint(
  key: Key,
  shape: Shape,
  minval: ArrayOrScalar,
  maxval: ArrayOrScalar,
  options: { readonly dtype?: "int32" } | null = {},
): ArrayValue {
  checkArity("random.randint", arguments, 5);
  checkKey("randint", key);
  readOptions("random.randint", options, { dtype: oneOf(["int32"] as const) });
  shapeArg("randint", shape, "int32");
  const lo = intParam("minval", minval);
  const hi = intParam("maxval", maxval);
  checkParamShapes("randint", shape, lo.shape, hi.shape);
  const keys = split(key);
  const higher = randomBits("randint", row(keys, 0), shape);
  const lower = randomBits("randint", row(keys, 1), shape);
  const rem = (a: ArrayValue, b: ArrayValue) => bind1("rem", [a, b], {});
  const span = np.where(np.lessEqual(hi, lo), scalar(1, "uint32"), np.astype(np.subtract(hi, lo), "uint32"));
  // 2^32 mod span, computed as (2^16 mod span)^2 mod span to stay within 32 bits; the products
  // below wrap modulo 2^32 exactly as JAX's uint32 arithmetic does.
  let multiplier = rem(scalar(2 ** 16, "uint32"), span);
  multiplier = rem(np.multiply(multiplier, multiplier), span);
  const offset = rem(np.add(np.multiply(rem(higher, span), multiplier), rem(lower, span)), span);
  return np.add(lo, np.astype(offset, "int32"));
}

/** Row `i` of a [n, 2] array of keys. */
function row(keys: ArrayValue, i: number): ArrayValue {
  return reshape(bind1("slice", [keys], { start: [i, 0], limit: [i + 1, 2], strides: [1, 1] }), [2]);
}

// ---------------------------------------------------------------------------------------------
// permutations and choice

/**
 * Shuffles `x` along `axis` by sorting on fresh random 32-bit keys, repeated enough rounds
 * (JAX's static heuristic) that colliding sort keys are unlikely to bias the result.
 */
function shuffle(op: string, key: Key, x: ArrayValue, axis: number): ArrayValue {
  const rounds = Math.ceil((3 * Math.log(Math.max(1, x.size))) / Math.log(2 ** 32 - 1));
  let current = key;
  let out = x;
  for (let i = 0; i < rounds; i++) {
    const keys = split(current);
    current = row(keys, 0);
    const sortKeys = randomBits(op, row(keys, 1), out.shape);
    out = bind("sort", [sortKeys, out], { axis, numKeys: 1, descending: false })[1]!;
  }
  return out;
}

/** For a rank-0 array where a population size was meant: the size must be a plain number. */
function scalarHint(x: unknown): string {
  return x instanceof ArrayValue && x.shape.length === 0 ? `; a population size must be a JS number known when the function is traced: ${STATIC_HINT}` : "";
}

/**
 * A random permutation of 0..n-1 (int32) when given an integer, or of `x` along `axis`.
 * With `independent`, every slice along `axis` is shuffled on its own.
 */
export function permutation(
  key: Key,
  x: number | ArrayValue,
  options: { readonly axis?: number; readonly independent?: boolean } | null = {},
): ArrayValue {
  checkArity("random.permutation", arguments, 3);
  checkKey("permutation", key);
  options = readOptions("random.permutation", options, { axis: integer, independent: bool });
  if (typeof x === "number") {
    if (!Number.isInteger(x) || x < 0 || x > 2 ** 31 - 1) fail("random.permutation", `n must be a non-negative integer, got ${describeValue(x)}`);
    normalizeAxis("random.permutation", options.axis ?? 0, 1);
    return shuffle("permutation", key, flatIota("int32", [x]), 0);
  }
  if (!(x instanceof ArrayValue) || x.shape.length === 0) {
    fail("random.permutation", `x must be an integer or an array with at least one axis, got ${x instanceof ArrayValue ? describe(x) : describeValue(x)}${scalarHint(x)}`);
  }
  const axis = normalizeAxis("random.permutation", options.axis ?? 0, x.shape.length);
  if (options.independent === true || x.shape.length === 1) return shuffle("permutation", key, x, axis);
  const indices = shuffle("permutation", key, flatIota("int32", [x.shape[axis]!]), 0);
  return bind1("gather", [x, indices], { axis });
}

/**
 * Draws `shape` samples from `a` (an integer n meaning 0..n-1, or an array sampled along
 * `axis`): uniformly with replacement (randint), without replacement (a permutation's prefix),
 * or with probabilities `p` (inverse CDF with replacement, Gumbel top-k without).
 */
export function choice(
  key: Key,
  a: number | ArrayValue,
  options: { readonly shape?: Shape; readonly replace?: boolean; readonly p?: ArrayValue; readonly axis?: number } | null = {},
): ArrayValue {
  checkArity("random.choice", arguments, 3);
  checkKey("choice", key);
  options = readOptions("random.choice", options, { shape: anyValue, replace: bool, p: anyValue, axis: integer }) as typeof options & object;
  const shape = shapeArg("choice", options.shape ?? []);
  const replace = options.replace ?? true;
  const isArray = a instanceof ArrayValue && a.shape.length > 0;
  let n: number;
  let axis = 0;
  if (typeof a === "number") {
    if (!Number.isInteger(a) || a < 0 || a > 2 ** 31 - 1) fail("random.choice", `a must be a non-negative integer or an array, got ${describeValue(a)}`);
    n = a;
  } else if (a instanceof ArrayValue && isArray) {
    axis = normalizeAxis("random.choice", options.axis ?? 0, a.shape.length);
    n = a.shape[axis]!;
  } else {
    return fail("random.choice", `a must be an integer or an array with at least one axis, got ${a instanceof ArrayValue ? describe(a) : describeValue(a)}${scalarHint(a)}`);
  }
  const draws = sizeOf(shape);
  const outShape = isArray ? [...(a as ArrayValue).shape.slice(0, axis), ...shape, ...(a as ArrayValue).shape.slice(axis + 1)] : shape;
  if (draws === 0) return np.zeros(outShape, { dtype: isArray ? (a as ArrayValue).dtype : "int32" });
  if (n <= 0) fail("random.choice", `a must be greater than 0 unless no samples are taken, got ${n}`);
  if (!replace && draws > n) {
    fail("random.choice", `cannot take a larger sample (size ${draws}) than the population (size ${n}) when replace is false`);
  }
  const take = (indices: ArrayValue) => (isArray ? bind1("gather", [a as ArrayValue, indices], { axis }) : indices);
  let result: ArrayValue;
  if (options.p === undefined) {
    if (replace) {
      result = take(randint(key, shape, 0, n));
    } else {
      const permuted = permutation(key, isArray ? (a as ArrayValue) : n, { axis });
      const limit = permuted.shape.map((d, i) => (i === axis ? draws : d));
      result = bind1("slice", [permuted], { start: limit.map(() => 0), limit, strides: limit.map(() => 1) });
    }
  } else {
    const p = options.p;
    if (!(p instanceof ArrayValue) || p.shape.length !== 1 || p.shape[0] !== n) {
      fail("random.choice", `p must be a 1-D array with the same size as a.shape[axis] (${n}), got ${p instanceof ArrayValue ? describe(p) : describeValue(p)}`);
    }
    const probs = isFloat(p.dtype) ? p : np.astype(p, "float32");
    const dtype = probs.dtype as FloatDType;
    let indices: ArrayValue;
    if (replace) {
      const cumulative = bind1("cumsum", [probs], { axis: 0, reverse: false });
      const total = element(cumulative, n - 1);
      const r = np.multiply(total, np.subtract(1, uniform(key, shape, { dtype })));
      // searchsorted(cumulative, r) (side left) counts the cumulative sums below r.
      const below = np.less(cumulative, reshape(r, [...r.shape, 1]));
      indices = bind1("reduceSum", [np.astype(below, "int32")], { axes: [shape.length] });
    } else {
      const scores = np.add(gumbel(key, [n], { dtype }), np.log(probs));
      indices = bind("topK", [scores], { k: draws })[1]!;
    }
    result = take(indices);
  }
  return reshape(result, outShape);
}

