/**
 * fast-check runners for the checkpoint laws (laws/checkpoint.ts), with the arbitraries they
 * need: arrays of raw bit patterns (so NaN payloads, -0, subnormals and integer extremes are
 * common), trees of them, hostile JSON (prototype-polluting keys, near-miss checkpoint nodes) and
 * corrupted checkpoints (subtrees replaced, bytes flipped, headers rebuilt around random
 * structures), which reach far deeper into the decoders than uniformly random input.
 *
 * @example
 * ```ts no-run
 * import { it } from "vitest";
 * import { checkCheckpointLaws } from "tessera/laws"; // laws/index.ts
 * it("checkpoint laws hold", () => checkCheckpointLaws({ numRuns: 100 }));
 * ```
 */
import fc from "fast-check";
import { allocate, type DType } from "../core/dtype.js";
import { adoptBuffer, NdArray } from "../core/ndarray.js";
import { sizeOf } from "../core/shape.js";
import type { Leaf } from "../core/tree.js";
import { binaryMagic, encodeBinary } from "../models/checkpoint/binary.js";
import { hostIsLittleEndian, itemSize, toBase64 } from "../models/checkpoint/bytes.js";
import { encodeJson } from "../models/checkpoint/json.js";
import * as arb from "./arbitraries.js";
import { binaryRoundTrips, damagedBinaryIsDetected, damagedJsonIsDetected, decodeBinaryIsTotal, decodeJsonIsTotal, jsonRoundTrips, truncatedBinaryIsRejected } from "./checkpoint.js";
import { checkLaw, type RunOptions } from "./runners.js";

// -------------------------------------------------------------------------------------
// arbitraries
// -------------------------------------------------------------------------------------

const word = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map((w) => w >>> 0);
// qNaN, qNaN with payload and sign, sNaN, -0, +-Infinity, smallest and largest subnormal.
const float32Words = fc.oneof(word, fc.constantFrom(0x7fc00000, 0xffc01234, 0x7f800001, 0x7fbfffff, 0x80000000, 0x7f800000, 0xff800000, 1, 0x007fffff));
// [low, high] words of a float64: qNaN, a negative NaN with payload, sNaN, -0, +-Infinity, subnormals.
const float64Words = fc.oneof(
  fc.tuple(word, word),
  fc.constantFrom<[number, number]>([0, 0x7ff80000], [0xdeadbeef, 0xfff81234], [1, 0x7ff00000], [0, 0x80000000], [0, 0x7ff00000], [0, 0xfff00000], [1, 0], [0xffffffff, 0x000fffff]),
);

/**
 * Arrays of any dtype (and small shape, empty and rank 0 included) whose elements are arbitrary
 * bit patterns, built directly from 32-bit words (never through `np` or a JS number, which could
 * quiet a signalling NaN).
 *
 * @example
 * fc.sample(bitPatternArray(), 3);
 */
export function bitPatternArray(options: arb.ShapeOptions = {}): fc.Arbitrary<NdArray> {
  return fc.tuple(arb.shape({ maxRank: 3, maxDim: 3, allowZeroSize: true, ...options }), arb.dtype()).chain(([shape, dtype]) => {
    const size = sizeOf(shape);
    const elements: fc.Arbitrary<number[]> =
      dtype === "bool"
        ? fc.array(fc.integer({ min: 0, max: 1 }), { minLength: size, maxLength: size })
        : dtype === "float64"
          ? fc.array(float64Words, { minLength: size, maxLength: size }).map((pairs) => pairs.flatMap(([low, high]) => (hostIsLittleEndian ? [low, high] : [high, low])))
          : fc.array(dtype === "float32" ? float32Words : word, { minLength: size, maxLength: size });
    return elements.map((values) => fromWords(values, shape, dtype));
  });
}

/**
 * Pytrees for checkpoints: records (awkward and hostile keys), lists, null and undefined over
 * bit-pattern arrays, numbers (NaN, -0 and infinities included) and booleans.
 *
 * @example
 * fc.property(checkpointTree(), (t) => jsonRoundTrips(t).ok);
 */
