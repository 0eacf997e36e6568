import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import * as np from "../../../core/numpy/index.js";
import { crc32c } from "../../../models/checkpoint/crc32c.js";
import { binaryCodec, decodeBinary, encodeBinary, formatErrors, isBinaryCheckpoint, type CheckpointError } from "../../../models/checkpoint/index.js";

function errorsOf(result: E.Either<CheckpointError[], unknown>): string[] {
  if (E.isRight(result)) return expect.fail("expected a Left, got a Right");
  return formatErrors(result.left).split("\n");
}

/**
 * A binary checkpoint with a correct header around `structure` (any JSON text) and `data`: the
 * version-1 layout, or for version 2 the 32-byte header with its checksum as documented.
 */
function handWritten(structure: string, data: number[] = [], version = 1): Uint8Array {
  const header = version === 2 ? 32 : 24;
  const text = new TextEncoder().encode(structure);
  const start = Math.ceil((header + text.length) / 8) * 8;
  const out = new Uint8Array(start + data.length);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode("TSRACKPT"));
  view.setUint32(8, version, true);
  view.setUint32(12, text.length, true);
  view.setBigUint64(16, BigInt(data.length), true);
  out.set(text, header);
  if (version === 2) view.setUint32(24, crc32c(out.subarray(28, start), crc32c(out.subarray(0, 24))), true);
  out.set(data, start);
  return out;
}

describe("the binary form", () => {
  const value = { b: np.array([1, 2], { dtype: "float32" }), flags: np.array([true, false, true]), step: np.array(7, { dtype: "int32" }) };
  const bytes = encodeBinary(value);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  it("lays out magic, version, lengths, checksums, structure and 8-byte aligned data as documented", () => {
    const structureLength = view.getUint32(12, true);
    const structure = new TextDecoder().decode(bytes.subarray(32, 32 + structureLength));
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe("TSRACKPT");
    expect(view.getUint32(8, true)).toBe(2);
    const crcOf = (data: number[]) => crc32c(new Uint8Array(data));
    expect(structure).toBe(
      `{"kind":"record","fields":{"b":{"kind":"array","dtype":"float32","shape":[2],"offset":0,"crc32c":${crcOf([0, 0, 0x80, 0x3f, 0, 0, 0, 0x40])}},` +
        `"flags":{"kind":"array","dtype":"bool","shape":[3],"offset":8,"crc32c":${crcOf([1, 0, 1])}},"step":{"kind":"array","dtype":"int32","shape":[],"offset":16,"crc32c":${crcOf([7, 0, 0, 0])}}}}`,
    );
    const start = Math.ceil((32 + structureLength) / 8) * 8;
    expect(view.getUint32(24, true)).toBe(crc32c(bytes.subarray(28, start), crc32c(bytes.subarray(0, 24))));
    expect(view.getUint32(28, true)).toBe(0);
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
    expect(errorsOf(decodeBinary(bytes.subarray(0, 10)))).toEqual(["checkpoint: truncated: 10 bytes, but a binary checkpoint starts with a 32-byte header"]);
    expect(errorsOf(decodeBinary(bytes.subarray(0, bytes.length - 1)))).toEqual([`checkpoint: truncated: the header announces ${bytes.length} bytes, the input holds ${bytes.length - 1}`]);
    expect(errorsOf(decodeBinary(new Uint8Array([...bytes, 0])))).toEqual([`checkpoint: 1 unexpected bytes after the data section (the header announces ${bytes.length} bytes)`]);
    expect(errorsOf(decodeBinary(new TextEncoder().encode('{"format":"tessera-checkpoint","version":1}')))).toEqual(['checkpoint: not a tessera binary checkpoint: the first bytes are not the magic "TSRACKPT"']);
    expect(isBinaryCheckpoint(new TextEncoder().encode("{}"))).toBe(false);
  });

  it("rejects other versions, bad structures and out-of-range or unaligned offsets", () => {
    expect(errorsOf(decodeBinary(handWritten('{"kind":"null"}', [], 3)))).toEqual(["checkpoint: unsupported binary checkpoint version 3; this reader knows versions 1 and 2"]);
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

  it("version 2 verifies every byte: array checksums (naming the path), the header checksum and zero padding", () => {
    const arrayStart = bytes.length - 24;
    const damagedArray = bytes.slice();
    damagedArray[arrayStart + 9] = 1; // flags[1]: false becomes true
    expect(errorsOf(decodeBinary(damagedArray, value))).toEqual([
      `flags: checksum mismatch: the data of this bool[3] array (bytes [8, 11) of the data section) has CRC-32C 0x${crc32c(new Uint8Array([1, 1, 1])).toString(16).padStart(8, "0")}, but the file records 0x${crc32c(new Uint8Array([1, 0, 1])).toString(16).padStart(8, "0")}; the file is damaged or was edited`,
    ]);
    const damagedStructure = bytes.slice();
    damagedStructure[32 + bytes.subarray(32).indexOf(0x33)] = 0x34; // a digit in the structure
    expect(errorsOf(decodeBinary(damagedStructure))).toEqual([expect.stringMatching(/^checkpoint: checksum mismatch: the header and structure has CRC-32C 0x[0-9a-f]{8}, but the file records/)]);
    const damagedPadding = bytes.slice();
    damagedPadding[arrayStart + 12] = 9; // the padding after flags
    expect(errorsOf(decodeBinary(damagedPadding))).toEqual(["checkpoint: byte 12 of the data section lies outside every array but is not zero; the file is damaged or was edited"]);
    const downgraded = bytes.slice();
    downgraded[8] = 1; // claims version 1, which has no checksums: its layout no longer fits
    expect(E.isLeft(decodeBinary(downgraded))).toBe(true);
    const unchecked = JSON.stringify({ kind: "list", items: [{ kind: "array", dtype: "float64", shape: [1], offset: 0 }] });
    expect(errorsOf(decodeBinary(handWritten(unchecked, new Array(8).fill(0), 2)))).toEqual(['[0]: an array node needs the field "crc32c"']);
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

describe("isBinaryCheckpoint", () => {
  it("answers false for anything that is not bytes (it is a type test)", () => {
    for (const value of [null, undefined, "TSRA", [84, 83], {}, new Float32Array(8), 1n]) expect(isBinaryCheckpoint(value as never)).toBe(false);
  });
});
