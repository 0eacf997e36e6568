/**
 * Masks: which leaves of a params (or updates) tree a transformation applies to, given as a tree
 * of booleans or as a predicate of each leaf and its path. Masks are static (JS booleans), so a
 * masked transformation traces once under `jit`.
 */
import { fail } from "../../core/errors.js";
import type { ArrayValue } from "../../core/ndarray.js";
import * as tree from "../../core/tree.js";
import { describeValue, isPlainRecord, type OptionCheck } from "../../core/validate.js";
import { asArray } from "./tree-math.js";

/**
 * Which leaves to transform: a tree of booleans shaped like the params, where a boolean may also
 * stand for a whole subtree (`{ layers: true, embedding: false }`), or a predicate of each leaf
 * and its path (`.layers[0].w`).
 *
 * @example
 * const noBiases: Mask = (leaf, path) => !path.endsWith(".b");
 * const matricesOnly: Mask = (leaf) => leaf.ndim >= 2;
 */
export type Mask = tree.PyTree<boolean> | ((leaf: ArrayValue, path: string) => boolean);

/**
 * A mask as an argument: a predicate, a boolean, or a list or plain record (whose booleans are
 * matched against the params when the transformation first sees them).
 */
export const maskOption: OptionCheck<Mask> = (op, name, value) => {
  if (typeof value === "function" || typeof value === "boolean" || Array.isArray(value) || isPlainRecord(value)) return value as Mask;
  return fail(op, `${name} must be a predicate (leaf, path) => boolean or a tree of booleans shaped like the params, got ${describeValue(value)}`);
};

/** One boolean per leaf of `updates`, in `tree.leaves` order. */
export function maskLeaves(op: string, mask: Mask, updates: unknown): boolean[] {
  if (typeof mask === "function") {
    return tree.leaves(tree.mapWithPath(updates, (leaf, path) => checkBoolean(op, mask(asArray(leaf), path), path)) as tree.PyTree<boolean>) as boolean[];
  }
  const flags: boolean[] = [];
  expand(op, mask, updates, "", flags);
  return flags;
}

/** The tree with the leaves the mask leaves out replaced by `null` (empty nodes every map passes over). */
export function keepMasked(updates: unknown, flags: readonly boolean[]): unknown {
  const [leaves, def] = tree.flatten(updates);
  return tree.unflatten(def, leaves.map((leaf, i) => (flags[i] ? leaf : null)));
}

/** The leaves of `transformed` (a tree from `keepMasked`) where the mask holds, the leaves of `original` elsewhere. */
export function mergeMasked(transformed: unknown, original: unknown, flags: readonly boolean[]): unknown {
  const [originalLeaves, def] = tree.flatten(original);
  const transformedLeaves = tree.leaves(transformed);
  let next = 0;
  return tree.unflatten(def, originalLeaves.map((leaf, i) => (flags[i] ? transformedLeaves[next++]! : leaf)));
}

function checkBoolean(op: string, value: unknown, path: string): boolean {
  if (typeof value !== "boolean") fail(op, `the mask predicate must return a boolean, got ${typeof value} ${describeValue(value)} for the leaf at ${path || "the root"}`);
  return value;
}

/** Walks a mask tree against the updates, a boolean covering the whole subtree below it. */
function expand(op: string, mask: unknown, node: unknown, path: string, flags: boolean[]): void {
  if (typeof mask === "boolean") {
    for (let i = tree.leaves(node).length; i > 0; i--) flags.push(mask);
    return;
  }
  const where = path === "" ? "the root" : path;
  if (node === null || node === undefined) {
    if (mask !== node) fail(op, `the mask does not match the tree at ${where}: the tree is empty (${String(node)}) there`);
    return;
  }
  if (tree.isLeaf(node)) fail(op, `the mask does not match the tree at ${where}: the tree has a leaf there, the mask ${describeMaskNode(mask)}; put a boolean there`);
  if (Array.isArray(node)) {
    if (!Array.isArray(mask) || mask.length !== node.length) fail(op, `the mask does not match the tree at ${where}: expected a boolean or an array of length ${node.length}, got ${describeMaskNode(mask)}`);
    node.forEach((child: unknown, i) => expand(op, (mask as readonly unknown[])[i], child, `${path}[${i}]`, flags));
    return;
  }
  const record = node as Readonly<Record<string, unknown>>;
  const keys = Object.keys(record).sort();
  const maskRecord = mask as Readonly<Record<string, unknown>>;
  const maskKeys = typeof mask === "object" && mask !== null && !Array.isArray(mask) ? Object.keys(maskRecord).sort() : null;
  if (maskKeys === null || maskKeys.join("\u0000") !== keys.join("\u0000")) {
    fail(op, `the mask does not match the tree at ${where}: expected a boolean or a record with keys [${keys.join(", ")}], got ${describeMaskNode(mask)}`);
  }
  for (const key of keys) expand(op, maskRecord[key], record[key], `${path}.${key}`, flags);
}

function describeMaskNode(mask: unknown): string {
  if (mask === null || mask === undefined) return String(mask);
  if (Array.isArray(mask)) return `an array of length ${mask.length}`;
  if (typeof mask === "object") return `a record with keys [${Object.keys(mask).sort().join(", ")}]`;
  return `${typeof mask} ${describeValue(mask)}`;
}