export function checkpointTree(): fc.Arbitrary<unknown> {
  return arb.pytree({ leaf: fc.oneof<fc.Arbitrary<Leaf>[]>(bitPatternArray(), fc.double(), fc.boolean()) });
}

const hostileKey = fc.constantFrom(
  "__proto__", "constructor", "prototype", "polluted", "toString", "hasOwnProperty",
  "kind", "fields", "items", "dtype", "shape", "data", "offset", "value", "format", "version", "tree",
);
const nearMissScalar = fc.oneof(
  fc.constantFrom<unknown[]>(null, true, 0, ""),
  fc.constantFrom<unknown[]>("array", "list", "record", "number", "boolean", "null", "undefined", "float32", "float64", "bool", "int8",
    "NaN", "-0", "tessera-checkpoint", "AAAA", "AAA=", "AA==", "A===", "", 0, 1, 8, -1, 0.5, 2 ** 53, 1e300, null, true, false),
  fc.string({ maxLength: 8 }),
  fc.double(),
);

/**
 * JSON values made to hurt a checkpoint decoder: objects with prototype-polluting keys and the
 * grammar's own field names, near-miss kinds, dtypes, numbers and base64 strings.
 *
 * @example
 * fc.sample(hostileJson(), 3);
 */
export function hostileJson(): fc.Arbitrary<unknown> {
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { maxDepth: 4, depthIdentifier: "hostile" },
      nearMissScalar,
      fc.array(tie("value"), { maxLength: 4, depthIdentifier: "hostile" }),
      fc
        .array(fc.tuple(fc.oneof(hostileKey, fc.string({ maxLength: 4 })), tie("value")), { maxLength: 4, depthIdentifier: "hostile" })
        .map((entries) => Object.fromEntries(entries)),
    ),
  }));
  return value;
}

/**
 * Wire nodes that are right or nearly right: every kind with its fields mostly well formed
 * (array data of exactly the right length three times in four), sometimes a junk value in a
 * field, an extra hostile field or a missing one, nested through lists and records with hostile
 * keys. `storage` is the array field of the form under test ("data" for JSON, "offset" for binary).
 *
 * @example
 * fc.sample(nearMissNode("data"), 3);
 */
export function nearMissNode(storage: "data" | "offset"): fc.Arbitrary<unknown> {
  const junk = (good: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: nearMissScalar, weight: 1 });
  const header = fc.tuple(fc.oneof({ arbitrary: arb.dtype(), weight: 6 }, { arbitrary: fc.constantFrom("float16", "int64"), weight: 1 }), arb.shape({ maxRank: 3, maxDim: 3, allowZeroSize: true }));
  const arrayNode = header.chain(([dtype, shape]) => {
    const length = sizeOf(shape) * (dtype === "float16" || dtype === "int64" ? 4 : itemSize[dtype]);
    const data = fc.oneof({ arbitrary: fc.uint8Array({ minLength: length, maxLength: length }), weight: 3 }, { arbitrary: fc.uint8Array({ maxLength: 32 }), weight: 1 });
    const place = storage === "data" ? data.map(toBase64) : fc.constantFrom(0, 8, 16, 24, 4, -8);
    return fc.record({ kind: fc.constant("array"), dtype: junk(fc.constant(dtype)), shape: junk(fc.constant(shape)), [storage]: junk(place) });
  });
  const { node } = fc.letrec<{ node: unknown; wellFormed: Record<string, unknown> }>((tie) => ({
    node: fc.oneof({ maxDepth: 4, depthIdentifier: "near-miss" }, { arbitrary: nearMissScalar, weight: 1 }, { arbitrary: tie("wellFormed"), weight: 3 }),
    wellFormed: fc.oneof(
      { depthIdentifier: "near-miss" },
      arrayNode,
      fc.record({ kind: fc.constant("number"), value: junk(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom("NaN", "-0", "Infinity"))) }),
      fc.record({ kind: fc.constant("boolean"), value: junk(fc.boolean()) }),
      fc.record({ kind: fc.constantFrom("null", "undefined", "set") }),
      fc.record({ kind: fc.constant("list"), items: junk(fc.array(tie("node"), { maxLength: 3, depthIdentifier: "near-miss" })) }),
      fc.record({
        kind: fc.constant("record"),
        fields: junk(fc.array(fc.tuple(fc.oneof(hostileKey, fc.string({ maxLength: 3 })), tie("node")), { maxLength: 3, depthIdentifier: "near-miss" }).map((entries) => Object.fromEntries(entries))),
      }),
    ).chain((wellFormed) =>
      fc.oneof(
        { arbitrary: fc.constant(wellFormed), weight: 8 },
        { arbitrary: fc.tuple(hostileKey, nearMissScalar).map(([key, value]) => Object.fromEntries([...Object.entries(wellFormed), [key, value]])), weight: 1 },
        { arbitrary: fc.nat().map((i) => Object.fromEntries(Object.entries(wellFormed).filter((_, j) => j !== i % Object.keys(wellFormed).length))), weight: 1 },
      ),
    ),
  }));
  return node;
}

