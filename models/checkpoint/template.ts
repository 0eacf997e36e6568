/**
 * Templates: what a decoded checkpoint must look like. A template is a pytree (records, lists,
 * null, undefined) whose leaves are arrays (only their shape and dtype are read, so the params a
 * model was initialised with serve as their own template), `{ shape, dtype }` specs, numbers or
 * booleans (the checkpoint must hold a number, or a boolean, there). Specs are unambiguous: a
 * string is never a pytree leaf, so an object with a string `dtype` cannot be a record of leaves.
 *
 * A template is the caller's own value, not untrusted input: a malformed one is a TesseraError
 * (thrown), while every mismatch between template and checkpoint is a Left.
 *
 * @example
 * decodeJson(text, { w: { shape: [3, 4], dtype: "float32" }, b: np.zeros([4]) });
 */
import { isDType, type DType } from "../../core/dtype.js";
import { describe, fail } from "../../core/errors.js";
import { ArrayValue } from "../../core/ndarray.js";
import type { Leaf, PyTree } from "../../core/tree.js";
import { describeJson, indexSegment, joinPath, keySegment } from "./codecs.js";

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A template leaf given by shape and dtype alone (as JAX's ShapeDtypeStruct). */
export interface ArraySpec {
  readonly shape: readonly number[];
  readonly dtype: DType;
}

/** A template, checked and normalised: records hold their fields by key. */
export type Expected =
  | { readonly kind: "array"; readonly shape: readonly number[]; readonly dtype: DType }
  | { readonly kind: "number" | "boolean" | "null" | "undefined" }
  | { readonly kind: "list"; readonly items: readonly Expected[] }
  | { readonly kind: "record"; readonly fields: ReadonlyMap<string, Expected> };

/**
 * The type a checkpoint decodes to against a template of type `T`: array and spec leaves become
 * arrays, everything else keeps its shape.
 *
 * @example
 * type P = Decoded<{ w: ArraySpec; layers: [{ b: NdArray }] }>; // { w: ArrayValue; layers: [{ b: ArrayValue }] }
 */
export type Decoded<T> = unknown extends T
  ? PyTree<Leaf>
  : T extends ArrayValue | ArraySpec
  ? ArrayValue
  : T extends number
    ? number
    : T extends boolean
      ? boolean
      : T extends null | undefined
        ? T
        : T extends object
          ? { -readonly [K in keyof T]: Decoded<T[K]> }
          : never;

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/** Checks and normalises a template; a malformed one is an error naming its path. */
export function expectationOf(template: unknown): Expected {
  return walk(template, [], new Set());
}

// -------------------------------------------------------------------------------------
// utils
// -------------------------------------------------------------------------------------

/** "an array f32[3,4]", "a list of length 2", "a record with keys [b, w]", ... */
export function describeExpected(expected: Expected): string {
  switch (expected.kind) {
    case "array":
      return `an array ${describe(expected)}`;
    case "number":
    case "boolean":
      return `a ${expected.kind}`;
    case "null":
    case "undefined":
      return expected.kind;
    case "list":
      return `a list of length ${expected.items.length}`;
    case "record":
      return `a record with keys [${[...expected.fields.keys()].map((k) => JSON.stringify(k)).join(", ")}]`;
  }
}

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

function walk(node: unknown, path: readonly string[], ancestors: Set<object>): Expected {
  const here = () => (path.length === 0 ? "the root" : joinPath(path));
  if (node === null) return { kind: "null" };
  if (node === undefined) return { kind: "undefined" };
  if (typeof node === "number") return { kind: "number" };
  if (typeof node === "boolean") return { kind: "boolean" };
  if (node instanceof ArrayValue) return { kind: "array", shape: [...node.shape], dtype: node.dtype };
  if (typeof node !== "object") return fail("checkpoint.template", `${here()} holds ${describeJson(node)}; expected an array, a {shape, dtype} spec, a number, a boolean, a list, a record, null or undefined`);
  if (ancestors.has(node)) return fail("checkpoint.template", `the template contains a cycle at ${here()}`);
  const proto: unknown = Object.getPrototypeOf(node);
  if (Array.isArray(node) && proto === Array.prototype) {
    ancestors.add(node);
    const items = Array.from(node as readonly unknown[], (item, i) => walk(item, [...path, indexSegment(i)], ancestors));
    ancestors.delete(node);
    return { kind: "list", items };
  }
  if (proto !== Object.prototype && proto !== null) return fail("checkpoint.template", `${here()} holds an instance of a class; expected a plain record, a list or a leaf`);
  const record = node as Readonly<Record<string, unknown>>;
  if (typeof record["dtype"] === "string" && Object.prototype.hasOwnProperty.call(record, "dtype")) return spec(record, here());
  ancestors.add(node);
  const fields = new Map<string, Expected>();
  for (const key of Object.keys(record).sort()) fields.set(key, walk(record[key], [...path, keySegment(key)], ancestors));
  ancestors.delete(node);
  return { kind: "record", fields };
}

/** A `{ shape, dtype }` spec, checked. */
function spec(record: Readonly<Record<string, unknown>>, where: string): Expected {
  const keys = Object.keys(record).sort();
  if (keys.length !== 2 || keys[0] !== "dtype" || keys[1] !== "shape") {
    return fail("checkpoint.template", `the spec at ${where} has keys [${keys.join(", ")}]; expected exactly shape and dtype`);
  }
  const { dtype, shape } = record;
  if (!isDType(dtype)) return fail("checkpoint.template", `the spec at ${where} has unknown dtype ${describeJson(dtype)}`);
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) {
    return fail("checkpoint.template", `the spec at ${where} has shape ${describeJson(shape)}; expected a list of non-negative integers`);
  }
  return { kind: "array", shape: [...(shape as number[])], dtype };
}
