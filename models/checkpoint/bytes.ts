/**
 * Element bytes for checkpoints: an array's elements as little-endian bytes and back (bool as one
 * byte, 0 or 1, per element), and strict base64 (RFC 4648, standard alphabet, padded). Every
 * reader returns `Either` with a message instead of throwing, since its input is untrusted.
 * Nothing here uses Node's Buffer, so the JSON and binary codecs run in browsers too.
 */
import * as E from "./either.js";
import type { DType, TypedArray } from "../../core/dtype.js";

/** Bytes per element of each dtype as stored in a checkpoint. */
export const itemSize: { readonly [D in DType]: number } = Object.freeze({ float32: 4, float64: 8, int32: 4, uint32: 4, bool: 1 });

/** True on little-endian hosts (every mainstream one), where typed arrays already hold checkpoint byte order. */
export const hostIsLittleEndian: boolean = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

// -------------------------------------------------------------------------------------
// elements
// -------------------------------------------------------------------------------------

/** A fresh copy of `values` as little-endian bytes (bit for bit: NaN payloads and -0 survive). */
export function toLittleEndian(values: TypedArray, littleEndianHost = hostIsLittleEndian): Uint8Array {
  const copy = new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
  if (!littleEndianHost) reverseEachElement(copy, values.BYTES_PER_ELEMENT);
  return copy;
}

/**
 * The elements of `dtype` stored little-endian in `bytes` (a fresh buffer, whatever the
 * alignment of `bytes`); a bool byte other than 0 or 1 is a Left naming its index.
 */
export function fromLittleEndian(bytes: Uint8Array, dtype: DType, littleEndianHost = hostIsLittleEndian): E.Either<string, TypedArray> {
  if (bytes.length % itemSize[dtype] !== 0) return E.left(`${bytes.length} bytes is not a whole number of ${dtype} elements`);
  // The constructor copies into a fresh buffer of exactly this length (Buffer#slice would not copy).
  const copy = new Uint8Array(bytes);
  if (!littleEndianHost) reverseEachElement(copy, itemSize[dtype]);
  switch (dtype) {
    case "float32":
      return E.right(new Float32Array(copy.buffer));
    case "float64":
      return E.right(new Float64Array(copy.buffer));
    case "int32":
      return E.right(new Int32Array(copy.buffer));
    case "uint32":
      return E.right(new Uint32Array(copy.buffer));
    case "bool": {
      const bad = copy.findIndex((b) => b > 1);
      return bad < 0 ? E.right(copy) : E.left(`bool element ${bad} is stored as ${copy[bad]}; expected 0 or 1`);
    }
  }
}

/** Swaps byte order in place, one element of `width` bytes at a time (only for big-endian hosts). */
function reverseEachElement(bytes: Uint8Array, width: number): void {
  for (let start = 0; start < bytes.length; start += width) bytes.subarray(start, start + width).reverse();
}

// -------------------------------------------------------------------------------------
// base64
// -------------------------------------------------------------------------------------

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const sextetOf = new Int16Array(128).fill(-1);
for (let i = 0; i < alphabet.length; i++) sextetOf[alphabet.charCodeAt(i)] = i;
const alphabetCodes = Uint8Array.from(alphabet, (c) => c.charCodeAt(0));
const asciiDecoder = new TextDecoder();

/** Standard base64 with `=` padding. */
export function toBase64(bytes: Uint8Array): string {
  // Write ASCII codes into a byte buffer and decode it once: far faster than growing a string.
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  for (let i = 0; i < bytes.length; i += 3) {
    const rest = bytes.length - i;
    const triple = (bytes[i]! << 16) | ((rest > 1 ? bytes[i + 1]! : 0) << 8) | (rest > 2 ? bytes[i + 2]! : 0);
    out[o++] = alphabetCodes[triple >>> 18]!;
    out[o++] = alphabetCodes[(triple >>> 12) & 63]!;
    out[o++] = rest > 1 ? alphabetCodes[(triple >>> 6) & 63]! : 61;
    out[o++] = rest > 2 ? alphabetCodes[triple & 63]! : 61;
  }
  return asciiDecoder.decode(out);
}

/**
 * Decodes canonical base64: the standard alphabet, length a multiple of 4, `=` only as the final
 * one or two characters, and zero bits where padding cuts a sextet (so each byte string has
 * exactly one accepted text). Whitespace and the URL-safe alphabet are rejected.
 */
export function fromBase64(text: string): E.Either<string, Uint8Array> {
  if (text.length % 4 !== 0) return E.left(`base64 text has length ${text.length}, which is not a multiple of 4`);
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  const end = text.length - padding;
  let bits = 0;
  let count = 0;
  let written = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    const sextet = code < 128 ? sextetOf[code]! : -1;
    if (sextet < 0) return E.left(`invalid base64 character ${JSON.stringify(text[i])} at position ${i}`);
    bits = ((bits << 6) | sextet) & 0xffffff;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out[written++] = (bits >>> count) & 0xff;
    }
  }
  if ((bits & ((1 << count) - 1)) !== 0) return E.left("base64 text is not canonical: the bits cut off by the padding are not zero");
  return E.right(out);
}
