/**
 * The JSON checkpoint form, version 1: one JSON document (UTF-8 when stored in a file)
 *
 * ```json
 * {"format": "tessera-checkpoint", "version": 1, "tree": NODE}
 * ```
 *
 * with exactly these three fields. NODE follows the grammar in tree-codec.ts; an array node is
 * `{"kind": "array", "dtype": D, "shape": [...], "data": B}` where B is the standard base64
 * (RFC 4648, `+/` alphabet, `=` padding, no line breaks) of the array's elements in row-major
 * order, each little-endian: 4 bytes for float32 (IEEE 754 binary32), int32 (two's complement)
 * and uint32, 8 for float64 (binary64), 1 for bool (0 or 1). So a float32 [2,3] array holds
 * 24 bytes, and every bit (NaN payloads, -0) survives. Example:
 *
 * ```json
 * {"format":"tessera-checkpoint","version":1,"tree":{"kind":"record","fields":{
 *   "b":{"kind":"array","dtype":"float32","shape":[2],"data":"AACAPwAAAEA="},
 *   "step":{"kind":"array","dtype":"int32","shape":[],"data":"BwAAAA=="}}}}
 * ```
 *
 * (`b` = [1, 2], `step` = 7.) A reader must reject other formats and versions, unknown fields and
 * data whose length is not the shape's element count times the item size.
 */
import * as t from "io-ts";
import * as E from "fp-ts/lib/Either.js";
import { fromBase64, toBase64, toLittleEndian } from "./bytes.js";
import { describeJson, toCheckpointErrors, type CheckpointError } from "./codecs.js";
import type { Decoded } from "./template.js";
import { arrayFromBytes, treeCodec, type CheckpointTree, type LeafStorage, type WireNode } from "./tree-codec.js";

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** The `format` field of every JSON checkpoint. */
export const jsonFormat = "tessera-checkpoint";

/** The JSON form's version this module writes and reads. */
export const jsonVersion = 1;

/** A JSON checkpoint document, as written. */
export interface JsonCheckpoint {
  readonly format: typeof jsonFormat;
  readonly version: typeof jsonVersion;
  readonly tree: WireNode<{ readonly data: string }>;
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/** Array elements as base64 text in the node's `data` field. */
export const jsonStorage: LeafStorage<{ readonly data: string }> = Object.freeze<LeafStorage<{ readonly data: string }>>({
  fields: ["data"],
  read: (header, node, context) => {
    const data = node["data"];
    if (typeof data !== "string") return t.failure(data, context, `an array node's data must be a base64 string, got ${describeJson(data)}`);
    const bytes = fromBase64(data);
    return E.isLeft(bytes) ? t.failure(data, context, `data is not valid base64: ${bytes.left}`) : arrayFromBytes(header, bytes.right, context, data);
  },
  write: (array) => ({ data: toBase64(toLittleEndian(array.toTypedArray())) }),
});

/**
 * The io-ts codec of whole JSON documents (already parsed), checking the tree against
 * `template` when given. Its errors' context keys are pytree path segments.
 *
 * @example
 * jsonCodec(params).decode(JSON.parse(text)); // Either<t.Errors, tree>
 */
export function jsonCodec(template?: unknown): t.Type<CheckpointTree, JsonCheckpoint, unknown> {
  const tree = treeCodec(jsonStorage, template);
  return new t.Type<CheckpointTree, JsonCheckpoint, unknown>(
    "JsonCheckpoint",
    tree.is,
    (u, c) => {
      const problem = envelopeProblem(u);
      if (problem !== undefined) return t.failure(u, c, problem);
      const root = (u as { readonly tree: unknown }).tree;
      // A fresh context rooted at the tree, so error paths read as pytree paths.
      return tree.validate(root, [{ key: "", type: tree, actual: root }]);
    },
    (value) => ({ format: jsonFormat, version: jsonVersion, tree: tree.encode(value) }),
  );
}

// -------------------------------------------------------------------------------------
// encode and decode
// -------------------------------------------------------------------------------------

/**
 * A pytree of concrete arrays, numbers and booleans as a JSON checkpoint (throws a
 * TesseraError for anything else, such as a traced value or a class instance).
 *
 * @example
 * writeFileSync("params.json", checkpoint.encodeJson(params));
 */
export function encodeJson(value: unknown): string {
  return JSON.stringify(jsonCodec().encode(value as CheckpointTree));
}

/**
 * Decodes a JSON checkpoint, checked against `template` when given: Right with fresh arrays, or
 * Left with every problem and its path; never throws on bad text.
 *
 * @example
 * pipe(checkpoint.decodeJson(text, params), E.map((restored) => restored.w));
 */
export function decodeJson(text: string): E.Either<CheckpointError[], CheckpointTree>;
export function decodeJson<T>(text: string, template: T): E.Either<CheckpointError[], Decoded<T>>;
export function decodeJson(text: string, template?: unknown): E.Either<CheckpointError[], unknown> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    // The parser quotes the input; a damaged file's control bytes must not reach a terminal raw.
    const reason = (error instanceof Error ? error.message : String(error)).replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
    return E.left([{ path: "", message: `not valid JSON: ${reason}` }]);
  }
  return E.mapLeft(toCheckpointErrors)(jsonCodec(template).decode(document));
}

/** Why a parsed value is not a version-1 envelope, or undefined when it is one. */
function envelopeProblem(u: unknown): string | undefined {
  if (typeof u !== "object" || u === null || Array.isArray(u)) return `expected a JSON checkpoint object, got ${describeJson(u)}`;
  const document = u as Readonly<Record<string, unknown>>;
  const has = (key: string) => Object.prototype.hasOwnProperty.call(document, key);
  if (!has("format") || document["format"] !== jsonFormat) return `not a tessera checkpoint: expected "format": "${jsonFormat}", got ${has("format") ? describeJson(document["format"]) : "no format field"}`;
  if (!has("version") || document["version"] !== jsonVersion) return `unsupported JSON checkpoint version ${has("version") ? describeJson(document["version"]) : "(missing)"}; this reader knows version ${jsonVersion}`;
  if (!has("tree")) return `the checkpoint has no "tree" field`;
  const extra = Object.keys(document).filter((key) => key !== "format" && key !== "version" && key !== "tree");
  if (extra.length > 0) return `unexpected top-level fields ${extra.map((k) => describeJson(k)).join(", ")}`;
  return undefined;
}
