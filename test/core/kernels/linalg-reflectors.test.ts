import { describe, expect, it } from "vitest";
import { reflectEach, reflectorScratch } from "../../../core/kernels/linalg/reflector.js";
import { lowerRank2Update, lowerTimes } from "../../../core/kernels/linalg/tridiagonal.js";
import { wasmScratch } from "../../../core/kernels/wasm/reflectors.js";

/** Deterministic values in [-0.5, 0.5). */
function values(count: number, seed: number): Float64Array {
  let state = seed;
  return Float64Array.from({ length: count }, () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5);
}

/** H y = y - tau (vᵀy) v computed in float64 plainly, v[0] taken as 1. */
function reflected(v: Float64Array, tau: number, y: Float64Array): Float64Array {
  const w = Float64Array.from(v, (x, i) => (i === 0 ? 1 : x));
  const dot = w.reduce((sum, x, i) => sum + x * y[i]!, 0);
  return y.map((x, i) => x - tau * dot * w[i]!);
}

describe("reflectEach", () => {
  const cases: [number, number, number][] = [];
  for (const length of [1, 2, 3, 4, 5, 8, 17]) for (const count of [1, 3, 4, 5, 9]) cases.push([length, count, length + 3]);

  it.each(cases)("length %i, %i vectors %i apart: H y for each vector, the same bit for bit in WebAssembly and JavaScript", (length, count, stride) => {
    const v = values(length, length);
    v[0] = 123; // ignored: v[0] is taken as 1
    const tau = 1.3;
    const y = values(count * stride, count + 7 * length);
    const plain = y.slice();
    reflectEach(v, 0, length, tau, plain, 0, stride, count);
    for (let j = 0; j < count; j++) {
      const expected = reflected(v, tau, y.subarray(j * stride, j * stride + length));
      const got = plain.subarray(j * stride, j * stride + length);
      got.forEach((x, i) => expect(x).toBeCloseTo(expected[i]!, 14));
      // Entries between vectors are left alone.
      expect(plain.subarray(j * stride + length, (j + 1) * stride)).toEqual(y.subarray(j * stride + length, (j + 1) * stride));
    }
    const scratch = reflectorScratch(length + count * stride + 1);
    scratch.set(v, 1);
    scratch.set(y, length + 1);
    reflectEach(scratch, 1, length, tau, scratch, length + 1, stride, count);
    expect(scratch.subarray(length + 1)).toEqual(plain);
  });

  it("has a WebAssembly scratch in Node, zeroed on every call", () => {
    const first = wasmScratch(10)!;
    first.fill(5);
    expect(wasmScratch(10)).toEqual(new Float64Array(10));
  });

  it("leaves the vectors alone when tau is zero", () => {
    const y = values(12, 3);
    const copy = y.slice();
    reflectEach(values(4, 1), 0, 4, 0, y, 0, 4, 3);
    expect(y).toEqual(copy);
  });
});

describe("the tridiagonal reduction's inner steps on a lower-stored symmetric block", () => {
  const cases: [number, number][] = [];
  for (const n of [1, 2, 3, 4, 5, 9, 16]) for (const o of [0, 1, 2]) if (o < n) cases.push([n, o]);

  it.each(cases)("n = %i, block from %i: p = A v and A - v wᵀ - w vᵀ, the same bit for bit in WebAssembly and JavaScript", (n, o) => {
    const len = n - o;
    const lower = values(n * n, n + o);
    const v = values(len, 3 + n);
    const w = values(len, 5 + n);
    // The block's entry (r, c) of the full symmetric matrix, from the lower triangle.
    const entry = (r: number, c: number) => (r >= c ? lower[(o + r) * n + o + c]! : lower[(o + c) * n + o + r]!);

    const plainLower = lower.slice();
    const plainP = new Float64Array(n).fill(7);
    lowerTimes(plainLower, n, o, v, plainP);
    for (let r = 0; r < len; r++) {
      const expected = v.reduce((sum, x, c) => sum + entry(r, c) * x, 0);
      expect(plainP[r]).toBeCloseTo(expected, 14);
    }
    lowerRank2Update(plainLower, n, o, v, w);
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        const inBlock = r >= o && c >= o && c <= r;
        const expected = inBlock ? entry(r - o, c - o) - v[r - o]! * w[c - o]! - w[r - o]! * v[c - o]! : lower[r * n + c]!;
        expect(plainLower[r * n + c]).toBeCloseTo(expected, 15);
      }
    }

    const scratch = reflectorScratch(n * n + 3 * n);
    const inScratch = (x: Float64Array, at: number) => {
      const view = scratch.subarray(at, at + x.length);
      view.set(x);
      return view;
    };
    const scratchLower = inScratch(lower, 0);
    const scratchV = inScratch(v, n * n);
    const scratchW = inScratch(w, n * n + n);
    const scratchP = inScratch(new Float64Array(n).fill(7), n * n + 2 * n);
    lowerTimes(scratchLower, n, o, scratchV, scratchP);
    lowerRank2Update(scratchLower, n, o, scratchV, scratchW);
    expect(scratchP.subarray(0, len)).toEqual(plainP.subarray(0, len));
    expect(scratchLower).toEqual(plainLower);
  });
});
