/**
 * Pytrees: nested plain objects, JS arrays (lists and tuples), and `null`/`undefined` as empty
 * nodes, with tessera arrays, numbers and booleans as leaves. Every transform flattens its
 * arguments to a list of leaves plus a `TreeDef`, works on the flat list, and unflattens, so a
 * params record passes straight through `grad`, `vmap`, `jit` and optimizers.
 *
 * Object keys are visited in sorted order (code-unit order, as `Array.prototype.sort`), so two
 * records with the same keys flatten the same way whatever order they were written in. Keys are
 * data only: they are never evaluated, and results are built with `Object.fromEntries`, so even a
 * `"__proto__"` key is an ordinary own property.
 *
 * @example
 * import { np, tree } from "tessera";
 * const [leaves, def] = tree.flatten({ w: np.ones([2]), b: 0 }); // leaves: [0, w]
 * tree.unflatten(def, leaves); // { b: 0, w: ... }
 */
import type { Eq } from "fp-ts/lib/Eq.js";
import { fail } from "./errors.js";
import * as walker from "./tree-walk.js";
import type { Leaf, TreeDef } from "./tree-walk.js";
import { checkArity, checkFunction } from "./validate.js";

export type { Leaf, TreeDef } from "./tree-walk.js";

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A pytree with leaves of type `L`: a leaf, an empty node, a list/tuple of subtrees or a plain
 * object of subtrees.
 *
 * @example
 * const params: PyTree<ArrayValue> = { layers: [{ w: np.ones([3, 2]), b: np.zeros([2]) }, { w: np.ones([2, 1]), b: np.zeros([1]) }], scale: null };
 */
export type PyTree<L = Leaf> = L | null | undefined | readonly PyTree<L>[] | { readonly [key: string]: PyTree<L> };

/**
 * The type of `T` with every leaf replaced by `B` (what `map` returns).
 *
 * @example
 * type G = MapLeaves<{ w: NdArray; n: number }, ArrayValue>; // { w: ArrayValue; n: ArrayValue }
 */
export type MapLeaves<T, B> = T extends Leaf ? B : T extends null | undefined ? T : { [K in keyof T]: MapLeaves<T[K], B> };

/**
 * The leaf types found in a tree type `T` (`Leaf` when `T` says nothing).
 *
 * @example
 * type L = LeafOf<{ w: NdArray; steps: [number, number] }>; // NdArray | number
 */
export type LeafOf<T, Depth extends readonly unknown[] = []> = unknown extends T
  ? Leaf
  : Depth["length"] extends 8
    ? Leaf // Recursive tree types (like PyTree itself) would otherwise never bottom out.
    : T extends Leaf
      ? T
      : T extends null | undefined
        ? never
        : T extends readonly (infer E)[]
          ? LeafOf<E, [...Depth, unknown]>
          : T extends object
            ? { [K in keyof T]-?: LeafOf<T[K], [...Depth, unknown]> }[keyof T]
            : never;

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Splits a tree into its leaves (depth first, object keys sorted) and its structure. The input is
 * checked at run time: a value that is neither a leaf nor a container is an error naming its path.
 *
 * @example
 * tree.flatten({ w: [x, y], b: 2 }); // [[2, x, y], def]
 */
export function flatten<T>(tree: T): [LeafOf<T>[], TreeDef] {
  return walker.flattenTree<LeafOf<T>>("tree.flatten", tree);
}

/**
 * Rebuilds a tree of structure `def` from its leaves (the inverse of `flatten`); the leaf count must match.
 *
 * @example
 * const [leaves, def] = tree.flatten(params);
 * tree.unflatten(def, leaves.map((x) => x.mul(2)));
 */
export function unflatten<L>(def: TreeDef, leaves: readonly L[]): PyTree<L> {
  return walker.unflattenTree("tree.unflatten", def, leaves) as PyTree<L>;
}

// -------------------------------------------------------------------------------------
// combinators
// -------------------------------------------------------------------------------------

/**
 * Applies `f` to every leaf, keeping the structure. Data-last for `pipe`, or data-first
 * (`map(tree, f)`, which also infers the leaf type from the tree).
 *
 * @example
 * tree.map((x: ArrayValue) => x.mul(2))(params);
 * pipe(params, tree.map((x: ArrayValue) => x.mul(2)));
 * tree.map(params, (x) => x.mul(2));
 */
