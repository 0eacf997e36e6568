import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { NdArray } from "../../core/ndarray.js";
import { decodeBinary, decodeJson, encodeBinary, encodeJson } from "../../models/checkpoint/index.js";
import * as np from "../../core/numpy/index.js";
import {
  binaryRoundTrips,
  damagedBinaryIsDetected,
  damagedJsonIsDetected,
  decodeBinaryIsTotal,
  decodeJsonIsTotal,
  decodingIsTotal,
  jsonRoundTrips,
  treesBitIdentical,
  truncatedBinaryIsRejected,
} from "../../laws/checkpoint.js";
import {
  bitPatternArray,
  checkBinaryRoundTrips,
  checkCheckpointLaws,
  checkDamagedBinaryDetected,
  checkDamagedJsonDetected,
  checkDecodeBinaryIsTotal,
  checkDecodeJsonIsTotal,
  checkJsonRoundTrips,
  checkTruncatedBinaryRejected,
  checkpointTree,
} from "../../laws/checkpoint-runners.js";

const damaged = (bytes: Uint8Array, at: number, mask: number) => {
  const copy = bytes.slice();
  copy[at]! ^= mask;
  return copy;
};
const float32Bits = (...words: number[]) => NdArray.fromBuffer(new Float32Array(new Uint32Array(words).buffer), [words.length], "float32");


/**
 * A JSON.stringify replacer that shows undefined and array leaves as "<undefined>" and "<array>".
 * It rewrites each list or record before its children are serialized, because an array's toJSON
 * (which writes its shape, dtype and data) runs before a replacer sees the array itself.
 */
function markLeaves(_key: string, v: unknown): unknown {
  const mark = (x: unknown): unknown => (x === undefined ? "<undefined>" : x instanceof NdArray ? "<array>" : x);
  if (Array.isArray(v)) return v.map(mark);
  if (v !== null && typeof v === "object" && !(v instanceof NdArray)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mark(x)]));
  return mark(v);
}
describe("checkpoint laws", () => {
  it("JSON encode/decode round-trips random pytrees bit for bit", () => checkJsonRoundTrips({ numRuns: 300 }));
  it("binary encode/decode round-trips random pytrees bit for bit", () => checkBinaryRoundTrips({ numRuns: 300 }));
  it("every strict prefix of a binary checkpoint is rejected", () => checkTruncatedBinaryRejected({ numRuns: 300 }));
  it("binary checkpoints with bytes changed never decode silently to other values (3,000 damaged files)", () => checkDamagedBinaryDetected({ numRuns: 3000 }));
  it("JSON checkpoints with characters changed never decode silently to other values (3,000 damaged files)", () => checkDamagedJsonDetected({ numRuns: 3000 }));
  it("decoding random, hostile and corrupted JSON never throws nor pollutes prototypes", () => checkDecodeJsonIsTotal({ numRuns: 1000 }));
  it("decoding random and corrupted bytes never throws nor pollutes prototypes", () => checkDecodeBinaryIsTotal({ numRuns: 1000 }));
  it("the whole suite runs from one call", () => checkCheckpointLaws({ numRuns: 10 }));

  it("the generated trees hold what the laws promise to cover", () => {
    const arrays = fc.sample(bitPatternArray(), { numRuns: 2000, seed: 7 });
    const dtypes = new Set(arrays.map((x) => x.dtype));
    expect([...dtypes].sort()).toEqual(["bool", "float32", "float64", "int32", "uint32"]);
    expect(arrays.some((x) => x.ndim === 0)).toBe(true);
    expect(arrays.some((x) => x.size === 0)).toBe(true);
    const words = arrays.filter((x) => x.dtype === "float32").flatMap((x) => [...new Uint32Array(x.toTypedArray().buffer)]);
    expect(words).toContain(0xffc01234); // a NaN with payload and sign
    expect(words).toContain(0x7f800001); // a signalling NaN
    expect(words).toContain(0x80000000); // -0
    const text = JSON.stringify(fc.sample(checkpointTree(), { numRuns: 300, seed: 7 }), markLeaves);
    for (const needle of ["__proto__", "<undefined>", "<array>", "[]", "{}"]) expect(text).toContain(needle);
  });
});

describe("the checkpoint law predicates", () => {
  it("round trips hold on the awkward cases by hand", () => {
    const tree = { nan: float32Bits(0x7fc01234, 0xff800001, 0x80000000), empty: np.zeros([0, 2], { dtype: "int32" }), scalar: np.array(true), n: [-0, NaN], "\ud800 lone surrogate, é and 😀": null };
    expect(jsonRoundTrips(tree)).toEqual({ ok: true });
    expect(binaryRoundTrips(tree)).toEqual({ ok: true });
    expect(truncatedBinaryIsRejected(tree, 1000)).toEqual({ ok: true });
  });

  it("damage detection: every changed byte of a small checkpoint is caught, and harmless JSON changes pass", () => {
    const tree = { w: float32Bits(0x3f800000, 0x40000000), step: 3, flag: true, none: null };
    const length = encodeBinary(tree).length;
    for (let at = 0; at < length; at++) {
      for (const mask of [0x01, 0x80, 0xff]) {
        expect(damagedBinaryIsDetected(tree, [[at, mask]])).toEqual({ ok: true });
        expect(E.isLeft(decodeBinary(damaged(encodeBinary(tree), at, mask))), `byte ${at} ^ ${mask}`).toBe(true);
      }
    }
    const text = encodeJson(tree);
    for (let at = 0; at < text.length; at++) expect(damagedJsonIsDetected(tree, [[at, "7"]]), `character ${at}`).toEqual({ ok: true });
    expect(E.isRight(decodeJson(text.replace('"value":3', '"value":3.0')))).toBe(true); // the same number
  });

  it("bit identity tells NaN payloads, -0 and prototypes apart", () => {
    expect(treesBitIdentical([float32Bits(0x7fc00000)], [float32Bits(0x7fc00000)]).ok).toBe(true);
    expect(treesBitIdentical([float32Bits(0x7fc00001)], [float32Bits(0x7fc00000)])).toEqual({ ok: false, message: "at [0]: element bytes differ at byte 0 (1 versus 0)" });
    expect(treesBitIdentical({ a: -0 }, { a: 0 }).ok).toBe(false);
    expect(treesBitIdentical(Object.create(null) as unknown, {}).ok).toBe(false);
    expect(treesBitIdentical({ a: np.zeros([2]) }, { a: np.zeros([1, 2]) })).toEqual({ ok: false, message: 'at ["a"]: got an array f32[2], expected f32[1,2]' });
  });

  it("totality catches throwing, prototype pollution and non-Either results", () => {
    expect(decodingIsTotal(() => E.left([]))).toEqual({ ok: true });
    expect(decodingIsTotal(() => { throw new RangeError("boom"); })).toEqual({ ok: false, message: "decoding threw RangeError: boom" });
    expect(decodingIsTotal(() => 3 as never).ok).toBe(false);
    const polluting = () => {
      Object.defineProperty(Object.prototype, "polluted", { value: 1, configurable: true, enumerable: false });
      return E.right(null);
    };
    try {
      expect(decodingIsTotal(polluting).ok).toBe(false);
    } finally {
      delete (Object.prototype as Record<string, unknown>)["polluted"];
    }
    expect(decodeJsonIsTotal('{"__proto__":{"polluted":1}}')).toEqual({ ok: true });
    expect(decodeBinaryIsTotal(new Uint8Array(3))).toEqual({ ok: true });
  });
});
