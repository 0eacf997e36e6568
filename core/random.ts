/**
 * The `random` namespace: counter-based pseudo-random numbers matching JAX's default PRNG
 * (threefry2x32, "partitionable" mode) bit for bit. A key is a uint32 array of shape [2] (JAX's
 * raw key data); there is no hidden state: `split` or `foldIn` a key to get fresh ones.
 *
 * Every sampler is JAX's own algorithm built from primitives through `bind` and the np
 * functions, so transforms (vmap over keys, jit) apply to it like to any other array code.
 * Bit generation: element i of a sample of shape S hashes the 64-bit counter i (as the word pair
 * [hi, lo]) under the key, and xors the two output words.
 */
import { isFloat, type DType } from "./dtype.js";
import { describe, fail } from "./errors.js";
import { bind, bind1 } from "./interpreter.js";
import { ArrayValue, NdArray, type ArrayOrScalar } from "./ndarray.js";
import * as np from "./numpy/index.js";
import { scalar } from "./numpy/promote.js";
import { broadcastShapes, checkShape, normalizeAxis, shapesEqual, sizeOf, type Shape } from "./shape.js";

/** A PRNG key: a uint32 array of shape [2] (from `key`, `split` or `foldIn`). */
export type Key = ArrayValue;

/** The float dtypes samplers produce. */
export type FloatDType = "float32" | "float64";

/** The dtype option of the float samplers (default float32). */
export interface FloatOptions {
  readonly dtype?: FloatDType;
}

// ---------------------------------------------------------------------------------------------
// structural helpers (primitives bound directly, so they work on tracers too)

function reshape(x: ArrayValue, newShape: Shape): ArrayValue {
  return shapesEqual(x.shape, newShape) ? x : bind1("reshape", [x], { newShape });
}

/** Stacks same-shaped arrays along a new last axis. */
function stackLast(parts: readonly ArrayValue[]): ArrayValue {
  const shape = parts[0]!.shape;
  return bind1("concatenate", parts.map((p) => reshape(p, [...shape, 1])), { axis: shape.length });
}

/** Element `i` of a 1-D array, as a rank-0 array. */
function element(x: ArrayValue, i: number): ArrayValue {
  return reshape(bind1("slice", [x], { start: [i], limit: [i + 1], strides: [1] }), []);
}

/** 0, 1, 2, ... in row-major order over `shape`. */
function flatIota(dtype: DType, shape: Shape): ArrayValue {
  return reshape(bind1("iota", [], { dtype, shape: [sizeOf(shape)], dimension: 0 }), shape);
}

/** Checks a shape argument; `op` names the caller. */
function shapeArg(op: string, shape: unknown): Shape {
  return checkShape(`random.${op}`, shape);
}

/** Checks the dtype option of a float sampler. */
function floatDtype(op: string, dtype: unknown = "float32"): FloatDType {
  if (dtype !== "float32" && dtype !== "float64") {
    fail(`random.${op}`, `dtype must be a float dtype (float32 or float64), got ${JSON.stringify(dtype)}`);
  }
  return dtype;
}

/** Checks that parameter shapes broadcast to exactly `shape` (JAX's _check_shape). */
function checkParamShapes(op: string, shape: Shape, ...params: Shape[]): void {
  const result = broadcastShapes(`random.${op}`, shape, ...params);
  if (!shapesEqual(result, shape)) {
    fail(
      `random.${op}`,
      `parameter shapes ${params.map((p) => `[${p.join(",")}]`).join(", ")} must broadcast to the requested shape ` +
        `[${shape.join(",")}], but broadcasting gives [${result.join(",")}]`,
    );
  }
}

/** A float parameter (number or array) as an array of `dtype`. */
function floatParam(op: string, name: string, x: unknown, dtype: DType): ArrayValue {
  if (typeof x === "number") return scalar(x, dtype);
  if (x instanceof ArrayValue) return np.astype(x, dtype);
  return fail(`random.${op}`, `${name} must be a number or an array, got ${x === null ? "null" : typeof x}`);
}

// ---------------------------------------------------------------------------------------------
// keys

