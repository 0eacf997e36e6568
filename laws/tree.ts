/**
 * Pytree laws as pure predicates: flatten/unflatten are inverse, and `map` is a functor
 * (identity and composition). Leaves are compared by identity (`Object.is`), since a tree
 * function must hand back the very leaves it was given.
 *
 * @example
 * const result = flattenUnflattenRoundTrips({ w: x, b: [1, 2] });
 * if (!result.ok) throw new Error(result.message);
 */
import * as tree from "../core/tree.js";
import { holds, violated, type LawResult } from "./arrays.js";

/**
 * Structural equality of two trees with leaves compared by `Object.is` (object key order and
 * prototypes are ignored: `unflatten` builds fresh plain objects with sorted keys).
 *
 * @example
 * treesIdentical({ a: x, b: [1] }, { b: [1], a: x }); // { ok: true }
 */
export function treesIdentical(actual: unknown, expected: unknown, path = ""): LawResult {
  const here = path === "" ? "the root" : path;
  if (tree.isLeaf(expected) || tree.isLeaf(actual)) {
    return Object.is(actual, expected) ? holds : violated(`at ${here}: got ${String(actual)}, expected ${String(expected)}`);
  }
  if (expected === null || expected === undefined || actual === null || actual === undefined) {
    return actual === expected ? holds : violated(`at ${here}: got ${String(actual)}, expected ${String(expected)}`);
  }
  if (Array.isArray(expected) !== Array.isArray(actual)) return violated(`at ${here}: a list and an object`);
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (actual.length !== expected.length) return violated(`at ${here}: length ${actual.length}, expected ${expected.length}`);
    for (let i = 0; i < expected.length; i++) {
      const r = treesIdentical(actual[i], expected[i], `${path}[${i}]`);
      if (!r.ok) return r;
    }
    return holds;
  }
  const a = actual as Readonly<Record<string, unknown>>;
  const e = expected as Readonly<Record<string, unknown>>;
  const keys = Object.keys(e).sort();
  const actualKeys = Object.keys(a).sort();
  if (keys.length !== actualKeys.length || keys.some((k, i) => k !== actualKeys[i])) {
    return violated(`at ${here}: keys ${JSON.stringify(actualKeys)}, expected ${JSON.stringify(keys)}`);
  }
  for (const key of keys) {
    const r = treesIdentical(a[key], e[key], `${path}[${JSON.stringify(key)}]`);
    if (!r.ok) return r;
  }
  return holds;
}

/**
 * `unflatten(def, leaves)` rebuilds the tree `flatten` split, and flattening that again gives the
 * same leaves and an equal `TreeDef`.
 *
 * @example
 * flattenUnflattenRoundTrips({ params: { w: x, b: 0 }, state: null });
 */
export function flattenUnflattenRoundTrips(input: unknown): LawResult {
  const [leaves, def] = tree.flatten(input);
  const rebuilt = tree.unflatten(def, leaves);
  const same = treesIdentical(rebuilt, input);
  if (!same.ok) return violated(`unflatten(flatten(tree)) differs from the tree ${same.message}`);
  const [again, againDef] = tree.flatten(rebuilt);
  if (!tree.treedefEq.equals(def, againDef)) {
    return violated(`flattening the rebuilt tree gives ${tree.treedefToString(againDef)}, expected ${tree.treedefToString(def)}`);
  }
  const at = again.findIndex((leaf, i) => !Object.is(leaf, leaves[i]));
  return at < 0 && again.length === leaves.length ? holds : violated(`leaf ${at} differs after a round trip`);
}

/**
 * Mapping the identity over a tree gives an identical tree.
 *
 * @example
 * mapIdentity({ a: [1, 2] });
 */
export function mapIdentity(input: unknown): LawResult {
  return treesIdentical(tree.map((leaf: tree.Leaf) => leaf)(input), input);
}

/**
 * Mapping `f` then `g` equals mapping their composition.
 *
 * @example
 * mapComposition({ a: [1, 2] }, (x: number) => x + 1, (x: number) => x * 2);
 */
export function mapComposition<A extends tree.Leaf, B extends tree.Leaf, C extends tree.Leaf>(
  input: unknown,
  f: (leaf: A) => B,
  g: (leaf: B) => C,
): LawResult {
  return treesIdentical(tree.map(g)(tree.map(f)(input)), tree.map((leaf: A) => g(f(leaf)))(input));
}
