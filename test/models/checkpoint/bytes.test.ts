import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { fromBase64, fromLittleEndian, toBase64, toLittleEndian } from "../../../models/checkpoint/bytes.js";

const ascii = (text: string) => new TextEncoder().encode(text);

describe("base64", () => {
  // RFC 4648, section 10.
  const vectors: [string, string][] = [["", ""], ["f", "Zg=="], ["fo", "Zm8="], ["foo", "Zm9v"], ["foob", "Zm9vYg=="], ["fooba", "Zm9vYmE="], ["foobar", "Zm9vYmFy"]];

  it("encodes and decodes the RFC 4648 test vectors", () => {
    for (const [plain, encoded] of vectors) {
      expect(toBase64(ascii(plain))).toBe(encoded);
      expect(fromBase64(encoded)).toEqual(E.right(ascii(plain)));
    }
  });

  it("agrees with Node's Buffer on every byte value and on long inputs", () => {
    const bytes = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 7919) % 256);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
    expect(fromBase64(toBase64(bytes))).toEqual(E.right(bytes));
  });

  it("rejects everything but canonical padded standard base64", () => {
    expect(fromBase64("Zg")).toEqual(E.left("base64 text has length 2, which is not a multiple of 4"));
    expect(fromBase64("Zm9v\nYmFy")).toEqual(E.left("base64 text has length 9, which is not a multiple of 4"));
    expect(fromBase64("Zm-_")).toEqual(E.left('invalid base64 character "-" at position 2'));
    expect(fromBase64("Z=9v")).toEqual(E.left('invalid base64 character "=" at position 1'));
    expect(fromBase64("Zm9v=A==")).toEqual(E.left('invalid base64 character "=" at position 4'));
    expect(fromBase64("Zh==")).toEqual(E.left("base64 text is not canonical: the bits cut off by the padding are not zero"));
    expect(fromBase64("Zm9é")).toEqual(E.left('invalid base64 character "é" at position 3'));
  });
});

describe("little-endian elements", () => {
  it("copies element bytes bit for bit, from views with an offset too", () => {
    const words = new Uint32Array([0x7fc01234, 0x80000000, 0x3f800000]);
    const view = new Float32Array(words.buffer, 4, 2);
    expect([...toLittleEndian(view)]).toEqual([0, 0, 0, 0x80, 0, 0, 0x80, 0x3f]);
    const back = fromLittleEndian(toLittleEndian(new Float32Array(words.buffer)), "float32");
    expect(E.isRight(back) && [...new Uint32Array(back.right.buffer)]).toEqual([0x7fc01234, 0x80000000, 0x3f800000]);
  });

  it("swaps each element's bytes on a big-endian host", () => {
    expect([...toLittleEndian(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]).subarray(0, 8) as Uint8Array, false)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const bigEndianWord = new Uint8Array([0x3f, 0x80, 0, 0]);
    expect([...toLittleEndian(new Float32Array(bigEndianWord.buffer), false)]).toEqual([0, 0, 0x80, 0x3f]);
    const read = fromLittleEndian(new Uint8Array([1, 0, 0, 0, 0, 0, 0, 2]), "float64", false);
    expect(E.isRight(read) && [...new Uint8Array(read.right.buffer)]).toEqual([2, 0, 0, 0, 0, 0, 0, 1]);
  });

  it("rejects partial elements and bool bytes other than 0 and 1", () => {
    expect(fromLittleEndian(new Uint8Array(6), "float32")).toEqual(E.left("6 bytes is not a whole number of float32 elements"));
    expect(fromLittleEndian(new Uint8Array([0, 1, 255]), "bool")).toEqual(E.left("bool element 2 is stored as 255; expected 0 or 1"));
  });
});
