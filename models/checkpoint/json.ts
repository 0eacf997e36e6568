/**
 * The JSON checkpoint form, version 2: one JSON document (UTF-8 when stored in a file)
 *
 * ```json
 * {"format": "tessera-checkpoint", "version": 2, "tree": NODE, "crc32c": C}
 * ```
 *
 * with exactly these four fields. NODE follows the grammar in tree-codec.ts; an array node is
 * `{"kind": "array", "dtype": D, "shape": [...], "data": B, "crc32c": K}` where B is the standard
 * base64 (RFC 4648, `+/` alphabet, `=` padding, no line breaks) of the array's elements in
 * row-major order, each little-endian: 4 bytes for float32 (IEEE 754 binary32), int32 (two's
 * complement) and uint32, 8 for float64 (binary64), 1 for bool (0 or 1), and K is the CRC-32C
 * (crc32c.ts) of those bytes, a JSON integer. So a float32 [2,3] array holds 24 bytes, and every
 * bit (NaN payloads, -0) survives. C is the CRC-32C of the tree's canonical text (checksums.ts),
 * which covers every kind, key, dtype, shape, number, boolean and array checksum, but not
 * spacing or field order. Example:
 *
 * ```json
 * {"format":"tessera-checkpoint","version":2,"tree":{"kind":"record","fields":{
 *   "b":{"kind":"array","dtype":"float32","shape":[2],"data":"AACAPwAAAEA=","crc32c":...},
 *   "step":{"kind":"array","dtype":"int32","shape":[],"data":"BwAAAA==","crc32c":...}}},"crc32c":...}
 * ```
 *
 * (`b` = [1, 2], `step` = 7.) A reader must reject other formats and versions, unknown fields,
 * data whose length is not the shape's element count times the item size, and any checksum
 * that does not match ("checksum mismatch", naming the array's path). Version 1, written by
 * earlier releases, is the same without any `crc32c` field; it is still read (unchecked).
 */
import * as t from "io-ts";
import * as E from "./either.js";
import { fromBase64, toBase64, toLittleEndian } from "./bytes.js";
import { describe } from "../../core/errors.js";
import { checksumField, checksumMismatch, jsonStructureChecksum, recordedChecksum } from "./checksums.js";
import { describeJson, toCheckpointErrors, type CheckpointError } from "./codecs.js";
import { crc32c } from "./crc32c.js";
import type { Decoded } from "./template.js";
import type { ArrayValue } from "../../core/ndarray.js";
import { arrayFromBytes, treeCodec, type ArrayHeader, type CheckpointTree, type LeafStorage, type WireNode } from "./tree-codec.js";

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** The `format` field of every JSON checkpoint. */
export const jsonFormat = "tessera-checkpoint";

/** The JSON form's version this module writes; it reads this one and version 1. */
export const jsonVersion = 2;