export function map<A extends Leaf, B>(f: (leaf: A) => B): <T>(tree: T) => MapLeaves<T, B>;
export function map<T, B>(tree: T, f: (leaf: LeafOf<T>) => B): MapLeaves<T, B>;
export function map(...args: readonly unknown[]): unknown {
  checkCallback("tree.map", args, 2);
  const run = (input: unknown, f: (leaf: Leaf) => unknown) => {
    const [leaves, def] = walker.flattenTree("tree.map", input);
    return walker.unflattenTree("tree.map", def, leaves.map((leaf) => f(leaf)));
  };
  return args.length >= 2 ? run(args[0], args[1] as (leaf: Leaf) => unknown) : (input: unknown) => run(input, args[0] as (leaf: Leaf) => unknown);
}

/**
 * Applies `f` to every leaf and its path (like `.layers[0].w`), keeping the structure; data-last
 * or data-first, as `map`.
 *
 * @example
 * const decay = 0.99;
 * tree.mapWithPath((x: ArrayValue, path) => (path.endsWith(".b") ? x : x.mul(decay)))(params);
 * tree.mapWithPath(params, (x, path) => (path.endsWith(".b") ? x : x.mul(decay)));
 */
export function mapWithPath<A extends Leaf, B>(f: (leaf: A, path: string) => B): <T>(tree: T) => MapLeaves<T, B>;
export function mapWithPath<T, B>(tree: T, f: (leaf: LeafOf<T>, path: string) => B): MapLeaves<T, B>;
export function mapWithPath(...args: readonly unknown[]): unknown {
  checkCallback("tree.mapWithPath", args, 2);
  const run = (input: unknown, f: (leaf: Leaf, path: string) => unknown) => {
    const [leaves, def, paths] = walker.flattenTreeWithPaths("tree.mapWithPath", input);
    return walker.unflattenTree("tree.mapWithPath", def, leaves.map((leaf, i) => f(leaf, paths[i]!)));
  };
  type F = (leaf: Leaf, path: string) => unknown;
  return args.length >= 2 ? run(args[0], args[1] as F) : (input: unknown) => run(input, args[0] as F);
}

/**
 * Applies `f` to corresponding leaves of several trees of the same structure; a mismatch is an
 * error naming the path where the trees differ.
 *
 * @example
 * const masks = { w: np.ones([3, 2]), b: np.zeros([2]) };
 * tree.zipWith((p: ArrayValue, g: ArrayValue, m: ArrayValue) => p.sub(g.mul(m)))(params, grads, masks);
 */
export function zipWith<A extends Leaf, B>(f: (...leaves: A[]) => B): <T>(first: T, ...rest: unknown[]) => MapLeaves<T, B> {
  checkCallback("tree.zipWith", arguments, 1);
  return (first, ...rest) => {
    const [columns, def] = walker.flattenMatching("tree.zipWith", treeArguments([first, ...rest]));
    const out = columns[0]!.map((_, i) => f(...columns.map((leaves) => leaves[i] as A)));
    return walker.unflattenTree("tree.zipWith", def, out) as never;
  };
}

/**
 * Applies `f` to corresponding leaves of two trees of the same structure; data-last
 * (`map2(f)(a, b)`) or data-first (`map2(a, b, f)`).
 *
 * @example
 * tree.map2((p: ArrayValue, g: ArrayValue) => p.sub(g.mul(0.1)))(params, grads);
 * tree.map2(params, grads, (p, g) => p.sub(g.mul(0.1)));
 */
export function map2<A extends Leaf, B extends Leaf, C>(f: (a: A, b: B) => C): <T>(a: T, b: unknown) => MapLeaves<T, C>;
export function map2<T, U, C>(a: T, b: U, f: (a: LeafOf<T>, b: LeafOf<U>) => C): MapLeaves<T, C>;
export function map2(...args: readonly unknown[]): unknown {
  checkCallback("tree.map2", args, 3);
  type F = (a: Leaf, b: Leaf) => unknown;
  const run = (a: unknown, b: unknown, f: F) => {
    const [[left, right], def] = walker.flattenMatching("tree.map2", treeArguments([a, b]));
    return walker.unflattenTree("tree.map2", def, left!.map((leaf, i) => f(leaf, right![i]!)));
  };
  return args.length >= 3 ? run(args[0], args[1], args[2] as F) : (a: unknown, b: unknown) => run(a, b, args[0] as F);
}

