/**
 * The walkers behind the `tree` namespace (core/tree.ts): flattening, matching several trees
 * against one structure, unflattening and printing structures. Each takes the name of the public
 * op that called it, so a bad tree handed to `jit`, `optimizer.update` or `fit` is reported by
 * that op and not by an internal `tree.flatten`; core/tree.ts calls them as `tree.*`.
 *
 * Object keys are visited in sorted order (code-unit order, as `Array.prototype.sort`). Keys are
 * data only: results are built with `Object.fromEntries`, so even a `"__proto__"` key is an
 * ordinary own property.
 */
import { describe, fail } from "./errors.js";
import { inspectCustom } from "./inspect.js";
import { ArrayValue } from "./ndarray.js";
import { className, describeValue } from "./validate.js";

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** What a pytree may hold at its leaves: tessera arrays (concrete or traced), numbers and booleans. */
export type Leaf = ArrayValue | number | boolean;

/**
 * The structure of a pytree without its leaves: immutable and shareable. Each node records its
 * kind, its children (sorted keys for objects) and how many leaves it holds. It prints as JAX's
 * `PyTreeDef({a: *, b: [*, *]})`, where `*` marks a leaf.
 *
 * @example
 * tree.structure({ b: 1, w: [2, 3] }); // PyTreeDef({b: *, w: [*, *]})
 */
export type TreeDef =
  | { readonly kind: "leaf"; readonly numLeaves: 1 }
  | { readonly kind: "null"; readonly numLeaves: 0 }
  | { readonly kind: "undefined"; readonly numLeaves: 0 }
  | { readonly kind: "array"; readonly children: readonly TreeDef[]; readonly numLeaves: number }
  | { readonly kind: "object"; readonly keys: readonly string[]; readonly children: readonly TreeDef[]; readonly numLeaves: number };

/**
 * A location in a tree, as a chain of object keys and array indices back to the root (null).
 * Linked rather than copied per node, since paths are only read to report errors and in `mapWithPath`.
 */
export type Path = { readonly parent: Path; readonly key: string | number } | null;

const extend = (parent: Path, key: string | number): Path => ({ parent, key });