/** A JSON checkpoint document, as written. */
export interface JsonCheckpoint {
  readonly format: typeof jsonFormat;
  readonly version: typeof jsonVersion;
  readonly tree: WireNode<{ readonly data: string; readonly crc32c: number }>;
  readonly crc32c: number;
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/** Array elements as base64 text in the node's `data` field, with their CRC-32C in `crc32c` (version 2). */
export const jsonStorage: LeafStorage<{ readonly data: string; readonly crc32c: number }> = Object.freeze<LeafStorage<{ readonly data: string; readonly crc32c: number }>>({
  fields: ["data", checksumField],
  read: (header, node, context) => {
    const recorded = recordedChecksum(node[checksumField]);
    if (recorded === undefined) return t.failure(node[checksumField], context, `an array node's crc32c must be an integer in [0, 2^32), got ${describeJson(node[checksumField])}`);
    return readBase64(header, node, context, (bytes) => {
      const actual = crc32c(bytes);
      return actual === recorded ? undefined : checksumMismatch(`the data of this ${describe(header)} array`, actual, recorded);
    });
  },
  write: (array) => {
    const bytes = toLittleEndian(array.toTypedArray());
    return { data: toBase64(bytes), crc32c: crc32c(bytes) };
  },
});

/** Version 1's storage: base64 data without a checksum. */
const jsonStorageV1: LeafStorage<{ readonly data: string }> = Object.freeze<LeafStorage<{ readonly data: string }>>({
  fields: ["data"],
  read: (header, node, context) => readBase64(header, node, context, () => undefined),
  write: (array) => ({ data: toBase64(toLittleEndian(array.toTypedArray())) }),
});

/** Reads an array node's base64 data, after `verify` (a problem message, or undefined) accepts its bytes. */
function readBase64(header: ArrayHeader, node: Readonly<Record<string, unknown>>, context: t.Context, verify: (bytes: Uint8Array) => string | undefined): t.Validation<ArrayValue> {
  const data = node["data"];
  if (typeof data !== "string") return t.failure(data, context, `an array node's data must be a base64 string, got ${describeJson(data)}`);
  const bytes = fromBase64(data);
  if (E.isLeft(bytes)) return t.failure(data, context, `data is not valid base64: ${bytes.left}`);
  const problem = verify(bytes.right);
  return problem === undefined ? arrayFromBytes(header, bytes.right, context, data) : t.failure(data, context, problem);
}

/**
 * The io-ts codec of whole JSON documents (already parsed), checking the tree against
 * `template` when given. Its errors' context keys are pytree path segments.
 *
 * @example
 * jsonCodec(params).decode(JSON.parse(text)); // Either<t.Errors, tree>
 */
export function jsonCodec(template?: unknown): t.Type<CheckpointTree, JsonCheckpoint, unknown> {
  const tree = treeCodec(jsonStorage, template);
  const treeV1 = treeCodec(jsonStorageV1, template);
  return new t.Type<CheckpointTree, JsonCheckpoint, unknown>(
    "JsonCheckpoint",
    tree.is,
    (u, c) => {
      const problem = envelopeProblem(u);
      if (problem !== undefined) return t.failure(u, c, problem);
      const document = u as { readonly version: number; readonly tree: unknown; readonly crc32c?: unknown };
      const root = document.tree;
      const codec = document.version === 1 ? treeV1 : tree;
      // A fresh context rooted at the tree, so error paths read as pytree paths.
      const context: t.Context = [{ key: "", type: codec, actual: root }];
      if (document.version === 1) return codec.validate(root, context);
      // The structure is checked first: a damaged file should say so, not report a template mismatch.
      const recorded = recordedChecksum(document.crc32c);
      if (recorded === undefined) return t.failure(document.crc32c, c, `the checkpoint's crc32c must be an integer in [0, 2^32), got ${describeJson(document.crc32c)}`);
      const actual = jsonStructureChecksum(root);
      if (actual !== undefined && actual !== recorded) return t.failure(root, context, checksumMismatch("the tree's structure (kinds, keys, dtypes, shapes, numbers, booleans)", actual, recorded));
      const decoded = codec.validate(root, context);
      // Unreachable while the canonical text accepts everything the grammar does; kept so a gap can never pass silently.
      if (actual === undefined && E.isRight(decoded)) return t.failure(root, context, "the tree's structure could not be checksummed");
      return decoded;
    },
    (value) => {
      const node = tree.encode(value);
      return { format: jsonFormat, version: jsonVersion, tree: node, crc32c: jsonStructureChecksum(node)! };
    },
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
 * const text: string = checkpoints.encodeJson(params); // '{"format":"tessera-checkpoint","version":2,...}'
 */
export function encodeJson(value: unknown): string {
  return JSON.stringify(jsonCodec().encode(value as CheckpointTree));
}

/**
 * Decodes a JSON checkpoint, checked against `template` when given: Right with fresh arrays, or
 * Left with every problem and its path; never throws on bad text.
 *
 * @example
 * pipe(checkpoints.decodeJson(text, params), E.map((restored) => restored.w));
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

/** Why a parsed value is not a version-1 or version-2 envelope, or undefined when it is one. */
function envelopeProblem(u: unknown): string | undefined {
  if (typeof u !== "object" || u === null || Array.isArray(u)) return `expected a JSON checkpoint object, got ${describeJson(u)}`;
  const document = u as Readonly<Record<string, unknown>>;
  const has = (key: string) => Object.prototype.hasOwnProperty.call(document, key);
  if (!has("format") || document["format"] !== jsonFormat) return `not a tessera checkpoint: expected "format": "${jsonFormat}", got ${has("format") ? describeJson(document["format"]) : "no format field"}`;
  const version = document["version"];
  if (!has("version") || (version !== 1 && version !== 2)) return `unsupported JSON checkpoint version ${has("version") ? describeJson(version) : "(missing)"}; this reader knows versions 1 and 2`;
  if (!has("tree")) return `the checkpoint has no "tree" field`;
  if (version === 2 && !has(checksumField)) return `a version-2 checkpoint needs the field "${checksumField}"`;
  const allowed = version === 1 ? ["format", "version", "tree"] : ["format", "version", "tree", checksumField];
  const extra = Object.keys(document).filter((key) => !allowed.includes(key));
  if (extra.length > 0) return `unexpected top-level fields ${extra.map((k) => describeJson(k)).join(", ")}`;
  return undefined;
}
