import { describe, expect, it } from "vitest";
import { expFloat32, logisticFloat32, tanhFloat32 } from "../../../core/kernels/float32-math.js";

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** float32 inputs: a dense grid over [lo, hi] plus magnitudes from 2^-40 to 2^7 of both signs, and the special values. */
function inputs(lo: number, hi: number): number[] {
  const xs: number[] = [0, -0, NaN, Infinity, -Infinity];
  for (let i = 0; i <= 100_000; i++) xs.push(Math.fround(lo + ((hi - lo) * i) / 100_000));
  for (let e = -40; e <= 7; e += 1 / 512) xs.push(Math.fround(2 ** e), Math.fround(-(2 ** e)));
  return xs;
}

describe("float32 exp, tanh and logistic by polynomial", () => {
  const cases: [string, (x: number) => number, (x: number) => number, number, number][] = [
    ["exp", expFloat32, Math.exp, -110, 95],
    ["tanh", tanhFloat32, Math.tanh, -12, 12],
    ["logistic", logisticFloat32, logistic, -120, 40],
  ];
  for (const [name, fast, reference, lo, hi] of cases) {
    it(`${name} rounds to the same float32 as Math's float64 result (NaN, ±Inf, ±0, overflow and subnormals included)`, () => {
      const mismatches = inputs(lo, hi).filter((x) => !Object.is(Math.fround(fast(x)), Math.fround(reference(x))));
      expect(mismatches.slice(0, 5)).toEqual([]);
    });
  }

  it("keeps the sign of zero and saturates", () => {
    expect(Object.is(tanhFloat32(-0), -0)).toBe(true);
    expect(tanhFloat32(50)).toBe(1);
    expect(tanhFloat32(-50)).toBe(-1);
    expect(expFloat32(100)).toBe(Infinity);
    expect(expFloat32(-200)).toBe(0);
    expect(logisticFloat32(-200)).toBe(0);
    expect(logisticFloat32(200)).toBe(1);
  });
});
