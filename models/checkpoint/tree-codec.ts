/**
 * The tree codec both checkpoint forms share: an io-ts `Type` between pytrees and their wire
 * nodes, parametrised by where an array's elements live (`LeafStorage`: base64 text in the JSON
 * form, a byte range in the binary form). Decoding checks every node strictly (known kinds, no
 * missing or extra fields), compares it with the template when there is one, reads array data
 * only once the header matched, and collects every error with its pytree path.
 *
 * Wire nodes (JSON values; the same grammar in both forms):
 *
 * | node                                                         | pytree value                 |
 * | ------------------------------------------------------------ | ---------------------------- |
 * | `{"kind": "array", "dtype": D, "shape": [n, ...], ...S}`     | a tessera array              |
 * | `{"kind": "number", "value": x}`                             | a JS number                  |
 * | `{"kind": "boolean", "value": true \| false}`                | a JS boolean                 |
 * | `{"kind": "null"}`, `{"kind": "undefined"}`                  | null, undefined (empty nodes)|
 * | `{"kind": "list", "items": [node, ...]}`                     | a JS array (list or tuple)   |
 * | `{"kind": "record", "fields": {"key": node, ...}}`           | a plain object               |
 *
 * D is one of float32, float64, int32, uint32, bool; the shape lists at most 64 non-negative
 * integers (`[]` for a scalar). S is the storage of the elements: `"data"` (JSON form) or
 * `"offset"` (binary form). A number `x` is a JSON number, or the string "NaN", "Infinity",
 * "-Infinity" or "-0". Record keys are arbitrary strings, `__proto__` included: decoded records
 * hold every key as a plain own data property (never a prototype), as `core/tree.ts` does.
 * Writers emit record keys in sorted order and array data in pytree order (`tree.flatten`'s).
 */
import * as t from "io-ts";
import * as E from "./either.js";
import type { DType } from "../../core/dtype.js";
import { describe, fail } from "../../core/errors.js";
import { ArrayValue, NdArray } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import { sizeOf } from "../../core/shape.js";
import * as tree from "../../core/tree.js";
import { fromLittleEndian, itemSize } from "./bytes.js";
import { describeJson, dtypeCodec, indexSegment, joinPath, keySegment, maxDepth, numberCodec, shapeCodec } from "./codecs.js";
import { describeExpected, expectationOf, type Expected } from "./template.js";

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A decoded checkpoint: a pytree of arrays, numbers and booleans. */
export type CheckpointTree = tree.PyTree<tree.Leaf>;

/** A wire node whose array leaves store their elements in the fields `S`. */
export type WireNode<S> =
  | ({ readonly kind: "array"; readonly dtype: DType; readonly shape: readonly number[] } & S)
  | { readonly kind: "number"; readonly value: number | string }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "null" | "undefined" }
  | { readonly kind: "list"; readonly items: readonly WireNode<S>[] }
  | { readonly kind: "record"; readonly fields: { readonly [key: string]: WireNode<S> } };

/** An array's checked dtype and shape, before its data is read. */
export interface ArrayHeader {
  readonly dtype: DType;
  readonly shape: readonly number[];
}

