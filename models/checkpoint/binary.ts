/**
 * The binary checkpoint form, version 2: compact (raw element bytes, no base64), checksummed, and
 * laid out so any language can read it with a JSON parser and a byte buffer. All integers
 * little-endian.
 *
 * | offset     | bytes | content                                                              |
 * | ---------- | ----- | -------------------------------------------------------------------- |
 * | 0          | 8     | magic: the ASCII bytes `TSRACKPT`                                    |
 * | 8          | 4     | version: uint32, 2                                                   |
 * | 12         | 4     | S: byte length of the structure, uint32                              |
 * | 16         | 8     | D: byte length of the data section, uint64 (at most 2^53 - 1)        |
 * | 24         | 4     | H: CRC-32C of bytes [0, 24) followed by bytes [28, 32 + S + P)       |
 * | 28         | 4     | zero                                                                 |
 * | 32         | S     | structure: UTF-8 JSON text of one NODE (grammar in tree-codec.ts)    |
 * | 32 + S     | P     | zero bytes, P = (8 - (32 + S) mod 8) mod 8                           |
 * | 32 + S + P | D     | data section; the file ends here (its length is exactly 32 + S + P + D) |
 *
 * In the structure an array node is
 * `{"kind": "array", "dtype": DT, "shape": [...], "offset": k, "crc32c": K}`: its elements are
 * the bytes `[k, k + n * w)` of the data section, where n is the shape's element count and w the
 * item size (4 for float32, int32, uint32; 8 for float64; 1 for bool, 0 or 1), in row-major
 * order, each little-endian (IEEE 754 for floats, two's complement for int32); k is a multiple of
 * 8, and K is the CRC-32C (crc32c.ts) of those bytes. Writers place arrays in pytree order, each
 * at the next multiple of 8 after the previous one, with zero padding, and D is the end of the
 * last array rounded up to 8 (so the whole file is a multiple of 8 bytes and each array can be
 * mapped in place). So every byte of a file is covered: the header and structure by H, array
 * bytes by their K, the rest must be zero. Readers reject a bad magic, another version, a length
 * other than the header's, unaligned or out-of-range offsets, a checksum that does not match
 * ("checksum mismatch", naming the array's path), a data-section byte outside every array that
 * is not zero, and everything the tree grammar rejects; they do not check overlap.
 *
 * Version 1, written by earlier releases, is still read (unchecked): a 24-byte header (magic,
 * version 1, S, D), the structure at offset 24, and array nodes without `crc32c`.
 */
import * as t from "io-ts";
import * as E from "./either.js";
import { fail } from "../../core/errors.js";
import { sizeOf } from "../../core/shape.js";
import { itemSize, toLittleEndian } from "./bytes.js";
import { describe } from "../../core/errors.js";
import { checksumField, checksumMismatch, recordedChecksum } from "./checksums.js";
import { describeJson, toCheckpointErrors, type CheckpointError } from "./codecs.js";
import { crc32c } from "./crc32c.js";
import type { Decoded } from "./template.js";
import { arrayFromBytes, treeCodec, type CheckpointTree, type LeafStorage } from "./tree-codec.js";

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** The first 8 bytes of every binary checkpoint, as ASCII text. */
export const binaryMagic = "TSRACKPT";

const magicBytes = new TextEncoder().encode(binaryMagic);

/** The binary form's version this module writes; it reads this one and version 1. */
export const binaryVersion = 2;

/** Header length of each version (version 2 adds the header checksum and a zero word). */
const headerLengths: Readonly<Record<number, number>> = { 1: 24, 2: 32 };
const headerLength = 32;
const checksumAt = 24;

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/**
 * Array elements in a byte range of `data` (the data section), named by the node's `offset`,
 * with their CRC-32C in `crc32c` (version 2; version 1 nodes have no checksum). Each call makes
 * a fresh storage: `write` appends to its own list, for one encoding; `read` records the ranges
 * it read, so the decoder can check that every other byte is zero.
 */
export function binaryStorage(data: Uint8Array = new Uint8Array(0), version: 1 | 2 = 2): LeafStorage<{ readonly offset: number; readonly crc32c: number }> & {
  /** The arrays written so far, with their offsets in the data section. */
  readonly written: () => readonly { readonly offset: number; readonly bytes: Uint8Array }[];
  /** The data section's length for what was written (the last end rounded up to 8). */
  readonly dataLength: () => number;
  /** The [start, end) byte ranges of the data section read so far. */
  readonly readRanges: () => readonly (readonly [number, number])[];
} {
  const written: { offset: number; bytes: Uint8Array }[] = [];
  const ranges: [number, number][] = [];
  let end = 0;
  return {
    fields: version === 1 ? ["offset"] : ["offset", checksumField],
    read: (header, node, context) => {
      const offset = node["offset"];
      if (typeof offset !== "number" || !Number.isSafeInteger(offset) || offset < 0 || offset % 8 !== 0) {
        return t.failure(offset, context, `an array node's offset must be a non-negative multiple of 8, got ${describeJson(offset)}`);
      }
      const length = sizeOf(header.shape) * itemSize[header.dtype];
      if (offset + length > data.length) {
        return t.failure(offset, context, `its data, bytes [${offset}, ${offset + length}), lies outside the data section of ${data.length} bytes`);
      }
      const bytes = data.subarray(offset, offset + length);
      if (version === 2) {
        const recorded = recordedChecksum(node[checksumField]);
        if (recorded === undefined) return t.failure(node[checksumField], context, `an array node's crc32c must be an integer in [0, 2^32), got ${describeJson(node[checksumField])}`);
        const actual = crc32c(bytes);
        if (actual !== recorded) return t.failure(offset, context, checksumMismatch(`the data of this ${describe(header)} array (bytes [${offset}, ${offset + length}) of the data section)`, actual, recorded));
      }
      ranges.push([offset, offset + length]);
      return arrayFromBytes(header, bytes, context, offset);
    },
    write: (array) => {
      const bytes = toLittleEndian(array.toTypedArray());
      const offset = end;
      written.push({ offset, bytes });
      end = alignTo8(offset + bytes.length);
      return { offset, crc32c: crc32c(bytes) };
    },
    written: () => written,
    dataLength: () => end,
    readRanges: () => ranges,
  };
}

