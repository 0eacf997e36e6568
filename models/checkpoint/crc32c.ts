/**
 * CRC-32C (Castagnoli): the checksum TensorFlow checkpoints, iSCSI and ext4 use. Polynomial
 * 0x1EDC6F41, reflected (0x82F63B78), initial value and final XOR 0xFFFFFFFF, so
 * `crc32c("123456789")` is 0xE3069283. It detects every error burst of up to 32 bits, so any
 * single changed byte, and catches other corruption with probability 1 - 2^-32.
 */

const POLYNOMIAL = 0x82f63b78;

const table = (() => {
  const out = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLYNOMIAL : c >>> 1;
    out[n] = c >>> 0;
  }
  return out;
})();

/**
 * The CRC-32C of `bytes` as an unsigned 32-bit integer. Pass a previous result as `crc` to
 * continue it: `crc32c(b, crc32c(a))` is the CRC of `a` followed by `b`.
 *
 * @example
 * crc32c(new TextEncoder().encode("123456789")); // 0xe3069283
 */
export function crc32c(bytes: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** A checksum as `0x` and eight hex digits, for messages. */
export function hex32(crc: number): string {
  return `0x${crc.toString(16).padStart(8, "0")}`;
}