/**
 * A JSON checkpoint of a random tree with one part corrupted (a value replaced by hostile JSON,
 * or a key removed), as text, with the original tree to use as a template.
 */
export function corruptedJsonCheckpoint(): fc.Arbitrary<{ readonly text: string; readonly template: unknown }> {
  return fc.tuple(checkpointTree(), hostileJson(), fc.nat(), fc.boolean()).map(([template, replacement, pick, remove]) => {
    const holder: Record<string, unknown> = { root: JSON.parse(encodeJson(template)) };
    const slots = slotsOf(holder);
    const [parent, key] = slots[pick % slots.length]!;
    if (remove && parent !== holder && !Array.isArray(parent)) delete parent[key];
    else parent[key] = replacement;
    return { text: JSON.stringify(holder["root"]) ?? "null", template };
  });
}

/**
 * Binary checkpoints gone wrong: random bytes, random bytes after a valid magic, a valid header
 * around a hostile structure and random data, and real checkpoints with bytes overwritten.
 */
export function corruptedBinaryCheckpoint(): fc.Arbitrary<{ readonly bytes: Uint8Array; readonly template: unknown }> {
  const flips = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 });
  return fc.oneof(
    fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ bytes, template: undefined })),
    fc.uint8Array({ maxLength: 64 }).map((rest) => ({ bytes: concat(new TextEncoder().encode(binaryMagic), new Uint8Array([1, 0, 0, 0]), rest), template: undefined })),
    fc.tuple(hostileJson(), fc.uint8Array({ maxLength: 64 })).map(([structure, data]) => ({ bytes: binaryWith(JSON.stringify(structure) ?? "null", data), template: undefined })),
    fc.tuple(nearMissNode("offset"), fc.uint8Array({ maxLength: 64 })).map(([structure, data]) => ({ bytes: binaryWith(JSON.stringify(structure) ?? "null", data), template: undefined })),
    fc.tuple(checkpointTree(), flips).map(([template, changes]) => {
      const bytes = encodeBinary(template).slice();
      for (const [at, byte] of changes) bytes[at % bytes.length] = byte;
      return { bytes, template };
    }),
  );
}

// -------------------------------------------------------------------------------------
// runners
// -------------------------------------------------------------------------------------

/** JSON encode/decode round-trips every generated tree bit for bit. */
export function checkJsonRoundTrips(options: RunOptions = {}): void {
  checkLaw(checkpointTree(), jsonRoundTrips, options);
}

/** Binary encode/decode round-trips every generated tree bit for bit. */
export function checkBinaryRoundTrips(options: RunOptions = {}): void {
  checkLaw(checkpointTree(), binaryRoundTrips, options);
}

/** Every strict prefix of a binary checkpoint is rejected. */
export function checkTruncatedBinaryRejected(options: RunOptions = {}): void {
  checkLaw(fc.tuple(checkpointTree(), fc.nat()), ([value, cut]) => truncatedBinaryIsRejected(value, cut), options);
}

/** Characters a damaged JSON checkpoint may get: the grammar's own, digits, base64 and spacing. */
const jsonCharacter = fc.oneof(
  fc.constantFrom(..."{}[]:,\"\\ -+.eE0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz/="),
  fc.string({ minLength: 1, maxLength: 1, unit: "binary" }),
);

