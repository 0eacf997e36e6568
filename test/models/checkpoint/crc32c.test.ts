import { describe, expect, it } from "vitest";
import { crc32c, hex32 } from "../../../models/checkpoint/crc32c.js";

const ascii = (text: string) => new TextEncoder().encode(text);

// Known vectors: the standard check value, and RFC 3720 (iSCSI) appendix B.4.
describe("crc32c", () => {
  it("gives the standard check value for 123456789", () => {
    expect(crc32c(ascii("123456789"))).toBe(0xe3069283);
    expect(hex32(crc32c(ascii("123456789")))).toBe("0xe3069283");
  });
  it("matches RFC 3720's vectors", () => {
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i))).toBe(0x46dd794e);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => 31 - i))).toBe(0x113fdb5c);
  });
  it("is 0 for no bytes and continues across chunks", () => {
    expect(crc32c(new Uint8Array(0))).toBe(0);
    const whole = ascii("The quick brown fox jumps over the lazy dog");
    expect(crc32c(whole)).toBe(0x22620404);
    expect(crc32c(whole.subarray(10), crc32c(whole.subarray(0, 10)))).toBe(crc32c(whole));
  });
});
