/**
 * Leafwise arithmetic on update pytrees shared by the transformations: moments shaped like the
 * params, the step counter, the global norm. Empty nodes (`null`, left where `masked` hides a
 * leaf) pass through every map unchanged, as optax's `MaskedNode`s do.
 */
import { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import type * as tree from "../../core/tree.js";
import { flattenMatching, flattenTree, unflattenTree } from "../../core/tree-walk.js";

/** A pytree leaf as an array (JS numbers become float32 scalars, as everywhere in tessera). */
export function asArray(leaf: tree.Leaf): ArrayValue {
  return leaf instanceof ArrayValue ? leaf : np.array(leaf);
}

/**
 * `f` applied to every leaf of `updates`, as arrays. A bad tree is an error of `update` (the
 * function the user called; `init` for the params), never of an internal tree helper.
 */
export function mapLeaves(updates: unknown, f: (leaf: ArrayValue) => ArrayValue, op = "update", what = "grads"): unknown {
  const [leaves, def] = flattenTree(op, updates, what);
  return unflattenTree(op, def, leaves.map((leaf) => f(asArray(leaf))));
}

/**
 * `f` applied to corresponding leaves of the gradients (or updates made from them) and a tree
 * that must have their structure, which `what` names in update's errors ("params", "the scaleByAdam state's mu").
 */
export function mapLeaves2(grads: unknown, other: unknown, what: string, f: (x: ArrayValue, y: ArrayValue) => ArrayValue): unknown {
  const [[left, right], def] = flattenMatching("update", [
    { label: "grads", value: grads },
    { label: what, value: other },
  ]);
  return unflattenTree("update", def, left!.map((x, i) => f(asArray(x), asArray(right![i]!))));
}

/** A tree shaped like `params` holding `value` in each leaf's shape and dtype (for `init`). */
export function fullLike(params: unknown, value: number): unknown {
  return mapLeaves(params, (p) => np.fullLike(p, value), "init", "params");
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
  const squares = flattenTree("update", updates, "grads")[0].map((leaf) => np.sum(np.square(asArray(leaf))));
  return np.sqrt(squares.reduce<ArrayValue>((total, s) => np.add(total, s), np.array(0)));
}