/** The key's two words as rank-0 uint32 arrays, after checking it is a single raw key. */
function keyWords(op: string, key: unknown): [ArrayValue, ArrayValue] {
  if (!(key instanceof ArrayValue)) {
    fail(`random.${op}`, `expected a key (a uint32 array of shape [2] from random.key), got ${key === null ? "null" : typeof key}`);
  }
  if (key.dtype !== "uint32" || key.shape.length !== 1 || key.shape[0] !== 2) {
    const batched = key.dtype === "uint32" && key.shape.length > 1 && key.shape[key.shape.length - 1] === 2;
    fail(
      `random.${op}`,
      `expected a single key, a uint32 array of shape [2] (from random.key, split or foldIn); got ${describe(key)}` +
        (batched ? "; for a batch of keys, map over them (vmap) or index one out" : ""),
    );
  }
  return [element(key, 0), element(key, 1)];
}

/** The two threefry output words for counters 0..size-1 laid out in `shape`. */
function threefryBits(op: string, k1: ArrayValue, k2: ArrayValue, shape: Shape): [ArrayValue, ArrayValue] {
  // The 64-bit counter's high word is 0 for every array that fits in memory.
  if (sizeOf(shape) > 2 ** 32) fail(`random.${op}`, `shape [${shape.join(",")}] has more than 2^32 elements`);
  const [bits1, bits2] = bind("threefry2x32", [k1, k2, scalar(0, "uint32"), flatIota("uint32", shape)], {});
  return [bits1!, bits2!];
}

/**
 * A PRNG key from an integer seed: `[0, seed mod 2^32]`, as `jax.random.PRNGKey` with 64-bit mode
 * off (so negative seeds wrap: key(-1) is [0, 4294967295]). A rank-0 int32/uint32 array is
 * accepted too, so seeds can be traced.
 */
export function key(seed: number | bigint | ArrayValue): Key {
  if (seed instanceof ArrayValue) {
    if (seed.shape.length !== 0 || (seed.dtype !== "int32" && seed.dtype !== "uint32")) {
      fail("random.key", `seed must be a scalar integer, got an array ${describe(seed)}`);
    }
    return stackLast([scalar(0, "uint32"), np.astype(seed, "uint32")]);
  }
  let low: number;
  if (typeof seed === "bigint") {
    if (seed < -(2n ** 63n) || seed >= 2n ** 63n) fail("random.key", `seed ${seed} does not fit in 64 bits`);
    low = Number(BigInt.asUintN(32, seed));
  } else {
    if (typeof seed !== "number" || !Number.isSafeInteger(seed)) {
      fail("random.key", `seed must be an integer (a safe JS integer or a bigint), got ${String(seed)}`);
    }
    low = ((seed % 2 ** 32) + 2 ** 32) % 2 ** 32;
  }
  return NdArray.fromBuffer(Uint32Array.of(0, low), [2], "uint32");
}

/** Splits a key into `num` new keys (shape [num, 2]), or a grid of keys when `num` is a shape. */
export function split(key: Key, num: number | Shape = 2): Key {
  const shape = typeof num === "number" ? [num] : num;
  shapeArg("split", shape);
  const [k1, k2] = keyWords("split", key);
  return stackLast(threefryBits("split", k1, k2, shape));
}

/** A new key deterministically derived from `key` and the 32-bit integer `data`. */
export function foldIn(key: Key, data: number | ArrayValue): Key {
  const [k1, k2] = keyWords("foldIn", key);
  let word: ArrayValue;
  if (typeof data === "number") {
    if (!Number.isInteger(data) || data < -(2 ** 31) || data >= 2 ** 32) {
      fail("random.foldIn", `data must be a 32-bit integer (in [-2^31, 2^32)), got ${data}`);
    }
    word = scalar(data >>> 0, "uint32");
  } else if (data instanceof ArrayValue && data.shape.length === 0 && (data.dtype === "int32" || data.dtype === "uint32")) {
    word = np.astype(data, "uint32");
  } else {
    return fail("random.foldIn", `data must be a scalar integer, got ${data instanceof ArrayValue ? describe(data) : typeof data}`);
  }
  // JAX hashes the counter pair [0, data] with the original (non-partitionable) threefry_2x32.
  const [w1, w2] = bind("threefry2x32", [k1, k2, scalar(0, "uint32"), word], {});
  return stackLast([w1!, w2!]);
}

