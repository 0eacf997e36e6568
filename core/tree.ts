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
import { describe, fail } from "./errors.js";
import { ArrayValue } from "./ndarray.js";
import { checkArity, checkFunction, className, describeValue } from "./validate.js";

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** What a pytree may hold at its leaves: tessera arrays (concrete or traced), numbers and booleans. */
export type Leaf = ArrayValue | number | boolean;

/**
 * A pytree with leaves of type `L`: a leaf, an empty node, a list/tuple of subtrees or a plain
 * object of subtrees.
 *
 * @example
 * const params: PyTree<ArrayValue> = { layers: [{ w: np.ones([3, 2]), b: np.zeros([2]) }, { w: np.ones([2, 1]), b: np.zeros([1]) }], scale: null };
 */
export type PyTree<L = Leaf> = L | null | undefined | readonly PyTree<L>[] | { readonly [key: string]: PyTree<L> };

/**
 * The structure of a pytree without its leaves: immutable and shareable. Each node records its
 * kind, its children (sorted keys for objects) and how many leaves it holds.
 *
 * @example
 * tree.structure({ b: 1, w: [2, 3] }); // { kind: "object", keys: ["b", "w"], children: [leaf, array of 2], numLeaves: 3 }
 */
export type TreeDef =
  | { readonly kind: "leaf"; readonly numLeaves: 1 }
  | { readonly kind: "null"; readonly numLeaves: 0 }
  | { readonly kind: "undefined"; readonly numLeaves: 0 }
  | { readonly kind: "array"; readonly children: readonly TreeDef[]; readonly numLeaves: number }
  | { readonly kind: "object"; readonly keys: readonly string[]; readonly children: readonly TreeDef[]; readonly numLeaves: number };

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

/**
 * A location in a tree, as a chain of object keys and array indices back to the root (null).
 * Linked rather than copied per node, since paths are only read to report errors and in `mapWithPath`.
 */
type Path = { readonly parent: Path; readonly key: string | number } | null;

const extend = (parent: Path, key: string | number): Path => ({ parent, key });

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const leafDef: TreeDef = Object.freeze({ kind: "leaf", numLeaves: 1 });
const nullDef: TreeDef = Object.freeze({ kind: "null", numLeaves: 0 });
const undefinedDef: TreeDef = Object.freeze({ kind: "undefined", numLeaves: 0 });

/**
 * Splits a tree into its leaves (depth first, object keys sorted) and its structure. The input is
 * checked at run time: a value that is neither a leaf nor a container is an error naming its path.
 *
 * @example
 * tree.flatten({ w: [x, y], b: 2 }); // [[2, x, y], def]
 */
export function flatten<T>(tree: T): [LeafOf<T>[], TreeDef] {
  return flattenAs<LeafOf<T>>("tree.flatten", tree);
}

/**
 * Rebuilds a tree of structure `def` from its leaves (the inverse of `flatten`); the leaf count must match.
 *
 * @example
 * const [leaves, def] = tree.flatten(params);
 * tree.unflatten(def, leaves.map((x) => x.mul(2)));
 */