/** A tree handed to a matching walk, with how messages name it ("the gradients", "tree argument 1"). */
export interface LabelledTree {
  readonly label: string;
  readonly value: unknown;
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * The prototype of every tree definition: printing only, as non-enumerable methods, so the nodes
 * stay plain data to spread, compare and serialize.
 */
const treeDefPrototype: object = Object.freeze(
  Object.create(Object.prototype, {
    toString: {
      value(this: TreeDef): string {
        return `PyTreeDef(${treedefToString(this)})`;
      },
    },
    [inspectCustom]: {
      value(this: TreeDef): string {
        return `PyTreeDef(${treedefToString(this)})`;
      },
    },
  }) as object,
);

function node<T extends TreeDef>(fields: T): T {
  return Object.freeze(Object.assign(Object.create(treeDefPrototype) as T, fields));
}

const leafDef: TreeDef = node({ kind: "leaf", numLeaves: 1 });
const nullDef: TreeDef = node({ kind: "null", numLeaves: 0 });
const undefinedDef: TreeDef = node({ kind: "undefined", numLeaves: 0 });

function arrayDef(children: readonly TreeDef[]): TreeDef {
  const count = children.reduce((n, c) => n + c.numLeaves, 0);
  return node({ kind: "array", children: Object.freeze([...children]), numLeaves: count });
}

function objectDef(keys: readonly string[], children: readonly TreeDef[]): TreeDef {
  const count = children.reduce((n, c) => n + c.numLeaves, 0);
  return node({ kind: "object", keys: Object.freeze([...keys]), children: Object.freeze([...children]), numLeaves: count });
}

// -------------------------------------------------------------------------------------
// walks
// -------------------------------------------------------------------------------------

/** True for values `flatten` treats as leaves: tessera arrays, numbers and booleans. */
export function isLeaf(value: unknown): value is Leaf {
  return typeof value === "number" || typeof value === "boolean" || value instanceof ArrayValue;
}

/**
 * Splits `tree` into its leaves and structure; a value that is neither a leaf nor a container is
 * an error of `op` naming where it is, as `root` (default "the root") and the path below it.
 */
export function flattenTree<L extends Leaf = Leaf>(op: string, tree: unknown, root?: string): [L[], TreeDef] {
  const leaves: Leaf[] = [];
  const def = walk({ op, root }, tree, null, leaves, new Set());
  return [leaves as L[], def];
}

/** As `flattenTree`, with each leaf's path (`.layers[0].w`). */
export function flattenTreeWithPaths(op: string, tree: unknown): [Leaf[], TreeDef, string[]] {
  const leaves: Leaf[] = [];
  const paths: Path[] = [];
  const def = walk({ op }, tree, null, leaves, new Set(), paths);
  return [leaves, def, paths.map(formatPath)];
}

/**
 * Flattens several trees against the first one's structure; the first place another tree
 * differs is an error of `op` naming both trees by their labels and the path. Returns one list of
 * leaves per tree.
 */
export function flattenMatching(op: string, trees: readonly LabelledTree[]): [Leaf[][], TreeDef] {
  const [first, ...rest] = trees;
  const [firstLeaves, def] = flattenTree(op, first!.value, first!.label);
  const columns = [firstLeaves];
  for (const other of rest) {
    const leaves: Leaf[] = [];
    matchWalk({ op, root: other.label, expected: first!.label, actual: other.label }, def, other.value, null, leaves, new Set());
    columns.push(leaves);
  }
  return [columns, def];
}

/** Rebuilds a tree of structure `def` from its leaves; a wrong leaf count is an error of `op`. */
export function unflattenTree<L>(op: string, def: TreeDef, leaves: readonly L[]): unknown {
  if (leaves.length !== def.numLeaves) {
    fail(op, `the tree structure ${String(def)} (each * is a leaf) has ${def.numLeaves} leaves, got ${leaves.length}`);
  }
  let next = 0;
  const build = (node: TreeDef): unknown => {
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
// printing and comparing
// -------------------------------------------------------------------------------------

/** The structure in JavaScript-like notation, `{b: null, w: [*, *]}`, with `*` (or `leafText(i)` for the i-th leaf) at each leaf. */
export function treedefToString(def: TreeDef, leafText: (index: number) => string = () => "*"): string {
  let next = 0;
  const render = (d: TreeDef): string => {
    switch (d.kind) {
      case "leaf":
        return leafText(next++);
      case "null":
        return "null";
      case "undefined":
        return "undefined";
      case "array":
        return `[${d.children.map(render).join(", ")}]`;
      case "object":
        return `{${d.keys.map((key, i) => `${formatKey(key)}: ${render(d.children[i]!)}`).join(", ")}}`;
    }
  };
  return render(def);
}

/** Structural equality of tree definitions: same kinds, same keys, same children. */
export function treedefsEqual(a: TreeDef, b: TreeDef): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind || a.numLeaves !== b.numLeaves) return false;
  if (a.kind === "array" && b.kind === "array") {
    return a.children.length === b.children.length && a.children.every((c, i) => treedefsEqual(c, b.children[i]!));
  }
  if (a.kind === "object" && b.kind === "object") {
    return a.keys.length === b.keys.length && a.keys.every((k, i) => k === b.keys[i]) && a.children.every((c, i) => treedefsEqual(c, b.children[i]!));
  }
  return true;
}

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

/** Who is walking: the public op, how the tree's root is named, and for a match the two trees' labels. */
interface Walker {
  readonly op: string;
  readonly root?: string | undefined;
  readonly expected?: string;
  readonly actual?: string;
}

/**
 * Walks a tree, pushing leaves (and their paths when asked) and returning its definition.
 * `ancestors` holds the containers on the current path, so a cycle is an error, not a stack overflow.
 */
function walk(w: Walker, value: unknown, path: Path, leaves: Leaf[], ancestors: Set<object>, paths?: Path[]): TreeDef {
  if (value === null) return nullDef;
  if (value === undefined) return undefinedDef;
  if (isLeaf(value)) {
    leaves.push(value);
    paths?.push(path);
    return leafDef;
  }
  const kind = containerKind(w, value, path);
  const container = value as object;
  if (ancestors.has(container)) fail(w.op, `the tree contains a cycle: ${at(w, path)} refers back to one of its ancestors`);
  ancestors.add(container);
  let def: TreeDef;
  if (kind === "array") {
    const items = container as readonly unknown[];
    const children: TreeDef[] = [];
    for (let i = 0; i < items.length; i++) children.push(walk(w, items[i], extend(path, i), leaves, ancestors, paths));
    def = arrayDef(children);
  } else {
    const record = container as Readonly<Record<string, unknown>>;
    const keys = sortedKeys(w, record, path);
    def = objectDef(keys, keys.map((key) => walk(w, record[key], extend(path, key), leaves, ancestors, paths)));
  }
  ancestors.delete(container);
  return def;
}

/** Walks `value` expecting the structure `def`, collecting its leaves. */
function matchWalk(w: Walker, def: TreeDef, value: unknown, path: Path, leaves: Leaf[], ancestors: Set<object>): void {
  const mismatch = (): never =>
    fail(w.op, `structures differ at ${formatPath(path) || "the root"}: ${describeDef(def)} in ${w.expected}, ${describeNode(w, value, path)} in ${w.actual}`);
  switch (def.kind) {
    case "leaf":
      if (!isLeaf(value)) mismatch();
      leaves.push(value as Leaf);
      return;
    case "null":
      if (value !== null) mismatch();
      return;
    case "undefined":
      if (value !== undefined) mismatch();
      return;
    case "array": {
      if (value === null || value === undefined || isLeaf(value) || containerKind(w, value, path) !== "array") mismatch();
      const items = value as readonly unknown[];
      if (items.length !== def.children.length) mismatch();
      if (ancestors.has(items)) fail(w.op, `the tree contains a cycle: ${at(w, path)} refers back to one of its ancestors`);
      ancestors.add(items);
      def.children.forEach((child, i) => matchWalk(w, child, items[i], extend(path, i), leaves, ancestors));
      ancestors.delete(items);
      return;
    }
    case "object": {
      if (value === null || value === undefined || isLeaf(value) || containerKind(w, value, path) !== "object") mismatch();
      const record = value as Readonly<Record<string, unknown>>;
      const keys = sortedKeys(w, record, path);
      if (keys.length !== def.keys.length || keys.some((k, i) => k !== def.keys[i])) mismatch();
      if (ancestors.has(record)) fail(w.op, `the tree contains a cycle: ${at(w, path)} refers back to one of its ancestors`);
      ancestors.add(record);
      def.children.forEach((child, i) => matchWalk(w, child, record[def.keys[i]!], extend(path, def.keys[i]!), leaves, ancestors));
      ancestors.delete(record);
      return;
    }
  }
}

/** Classifies a non-leaf, non-empty value as a list or a record, or rejects it with a message naming its path. */
function containerKind(w: Walker, value: unknown, path: Path): "array" | "object" {
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) === Array.prototype) return "array";
  } else if (typeof value === "object" && value !== null) {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) return "object";
  }
  return fail(
    w.op,
    `${at(w, path)} holds ${describeKind(value)}, which is neither a leaf (a tessera array, number or boolean) ` +
      `nor a container (a plain object, an array, null or undefined)${adviceFor(value)}`,
  );
}