// ---------------------------------------------------------------------------------------------
// bits and uniform floats

function randomBits(op: string, key: Key, shape: Shape): ArrayValue {
  const [k1, k2] = keyWords(op, key);
  const [bits1, bits2] = threefryBits(op, k1, k2, shape);
  return np.bitwiseXor(bits1, bits2);
}

/** Uniform random uint32 values of `shape`. */
export function bits(key: Key, shape: Shape = []): ArrayValue {
  return randomBits("bits", key, shapeArg("bits", shape));
}

/**
 * Uniform floats in [0, 1) with the mantissa filled from random bits: JAX bit-casts
 * `bits >>> 9 | bits_of(1.0)` and subtracts 1, which is exactly `(bits >>> 9) * 2^-23`.
 * float64 uses 64 bits per value (the two threefry words, high first).
 */
function unitFloats(op: string, key: Key, shape: Shape, dtype: FloatDType): ArrayValue {
  if (dtype === "float32") {
    return np.multiply(np.astype(np.rightShift(randomBits(op, key, shape), 9), "float32"), 2 ** -23);
  }
  const [k1, k2] = keyWords(op, key);
  const [hi, lo] = threefryBits(op, k1, k2, shape);
  // (hi * 2^32 + lo) >>> 12 = hi * 2^20 + (lo >>> 12): an exact integer below 2^52.
  const mantissa = np.add(np.multiply(np.astype(hi, "float64"), 2 ** 20), np.astype(np.rightShift(lo, 12), "float64"));
  return np.multiply(mantissa, 2 ** -52);
}

/** Uniform floats in [minval, maxval) of `shape` (minval/maxval broadcast to it). */
export function uniform(
  key: Key,
  shape: Shape = [],
  options: FloatOptions & { readonly minval?: ArrayOrScalar; readonly maxval?: ArrayOrScalar } = {},
): ArrayValue {
  shapeArg("uniform", shape);
  const dtype = floatDtype("uniform", options.dtype);
  const minval = floatParam("uniform", "minval", options.minval ?? 0, dtype);
  const maxval = floatParam("uniform", "maxval", options.maxval ?? 1, dtype);
  checkParamShapes("uniform", shape, minval.shape, maxval.shape);
  return uniformBetween("uniform", key, shape, dtype, minval, maxval);
}

/** JAX's _uniform: scale unit floats into [minval, maxval), clamping rounding below minval. */
function uniformBetween(op: string, key: Key, shape: Shape, dtype: FloatDType, minval: ArrayValue, maxval: ArrayValue): ArrayValue {
  const floats = unitFloats(op, key, shape, dtype);
  return np.maximum(minval, fusedMultiplyAdd(floats, np.subtract(maxval, minval), minval));
}

/**
 * a * b + c rounded once, as XLA's CPU backend computes JAX's `floats * span + minval` (it
 * contracts the pair into an FMA). float32: the product is exact in float64, so one float64
 * add and the final float32 rounding give the fused result. float64: Dekker's exact product
 * and a compensated sum (round-to-nearest of the exact value except in vanishingly rare
 * double-rounding cases).
 */
function fusedMultiplyAdd(a: ArrayValue, b: ArrayValue, c: ArrayValue): ArrayValue {
  if (a.dtype === "float32") {
    const wide = (x: ArrayValue) => np.astype(x, "float64");
    return np.astype(np.add(np.multiply(wide(a), wide(b)), wide(c)), "float32");
  }
  const [aHigh, aLow] = splitHalves(a);
  const [bHigh, bLow] = splitHalves(b);
  const product = np.multiply(a, b);
  const productError = np.add(
    np.add(np.add(np.subtract(np.multiply(aHigh, bHigh), product), np.multiply(aHigh, bLow)), np.multiply(aLow, bHigh)),
    np.multiply(aLow, bLow),
  );
  const sum = np.add(product, c);
  const fromC = np.subtract(sum, product);
  const sumError = np.add(np.subtract(product, np.subtract(sum, fromC)), np.subtract(c, fromC));
  return np.add(sum, np.add(sumError, productError));
}

