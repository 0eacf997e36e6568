/**
 * The Threefry-2x32 block cipher (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3"),
 * 20 rounds, exactly as JAX lowers its `threefry2x32` primitive. Each element hashes the
 * counter pair `(x1, x2)` under the key `(k1, k2)` into two 32-bit words. Arithmetic is done
 * in int32 (`| 0`) and stored into Uint32Arrays, which reinterprets the bits as unsigned.
 */
import { copyStrided } from "./strided.js";
import { broadcastStrides, sizeOf, stridesOf, type Shape } from "../shape.js";

/** Threefry's key-schedule parity constant. */
const PARITY = 0x1bd11bda;

/** One uint32 operand: its buffer and shape (broadcast against the output shape). */
export interface Uint32Operand {
  readonly data: Uint32Array;
  readonly shape: Shape;
}

/**
 * Hashes `n` counter pairs. Each operand is read at `i * step` with step 1 (full length) or
 * 0 (a scalar), so scalar keys need no materialized copies.
 */
function hashBlocks(
  k1s: Uint32Array, k1Step: number,
  k2s: Uint32Array, k2Step: number,
  x1s: Uint32Array, x1Step: number,
  x2s: Uint32Array, x2Step: number,
  out1: Uint32Array, out2: Uint32Array, n: number,
): void {
  for (let i = 0; i < n; i++) {
    const k0 = k1s[i * k1Step]! | 0;
    const k1 = k2s[i * k2Step]! | 0;
    const k2 = k0 ^ k1 ^ PARITY;
    let a = (x1s[i * x1Step]! + k0) | 0;
    let b = (x2s[i * x2Step]! + k1) | 0;
    // Five groups of four rounds; rotations alternate [13,15,26,6] and [17,29,16,24], and the
    // key schedule injects (k1, k2+1), (k2, k0+2), (k0, k1+3), (k1, k2+4), (k2, k0+5).
    a = (a + b) | 0; b = ((b << 13) | (b >>> 19)) ^ a;
    a = (a + b) | 0; b = ((b << 15) | (b >>> 17)) ^ a;
    a = (a + b) | 0; b = ((b << 26) | (b >>> 6)) ^ a;
    a = (a + b) | 0; b = ((b << 6) | (b >>> 26)) ^ a;
    a = (a + k1) | 0; b = (b + k2 + 1) | 0;
    a = (a + b) | 0; b = ((b << 17) | (b >>> 15)) ^ a;
    a = (a + b) | 0; b = ((b << 29) | (b >>> 3)) ^ a;
    a = (a + b) | 0; b = ((b << 16) | (b >>> 16)) ^ a;
    a = (a + b) | 0; b = ((b << 24) | (b >>> 8)) ^ a;
    a = (a + k2) | 0; b = (b + k0 + 2) | 0;
    a = (a + b) | 0; b = ((b << 13) | (b >>> 19)) ^ a;
    a = (a + b) | 0; b = ((b << 15) | (b >>> 17)) ^ a;
    a = (a + b) | 0; b = ((b << 26) | (b >>> 6)) ^ a;
    a = (a + b) | 0; b = ((b << 6) | (b >>> 26)) ^ a;
    a = (a + k0) | 0; b = (b + k1 + 3) | 0;
    a = (a + b) | 0; b = ((b << 17) | (b >>> 15)) ^ a;
    a = (a + b) | 0; b = ((b << 29) | (b >>> 3)) ^ a;
    a = (a + b) | 0; b = ((b << 16) | (b >>> 16)) ^ a;
    a = (a + b) | 0; b = ((b << 24) | (b >>> 8)) ^ a;
    a = (a + k1) | 0; b = (b + k2 + 4) | 0;
    a = (a + b) | 0; b = ((b << 13) | (b >>> 19)) ^ a;
    a = (a + b) | 0; b = ((b << 15) | (b >>> 17)) ^ a;
    a = (a + b) | 0; b = ((b << 26) | (b >>> 6)) ^ a;
    a = (a + b) | 0; b = ((b << 6) | (b >>> 26)) ^ a;
    a = (a + k2) | 0; b = (b + k0 + 5) | 0;
    out1[i] = a;
    out2[i] = b;
  }
}

/**
 * Threefry-2x32 over four operands broadcast (numpy rules) to `outShape`: returns the two
 * output words per element. Operands that are neither scalars nor already full-size are
 * first copied out to full size; the inputs are only read.
 */
export function threefry2x32(
  k1: Uint32Operand,
  k2: Uint32Operand,
  x1: Uint32Operand,
  x2: Uint32Operand,
  outShape: Shape,
): [Uint32Array, Uint32Array] {
  const n = sizeOf(outShape);
  const out1 = new Uint32Array(n);
  const out2 = new Uint32Array(n);
  if (n === 0) return [out1, out2];
  const [a, b, c, d] = [k1, k2, x1, x2].map((x) => flatOperand(x, outShape, n));
  hashBlocks(a!.data, a!.step, b!.data, b!.step, c!.data, c!.step, d!.data, d!.step, out1, out2, n);
  return [out1, out2];
}

/** The operand as a buffer read at `i * step`: step 0 for one element, 1 for a full-size buffer. */
function flatOperand(x: Uint32Operand, outShape: Shape, n: number): { data: Uint32Array; step: number } {
  if (x.data.length === 1) return { data: x.data, step: 0 };
  if (x.data.length === n) return { data: x.data, step: 1 };
  const full = new Uint32Array(n);
  copyStrided(x.data, { offset: 0, strides: broadcastStrides(x.shape, outShape) }, full, { offset: 0, strides: stridesOf(outShape) }, outShape);
  return { data: full, step: 1 };
}