export function unflatten<L>(def: TreeDef, leaves: readonly L[]): PyTree<L> {
  if (leaves.length !== def.numLeaves) {
    fail("tree.unflatten", `the tree definition ${treedefToString(def)} has ${def.numLeaves} leaves, got ${leaves.length}`);
  }
  let next = 0;
  const build = (node: TreeDef): PyTree<L> => {
    switch (node.kind) {
      case "leaf":
        return leaves[next++]!;
      case "null":
        return null;
      case "undefined":
        return undefined;
      case "array":
        return node.children.map(build);
      case "object":
        return Object.fromEntries(node.keys.map((key, i) => [key, build(node.children[i]!)]));
    }
  };
  return build(def);
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
    const [leaves, def] = flattenAs<Leaf>("tree.map", input);
    return unflatten(def, leaves.map((leaf) => f(leaf)));
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
    const leaves: Leaf[] = [];
    const paths: Path[] = [];
    const def = walk("tree.mapWithPath", input, null, leaves, new Set(), paths);
    return unflatten(def, leaves.map((leaf, i) => f(leaf, formatPath(paths[i]!))));
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
    const [columns, def] = flattenAll("tree.zipWith", [first, ...rest]);
    const out = columns[0]!.map((_, i) => f(...columns.map((leaves) => leaves[i] as A)));
    return unflatten(def, out) as never;
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
    const [[left, right], def] = flattenAll("tree.map2", [a, b]);
    return unflatten(def, left!.map((leaf, i) => f(leaf, right![i]!)));
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
  const [columns, def] = flattenAll("tree.zip", [first, ...rest]);
  return unflatten(def, columns[0]!.map((_, i) => columns.map((leaves) => leaves[i]!))) as never;
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
  equals: (a, b) => treedefsEqual(a, b),
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
  return flattenAs<LeafOf<T>>("tree.leaves", tree)[0];
}

/**
 * The structure of a tree (its `TreeDef`), without its leaves.
 *
 * @example
 * tree.treedefToString(tree.structure({ w: x, b: [1, 2] })); // "{b: [*, *], w: *}"
 */
export function structure(tree: unknown): TreeDef {
  return flattenAs("tree.structure", tree)[1];
}

/**
 * True for values `flatten` treats as leaves: tessera arrays, numbers and booleans.
 *
 * @example
 * tree.isLeaf(np.zeros([2])); // true
 * tree.isLeaf([1, 2]); // false (a list node)
 */