/** Veltkamp's split of float64 values into two 26-bit halves whose products are exact. */
function splitHalves(x: ArrayValue): [ArrayValue, ArrayValue] {
  const scaled = np.multiply(x, 134217729); // 2^27 + 1
  const high = np.subtract(scaled, np.subtract(scaled, x));
  return [high, np.subtract(x, high)];
}

// ---------------------------------------------------------------------------------------------
// continuous distributions

/** The float just above -1 in `dtype` (nextafter(-1, 0)). */
function aboveMinusOne(dtype: FloatDType): number {
  return dtype === "float32" ? -1 + 2 ** -24 : -1 + 2 ** -53;
}

/** The smallest positive normal float of `dtype`. */
function tiny(dtype: FloatDType): number {
  return dtype === "float32" ? 2 ** -126 : 2 ** -1022;
}

/** Standard normal samples: sqrt(2) * erfinv(u) with u uniform in (-1, 1). */
export function normal(key: Key, shape: Shape = [], options: FloatOptions = {}): ArrayValue {
  shapeArg("normal", shape);
  const dtype = floatDtype("normal", options.dtype);
  const u = uniformBetween("normal", key, shape, dtype, scalar(aboveMinusOne(dtype), dtype), scalar(1, dtype));
  return np.multiply(scalar(Math.SQRT2, dtype), np.erfinv(u));
}

/**
 * Standard normal samples truncated to (lower, upper): inverse-CDF sampling between
 * erf(lower/sqrt2) and erf(upper/sqrt2), clamped into the open interval. `shape` defaults to
 * the broadcast shape of the bounds.
 */
export function truncatedNormal(
  key: Key,
  lower: ArrayOrScalar,
  upper: ArrayOrScalar,
  shape?: Shape,
  options: FloatOptions = {},
): ArrayValue {
  const dtype = floatDtype("truncatedNormal", options.dtype);
  const lo = floatParam("truncatedNormal", "lower", lower, dtype);
  const hi = floatParam("truncatedNormal", "upper", upper, dtype);
  const outShape = shape === undefined ? broadcastShapes("random.truncatedNormal", lo.shape, hi.shape) : shapeArg("truncatedNormal", shape);
  if (shape !== undefined) checkParamShapes("truncatedNormal", outShape, lo.shape, hi.shape);
  const sqrt2 = scalar(Math.SQRT2, dtype);
  const a = np.erf(np.divide(lo, sqrt2));
  const b = np.erf(np.divide(hi, sqrt2));
  const u = uniformBetween("truncatedNormal", key, outShape, dtype, a, b);
  const out = np.multiply(sqrt2, np.erfinv(u));
  return np.minimum(np.maximum(out, np.nextafter(lo, Infinity)), np.nextafter(hi, -Infinity));
}

/** Standard Gumbel samples: -log(-log(u)) with u uniform in [tiny, 1). */
export function gumbel(key: Key, shape: Shape = [], options: FloatOptions = {}): ArrayValue {
  shapeArg("gumbel", shape);
  const dtype = floatDtype("gumbel", options.dtype);
  const u = uniformBetween("gumbel", key, shape, dtype, scalar(tiny(dtype), dtype), scalar(1, dtype));
  return np.negative(np.log(np.negative(np.log(u))));
}

/** Standard exponential samples: -log1p(-u). */
export function exponential(key: Key, shape: Shape = [], options: FloatOptions = {}): ArrayValue {
  shapeArg("exponential", shape);
  const dtype = floatDtype("exponential", options.dtype);
  const u = uniformBetween("exponential", key, shape, dtype, scalar(0, dtype), scalar(1, dtype));
  return np.negative(np.log1p(np.negative(u)));
}

/** Standard Laplace samples: sign(u) * log1p(-|u|) with u uniform in (-1, 1). */
export function laplace(key: Key, shape: Shape = [], options: FloatOptions = {}): ArrayValue {
  shapeArg("laplace", shape);
  const dtype = floatDtype("laplace", options.dtype);
  const u = uniformBetween("laplace", key, shape, dtype, scalar(aboveMinusOne(dtype), dtype), scalar(1, dtype));
  return np.multiply(np.sign(u), np.log1p(np.negative(np.abs(u))));
}

// ---------------------------------------------------------------------------------------------
// discrete distributions

/**
 * Booleans that are true with probability `p` (uniform < p, in p's float dtype). `shape`
 * defaults to p's shape. p outside [0, 1] is not an error (all true or all false), as in JAX.
 */