/** A binary checkpoint with one to four bytes changed decodes to a Left or to the very same tree. */
export function checkDamagedBinaryDetected(options: RunOptions = {}): void {
  const changes = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 });
  checkLaw(fc.tuple(checkpointTree(), changes), ([value, damage]) => damagedBinaryIsDetected(value, damage), options);
}

/** A JSON checkpoint with one to four characters replaced decodes to a Left or to the very same tree. */
export function checkDamagedJsonDetected(options: RunOptions = {}): void {
  const changes = fc.array(fc.tuple(fc.nat(), jsonCharacter), { minLength: 1, maxLength: 4 });
  checkLaw(fc.tuple(checkpointTree(), changes), ([value, damage]) => damagedJsonIsDetected(value, damage), options);
}

/** Decoding random text, random JSON, hostile JSON and corrupted JSON checkpoints never throws nor pollutes a prototype. */
export function checkDecodeJsonIsTotal(options: RunOptions = {}): void {
  const inputs = fc.oneof(
    fc.string().map((text) => ({ text, template: undefined as unknown })),
    fc.json().map((text) => ({ text, template: undefined as unknown })),
    fc.oneof(hostileJson(), nearMissNode("data")).map((value) => ({ text: JSON.stringify({ format: "tessera-checkpoint", version: 1, tree: value }), template: undefined as unknown })),
    corruptedJsonCheckpoint(),
  );
  checkLaw(inputs, ({ text, template }) => decodeJsonIsTotal(text, template), options);
}

/** Decoding random and corrupted bytes never throws nor pollutes a prototype. */
export function checkDecodeBinaryIsTotal(options: RunOptions = {}): void {
  checkLaw(corruptedBinaryCheckpoint(), ({ bytes, template }) => decodeBinaryIsTotal(bytes, template), options);
}

/** Every checkpoint law: both round trips, truncation, damage detection, and total decoding of both forms. */
export function checkCheckpointLaws(options: RunOptions = {}): void {
  checkJsonRoundTrips(options);
  checkBinaryRoundTrips(options);
  checkTruncatedBinaryRejected(options);
  checkDamagedBinaryDetected(options);
  checkDamagedJsonDetected(options);
  checkDecodeJsonIsTotal(options);
  checkDecodeBinaryIsTotal(options);
}

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

function fromWords(values: readonly number[], shape: readonly number[], dtype: DType): NdArray {
  if (dtype === "bool") {
    const data = allocate("bool", values.length);
    data.set(values);
    return adoptBuffer(data, shape, dtype);
  }
  const words = new Uint32Array(values);
  const data = dtype === "float32" ? new Float32Array(words.buffer) : dtype === "float64" ? new Float64Array(words.buffer) : dtype === "int32" ? new Int32Array(words.buffer) : words;
  return adoptBuffer(data, shape, dtype);
}

/** Every (container, key) slot under `holder.root`, that slot itself included. */
function slotsOf(holder: Record<string, unknown>): [Record<string | number, unknown>, string | number][] {
  const slots: [Record<string | number, unknown>, string | number][] = [];
  const visit = (parent: Record<string | number, unknown>, key: string | number): void => {
    slots.push([parent, key]);
    const child = parent[key];
    if (typeof child !== "object" || child === null) return;
    const record = child as Record<string | number, unknown>;
    for (const k of Array.isArray(child) ? child.keys() : Object.keys(child)) visit(record, k);
  };
  visit(holder, "root");
  return slots;
}

/** A binary checkpoint with a correct header around any structure text and data section. */
function binaryWith(structure: string, data: Uint8Array): Uint8Array {
  const text = new TextEncoder().encode(structure);
  const padding = (8 - ((24 + text.length) % 8)) % 8;
  const header = new Uint8Array(24);
  const view = new DataView(header.buffer);
  header.set(new TextEncoder().encode(binaryMagic));
  view.setUint32(8, 1, true);
  view.setUint32(12, text.length, true);
  view.setBigUint64(16, BigInt(data.length), true);
  return concat(header, text, new Uint8Array(padding), data);
}

function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
