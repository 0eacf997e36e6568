/**
 * Leafwise arithmetic on update pytrees shared by the transformations: moments shaped like the
 * params, the step counter, the global norm. Empty nodes (`null`, left where `masked` hides a
 * leaf) pass through every map unchanged, as optax's `MaskedNode`s do.
 */
import { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import * as tree from "../../core/tree.js";

/** A pytree leaf as an array (JS numbers become float32 scalars, as everywhere in tessera). */
export function asArray(leaf: tree.Leaf): ArrayValue {
  return leaf instanceof ArrayValue ? leaf : np.array(leaf);
}

/** `f` applied to every leaf of `updates`, as arrays. */
export function mapLeaves(updates: unknown, f: (leaf: ArrayValue) => ArrayValue): unknown {
  return tree.map(updates, (leaf) => f(asArray(leaf)));
}

/** `f` applied to corresponding leaves of two trees of one structure, as arrays. */
export function mapLeaves2(a: unknown, b: unknown, f: (x: ArrayValue, y: ArrayValue) => ArrayValue): unknown {
  return tree.map2(a, b, (x, y) => f(asArray(x), asArray(y)));
}

/** A tree shaped like `params` holding `value` in each leaf's shape and dtype. */
export function fullLike(params: unknown, value: number): unknown {
  return mapLeaves(params, (p) => np.fullLike(p, value));
}

/** A new step counter: an int32 scalar zero. */
export function zeroCount(): ArrayValue {
  return np.zeros([], { dtype: "int32" });
}

const int32Max = 2 ** 31 - 1;

/** `count + 1`, saturating at the int32 maximum instead of wrapping (as optax's `safe_increment`). */
export function increment(count: ArrayValue): ArrayValue {
  return np.where(np.less(count, int32Max), np.add(count, 1), count);
}

/** The exponential moving average `(1 - decay) * value + decay * average`, in optax's order of operations. */
export function movingAverage(value: ArrayValue, average: ArrayValue, decay: number): ArrayValue {
  return np.add(np.multiply(1 - decay, value), np.multiply(decay, average));
}

/** The Euclidean norm of all the leaves of a tree together: sqrt of the sum of every squared entry. */
export function globalNorm(updates: unknown): ArrayValue {
  const squares = tree.leaves(updates).map((leaf) => np.sum(np.square(asArray(leaf))));
  return np.sqrt(squares.reduce<ArrayValue>((total, s) => np.add(total, s), np.array(0)));
}
