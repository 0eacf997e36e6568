/**
 * Keys: making them from seeds, splitting and folding in data, and the threefry counter
 * hashing every sampler draws its bits from.
 */
import { describe, fail } from "../errors.js";
import { bind } from "../interpreter.js";
import { adoptBuffer, ArrayValue } from "../ndarray.js";
import * as np from "../numpy/index.js";
import { scalar } from "../numpy/promote.js";
import { sizeOf, type Shape } from "../shape.js";
import { checkArity, describeValue } from "../validate.js";
import { checkKey, element, flatIota, shapeArg, stackLast, type Key } from "./common.js";

// ---------------------------------------------------------------------------------------------
// keys

/** The key's two words as rank-0 uint32 arrays, after checking it is a single raw key. */
export function keyWords(op: string, key: unknown): [ArrayValue, ArrayValue] {
  checkKey(op, key);
  return [element(key, 0), element(key, 1)];
}

/** The two threefry output words for counters 0..size-1 laid out in `shape`. */
export function threefryBits(op: string, k1: ArrayValue, k2: ArrayValue, shape: Shape): [ArrayValue, ArrayValue] {
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
  checkArity("random.key", arguments, 1);
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
      fail("random.key", `seed must be an integer (a safe JS integer or a bigint), got ${describeValue(seed)}`);
    }
    low = ((seed % 2 ** 32) + 2 ** 32) % 2 ** 32;
  }
  return adoptBuffer(Uint32Array.of(0, low), [2], "uint32");
}

/** Splits a key into `num` new keys (shape [num, 2]), or a grid of keys when `num` is a shape. */
export function split(key: Key, num: number | Shape = 2): Key {
  checkArity("random.split", arguments, 2);
  checkKey("split", key);
  const shape = shapeArg("split", typeof num === "number" ? [num] : num, "uint32", typeof num === "number" || Array.isArray(num) ? "shape" : "num");
  const [k1, k2] = keyWords("split", key);
  return stackLast(threefryBits("split", k1, k2, shape));
}

/** A new key deterministically derived from `key` and the 32-bit integer `data`. */
export function foldIn(key: Key, data: number | ArrayValue): Key {
  checkArity("random.foldIn", arguments, 2);
  const [k1, k2] = keyWords("foldIn", key);
  let word: ArrayValue;
  if (typeof data === "number") {
    if (!Number.isInteger(data) || data < -(2 ** 31) || data >= 2 ** 32) {
      fail("random.foldIn", `data must be a 32-bit integer (in [-2^31, 2^32)), got ${describeValue(data)}`);
    }
    word = scalar(data >>> 0, "uint32");
  } else if (data instanceof ArrayValue && data.shape.length === 0 && (data.dtype === "int32" || data.dtype === "uint32")) {
    word = np.astype(data, "uint32");
  } else {
    return fail("random.foldIn", `data must be a scalar integer, got ${data instanceof ArrayValue ? describe(data) : describeValue(data)}`);
  }
  // JAX hashes the counter pair [0, data] with the original (non-partitionable) threefry_2x32.
  const [w1, w2] = bind("threefry2x32", [k1, k2, scalar(0, "uint32"), word], {});
  return stackLast([w1!, w2!]);
}
