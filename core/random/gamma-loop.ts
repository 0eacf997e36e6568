/**
 * The eager kernel of the `randomGamma` primitive: Marsaglia and Tsang's rejection sampler run
 * for every element at once, following JAX's `_gamma_one` step for step. JAX runs one while loop
 * per element under vmap; a batched while loop keeps iterating while any element still rejects
 * and leaves finished elements untouched, which is what the masks below do, so each element
 * sees exactly the keys and draws it would see alone.
 */
import { bind, withInterpreter, evalInterpreter } from "../interpreter.js";
import type { ArrayValue, NdArray } from "../ndarray.js";
import * as np from "../numpy/index.js";
import { scalar } from "../numpy/promote.js";
import { sizeOf } from "../shape.js";
import { childKeys, flatIota, reshape, type KeyWords, type FloatDType } from "./common.js";
import { fusedMultiplyAdd, normalFromWords, uniformFromWords } from "./floats.js";

/** The words a sampler of shape [] draws from each key (counter 0). */
const draw = (keys: KeyWords): [ArrayValue, ArrayValue] => [childKeys(keys, 0).k1, childKeys(keys, 0).k2];

/** Keeps `next` where `mask` holds, `current` elsewhere (for keys too). */
const keep = (mask: ArrayValue, next: ArrayValue, current: ArrayValue): ArrayValue => np.where(mask, next, current);
const keepKeys = (mask: ArrayValue, next: KeyWords, current: KeyWords): KeyWords => ({ k1: keep(mask, next.k1, current.k1), k2: keep(mask, next.k2, current.k2) });

const anyTrue = (mask: ArrayValue): boolean => (np.any(mask) as NdArray).item() === true;

/**
 * Gamma(a) samples (or their logs): `keys` is [...batch, 2] and `a` is [...batch, ...rest]; each
 * key is split into one key per element of its `rest` block, as JAX's `_gamma_impl` does.
 */
export function gammaLoop(keys: NdArray, a: NdArray, logSpace: boolean): NdArray {
  return withInterpreter(evalInterpreter, () => {
    const batchRank = keys.shape.length - 1;
    const perKey = sizeOf(a.shape.slice(batchRank));
    const keyCount = sizeOf(keys.shape.slice(0, batchRank));
    const flatKeys = reshape(keys, [keyCount, 1, 2]);
    const word = (i: number) => bind("slice", [flatKeys], { start: [0, 0, i], limit: [keyCount, 1, i + 1], strides: [1, 1, 1] })[0]!;
    const counters = reshape(flatIota("uint32", [perKey]), [1, perKey, 1]);
    const [e1, e2] = bind("threefry2x32", [word(0), word(1), scalar(0, "uint32"), counters], {});
    const n = keyCount * perKey;
    const elementKeys = { k1: reshape(e1!, [n]), k2: reshape(e2!, [n]) };
    return reshape(gammaOne(elementKeys, reshape(a, [n]), logSpace), a.shape) as NdArray;
  });
}

/** JAX's _gamma_one for every element at once. */
function gammaOne(keys: KeyWords, alphaOrig: ArrayValue, logSpace: boolean): ArrayValue {
  const dtype = alphaOrig.dtype as FloatDType;
  const c = (x: number) => scalar(x, dtype);
  const one = c(1);
  const boostMask = np.greaterEqual(alphaOrig, one);
  const alpha = np.where(boostMask, alphaOrig, np.add(alphaOrig, one));
  const d = np.subtract(alpha, c(1 / 3));
  const scale = np.divide(c(1 / 3), np.sqrt(d));

  const rejects = (x2: ArrayValue, v3: ArrayValue, u: ArrayValue) =>
    np.logicalAnd(
      np.greaterEqual(u, np.subtract(one, np.multiply(c(0.0331), np.multiply(x2, x2)))),
      np.greaterEqual(np.log(u), np.add(np.multiply(x2, c(0.5)), np.multiply(d, np.add(np.subtract(one, v3), np.log(v3))))),
    );

  let key = childKeys(keys, 0);
  const subkey = childKeys(keys, 1);
  let bigX: ArrayValue = np.zerosLike(alpha);
  let bigV: ArrayValue = np.onesLike(alpha);
  let bigU: ArrayValue = np.fullLike(alpha, 2);
  let active = rejects(bigX, bigV, bigU);
  while (anyTrue(active)) {
    const nextKey = childKeys(key, 0);
    let xKey = childKeys(key, 1);
    const uKey = childKeys(key, 2);
    // Inner loop: redraw x until v = 1 + x c is positive.
    let x: ArrayValue = np.zerosLike(alpha);
    let v: ArrayValue = np.fullLike(alpha, -1);
    let redraw = np.lessEqual(v, c(0));
    while (anyTrue(redraw)) {
      const nextXKey = childKeys(xKey, 0);
      const xNew = normalFromWords(...draw(childKeys(xKey, 1)), dtype);
      const vNew = fusedMultiplyAdd(xNew, scale, one);
      xKey = keepKeys(redraw, nextXKey, xKey);
      x = keep(redraw, xNew, x);
      v = keep(redraw, vNew, v);
      redraw = np.lessEqual(v, c(0));
    }
    const u = uniformFromWords(...draw(uKey), dtype);
    key = keepKeys(active, nextKey, key);
    bigX = keep(active, np.multiply(x, x), bigX);
    bigV = keep(active, np.multiply(np.multiply(v, v), v), bigV);
    bigU = keep(active, u, bigU);
    active = np.logicalAnd(active, rejects(bigX, bigV, bigU));
  }

  if (logSpace) {
    // log(1 - u) is minus the exponential draw JAX makes from the same key.
    const logSamples = np.log1p(np.negative(uniformFromWords(...draw(subkey), dtype)));
    const logBoost = np.where(np.logicalOr(boostMask, np.equal(logSamples, c(0))), c(0), np.multiply(logSamples, np.divide(one, alphaOrig)));
    return np.add(np.add(np.log(d), np.log(bigV)), logBoost);
  }
  const samples = np.subtract(one, uniformFromWords(...draw(subkey), dtype));
  const boost = np.where(boostMask, one, np.power(samples, np.divide(one, alphaOrig)));
  return np.multiply(np.multiply(d, bigV), boost);
}
