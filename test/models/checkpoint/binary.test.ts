import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import * as np from "../../../core/numpy/index.js";
import { binaryCodec, decodeBinary, encodeBinary, formatErrors, isBinaryCheckpoint, type CheckpointError } from "../../../models/checkpoint/index.js";

function errorsOf(result: E.Either<CheckpointError[], unknown>): string[] {
  if (E.isRight(result)) return expect.fail("expected a Left, got a Right");
  return formatErrors(result.left).split("\n");
}

/** A binary checkpoint with a correct header around `structure` (any JSON text) and `data`. */
function handWritten(structure: string, data: number[] = [], version = 1): Uint8Array {
  const text = new TextEncoder().encode(structure);
  const start = Math.ceil((24 + text.length) / 8) * 8;
  const out = new Uint8Array(start + data.length);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode("TSRACKPT"));
  view.setUint32(8, version, true);
  view.setUint32(12, text.length, true);
  view.setBigUint64(16, BigInt(data.length), true);
  out.set(text, 24);
  out.set(data, start);
  return out;
}

describe("the binary form", () => {
  const value = { b: np.array([1, 2], { dtype: "float32" }), flags: np.array([true, false, true]), step: np.array(7, { dtype: "int32" }) };
  const bytes = encodeBinary(value);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  it("lays out magic, version, lengths, structure and 8-byte aligned data as documented", () => {
    const structureLength = view.getUint32(12, true);
    const structure = new TextDecoder().decode(bytes.subarray(24, 24 + structureLength));
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe("TSRACKPT");
    expect(view.getUint32(8, true)).toBe(1);
    expect(structure).toBe(
      '{"kind":"record","fields":{"b":{"kind":"array","dtype":"float32","shape":[2],"offset":0},' +
        '"flags":{"kind":"array","dtype":"bool","shape":[3],"offset":8},"step":{"kind":"array","dtype":"int32","shape":[],"offset":16}}}',
    );
    const start = Math.ceil((24 + structureLength) / 8) * 8;
    expect(view.getBigUint64(16, true)).toBe(24n);
    expect(bytes.length).toBe(start + 24);
    expect([...bytes.subarray(start)]).toEqual([0, 0, 0x80, 0x3f, 0, 0, 0, 0x40, 1, 0, 1, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0]);
    expect(isBinaryCheckpoint(bytes)).toBe(true);
  });

  it("decodes back to the same values, against a template too", () => {
    const restored = decodeBinary(bytes, value);
    if (E.isLeft(restored)) return expect.fail(formatErrors(restored.left));
    expect(restored.right.b.toArray()).toEqual([1, 2]);
    expect(restored.right.flags.toArray()).toEqual([true, false, true]);
    expect(restored.right.step.item()).toBe(7);
  });

  it("decodes from views into larger buffers, such as Node Buffers from the shared pool", () => {
    const padded = new Uint8Array(bytes.length + 16).fill(0xff);
    padded.set(bytes, 8);
    for (const view of [padded.subarray(8, 8 + bytes.length), Buffer.from(bytes)]) {
      const restored = decodeBinary(view, value);
      expect(E.isRight(restored) && restored.right.b.toArray()).toEqual([1, 2]);
    }
  });

  it("reports template mismatches with paths, as the JSON form does", () => {
    const template = { b: { shape: [3], dtype: "float32" }, flags: np.zeros([3], { dtype: "bool" }), step: np.zeros([], { dtype: "uint32" }) };
    expect(errorsOf(decodeBinary(bytes, template))).toEqual(["b: expected shape [3], got [2]", "step: expected dtype uint32, got int32"]);
  });

  it("is a Left for every truncation, for trailing bytes and for other files", () => {
    for (let length = 0; length < bytes.length; length++) expect(E.isLeft(decodeBinary(bytes.subarray(0, length)))).toBe(true);
    expect(errorsOf(decodeBinary(bytes.subarray(0, 10)))).toEqual(["checkpoint: truncated: 10 bytes, but a binary checkpoint starts with a 24-byte header"]);
    expect(errorsOf(decodeBinary(bytes.subarray(0, bytes.length - 1)))).toEqual([`checkpoint: truncated: the header announces ${bytes.length} bytes, the input holds ${bytes.length - 1}`]);
    expect(errorsOf(decodeBinary(new Uint8Array([...bytes, 0])))).toEqual([`checkpoint: 1 unexpected bytes after the data section (the header announces ${bytes.length} bytes)`]);
    expect(errorsOf(decodeBinary(new TextEncoder().encode('{"format":"tessera-checkpoint","version":1}')))).toEqual(['checkpoint: not a tessera binary checkpoint: the first bytes are not the magic "TSRACKPT"']);
    expect(isBinaryCheckpoint(new TextEncoder().encode("{}"))).toBe(false);
  });

  it("rejects other versions, bad structures and out-of-range or unaligned offsets", () => {
    expect(errorsOf(decodeBinary(handWritten('{"kind":"null"}', [], 2)))).toEqual(["checkpoint: unsupported binary checkpoint version 2; this reader knows version 1"]);
    expect(errorsOf(decodeBinary(handWritten("{kind")))).toEqual([expect.stringMatching(/^checkpoint: the structure is not valid UTF-8 JSON: /)]);
    const invalidUtf8 = handWritten('"ab"');
    invalidUtf8[25] = 0xff;
    expect(errorsOf(decodeBinary(invalidUtf8))).toEqual([expect.stringMatching(/^checkpoint: the structure is not valid UTF-8 JSON: /)]);
    const node = (offset: unknown) => JSON.stringify({ kind: "list", items: [{ kind: "array", dtype: "float64", shape: [2], offset }] });
    expect(errorsOf(decodeBinary(handWritten(node(8), new Array(16).fill(0))))).toEqual(["[0]: its data, bytes [8, 24), lies outside the data section of 16 bytes"]);
    expect(errorsOf(decodeBinary(handWritten(node(4), new Array(24).fill(0))))).toEqual(["[0]: an array node's offset must be a non-negative multiple of 8, got 4"]);
    expect(errorsOf(decodeBinary(handWritten(node("0"), new Array(16).fill(0))))).toEqual(['[0]: an array node\'s offset must be a non-negative multiple of 8, got "0"']);
    expect(E.isRight(decodeBinary(handWritten(node(0), new Array(16).fill(0))))).toBe(true);
  });

  it("a huge declared shape fails on the data bounds without allocating", () => {
    const huge = JSON.stringify({ kind: "array", dtype: "float64", shape: [2 ** 26, 2 ** 26], offset: 0 });
    expect(errorsOf(decodeBinary(handWritten(huge, new Array(8).fill(0))))).toEqual([
      "checkpoint: its data, bytes [0, 36028797018963970), lies outside the data section of 8 bytes",
    ]);
  });

  it("is an io-ts codec over Uint8Array", () => {
    const codec = binaryCodec();
    expect(E.isRight(codec.decode(codec.encode(value)))).toBe(true);
    expect(E.isLeft(codec.decode("not bytes"))).toBe(true);
  });
});
