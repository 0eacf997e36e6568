import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { broadcastShapes, sizeOf } from "../../core/shape.js";
import * as arb from "../../laws/arbitraries.js";

const sample = <T>(a: fc.Arbitrary<T>, numRuns = 300) => fc.sample(a, { numRuns, seed: 42 });

describe("arbitraries", () => {
  it("shapes respect rank and size bounds, with zero sizes only when allowed", () => {
    const shapes = sample(arb.shape({ minRank: 1, maxRank: 3, maxDim: 5 }));
    expect(shapes.every((s) => s.length >= 1 && s.length <= 3 && s.every((d) => d >= 1 && d <= 5))).toBe(true);
    expect(sample(arb.shape({ allowZeroSize: true })).some((s) => s.includes(0))).toBe(true);
  });

  it("broadcastable shapes broadcast together", () => {
    for (const shapes of sample(arb.broadcastableShapes(3, { allowZeroSize: true }))) {
      expect(() => broadcastShapes("test", ...shapes)).not.toThrow();
    }
  });

  it("permutations are permutations", () => {
    for (const p of sample(arb.permutation(4))) expect([...p].sort()).toEqual([0, 1, 2, 3]);
    expect(sample(arb.permutation(0), 5)).toEqual(Array(5).fill([]));
  });

  it("reshape targets keep the element count", () => {
    for (const [x, target] of sample(arb.arrayWithReshapeTarget({ allowZeroSize: true }))) {
      expect(sizeOf(target)).toBe(x.size);
      expect(target.length).toBeLessThanOrEqual(5);
    }
  });

  it("arrays have the requested shape, dtype and finite values in range", () => {
    for (const x of sample(arb.arrayOf([2, 3], "float32", { min: 0.5, max: 2 }), 50)) {
      expect(x.shape).toEqual([2, 3]);
      expect(x.dtype).toBe("float32");
      expect(Array.from(x.toTypedArray()).every((v) => v >= Math.fround(0.5) && v <= 2)).toBe(true);
    }
    for (const x of sample(arb.array({ dtypes: ["int32", "uint32", "bool"] }), 100)) {
      const values = Array.from(x.toTypedArray());
      expect(values.every(Number.isInteger)).toBe(true);
      if (x.dtype === "bool") expect(values.every((v) => v === 0 || v === 1)).toBe(true);
    }
  });

  it("values are finite and small unless non-finite values or extremes are asked for", () => {
    const plain = sample(arb.array({ dtypes: ["float32", "float64", "int32", "uint32"] }), 200).flatMap((x) => Array.from(x.toTypedArray()));
    expect(plain.every((v) => Number.isFinite(v) && Math.abs(v) <= 100)).toBe(true);
    const floats = sample(arb.arrayOf([8], "float64", { nonFinite: true }), 100).flatMap((x) => Array.from(x.toTypedArray()));
    expect(floats.some(Number.isNaN)).toBe(true);
    expect(floats).toContain(Infinity);
    expect(floats).toContain(-Infinity);
    expect(floats.filter(Number.isFinite).every((v) => Math.abs(v) <= 100)).toBe(true);
  });

  it("extremes reach the int32 and uint32 boundaries, within explicit bounds when given", () => {
    const int32 = sample(arb.arrayOf([8], "int32", { extremes: true }), 100).flatMap((x) => Array.from(x.toTypedArray()));
    expect(int32).toEqual(expect.arrayContaining([-(2 ** 31), -(2 ** 31) + 1, 2 ** 31 - 2, 2 ** 31 - 1]));
    expect(int32.some((v) => Math.abs(v) > 100 && Math.abs(v) < 2 ** 31 - 2)).toBe(true);
    const uint32 = sample(arb.arrayOf([8], "uint32", { extremes: true }), 100).flatMap((x) => Array.from(x.toTypedArray()));
    expect(uint32).toEqual(expect.arrayContaining([0, 1, 2 ** 32 - 2, 2 ** 32 - 1]));
    expect(uint32.some((v) => v > 2 ** 31)).toBe(true);
    const bounded = sample(arb.arrayOf([8], "int32", { extremes: true, min: -5, max: 5 }), 50).flatMap((x) => Array.from(x.toTypedArray()));
    expect(bounded.every((v) => v >= -5 && v <= 5)).toBe(true);
    expect(bounded).toEqual(expect.arrayContaining([-5, 5]));
    expect(sample(arb.arrayOf([4], "float32", { extremes: true }), 50).every((x) => x.toTypedArray().every((v) => Number.isFinite(v)))).toBe(true);
  });

  it("broadcast arrays share one dtype", () => {
    for (const [a, b] of sample(arb.broadcastArrays(2), 100)) expect(a!.dtype).toBe(b!.dtype);
  });

  it("pytrees of arrays hold only arrays at their leaves", () => {
    const leaves = (t: unknown): unknown[] =>
      t === null || t === undefined ? [] : Array.isArray(t) ? t.flatMap(leaves) : typeof t === "object" && !("dtype" in t) ? Object.values(t).flatMap(leaves) : [t];
    for (const t of sample(arb.pytreeOfArrays({ dtypes: ["float32"] }), 100)) {
      expect(leaves(t).every((l) => typeof l === "object" && (l as { dtype: string }).dtype === "float32")).toBe(true);
    }
  });
});
