/**
 * The eager kernel of the `randomPoisson` primitive: JAX's two Poisson samplers (Knuth's product
 * of uniforms for rates below 10, Hormann's transformed rejection above), both run in float32 over
 * each key's whole block of rates, with JAX's key splitting. As in JAX's loops, a key keeps
 * iterating while any element of its block is unfinished (the rejection loop even overwrites
 * accepted elements meanwhile), so the loops here advance per key and freeze the finished keys,
 * which is what JAX's batched while loop does under vmap.
 */
import { bind, evalInterpreter, withInterpreter } from "../interpreter.js";
import type { ArrayValue, NdArray } from "../ndarray.js";
import * as np from "../numpy/index.js";
import { scalar } from "../numpy/promote.js";
import { sizeOf } from "../shape.js";
import { childKeys, flatIota, reshape, type KeyWords } from "./common.js";
import { uniformFromWords } from "./floats.js";
import { lgamma } from "./special.js";

const f32 = (x: number) => scalar(x, "float32");

/** `uniform(key, [perKey], float32)` for every key: rows of a [n, perKey] array. */
function uniformRows(keys: KeyWords, counters: ArrayValue): ArrayValue {
  const [hi, lo] = bind("threefry2x32", [keys.k1, keys.k2, scalar(0, "uint32"), counters], {});
  return uniformFromWords(hi!, lo!, "float32");
}

/** Whether any element of each row holds, as an [n, 1] mask. */
const anyPerRow = (mask: ArrayValue): ArrayValue => np.any(mask, { axis: 1, keepdims: true });
const anyTrue = (mask: ArrayValue): boolean => (np.any(mask) as NdArray).item() === true;
const keepKeys = (mask: ArrayValue, next: KeyWords, current: KeyWords): KeyWords => ({
  k1: np.where(mask, next.k1, current.k1),
  k2: np.where(mask, next.k2, current.k2),
});

/** Knuth: count uniforms until their product drops below exp(-lam); lam [n, perKey] float32. */
function knuth(keys: KeyWords, lam: ArrayValue, counters: ArrayValue): ArrayValue {
  const negLam = np.negative(lam);
  let k: ArrayValue = np.zeros(lam.shape, { dtype: "int32" });
  let logProd: ArrayValue = np.zeros(lam.shape, { dtype: "float32" });
  let rng = keys;
  let running = np.greater(logProd, negLam);
  let rows = anyPerRow(running);
  while (anyTrue(rows)) {
    const next = childKeys(rng, 0);
    const u = uniformRows(childKeys(rng, 1), counters);
    k = np.where(np.logicalAnd(rows, running), np.add(k, 1), k);
    logProd = np.where(rows, np.add(logProd, np.log(u)), logProd);
    rng = keepKeys(rows, next, rng);
    running = np.greater(logProd, negLam);
    rows = anyPerRow(running);
  }
  return np.subtract(k, 1);
}

/** Hormann's transformed rejection (PTRS) for lam >= 10, in float32 as JAX computes it. */
function rejection(keys: KeyWords, lam: ArrayValue, counters: ArrayValue): ArrayValue {
  const logLam = np.log(lam);
  const b = np.add(f32(0.931), np.multiply(f32(2.53), np.sqrt(lam)));
  const a = np.add(f32(-0.059), np.multiply(f32(0.02483), b));
  const invAlpha = np.add(f32(1.1239), np.divide(f32(1.1328), np.subtract(b, f32(3.4))));
  const vR = np.subtract(f32(0.9277), np.divide(f32(3.6224), np.subtract(b, f32(2))));
  let kOut: ArrayValue = np.fullLike(lam, -1);
  let accepted: ArrayValue = np.zeros(lam.shape, { dtype: "bool" });
  let rng = keys;
  let rows = anyPerRow(np.logicalNot(accepted));
  while (anyTrue(rows)) {
    const next = childKeys(rng, 0);
    const u = np.subtract(uniformRows(childKeys(rng, 1), counters), f32(0.5));
    const v = uniformRows(childKeys(rng, 2), counters);
    const uShifted = np.subtract(f32(0.5), np.abs(u));
    const k = np.floor(np.add(np.add(np.multiply(np.add(np.divide(np.multiply(f32(2), a), uShifted), b), u), lam), f32(0.43)));
    const s = np.log(np.divide(np.multiply(v, invAlpha), np.add(np.divide(a, np.multiply(uShifted, uShifted)), b)));
    const t = np.subtract(np.add(np.negative(lam), np.multiply(k, logLam)), lgamma(np.add(k, f32(1))));
    const accept1 = np.logicalAnd(np.greaterEqual(uShifted, f32(0.07)), np.lessEqual(v, vR));
    const reject = np.logicalOr(np.less(k, f32(0)), np.logicalAnd(np.less(uShifted, f32(0.013)), np.greater(v, uShifted)));
    const accept = np.logicalAnd(rows, np.logicalOr(accept1, np.logicalAnd(np.logicalNot(reject), np.lessEqual(s, t))));
    kOut = np.where(accept, k, kOut);
    accepted = np.logicalOr(accepted, accept);
    rng = keepKeys(rows, next, rng);
    rows = anyPerRow(np.logicalNot(accepted));
  }
  return np.astype(kOut, "int32");
}

/**
 * Poisson(lam) samples as int32: `keys` is [...batch, 2] and `lam` (float32) is [...batch, ...rest];
 * each key draws its whole `rest` block, as one call of jax.random.poisson does.
 */
export function poissonLoop(keys: NdArray, lam: NdArray): NdArray {
  return withInterpreter(evalInterpreter, () => {
    const batchRank = keys.shape.length - 1;
    const keyCount = sizeOf(keys.shape.slice(0, batchRank));
    const perKey = sizeOf(lam.shape.slice(batchRank));
    const flatKeys = reshape(keys, [keyCount, 2]);
    const word = (i: number) => bind("slice", [flatKeys], { start: [0, i], limit: [keyCount, i + 1], strides: [1, 1] })[0]!;
    const rowKeys = { k1: word(0), k2: word(1) };
    const counters = reshape(flatIota("uint32", [perKey]), [1, perKey]);
    const rates = reshape(lam, [keyCount, perKey]);
    const useKnuth = np.logicalOr(np.isnan(rates), np.less(rates, f32(10)));
    const small = knuth(rowKeys, np.where(useKnuth, rates, f32(0)), counters);
    const large = rejection(rowKeys, np.where(useKnuth, f32(1e5), rates), counters);
    const result = np.where(useKnuth, small, large);
    return reshape(np.where(np.equal(rates, f32(0)), scalar(0, "int32"), result), lam.shape) as NdArray;
  });
}
