import { describe, expect, it } from "vitest";
import { TesseraError } from "../../../core/errors.js";
import { dotGeneralKernel, type DotAxes } from "../../../core/kernels/matmul.js";

const matmulAxes: DotAxes = { contracting: [[1], [0]], batch: [[], []] };
// x^T @ dy as reverse mode builds it: both operands contracted over their leading axis.
const leadingAxes: DotAxes = { contracting: [[0], [0]], batch: [[], []] };

/** Deterministic values in [-1, 1). */
const values = (count: number, seed: number): number[] => Array.from({ length: count }, (_, i) => Math.sin(i * 12.9898 + seed * 78.233) % 1);

describe("dotGeneralKernel", () => {
  it("contracts transposed float32 operands (a backward-pass x^T @ dy) within float32 rounding of float64", () => {
    const [batchRows, m, n] = [128, 78, 25];
    const x = Float32Array.from(values(batchRows * m, 1));
    const dy = Float32Array.from(values(batchRows * n, 2));
    const out = dotGeneralKernel(x, [batchRows, m], dy, [batchRows, n], leadingAxes, "float32");
    expect(out).toBeInstanceOf(Float32Array);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        let magnitude = 0;
        for (let t = 0; t < batchRows; t++) {
          sum += x[t * m + i]! * dy[t * n + j]!;
          magnitude += Math.abs(x[t * m + i]! * dy[t * n + j]!);
        }
        expect(Math.abs(out[i * n + j]! - sum)).toBeLessThanOrEqual((batchRows + 2) * 2 ** -24 * magnitude);
      }
    }
  });

  it("writes every element of `into` and returns it, on the float32, float64 and int32 paths and for k = 0", () => {
    const cases = [
      { dtype: "float32", make: (v: number[]) => Float32Array.from(v), size: [20, 30, 40] },
      { dtype: "float64", make: (v: number[]) => Float64Array.from(v), size: [20, 30, 40] },
      { dtype: "int32", make: (v: number[]) => Int32Array.from(v, (x) => Math.round(x * 10)), size: [5, 6, 7] },
      { dtype: "float32", make: (v: number[]) => Float32Array.from(v), size: [20, 0, 40] },
    ] as const;
    for (const { dtype, make, size } of cases) {
      const [m, k, n] = size;
      const a = make(values(m * k, 3));
      const b = make(values(k * n, 4));
      const fresh = dotGeneralKernel(a, [m, k], b, [k, n], matmulAxes, dtype);
      const into = make(new Array<number>(m * n).fill(dtype === "int32" ? -7 : Number.NaN));
      const result = dotGeneralKernel(a, [m, k], b, [k, n], matmulAxes, dtype, into);
      expect(result).toBe(into);
      expect(Array.from(into), `${dtype} ${size.join("x")}`).toEqual(Array.from(fresh));
    }
  });

  it("rejects an `into` of the wrong length, the wrong storage, or sharing memory with an operand", () => {
    const a = new Float32Array(6);
    const b = new Float32Array(6);
    const call = (into: Float32Array | Float64Array, lhs = a): unknown => dotGeneralKernel(lhs, [2, 3], b, [3, 2], matmulAxes, "float32", into);
    expect(() => call(new Float32Array(5))).toThrow(TesseraError);
    expect(() => call(new Float64Array(4))).toThrow(TesseraError);
    const shared = new Float32Array(10);
    expect(() => call(shared.subarray(4, 8), shared.subarray(0, 6))).toThrow(/shares memory/);
    expect(() => call(shared.subarray(6, 10), shared.subarray(0, 6))).not.toThrow();
  });

  it("gives +0 for all-negative-zero sums on both the float32 (wasm) and float64 (JavaScript) paths", () => {
    const [m, k, n] = [16, 16, 16];
    const a = new Array<number>(m * k).fill(-1);
    const b = new Array<number>(k * n).fill(0);
    for (const out of [
      dotGeneralKernel(Float32Array.from(a), [m, k], Float32Array.from(b), [k, n], matmulAxes, "float32"),
      dotGeneralKernel(Float64Array.from(a), [m, k], Float64Array.from(b), [k, n], matmulAxes, "float64"),
    ]) {
      expect(Array.from(out).every((x) => Object.is(x, 0))).toBe(true);
    }
  });
});
