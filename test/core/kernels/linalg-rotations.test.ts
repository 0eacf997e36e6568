import { describe, expect, it } from "vitest";
import { emptyRotationLog, logRotation, replayRotations } from "../../../core/kernels/linalg/rotations.js";
import { replayRotationsWasm } from "../../../core/kernels/wasm/rotations.js";

/** Deterministic values in [-0.5, 0.5). */
function values(count: number, seed: number): Float64Array {
  let state = seed;
  return Float64Array.from({ length: count }, () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5);
}

/** Rotations as a QL sweep makes them: rows (i + 1, i), bottom to top, over shrinking blocks. */
function sweeps(height: number, count: number): { p: number; q: number; c: number; s: number }[] {
  const out: { p: number; q: number; c: number; s: number }[] = [];
  for (let sweep = 0; out.length < count; sweep++) {
    for (let i = height - 2; i >= sweep % (height - 1) && out.length < count; i--) {
      const angle = 0.37 * out.length + sweep;
      out.push({ p: i + 1, q: i, c: Math.cos(angle), s: Math.sin(angle) });
    }
  }
  return out;
}

/** Each rotation applied to whole rows as it comes: the reference the replay must match bit for bit. */
function applyInOrder(x: Float64Array, width: number, rotations: { p: number; q: number; c: number; s: number }[]): void {
  for (const { p, q, c, s } of rotations) {
    for (let i = 0; i < width; i++) {
      const a = x[p * width + i]!;
      const b = x[q * width + i]!;
      x[p * width + i] = c * a + s * b;
      x[q * width + i] = c * b - s * a;
    }
  }
}

describe("rotation log", () => {
  it.each([
    [7, 5, 40],
    [64, 64, 3000],
    [50, 131, 2000],
    [3, 1, 5],
  ])("replaying %i x %i rows gives bitwise what applying each of %i rotations in turn gives", (height, width, count) => {
    const x = values(height * width, height + width);
    const rotations = sweeps(height, count);
    const expected = x.slice();
    applyInOrder(expected, width, rotations);
    const log = emptyRotationLog();
    for (const { p, q, c, s } of rotations) logRotation(log, p, q, c, s);
    replayRotations(log, x, height, width);
    expect(x).toEqual(expected);
    expect(log.count).toBe(0);
  });

  it("runs on WebAssembly SIMD in Node", () => {
    expect(replayRotationsWasm(new Float64Array(4), 2, 2, Int32Array.of(0, 1), Float64Array.of(0, 1), 1)).toBe(true);
  });

  it("leaves the matrix alone when nothing was logged", () => {
    const x = values(12, 1);
    const copy = x.slice();
    replayRotations(emptyRotationLog(), x, 3, 4);
    expect(x).toEqual(copy);
  });
});
