/**
 * Checkpoint laws as pure predicates: encoding then decoding gives back the same tree bit for bit
 * (both forms, with and without the tree as its own template), every strict prefix of a binary
 * checkpoint is rejected, a damaged checkpoint (bytes or characters changed) either fails to
 * decode or decodes to the very same tree (never silently to different values), and decoding
 * any input (text, bytes) returns a Left or a Right without throwing and without touching a
 * prototype. fast-check runners live in
 * `laws/checkpoint-runners.ts`.
 *
 * @example
 * const result = jsonRoundTrips({ w: np.array([NaN, -0]), step: np.array(3, { dtype: "int32" }) });
 * if (!result.ok) throw new Error(result.message);
 */
import * as E from "../models/checkpoint/either.js";
import { describe } from "../core/errors.js";
import { ArrayValue } from "../core/ndarray.js";
import { decodeBinary, encodeBinary } from "../models/checkpoint/binary.js";
import { formatErrors, type CheckpointError } from "../models/checkpoint/codecs.js";
import { decodeJson, encodeJson } from "../models/checkpoint/json.js";
import { holds, violated, type LawResult } from "./arrays.js";

/**
 * Same structure (record keys as own properties, list lengths, empty nodes), numbers and
 * booleans equal by `Object.is`, and arrays with the same dtype, shape and element bytes.
 *
 * @example
 * treesBitIdentical({ w: np.array([NaN]) }, { w: np.array([NaN]) }); // { ok: true }
 */
export function treesBitIdentical(actual: unknown, expected: unknown, path = ""): LawResult {
  const here = path === "" ? "the root" : path;
  if (expected instanceof ArrayValue) {
    if (!(actual instanceof ArrayValue)) return violated(`at ${here}: got ${kindOf(actual)}, expected an array ${describe(expected)}`);
    if (actual.dtype !== expected.dtype || actual.shape.length !== expected.shape.length || actual.shape.some((d, i) => d !== expected.shape[i])) {
      return violated(`at ${here}: got an array ${describe(actual)}, expected ${describe(expected)}`);
    }
    const a = bytesOf(actual);
    const b = bytesOf(expected);
    const at = a.findIndex((byte, i) => byte !== b[i]);
    return at < 0 && a.length === b.length ? holds : violated(`at ${here}: element bytes differ at byte ${at} (${a[at]} versus ${b[at]})`);
  }
  if (typeof expected !== "object" || expected === null) {
    return Object.is(actual, expected) ? holds : violated(`at ${here}: got ${kindOf(actual)}, expected ${kindOf(expected)}`);
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return violated(`at ${here}: got ${kindOf(actual)}, expected a list of length ${expected.length}`);
    return firstFailure(expected.map((item: unknown, i) => () => treesBitIdentical(actual[i], item, `${path}[${i}]`)));
  }
  if (typeof actual !== "object" || actual === null || Array.isArray(actual) || actual instanceof ArrayValue) return violated(`at ${here}: got ${kindOf(actual)}, expected a record`);
  if (Object.getPrototypeOf(actual) !== Object.prototype) return violated(`at ${here}: the decoded record's prototype is not Object.prototype`);
  const keys = Object.keys(expected).sort();
  const actualKeys = Object.keys(actual).sort();
  if (keys.length !== actualKeys.length || keys.some((k, i) => k !== actualKeys[i])) {
    return violated(`at ${here}: keys ${JSON.stringify(actualKeys)}, expected ${JSON.stringify(keys)}`);
  }
  const a = actual as Readonly<Record<string, unknown>>;
  const e = expected as Readonly<Record<string, unknown>>;
  return firstFailure(keys.map((key) => () => treesBitIdentical(a[key], e[key], `${path}[${JSON.stringify(key)}]`)));
}

/**
 * `decodeJson(encodeJson(tree))` is the tree bit for bit, with and without the tree as template.
 *
 * @example
 * jsonRoundTrips({ layers: [{ w, b }], step: np.array(0, { dtype: "int32" }) });
 */
export function jsonRoundTrips(value: unknown): LawResult {
  const text = encodeJson(value);
  return roundTrip("JSON", value, decodeJson(text), decodeJson(text, value));
}

/**
 * `decodeBinary(encodeBinary(tree))` is the tree bit for bit, with and without the tree as template.
 *
 * @example
 * binaryRoundTrips({ w: np.array([NaN, -0]) });
 */
export function binaryRoundTrips(value: unknown): LawResult {
  const bytes = encodeBinary(value);
  if (bytes.length % 8 !== 0) return violated(`a binary checkpoint of ${bytes.length} bytes is not a multiple of 8 bytes long`);
  return roundTrip("binary", value, decodeBinary(bytes), decodeBinary(bytes, value));
}

/**
 * Every strict prefix of a binary checkpoint of `value` (cut at `cut` bytes, taken modulo its
 * length) decodes to a Left.
 *
 * @example
 * truncatedBinaryIsRejected({ w: np.ones([3]) }, 30);
 */
export function truncatedBinaryIsRejected(value: unknown, cut: number): LawResult {
  const bytes = encodeBinary(value);
  const length = cut % bytes.length;
  const result = decodeBinary(bytes.subarray(0, length));
  return E.isLeft(result) ? holds : violated(`the first ${length} of ${bytes.length} bytes decoded to a Right`);
}

/**
 * A binary checkpoint of `value` with bytes changed (each `[position, mask]` XORs the byte at
 * `position` modulo the length with `mask`, a nonzero byte, so each change alters the file)
 * decodes to a Left or to a tree bit-identical to `value`: never silently to other values.
 *
 * @example
 * damagedBinaryIsDetected({ w: np.ones([3]) }, [[40, 0x10]]);
 */
