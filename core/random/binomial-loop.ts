/**
 * The eager kernel of the `randomBinomial` primitive: JAX's two binomial samplers (inversion by
 * sums of geometric waiting times where count·q <= 10, Kachitvichyanukul and Schmeiser's BTRS
 * transformed rejection otherwise), both run over each key's whole block in the probability's
 * dtype with JAX's key splitting. As in JAX, both loops run on every element (the elements the
 * other sampler serves get harmless stand-in parameters) and a key keeps iterating while any
 * element of its block is unfinished; the rejection loop even overwrites accepted elements
 * meanwhile, which is why the loops advance per key, freezing the finished keys (what JAX's
 * batched while loop does under vmap).
 */
import { bind, evalInterpreter, withInterpreter } from "../interpreter.js";
import type { ArrayValue, NdArray } from "../ndarray.js";
import * as np from "../numpy/index.js";
import { scalar } from "../numpy/promote.js";
import { sizeOf } from "../shape.js";
import { childKeys, flatIota, reshape, type KeyWords, type FloatDType } from "./common.js";
import { uniformFromWords } from "./floats.js";

/** `uniform(key, [perKey], dtype)` for every key: rows of a [n, perKey] array. */
function uniformRows(keys: KeyWords, counters: ArrayValue, dtype: FloatDType): ArrayValue {
  const [hi, lo] = bind("threefry2x32", [keys.k1, keys.k2, scalar(0, "uint32"), counters], {});
  return uniformFromWords(hi!, lo!, dtype);
}

/** Whether any element of each row holds, as an [n, 1] mask. */
const anyPerRow = (mask: ArrayValue): ArrayValue => np.any(mask, { axis: 1, keepdims: true });
const anyTrue = (mask: ArrayValue): boolean => (np.any(mask) as NdArray).item() === true;
const keepKeys = (mask: ArrayValue, next: KeyWords, current: KeyWords): KeyWords => ({
  k1: np.where(mask, next.k1, current.k1),
  k2: np.where(mask, next.k2, current.k2),
});

/**
 * Inversion: count geometric(q) waiting times until their sum passes `count`; the sample is one
 * less than their number. Each step draws from child 0 and continues with child 1.
 */
function inversion(keys: KeyWords, count: ArrayValue, q: ArrayValue, counters: ArrayValue): ArrayValue {
  const dtype = q.dtype as FloatDType;
  const logOneMinusQ = np.log1p(np.negative(q));
  let numGeom: ArrayValue = np.zeros(q.shape, { dtype });
  let geomSum: ArrayValue = np.zeros(q.shape, { dtype });
  let rng = keys;
  let running = np.lessEqual(geomSum, count);
  let rows = anyPerRow(running);
  while (anyTrue(rows)) {
    const draw = childKeys(rng, 0);
    const next = childKeys(rng, 1);
    numGeom = np.where(np.logicalAnd(rows, running), np.add(numGeom, 1), numGeom);
    const geom = np.ceil(np.divide(np.log(uniformRows(draw, counters, dtype)), logOneMinusQ));
    geomSum = np.where(rows, np.add(geomSum, geom), geomSum);
    rng = keepKeys(rows, next, rng);
    running = np.lessEqual(geomSum, count);
    rows = anyPerRow(running);
  }
  return np.subtract(numGeom, 1);
}

/** log(k!) - (k + 1/2) log(k + 1) + (k + 1) - log(√(2π)) for k = 0..9: the tail of Stirling's series (JAX's table). */
const STIRLING_TAIL = [
  0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509, 0.0166446911898211, 0.0138761288230707,
  0.0118967099458917, 0.010411265261972, 0.00925546218271273, 0.00833056343336287,
];

/**
 * The Stirling tail of log(k!): the table for k <= 9, else the series 1/12 - 1/360 /(k+1)² + ...
 * over (k + 1). As in JAX the series is evaluated at k clamped to [0, 9] (so every k > 9 gets the
 * value at 9): a quirk kept for bit-identical samples.
 */
function stirlingTail(k: ArrayValue): ArrayValue {
  const dtype = k.dtype as FloatDType;
  const useTable = np.lessEqual(k, 9);
  const clamped = np.clip(k, 0, 9);
  const kp1 = np.add(clamped, 1);
  const kp1sq = np.multiply(kp1, kp1);
  const series = np.divide(np.subtract(1 / 12, np.divide(np.subtract(1 / 360, np.divide(1 / 1260, kp1sq)), kp1sq)), kp1);
  // NaN has no table entry; the series (NaN) is chosen for it anyway.
  const index = np.astype(np.floor(np.where(np.isnan(clamped), 0, clamped)), "int32");
  const table = np.take(np.array(STIRLING_TAIL, { dtype }), index);
  return np.where(useTable, table, series);
}