/**
 * The io-ts codec between pytrees and binary checkpoints (Uint8Array), checking the tree
 * against `template` when given.
 *
 * @example
 * binaryCodec(params).decode(checkpoints.encodeBinary(params)); // Either<t.Errors, tree>
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
 * const bytes: Uint8Array = checkpoints.encodeBinary(params); // write them with saveCheckpoint, or fs or fetch
 */
export function encodeBinary(value: unknown): Uint8Array {
  return encodeTree(value as CheckpointTree);
}

/**
 * Decodes a binary checkpoint, checked against `template` when given: Right with fresh arrays,
 * or Left with every problem and its path; never throws on bad bytes.
 *
 * @example
 * checkpoints.decodeBinary(checkpoints.encodeBinary(params), params); // Right({ w, b })
 */
export function decodeBinary(bytes: Uint8Array): E.Either<CheckpointError[], CheckpointTree>;
export function decodeBinary<T>(bytes: Uint8Array, template: T): E.Either<CheckpointError[], Decoded<T>>;
export function decodeBinary(bytes: Uint8Array, template?: unknown): E.Either<CheckpointError[], unknown> {
  return E.mapLeft(toCheckpointErrors)(binaryCodec(template).decode(bytes));
}

/** True when `bytes` starts with the binary checkpoint magic (how loaders tell the two forms apart). */
export function isBinaryCheckpoint(bytes: Uint8Array): boolean {
  // A type test: any value that is not bytes is simply not a binary checkpoint.
  return bytes instanceof Uint8Array && bytes.length >= magicBytes.length && magicBytes.every((b, i) => bytes[i] === b);
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
  view.setUint32(checksumAt, headerChecksum(out, dataStart), true);
  for (const { offset, bytes } of storage.written()) out.set(bytes, dataStart + offset);
  return out;
}

/** The CRC-32C of everything before the data section except the checksum field itself. */
function headerChecksum(bytes: Uint8Array, dataStart: number): number {
  return crc32c(bytes.subarray(checksumAt + 4, dataStart), crc32c(bytes.subarray(0, checksumAt)));
}

function decodeBytes(u: unknown, c: t.Context, template: unknown): t.Validation<CheckpointTree> {
  if (!(u instanceof Uint8Array)) return t.failure(u, c, `expected the bytes of a binary checkpoint (a Uint8Array), got ${describeJson(u)}`);
  if (u.length < 12) return t.failure(u, c, `truncated: ${u.length} bytes, but a binary checkpoint starts with a ${headerLength}-byte header`);
  if (!isBinaryCheckpoint(u)) return t.failure(u, c, `not a tessera binary checkpoint: the first bytes are not the magic "TSRACKPT"`);
  const view = new DataView(u.buffer, u.byteOffset, u.byteLength);
  const version = view.getUint32(8, true);
  if (version !== 1 && version !== 2) return t.failure(u, c, `unsupported binary checkpoint version ${version}; this reader knows versions 1 and 2`);
  const start = headerLengths[version]!;
  if (u.length < start) return t.failure(u, c, `truncated: ${u.length} bytes, but a version-${version} binary checkpoint starts with a ${start}-byte header`);
  const structureLength = view.getUint32(12, true);
  const dataLength = view.getBigUint64(16, true);
  const dataStart = alignTo8(start + structureLength);
  const total = BigInt(dataStart) + dataLength;
  if (total > BigInt(u.length)) return t.failure(u, c, `truncated: the header announces ${total} bytes, the input holds ${u.length}`);
  if (total < BigInt(u.length)) return t.failure(u, c, `${BigInt(u.length) - total} unexpected bytes after the data section (the header announces ${total} bytes)`);
  if (version === 2) {
    const recorded = view.getUint32(checksumAt, true);
    const actual = headerChecksum(u, dataStart);
    if (actual !== recorded) return t.failure(u, c, checksumMismatch("the header and structure", actual, recorded));
  }
  let structure: unknown;
  try {
    structure = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(u.subarray(start, start + structureLength)));
  } catch (error) {
    return t.failure(u, c, `the structure is not valid UTF-8 JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const data = u.subarray(dataStart);
  const storage = binaryStorage(data, version);
  const tree = treeCodec(storage, template);
  // A fresh context rooted at the tree, so error paths read as pytree paths.
  const decoded = tree.validate(structure, [{ key: "", type: tree, actual: structure }]);
  if (version === 1 || E.isLeft(decoded)) return decoded;
  const stray = strayByte(data, storage.readRanges());
  return stray === undefined ? decoded : t.failure(u, c, `byte ${stray} of the data section lies outside every array but is not zero; the file is damaged or was edited`);
}

/** The first byte of `data` outside every range that is not zero, if any (padding must be zero in version 2). */
function strayByte(data: Uint8Array, ranges: readonly (readonly [number, number])[]): number | undefined {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  let at = 0;
  for (const [start, end] of [...sorted, [data.length, data.length] as const]) {
    for (let i = at; i < start; i++) if (data[i] !== 0) return i;
    at = Math.max(at, end);
  }
  return undefined;
}

function alignTo8(n: number): number {
  return Math.ceil(n / 8) * 8;
}