export function damagedBinaryIsDetected(value: unknown, changes: readonly (readonly [number, number])[]): LawResult {
  const bytes = encodeBinary(value).slice();
  for (const [position, mask] of changes) bytes[position % bytes.length] ^= mask & 0xff || 1;
  return detectedOrIdentical("binary", value, decodeBinary(bytes), () => `bytes changed at ${changes.map(([p]) => p % bytes.length).join(", ")}`);
}

/**
 * A JSON checkpoint of `value` with characters replaced (each `[position, character]` puts
 * `character` at `position` modulo the length, or the next character code if it was already
 * there) decodes to a Left or to a tree bit-identical to `value`. Spacing or digits written
 * differently may keep the values, and then decoding may succeed; anything else must fail.
 *
 * @example
 * damagedJsonIsDetected({ w: np.ones([3]) }, [[60, "7"]]);
 */
export function damagedJsonIsDetected(value: unknown, changes: readonly (readonly [number, string])[]): LawResult {
  const text = Array.from(encodeJson(value)); // code points, so a change never splits a surrogate pair
  for (const [position, character] of changes) {
    const at = position % text.length;
    const replacement = character === "" ? " " : String.fromCodePoint(character.codePointAt(0)!);
    text[at] = replacement === text[at] ? String.fromCodePoint(replacement.codePointAt(0)! + 1) : replacement;
  }
  return detectedOrIdentical("JSON", value, decodeJson(text.join("")), () => `characters changed at ${changes.map(([p]) => p % text.length).join(", ")}`);
}

/**
 * Running `decode` (a decoder applied to some untrusted input) returns an Either without
 * throwing, and leaves Object.prototype and Array.prototype as they were (`({}).polluted` stays
 * undefined).
 *
 * @example
 * decodingIsTotal(() => checkpoints.decodeJson('{"__proto__": {"polluted": 1}}'));
 */
export function decodingIsTotal(decode: () => E.Either<readonly CheckpointError[], unknown>): LawResult {
  const before = prototypeSnapshot();
  let result: unknown;
  try {
    result = decode();
  } catch (error) {
    return violated(`decoding threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
  const after = prototypeSnapshot();
  if (!sameSnapshot(before, after)) return violated("decoding added, removed or replaced a property of Object.prototype, Array.prototype or Function.prototype");
  if (({} as Record<string, unknown>)["polluted"] !== undefined) return violated("decoding made ({}).polluted defined");
  const either = result as { readonly _tag?: unknown };
  return either._tag === "Left" || either._tag === "Right" ? holds : violated(`decoding returned ${String(result)}, not an Either`);
}

/** `decodeJson(text)`, and against `template` when given, is total (see `decodingIsTotal`). */
export function decodeJsonIsTotal(text: string, template?: unknown): LawResult {
  return decodingIsTotal(() => (template === undefined ? decodeJson(text) : decodeJson(text, template)));
}

/** `decodeBinary(bytes)`, and against `template` when given, is total (see `decodingIsTotal`). */
export function decodeBinaryIsTotal(bytes: Uint8Array, template?: unknown): LawResult {
  return decodingIsTotal(() => (template === undefined ? decodeBinary(bytes) : decodeBinary(bytes, template)));
}

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

function detectedOrIdentical(form: string, value: unknown, result: E.Either<CheckpointError[], unknown>, what: () => string): LawResult {
  if (E.isLeft(result)) return holds;
  const same = treesBitIdentical(result.right, value);
  return same.ok ? holds : violated(`a damaged ${form} checkpoint (${what()}) decoded without error to a different tree ${same.message}`);
}

function roundTrip(form: string, value: unknown, plain: E.Either<CheckpointError[], unknown>, templated: E.Either<CheckpointError[], unknown>): LawResult {
  for (const [how, result] of [["without a template", plain], ["against itself as template", templated]] as const) {
    if (E.isLeft(result)) return violated(`the ${form} checkpoint did not decode ${how}:\n${formatErrors(result.left)}`);
    const same = treesBitIdentical(result.right, value);
    if (!same.ok) return violated(`the ${form} round trip ${how} changed the tree ${same.message}`);
  }
  return holds;
}

function bytesOf(x: ArrayValue): Uint8Array {
  const data = x.toTypedArray();
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function kindOf(u: unknown): string {
  if (u instanceof ArrayValue) return `an array ${describe(u)}`;
  if (Array.isArray(u)) return `a list of length ${u.length}`;
  if (typeof u === "object" && u !== null) return "a record";
  return typeof u === "number" || typeof u === "boolean" ? `${typeof u} ${Object.is(u, -0) ? "-0" : String(u)}` : String(u);
}

function firstFailure(checks: readonly (() => LawResult)[]): LawResult {
  for (const check of checks) {
    const result = check();
    if (!result.ok) return result;
  }
  return holds;
}

/**
 * Every own property of the prototypes a decoder could pollute, as a flat list of (name, value,
 * getter, setter), so an added, removed or replaced property shows as a difference.
 */
function prototypeSnapshot(): readonly unknown[] {
  return [Object.prototype, Array.prototype, Function.prototype].flatMap((proto) =>
    Reflect.ownKeys(proto).flatMap((key) => {
      const d = Object.getOwnPropertyDescriptor(proto, key)!;
      return [key, d.value, d.get, d.set];
    }),
  );
}

function sameSnapshot(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}