/** BTRS for count·q > 10 (q <= 1/2), in the probability's dtype with JAX's constants and order of operations. */
function btrs(keys: KeyWords, count: ArrayValue, q: ArrayValue, counters: ArrayValue): ArrayValue {
  const dtype = q.dtype as FloatDType;
  const stddev = np.sqrt(np.multiply(np.multiply(count, q), np.subtract(1, q)));
  const b = np.add(1.15, np.multiply(2.53, stddev));
  const a = np.add(np.add(-0.0873, np.multiply(0.0248, b)), np.multiply(0.01, q));
  const c = np.add(np.multiply(count, q), 0.5);
  const vR = np.subtract(0.92, np.divide(4.2, b));
  const r = np.divide(q, np.subtract(1, q));
  const alpha = np.multiply(np.add(2.83, np.divide(5.1, b)), stddev);
  const m = np.floor(np.multiply(np.add(count, 1), q));
  // The parts of the bound that do not depend on the draw.
  const mTerm = np.multiply(np.add(m, 0.5), np.log(np.divide(np.add(m, 1), np.multiply(r, np.add(np.subtract(count, m), 1)))));
  const countMinusMPlus1 = np.add(np.subtract(count, m), 1);
  const stirlingM = stirlingTail(m);
  const stirlingCountMinusM = stirlingTail(np.subtract(count, m));
  let kOut: ArrayValue = np.full(q.shape, -1, { dtype });
  let accepted: ArrayValue = np.zeros(q.shape, { dtype: "bool" });
  let rng = keys;
  let rows = anyPerRow(np.logicalNot(accepted));
  while (anyTrue(rows)) {
    const next = childKeys(rng, 0);
    const u = np.subtract(uniformRows(childKeys(rng, 1), counters, dtype), 0.5);
    const v = uniformRows(childKeys(rng, 2), counters, dtype);
    const us = np.subtract(0.5, np.abs(u));
    const accept1 = np.logicalAnd(np.greaterEqual(us, 0.07), np.lessEqual(v, vR));
    const k = np.floor(np.add(np.multiply(np.add(np.divide(np.multiply(2, a), us), b), u), c));
    const reject = np.logicalOr(np.less(k, 0), np.greater(k, count));
    const logV = np.log(np.divide(np.multiply(v, alpha), np.add(np.divide(a, np.multiply(us, us)), b)));
    const countMinusKPlus1 = np.add(np.subtract(count, k), 1);
    let bound = np.add(mTerm, np.multiply(np.add(count, 1), np.log(np.divide(countMinusMPlus1, countMinusKPlus1))));
    bound = np.add(bound, np.multiply(np.add(k, 0.5), np.log(np.divide(np.multiply(r, countMinusKPlus1), np.add(k, 1)))));
    bound = np.subtract(np.subtract(np.add(np.add(bound, stirlingM), stirlingCountMinusM), stirlingTail(k)), stirlingTail(np.subtract(count, k)));
    const accept = np.logicalAnd(rows, np.logicalOr(accept1, np.logicalAnd(np.logicalNot(reject), np.lessEqual(logV, bound))));
    kOut = np.where(accept, k, kOut);
    accepted = np.logicalOr(accepted, accept);
    rng = keepKeys(rows, next, rng);
    rows = anyPerRow(np.logicalNot(accepted));
  }
  return kOut;
}

/**
 * Binomial(count, q) samples in q's dtype, before JAX's final fix-ups (NaN for invalid
 * parameters, inf for an infinite count, the flip for p > 1/2, which binomial.ts applies):
 * `keys` is [...batch, 2]; `count` (not yet floored) and `q` (in [0, 1/2], NaN or negative
 * replaced) are [...batch, ...rest] of one float dtype; each key draws its whole `rest` block.
 */
export function binomialLoop(keys: NdArray, count: NdArray, q: NdArray): NdArray {
  return withInterpreter(evalInterpreter, () => {
    const batchRank = keys.shape.length - 1;
    const keyCount = sizeOf(keys.shape.slice(0, batchRank));
    const perKey = sizeOf(q.shape.slice(batchRank));
    const flatKeys = reshape(keys, [keyCount, 2]);
    const word = (i: number) => bind("slice", [flatKeys], { start: [0, i], limit: [keyCount, i + 1], strides: [1, 1] })[0]!;
    const rowKeys = { k1: word(0), k2: word(1) };
    const counters = reshape(flatIota("uint32", [perKey]), [1, perKey]);
    const n = reshape(count, [keyCount, perKey]);
    const p = reshape(q, [keyCount, perKey]);
    const useInversion = np.logicalOr(np.logicalOr(np.isnan(n), np.less(n, 0)), np.lessEqual(np.multiply(n, p), 10));
    const floored = np.floor(n);
    const small = inversion(rowKeys, np.where(useInversion, floored, 0), p, counters);
    const large = btrs(rowKeys, np.where(useInversion, 1e4, floored), np.where(useInversion, 0.5, p), counters);
    return reshape(np.where(useInversion, small, large), q.shape) as NdArray;
  });
}