/** Own enumerable string keys, sorted; symbol keys would be silently lost, so they are an error. */
function sortedKeys(w: Walker, record: object, path: Path): string[] {
  const symbols = Object.getOwnPropertySymbols(record).filter((s) => Object.prototype.propertyIsEnumerable.call(record, s));
  if (symbols.length > 0) fail(w.op, `${at(w, path)} has symbol keys (${symbols.map(String).join(", ")}); pytree keys must be strings`);
  return Object.keys(record).sort();
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
function describeNode(w: Walker, value: unknown, path: Path): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (value instanceof ArrayValue) return `a leaf (array ${describe(value)})`;
  if (typeof value === "number" || typeof value === "boolean") return `a leaf (${typeof value} ${String(value)})`;
  if (containerKind(w, value, path) === "array") return `an array of length ${(value as readonly unknown[]).length}`;
  return `an object with keys [${sortedKeys(w, value as object, path).map(formatKey).join(", ")}]`;
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

/** `.params.w[1]`, or `["odd key"]` for keys that are not identifiers; "" for the root. */
function formatPath(path: Path): string {
  let text = "";
  for (let p = path; p !== null; p = p.parent) {
    const k = p.key;
    text = (typeof k === "number" ? `[${k}]` : identifier.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`) + text;
  }
  return text;
}

/** Where a path is, for messages: "the root", ".a.b", or with a named root "argument 1" / "argument 1 at .a.b". */
function at(w: Walker, path: Path): string {
  if (w.root === undefined) return path === null ? "the root" : formatPath(path);
  return path === null ? w.root : `${w.root} at ${formatPath(path)}`;
}
