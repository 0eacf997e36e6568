/**
 * The binary checkpoint form, version 1: compact (raw element bytes, no base64) and laid out so
 * any language can read it with a JSON parser and a byte buffer. All integers little-endian.
 *
 * | offset     | bytes | content                                                              |
 * | ---------- | ----- | -------------------------------------------------------------------- |
 * | 0          | 8     | magic: the ASCII bytes `TSRACKPT`                                    |
 * | 8          | 4     | version: uint32, 1                                                   |
 * | 12         | 4     | S: byte length of the structure, uint32                              |
 * | 16         | 8     | D: byte length of the data section, uint64 (at most 2^53 - 1)        |
 * | 24         | S     | structure: UTF-8 JSON text of one NODE (grammar in tree-codec.ts)    |
 * | 24 + S     | P     | zero bytes, P = (8 - (24 + S) mod 8) mod 8                           |
 * | 24 + S + P | D     | data section; the file ends here (its length is exactly 24 + S + P + D) |
 *
 * In the structure an array node is `{"kind": "array", "dtype": DT, "shape": [...], "offset": k}`:
 * its elements are the bytes `[k, k + n * w)` of the data section, where n is the shape's element
 * count and w the item size (4 for float32, int32, uint32; 8 for float64; 1 for bool, 0 or 1), in
 * row-major order, each little-endian (IEEE 754 for floats, two's complement for int32); k is a
 * multiple of 8. Writers place arrays in pytree order, each at the next multiple of 8 after the
 * previous one, with zero padding, and D is the end of the last array rounded up to 8 (so the
 * whole file is a multiple of 8 bytes and each array can be mapped in place). Readers reject a bad
 * magic, another version, a length other than the header's, unaligned or out-of-range offsets,
 * and everything the tree grammar rejects; they do not check padding or overlap.
 */
import * as t from "io-ts";
import * as E from "fp-ts/lib/Either.js";
import { fail } from "../../core/errors.js";
import { sizeOf } from "../../core/shape.js";
import { itemSize, toLittleEndian } from "./bytes.js";
import { describeJson, toCheckpointErrors, type CheckpointError } from "./codecs.js";
import type { Decoded } from "./template.js";
import { arrayFromBytes, treeCodec, type CheckpointTree, type LeafStorage } from "./tree-codec.js";

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** The first 8 bytes of every binary checkpoint, as ASCII text. */
export const binaryMagic = "TSRACKPT";

const magicBytes = new TextEncoder().encode(binaryMagic);

/** The binary form's version this module writes and reads. */
export const binaryVersion = 1;

const headerLength = 24;

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/**
 * Array elements in a byte range of `data` (the data section), named by the node's `offset`.
 * Each call makes a fresh storage: `write` appends to its own list, for one encoding.
 */
export function binaryStorage(data: Uint8Array = new Uint8Array(0)): LeafStorage<{ readonly offset: number }> & {
  /** The arrays written so far, with their offsets in the data section. */
  readonly written: () => readonly { readonly offset: number; readonly bytes: Uint8Array }[];
  /** The data section's length for what was written (the last end rounded up to 8). */
  readonly dataLength: () => number;
} {
  const written: { offset: number; bytes: Uint8Array }[] = [];
  let end = 0;
  return {
    fields: ["offset"],
    read: (header, node, context) => {
      const offset = node["offset"];
      if (typeof offset !== "number" || !Number.isSafeInteger(offset) || offset < 0 || offset % 8 !== 0) {
        return t.failure(offset, context, `an array node's offset must be a non-negative multiple of 8, got ${describeJson(offset)}`);
      }
      const length = sizeOf(header.shape) * itemSize[header.dtype];
      if (offset + length > data.length) {
        return t.failure(offset, context, `its data, bytes [${offset}, ${offset + length}), lies outside the data section of ${data.length} bytes`);
      }
      return arrayFromBytes(header, data.subarray(offset, offset + length), context, offset);
    },
    write: (array) => {
      const bytes = toLittleEndian(array.toTypedArray());
      const offset = end;
      written.push({ offset, bytes });
      end = alignTo8(offset + bytes.length);
      return { offset };
    },
    written: () => written,
    dataLength: () => end,
  };
}

/**
 * The io-ts codec between pytrees and binary checkpoints (Uint8Array), checking the tree
 * against `template` when given.
 *
 * @example
 * binaryCodec(params).decode(readFileSync("params.ckpt")); // Either<t.Errors, tree>
 */