export function isLeaf(value: unknown): value is Leaf {
  return typeof value === "number" || typeof value === "boolean" || value instanceof ArrayValue;
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
 * A compact, JavaScript-like rendering of a tree definition; `*` marks a leaf.
 *
 * @example
 * tree.treedefToString(tree.structure({ w: [x, y], b: null })); // "{b: null, w: [*, *]}"
 */
export function treedefToString(def: TreeDef): string {
  switch (def.kind) {
    case "leaf":
      return "*";
    case "null":
      return "null";
    case "undefined":
      return "undefined";
    case "array":
      return `[${def.children.map(treedefToString).join(", ")}]`;
    case "object":
      return `{${def.keys.map((key, i) => `${formatKey(key)}: ${treedefToString(def.children[i]!)}`).join(", ")}}`;
  }
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

/** Flattens a value whose static type is not known to be a tree (the walk checks it). */
function flattenAs<L>(op: string, tree: unknown): [L[], TreeDef] {
  const leaves: Leaf[] = [];
  const def = walk(op, tree, null, leaves, new Set());
  return [leaves as L[], def];
}

/**
 * Walks a tree, pushing leaves (and their paths when asked) and returning its definition.
 * `ancestors` holds the containers on the current path, so a cycle is an error, not a stack overflow.
 */
function walk(op: string, node: unknown, path: Path, leaves: Leaf[], ancestors: Set<object>, paths?: Path[]): TreeDef {
  if (node === null) return nullDef;
  if (node === undefined) return undefinedDef;
  if (isLeaf(node)) {
    leaves.push(node);
    paths?.push(path);
    return leafDef;
  }
  const kind = containerKind(op, node, path);
  const container = node as object;
  if (ancestors.has(container)) fail(op, `the tree contains a cycle: ${at(path)} refers back to one of its ancestors`);
  ancestors.add(container);
  let def: TreeDef;
  if (kind === "array") {
    const items = container as readonly unknown[];
    const children: TreeDef[] = [];
    for (let i = 0; i < items.length; i++) children.push(walk(op, items[i], extend(path, i), leaves, ancestors, paths));
    def = arrayDef(children);
  } else {
    const record = container as Readonly<Record<string, unknown>>;
    const keys = sortedKeys(op, record, path);
    const children = keys.map((key) => walk(op, record[key], extend(path, key), leaves, ancestors, paths));
    def = objectDef(keys, children);
  }
  ancestors.delete(container);
  return def;
}

/** Classifies a non-leaf, non-empty value as a list or a record, or rejects it with a message naming its path. */
function containerKind(op: string, node: unknown, path: Path): "array" | "object" {
  if (Array.isArray(node)) {
    if (Object.getPrototypeOf(node) === Array.prototype) return "array";
  } else if (typeof node === "object" && node !== null) {
    const proto: unknown = Object.getPrototypeOf(node);
    if (proto === Object.prototype || proto === null) return "object";
  }
  return fail(
    op,
    `${at(path)} holds ${describeKind(node)}, which is neither a leaf (a tessera array, number or boolean) ` +
      `nor a container (a plain object, an array, null or undefined)${adviceFor(node)}`,
  );
}

/** Own enumerable string keys, sorted; symbol keys would be silently lost, so they are an error. */
function sortedKeys(op: string, record: object, path: Path): string[] {
  const symbols = Object.getOwnPropertySymbols(record).filter((s) => Object.prototype.propertyIsEnumerable.call(record, s));
  if (symbols.length > 0) fail(op, `${at(path)} has symbol keys (${symbols.map(String).join(", ")}); pytree keys must be strings`);
  return Object.keys(record).sort();
}

function arrayDef(children: readonly TreeDef[]): TreeDef {
  const count = children.reduce((n, c) => n + c.numLeaves, 0);
  return Object.freeze({ kind: "array", children: Object.freeze([...children]), numLeaves: count });
}

function objectDef(keys: readonly string[], children: readonly TreeDef[]): TreeDef {
  const count = children.reduce((n, c) => n + c.numLeaves, 0);
  return Object.freeze({ kind: "object", keys: Object.freeze([...keys]), children: Object.freeze([...children]), numLeaves: count });
}

function treedefsEqual(a: TreeDef, b: TreeDef): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind || a.numLeaves !== b.numLeaves) return false;
  if (a.kind === "array" && b.kind === "array") {
    return a.children.length === b.children.length && a.children.every((c, i) => treedefsEqual(c, b.children[i]!));
  }
  if (a.kind === "object" && b.kind === "object") {
    return (
      a.keys.length === b.keys.length &&
      a.keys.every((k, i) => k === b.keys[i]) &&
      a.children.every((c, i) => treedefsEqual(c, b.children[i]!))
    );
  }
  return true;
}

/**
 * Flattens several trees against the first one's structure, reporting the first place another
 * tree differs by its path. Returns one list of leaves per tree.
 */
function flattenAll(op: string, trees: readonly unknown[]): [Leaf[][], TreeDef] {
  const [firstLeaves, def] = flattenAs<Leaf>(op, trees[0]);
  const columns = [firstLeaves];
  for (let t = 1; t < trees.length; t++) {
    const leaves: Leaf[] = [];
    matchWalk(op, def, trees[t], null, leaves, new Set(), t);
    columns.push(leaves);
  }
  return [columns, def];
}