export function bernoulli(key: Key, p: ArrayOrScalar = 0.5, shape?: Shape): ArrayValue {
  if (p instanceof ArrayValue && !isFloat(p.dtype)) {
    fail("random.bernoulli", `probability p must have a float dtype, got ${describe(p)}`);
  }
  const dtype = p instanceof ArrayValue ? (p.dtype as FloatDType) : "float32";
  const prob = floatParam("bernoulli", "p", p, dtype);
  const outShape = shape === undefined ? prob.shape : shapeArg("bernoulli", shape);
  checkParamShapes("bernoulli", outShape, prob.shape);
  return np.less(uniformBetween("bernoulli", key, outShape, dtype, scalar(0, dtype), scalar(1, dtype)), prob);
}

/**
 * Samples indices from categorical distributions given unnormalized log-probabilities along
 * `axis` (the Gumbel-max trick). `shape` defaults to the logits' shape without `axis`; leading
 * extra axes draw independent samples.
 */
export function categorical(key: Key, logits: ArrayValue, options: { readonly axis?: number; readonly shape?: Shape } = {}): ArrayValue {
  if (!(logits instanceof ArrayValue) || !isFloat(logits.dtype) || logits.shape.length === 0) {
    fail("random.categorical", `logits must be a float array with at least one axis, got ${logits instanceof ArrayValue ? describe(logits) : typeof logits}`);
  }
  const rank = logits.shape.length;
  const axis = normalizeAxis("random.categorical", options.axis ?? -1, rank);
  const batchShape = logits.shape.filter((_, i) => i !== axis);
  const shape = options.shape === undefined ? batchShape : shapeArg("categorical", options.shape);
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
      fail("random.randint", `${name} ${x} does not fit in int32`);
    }
    return scalar(Math.trunc(x), "int32");
  }
  if (!(x instanceof ArrayValue)) return fail("random.randint", `${name} must be a number or an array, got ${typeof x}`);
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
  options: { readonly dtype?: "int32" } = {},
): ArrayValue {
  shapeArg("randint", shape);
  if ((options.dtype ?? "int32") !== "int32") fail("random.randint", `dtype must be int32, got ${JSON.stringify(options.dtype)}`);
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

/**
 * A random permutation of 0..n-1 (int32) when given an integer, or of `x` along `axis`.
 * With `independent`, every slice along `axis` is shuffled on its own.
 */
export function permutation(
  key: Key,
  x: number | ArrayValue,
  options: { readonly axis?: number; readonly independent?: boolean } = {},
): ArrayValue {
  if (typeof x === "number") {
    if (!Number.isInteger(x) || x < 0 || x > 2 ** 31 - 1) fail("random.permutation", `n must be a non-negative integer, got ${x}`);
    normalizeAxis("random.permutation", options.axis ?? 0, 1);
    return shuffle("permutation", key, flatIota("int32", [x]), 0);
  }
  if (!(x instanceof ArrayValue) || x.shape.length === 0) {
    fail("random.permutation", `x must be an integer or an array with at least one axis, got ${x instanceof ArrayValue ? describe(x) : typeof x}`);
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
  options: { readonly shape?: Shape; readonly replace?: boolean; readonly p?: ArrayValue; readonly axis?: number } = {},
): ArrayValue {
  const shape = shapeArg("choice", options.shape ?? []);
  const replace = options.replace ?? true;
  const isArray = a instanceof ArrayValue && a.shape.length > 0;
  let n: number;
  let axis = 0;
  if (typeof a === "number") {
    if (!Number.isInteger(a)) fail("random.choice", `a must be an integer or an array, got ${a}`);
    n = a;
  } else if (a instanceof ArrayValue && isArray) {
    axis = normalizeAxis("random.choice", options.axis ?? 0, a.shape.length);
    n = a.shape[axis]!;
  } else {
    return fail("random.choice", `a must be an integer or an array with at least one axis, got ${a instanceof ArrayValue ? describe(a) : typeof a}`);
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
      fail("random.choice", `p must be a 1-D array with the same size as a.shape[axis] (${n}), got ${p instanceof ArrayValue ? describe(p) : typeof p}`);
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