/**
 * Pairs up corresponding leaves of several trees of the same structure: the result has the
 * first tree's structure with a tuple of leaves (one per tree) at each leaf position.
 *
 * @example
 * tree.zip({ a: 1, b: 2 }, { a: 10, b: 20 }); // { a: [1, 10], b: [2, 20] }
 */
export function zip<T>(first: T, ...rest: unknown[]): MapLeaves<T, Leaf[]> {
  const [columns, def] = walker.flattenMatching("tree.zip", treeArguments([first, ...rest]));
  return walker.unflattenTree("tree.zip", def, columns[0]!.map((_, i) => columns.map((leaves) => leaves[i]!))) as never;
}

// -------------------------------------------------------------------------------------
// instances
// -------------------------------------------------------------------------------------

/**
 * Structural equality of tree definitions (fp-ts `Eq`): same kinds, same keys, same children.
 *
 * @example
 * treedefEq.equals(tree.structure({ a: 1, b: x }), tree.structure({ b: 3, a: y })); // true
 */
export const treedefEq: Eq<TreeDef> = {
  equals: (a, b) => walker.treedefsEqual(a, b),
};

// -------------------------------------------------------------------------------------
// utils
// -------------------------------------------------------------------------------------

/**
 * The leaves of a tree, in `flatten` order.
 *
 * @example
 * tree.leaves({ w: x, b: [1, 2] }); // [1, 2, x]
 */
export function leaves<T>(tree: T): LeafOf<T>[] {
  return walker.flattenTree<LeafOf<T>>("tree.leaves", tree)[0];
}

/**
 * The structure of a tree (its `TreeDef`), without its leaves.
 *
 * @example
 * tree.structure({ w: x, b: [1, 2] }); // prints as PyTreeDef({b: [*, *], w: *})
 */
export function structure(tree: unknown): TreeDef {
  return walker.flattenTree("tree.structure", tree)[1];
}

/**
 * True for values `flatten` treats as leaves: tessera arrays, numbers and booleans.
 *
 * @example
 * tree.isLeaf(np.zeros([2])); // true
 * tree.isLeaf([1, 2]); // false (a list node)
 */
export function isLeaf(value: unknown): value is Leaf {
  return walker.isLeaf(value);
}

/**
 * The number of leaves a tree definition holds.
 *
 * @example
 * tree.numLeaves(tree.structure([x, { a: 1 }])); // 2
 */
export function numLeaves(def: TreeDef): number {
  return def.numLeaves;
}

/**
 * A compact, JavaScript-like rendering of a tree definition; `*` marks a leaf. (`String(def)`
 * and console.log wrap it as JAX does: `PyTreeDef({b: null, w: [*, *]})`.)
 *
 * @example
 * tree.treedefToString(tree.structure({ w: [x, y], b: null })); // "{b: null, w: [*, *]}"
 */
export function treedefToString(def: TreeDef): string {
  return walker.treedefToString(def);
}

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

/**
 * Checks the function argument of a combinator called data-last (`map(f)`: the only argument)
 * or data-first (`map(tree, f)`: the last of `dataFirst` arguments), when it is called.
 */
function checkCallback(op: string, args: ArrayLike<unknown>, dataFirst: number): void {
  checkArity(op, args, dataFirst);
  if (args.length === 0) fail(op, "needs a function argument");
  checkFunction(op, args[args.length === dataFirst ? dataFirst - 1 : 0], args.length === dataFirst ? "the last argument (the function)" : "the function argument");
}

/** The trees given to a public combinator, labelled by their positions ("tree argument 1"). */
function treeArguments(trees: readonly unknown[]): walker.LabelledTree[] {
  return trees.map((value, i) => ({ label: `tree argument ${i}`, value }));
}