/** Walks `node` expecting the structure `def`, collecting its leaves. */
function matchWalk(op: string, def: TreeDef, node: unknown, path: Path, leaves: Leaf[], ancestors: Set<object>, index: number): void {
  const mismatch = (): never =>
    fail(op, `structures differ at ${at(path)}: expected ${describeDef(def)}, got ${describeNode(op, node, path)} (in tree argument ${index})`);
  switch (def.kind) {
    case "leaf":
      if (!isLeaf(node)) mismatch();
      leaves.push(node as Leaf);
      return;
    case "null":
      if (node !== null) mismatch();
      return;
    case "undefined":
      if (node !== undefined) mismatch();
      return;
    case "array": {
      if (node === null || node === undefined || isLeaf(node) || containerKind(op, node, path) !== "array") mismatch();
      const items = node as readonly unknown[];
      if (items.length !== def.children.length) mismatch();
      if (ancestors.has(items)) fail(op, `the tree contains a cycle: ${at(path)} refers back to one of its ancestors`);
      ancestors.add(items);
      def.children.forEach((child, i) => matchWalk(op, child, items[i], extend(path, i), leaves, ancestors, index));
      ancestors.delete(items);
      return;
    }
    case "object": {
      if (node === null || node === undefined || isLeaf(node) || containerKind(op, node, path) !== "object") mismatch();
      const record = node as Readonly<Record<string, unknown>>;
      const keys = sortedKeys(op, record, path);
      if (keys.length !== def.keys.length || keys.some((k, i) => k !== def.keys[i])) mismatch();
      if (ancestors.has(record)) fail(op, `the tree contains a cycle: ${at(path)} refers back to one of its ancestors`);
      ancestors.add(record);
      def.children.forEach((child, i) => matchWalk(op, child, record[def.keys[i]!], extend(path, def.keys[i]!), leaves, ancestors, index));
      ancestors.delete(record);
      return;
    }
  }
}

/** "an object with keys [b, w]", "an array of length 2", "a leaf", ... */
function describeDef(def: TreeDef): string {
  switch (def.kind) {
    case "leaf":
      return "a leaf";
    case "null":
      return "null";
    case "undefined":
      return "undefined";
    case "array":
      return `an array of length ${def.children.length}`;
    case "object":
      return `an object with keys [${def.keys.map(formatKey).join(", ")}]`;
  }
}

/** Describes what was found where a structure was expected, in the same words as `describeDef`. */
function describeNode(op: string, node: unknown, path: Path): string {
  if (node === null) return "null";
  if (node === undefined) return "undefined";
  if (node instanceof ArrayValue) return `a leaf (array ${describe(node)})`;
  if (typeof node === "number" || typeof node === "boolean") return `a leaf (${typeof node} ${String(node)})`;
  if (containerKind(op, node, path) === "array") return `an array of length ${(node as readonly unknown[]).length}`;
  return `an object with keys [${sortedKeys(op, node as object, path).map(formatKey).join(", ")}]`;
}

/**
 * Names a value's kind for error messages without printing a (possibly large) object and without
 * running any of its code: the class name is read from own data properties only, so a hostile
 * getter or proxy cannot throw from inside an error message.
 */
function describeKind(value: unknown): string {
  if (typeof value === "function") return "a function";
  if (typeof value === "string") return `a string (${describeValue(value)})`;
  if (typeof value === "bigint") return `a bigint (${describeValue(value)})`;
  if (typeof value === "symbol") return `a symbol (${describeValue(value)})`;
  if (Array.isArray(value)) return "an instance of an Array subclass";
  try {
    const name = className(Object.getPrototypeOf(value));
    return name !== "" ? `an instance of ${name}` : "an object with a custom prototype";
  } catch {
    return "an unreadable object";
  }
}

function adviceFor(value: unknown): string {
  if (ArrayBuffer.isView(value)) return "; wrap typed arrays with np.array";
  if (typeof value === "function") return "; functions and configuration belong in closures, not in a pytree";
  if (typeof value === "string") return "; static configuration belongs in closures, not in a pytree";
  return "";
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A key as written in a path or a treedef: bare when it is an identifier, JSON-quoted otherwise. */
function formatKey(key: string): string {
  return identifier.test(key) ? key : JSON.stringify(key);
}

/** `.params.w[1]`, or `["odd key"]` for keys that are not identifiers. */
function formatPath(path: Path): string {
  let text = "";
  for (let p = path; p !== null; p = p.parent) {
    const k = p.key;
    text = (typeof k === "number" ? `[${k}]` : identifier.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`) + text;
  }
  return text;
}

function at(path: Path): string {
  return path === null ? "the root" : formatPath(path);
}