export function binaryCodec(template?: unknown): t.Type<CheckpointTree, Uint8Array, unknown> {
  const check = treeCodec(binaryStorage(), template); // validates the template now, as jsonCodec does
  return new t.Type<CheckpointTree, Uint8Array, unknown>("BinaryCheckpoint", check.is, (u, c) => decodeBytes(u, c, template), encodeTree);
}

// -------------------------------------------------------------------------------------
// encode and decode
// -------------------------------------------------------------------------------------

/**
 * A pytree of concrete arrays, numbers and booleans as a binary checkpoint (throws a
 * TesseraError for anything else).
 *
 * @example
 * writeFileSync("params.ckpt", checkpoint.encodeBinary(params));
 */
export function encodeBinary(value: unknown): Uint8Array {
  return encodeTree(value as CheckpointTree);
}

/**
 * Decodes a binary checkpoint, checked against `template` when given: Right with fresh arrays,
 * or Left with every problem and its path; never throws on bad bytes.
 *
 * @example
 * checkpoint.decodeBinary(readFileSync("params.ckpt"), params);
 */
export function decodeBinary(bytes: Uint8Array): E.Either<CheckpointError[], CheckpointTree>;
export function decodeBinary<T>(bytes: Uint8Array, template: T): E.Either<CheckpointError[], Decoded<T>>;
export function decodeBinary(bytes: Uint8Array, template?: unknown): E.Either<CheckpointError[], unknown> {
  return E.mapLeft(toCheckpointErrors)(binaryCodec(template).decode(bytes));
}

/** True when `bytes` starts with the binary checkpoint magic (how loaders tell the two forms apart). */
export function isBinaryCheckpoint(bytes: Uint8Array): boolean {
  return bytes.length >= magicBytes.length && magicBytes.every((b, i) => bytes[i] === b);
}

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

function encodeTree(value: CheckpointTree): Uint8Array {
  const storage = binaryStorage();
  const structure = new TextEncoder().encode(JSON.stringify(treeCodec(storage).encode(value)));
  if (structure.length > 0xffffffff) fail("checkpoint.encodeBinary", `the structure takes ${structure.length} bytes; the binary form allows 2^32 - 1`);
  const dataStart = alignTo8(headerLength + structure.length);
  const out = new Uint8Array(dataStart + storage.dataLength());
  const view = new DataView(out.buffer);
  out.set(magicBytes, 0);
  view.setUint32(8, binaryVersion, true);
  view.setUint32(12, structure.length, true);
  view.setBigUint64(16, BigInt(storage.dataLength()), true);
  out.set(structure, headerLength);
  for (const { offset, bytes } of storage.written()) out.set(bytes, dataStart + offset);
  return out;
}

function decodeBytes(u: unknown, c: t.Context, template: unknown): t.Validation<CheckpointTree> {
  if (!(u instanceof Uint8Array)) return t.failure(u, c, `expected the bytes of a binary checkpoint (a Uint8Array), got ${describeJson(u)}`);
  if (u.length < headerLength) return t.failure(u, c, `truncated: ${u.length} bytes, but a binary checkpoint starts with a ${headerLength}-byte header`);
  if (!isBinaryCheckpoint(u)) return t.failure(u, c, `not a tessera binary checkpoint: the first bytes are not the magic "TSRACKPT"`);
  const view = new DataView(u.buffer, u.byteOffset, u.byteLength);
  const version = view.getUint32(8, true);
  if (version !== binaryVersion) return t.failure(u, c, `unsupported binary checkpoint version ${version}; this reader knows version ${binaryVersion}`);
  const structureLength = view.getUint32(12, true);
  const dataLength = view.getBigUint64(16, true);
  const dataStart = alignTo8(headerLength + structureLength);
  const total = BigInt(dataStart) + dataLength;
  if (total > BigInt(u.length)) return t.failure(u, c, `truncated: the header announces ${total} bytes, the input holds ${u.length}`);
  if (total < BigInt(u.length)) return t.failure(u, c, `${BigInt(u.length) - total} unexpected bytes after the data section (the header announces ${total} bytes)`);
  let structure: unknown;
  try {
    structure = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(u.subarray(headerLength, headerLength + structureLength)));
  } catch (error) {
    return t.failure(u, c, `the structure is not valid UTF-8 JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const tree = treeCodec(binaryStorage(u.subarray(dataStart)), template);
  // A fresh context rooted at the tree, so error paths read as pytree paths.
  return tree.validate(structure, [{ key: "", type: tree, actual: structure }]);
}

function alignTo8(n: number): number {
  return Math.ceil(n / 8) * 8;
}