/** Where array elements live in one checkpoint form. */
export interface LeafStorage<S> {
  /** The array node's fields besides kind, dtype and shape (e.g. ["data"]). */
  readonly fields: readonly string[];
  /** Reads the elements of an array whose header is already checked (and matched the template). */
  read(header: ArrayHeader, node: Readonly<Record<string, unknown>>, context: t.Context): t.Validation<ArrayValue>;
  /** Stores an array's elements, returning the node's storage fields. */
  write(array: NdArray): S;
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * The codec between pytrees and wire nodes for one storage, checking decoded trees against
 * `template` when given (see template.ts; `undefined` means no template). Encoding throws a
 * TesseraError for a value that is not a pytree of concrete arrays, numbers and booleans.
 */
export function treeCodec<S>(storage: LeafStorage<S>, template?: unknown): t.Type<CheckpointTree, WireNode<S>, unknown> {
  const expected = template === undefined ? undefined : expectationOf(template);
  const codec: t.Type<CheckpointTree, WireNode<S>, unknown> = new t.Type<CheckpointTree, WireNode<S>, unknown>(
    "CheckpointTree",
    isCheckpointTree,
    (u, c) => decodeNode(u, c, expected, 0),
    (value) => encodeTree(value, storage),
  );
  const arrayFields = ["kind", "dtype", "shape", ...storage.fields];

  function decodeNode(u: unknown, c: t.Context, want: Expected | undefined, depth: number): t.Validation<CheckpointTree> {
    if (depth > maxDepth) return t.failure(u, c, `lists and records nest deeper than ${maxDepth} levels`);
    if (!isPlainObject(u) || !Object.prototype.hasOwnProperty.call(u, "kind")) {
      return t.failure(u, c, `expected a node (an object with a "kind" field), got ${describeJson(u)}`);
    }
    const kind = own(u, "kind");
    switch (kind) {
      case "array":
        return decodeArray(u, c, want);
      case "number":
      case "boolean":
        return check(u, c, ["kind", "value"], () => {
          const value = own(u, "value");
          const decoded = kind === "number" ? numberCodec.validate(value, c) : typeof value === "boolean" ? t.success(value) : t.failure<boolean>(value, c, `expected true or false, got ${describeJson(value)}`);
          return E.chain((leaf: number | boolean) => matches(want, kind, u, c, leaf))(decoded);
        });
      case "null":
        return check(u, c, ["kind"], () => matches(want, kind, u, c, null));
      case "undefined":
        return check(u, c, ["kind"], () => matches(want, kind, u, c, undefined));
      case "list":
        return check(u, c, ["kind", "items"], () => decodeList(u, c, want, depth));
      case "record":
        return check(u, c, ["kind", "fields"], () => decodeRecord(u, c, want, depth));
      default:
        return t.failure(u, c, `unknown node kind ${describeJson(kind)}; expected array, number, boolean, null, undefined, list or record`);
    }
  }

  function decodeArray(node: Readonly<Record<string, unknown>>, c: t.Context, want: Expected | undefined): t.Validation<CheckpointTree> {
    return check(node, c, arrayFields, () => {
      const dtype = dtypeCodec.validate(own(node, "dtype"), c);
      const shape = shapeCodec.validate(own(node, "shape"), c);
      if (E.isLeft(dtype) || E.isLeft(shape)) return t.failures([...leftOf(dtype), ...leftOf(shape)]);
      const header: ArrayHeader = { dtype: dtype.right, shape: shape.right };
      if (want !== undefined) {
        if (want.kind !== "array") return t.failure(node, c, `expected ${describeExpected(want)}, got an array ${describe(header)}`);
        const errors: t.ValidationError[] = [];
        if (want.dtype !== header.dtype) errors.push({ value: node, context: c, message: `expected dtype ${want.dtype}, got ${header.dtype}` });
        if (!sameShape(want.shape, header.shape)) errors.push({ value: node, context: c, message: `expected shape [${want.shape.join(",")}], got [${header.shape.join(",")}]` });
        if (errors.length > 0) return t.failures(errors);
      }
      return storage.read(header, node, c);
    });
  }

  function decodeList(node: Readonly<Record<string, unknown>>, c: t.Context, want: Expected | undefined, depth: number): t.Validation<CheckpointTree> {
    const items = own(node, "items");
    if (!Array.isArray(items)) return t.failure(items, c, `a list node's items must be a list, got ${describeJson(items)}`);
    if (want !== undefined && want.kind !== "list") return t.failure(node, c, `expected ${describeExpected(want)}, got a list of length ${items.length}`);
    if (want !== undefined && want.items.length !== items.length) return t.failure(node, c, `expected a list of length ${want.items.length}, got ${items.length}`);
    const errors: t.ValidationError[] = [];
    const out: CheckpointTree[] = [];
    for (let i = 0; i < items.length; i++) {
      const item: unknown = items[i];
      const result = decodeNode(item, t.appendContext(c, indexSegment(i), codec, item), want?.items[i], depth + 1);
      if (E.isLeft(result)) errors.push(...result.left);
      else out.push(result.right);
    }
    return errors.length > 0 ? t.failures(errors) : t.success(out);
  }

  function decodeRecord(node: Readonly<Record<string, unknown>>, c: t.Context, want: Expected | undefined, depth: number): t.Validation<CheckpointTree> {
    const fields = own(node, "fields");
    if (!isPlainObject(fields)) return t.failure(fields, c, `a record node's fields must be an object, got ${describeJson(fields)}`);
    const keys = Object.keys(fields).sort();
    if (want !== undefined && want.kind !== "record") return t.failure(node, c, `expected ${describeExpected(want)}, got a record with keys [${keys.map((k) => JSON.stringify(k)).join(", ")}]`);
    const errors: t.ValidationError[] = [];
    const entries: [string, CheckpointTree][] = [];
    if (want !== undefined) {
      for (const [key, child] of want.fields) {
        if (!Object.prototype.hasOwnProperty.call(fields, key)) {
          errors.push({ value: fields, context: t.appendContext(c, keySegment(key), codec), message: `missing from the checkpoint; the template expects ${describeExpected(child)}` });
        }
      }
    }
    for (const key of keys) {
      const value: unknown = fields[key];
      const context = t.appendContext(c, keySegment(key), codec, value);
      if (want !== undefined && !want.fields.has(key)) {
        errors.push({ value, context, message: "not in the template" });
        continue;
      }
      const result = decodeNode(value, context, want?.fields.get(key), depth + 1);
      if (E.isLeft(result)) errors.push(...result.left);
      else entries.push([key, result.right]);
    }
    // fromEntries defines own data properties, so a "__proto__" key is data, never a prototype.
    return errors.length > 0 ? t.failures(errors) : t.success(Object.fromEntries(entries));
  }

  return codec;
}

/**
 * Builds an array of `header`'s dtype and shape from little-endian `bytes`, or fails (at
 * `context`) when their length does not fit the header or a bool byte is not 0 or 1.
 */
export function arrayFromBytes(header: ArrayHeader, bytes: Uint8Array, context: t.Context, value: unknown): t.Validation<ArrayValue> {
  const needed = sizeOf(header.shape) * itemSize[header.dtype];
  if (bytes.length !== needed) return t.failure(value, context, `data holds ${bytes.length} bytes, but ${describe(header)} needs ${needed}`);
  const elements = fromLittleEndian(bytes, header.dtype);
  if (E.isLeft(elements)) return t.failure(value, context, elements.left);
  return t.success(np.array(elements.right, { dtype: header.dtype, shape: header.shape }));
}

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

/** Runs `decode` once `node` has exactly the `allowed` fields, reporting every missing or unexpected one. */
function check<A>(node: Readonly<Record<string, unknown>>, c: t.Context, allowed: readonly string[], decode: () => t.Validation<A>): t.Validation<A> {
  const kind = String(own(node, "kind"));
  const what = `${kind === "array" || kind === "undefined" ? "an" : "a"} ${kind} node`;
  const errors: t.ValidationError[] = [];
  for (const field of allowed) {
    if (!Object.prototype.hasOwnProperty.call(node, field)) errors.push({ value: node, context: c, message: `${what} needs the field "${field}"` });
  }
  for (const field of Object.keys(node)) {
    if (!allowed.includes(field)) errors.push({ value: node, context: c, message: `${what} has the unexpected field ${describeJson(field)}` });
  }
  return errors.length > 0 ? t.failures(errors) : decode();
}

/** Succeeds with `leaf` when the template (if any) expects a node of this kind there. */
function matches<A>(want: Expected | undefined, kind: Expected["kind"], node: unknown, c: t.Context, leaf: A): t.Validation<A> {
  if (want === undefined || want.kind === kind) return t.success(leaf);
  return t.failure(node, c, `expected ${describeExpected(want)}, got ${kind === "null" || kind === "undefined" ? kind : `a ${kind}`}`);
}

function encodeTree<S>(value: CheckpointTree, storage: LeafStorage<S>): WireNode<S> {
  const [leaves, def] = tree.flatten(value);
  let next = 0;
  const build = (node: tree.TreeDef, path: readonly string[]): WireNode<S> => {
    switch (node.kind) {
      case "leaf":
        return encodeLeaf(leaves[next++]!, path, storage);
      case "null":
      case "undefined":
        return { kind: node.kind };
      case "array":
        return { kind: "list", items: node.children.map((child, i) => build(child, [...path, indexSegment(i)])) };
      case "object":
        return { kind: "record", fields: Object.fromEntries(node.keys.map((key, i) => [key, build(node.children[i]!, [...path, keySegment(key)])])) };
    }
  };
  return build(def, []);
}

function encodeLeaf<S>(leaf: tree.Leaf, path: readonly string[], storage: LeafStorage<S>): WireNode<S> {
  if (typeof leaf === "number") return { kind: "number", value: numberCodec.encode(leaf) };
  if (typeof leaf === "boolean") return { kind: "boolean", value: leaf };
  if (!(leaf instanceof NdArray)) {
    return fail("checkpoint.encode", `${path.length === 0 ? "the root" : joinPath(path)} is a traced ${describe(leaf)} (inside jit, grad or vmap); checkpoints hold concrete arrays`);
  }
  return { kind: "array", dtype: leaf.dtype, shape: [...leaf.shape], ...storage.write(leaf) };
}

function isCheckpointTree(u: unknown): u is CheckpointTree {
  try {
    return tree.leaves(u).every((leaf) => !(leaf instanceof ArrayValue) || leaf instanceof NdArray);
  } catch {
    return false;
  }
}

function isPlainObject(u: unknown): u is Readonly<Record<string, unknown>> {
  return typeof u === "object" && u !== null && !Array.isArray(u);
}

/** An own property's value (never an inherited one, so `constructor` or `__proto__` cannot leak in). */
function own(record: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

function leftOf<A>(v: t.Validation<A>): t.Errors {
  return E.isLeft(v) ? v.left : [];
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
