import { describe, expect, it } from "vitest";
import * as lax from "../../../core/lax/contract.js";
import * as np from "../../../core/numpy/index.js";
import { expectClose, itHasCases } from "../../helpers.js";
import { contractFixture, expectMatches, operand } from "../contract-fixture.js";

describe("lax.convGeneralDilated (layout strings, padding modes) matches JAX", () => {
  itHasCases(contractFixture.conv, "conv");
  for (const c of contractFixture.conv) {
    it(`${c.dtype} ${c.dimensionNumbers.join("/")} [${c.lhs}]*[${c.rhs}] strides ${c.windowStrides} padding ${JSON.stringify(c.padding)}`, () => {
      const { lhs, rhs, dtype, out, ...options } = c;
      const r = lax.convGeneralDilated(operand(lhs, dtype, 0), operand(rhs, dtype, 1), options);
      expectMatches(r, out);
    });
  }
});

describe("lax.convGeneralDilated in JAX's positional form matches JAX", () => {
  for (const c of contractFixture.conv) {
    it(`${c.dtype} ${c.dimensionNumbers.join("/")} [${c.lhs}]*[${c.rhs}] strides ${c.windowStrides} padding ${JSON.stringify(c.padding)}`, () => {
      const x = operand(c.lhs, c.dtype, 0);
      const w = operand(c.rhs, c.dtype, 1);
      const r = lax.convGeneralDilated(x, w, c.windowStrides, c.padding, c.lhsDilation, c.rhsDilation, c.dimensionNumbers, c.featureGroupCount, c.batchGroupCount);
      expectMatches(r, c.out);
    });
  }
});

describe("lax.reduceWindow matches JAX", () => {
  itHasCases(contractFixture.reduceWindow, "reduceWindow");
  for (const c of contractFixture.reduceWindow) {
    it(`${c.computation} ${c.dtype}[${c.shape}] window ${c.windowDimensions} padding ${JSON.stringify(c.padding)}`, () => {
      const r = lax.reduceWindow(operand(c.shape, c.dtype), c.computation, {
        windowDimensions: c.windowDimensions,
        windowStrides: c.windowStrides,
        padding: c.padding,
        ...(c.baseDilation ? { baseDilation: c.baseDilation } : {}),
        ...(c.windowDilation ? { windowDilation: c.windowDilation } : {}),
      });
      expectMatches(r, c.out);
    });
  }
});

describe("lax.convGeneralDilated", () => {
  it("defaults to channels-last layouts (NHWC/HWIO) and VALID padding", () => {
    const x = operand([1, 5, 5, 2]);
    const w = operand([3, 3, 2, 4], "float32", 1);
    const explicit = lax.convGeneralDilated(x, w, { dimensionNumbers: ["NHWC", "HWIO", "NHWC"], padding: "VALID" });
    expect(lax.convGeneralDilated(x, w).toArray()).toEqual(explicit.toArray());
    expect(lax.conv(x, w, [2, 2], "SAME").shape).toEqual([1, 3, 3, 4]);
  });

  it("computes SAME padding as JAX does for strided and dilated kernels", () => {
    expect(lax.padtypeToPads([7], [3], [2], "SAME")).toEqual([[1, 1]]);
    expect(lax.padtypeToPads([6], [2], [2], "SAME")).toEqual([[0, 0]]);
    expect(lax.padtypeToPads([6], [4], [1], "SAME")).toEqual([[1, 2]]);
    expect(lax.padtypeToPads([6], [4], [1], "SAME_LOWER")).toEqual([[2, 1]]);
    // A 3-wide kernel with dilation 2 covers 5 inputs.
    const r = lax.convGeneralDilated(operand([1, 6, 1]), operand([3, 1, 1]), { padding: "SAME", rhsDilation: [2] });
    expect(r.shape).toEqual([1, 6, 1]);
  });

  it("rejects bad dimension-number strings", () => {
    const x = operand([1, 5, 5, 2]);
    const w = operand([3, 3, 2, 4]);
    expect(() => lax.convGeneralDilated(x, w, { dimensionNumbers: ["NHWX", "HWIO", "NHWC"] })).toThrow(/convGeneralDilated.*dimensionNumbers\[0\] must contain "N" and "C"/);
    expect(() => lax.convGeneralDilated(x, w, { dimensionNumbers: ["NHHC", "HWIO", "NHWC"] })).toThrow(/convGeneralDilated.*dimensionNumbers\[0\]/);
    expect(() => lax.convGeneralDilated(x, w, { dimensionNumbers: ["NHWC", "HWIO", "NHDC"] })).toThrow(/same spatial characters/);
    expect(() => lax.convGeneralDilated(x, w, { dimensionNumbers: ["NWC", "WIO", "NWC"] })).toThrow(/"NWC" has 3 characters but the operands have rank 4/);
  });

  it("rejects string padding with lhs dilation, and mismatched feature counts", () => {
    expect(() => lax.convGeneralDilated(operand([1, 5, 2]), operand([3, 2, 2]), { padding: "SAME", lhsDilation: [2] })).toThrow(/string padding "SAME".*lhsDilation/);
    expect(() => lax.convGeneralDilated(operand([1, 5, 5, 3]), operand([3, 3, 2, 4]))).toThrow(/feature count mismatch.*f32\[1,5,5,3\].*f32\[3,3,2,4\]/);
    expect(() => lax.convGeneralDilated(operand([5, 3]), operand([2, 3]))).toThrow(/convGeneralDilated.*at least 3/);
  });
});

describe("lax.dotGeneral", () => {
  it("contracts by JAX dimension numbers (a batched matrix product here)", () => {
    const a = operand([2, 3, 4]);
    const b = operand([2, 4, 5], "float32", 1);
    // A float64 triple loop over the operands' data: out[n, i, j] = sum_k a[n, i, k] b[n, k, j].
    const expected: number[] = [];
    for (let n = 0; n < 2; n++) {
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 5; j++) {
          let sum = 0;
          for (let k = 0; k < 4; k++) sum += a.toTypedArray()[n * 12 + i * 4 + k]! * b.toTypedArray()[n * 20 + k * 5 + j]!;
          expected.push(sum);
        }
      }
    }
    const r = lax.dotGeneral(a, b, [[[2], [1]], [[0], [0]]]);
    expect(r.shape).toEqual([2, 3, 5]);
    expect(r.dtype).toBe("float32");
    expectClose(r, expected, { rtol: 1e-6, atol: 1e-6 });
  });

  it("rejects malformed dimension numbers", () => {
    expect(() => lax.dotGeneral(operand([2]), operand([2]), [[0], [0]] as never)).toThrow(/dotGeneral.*dimensionNumbers/);
  });
});

describe("pooling", () => {
  const x = np.arange(16, undefined, 1, { dtype: "float32" }).reshape([1, 4, 4, 1]);

  it("maxPool takes window maxima over spatial axes", () => {
    expect(lax.maxPool(x, [2, 2], { strides: [2, 2] }).toArray()).toEqual([[[[5], [7]], [[13], [15]]]]);
  });

  it("avgPool averages, counting padding as zeros", () => {
    expect(lax.avgPool(x, [2, 2], { strides: [2, 2] }).toArray()).toEqual([[[[2.5], [4.5]], [[10.5], [12.5]]]]);
    const padded = lax.avgPool(np.ones([1, 2, 2, 1]), [2, 2], { padding: "SAME" });
    expect(padded.toArray()).toEqual([[[[1], [0.5]], [[0.5], [0.25]]]]);
  });

  it("works without a batch axis and rejects a window longer than the operand's rank", () => {
    expect(lax.maxPool(np.arange(6, undefined, 1, { dtype: "float32" }).reshape([6, 1]), [3], { strides: [3] }).toArray()).toEqual([[2], [5]]);
    expect(() => lax.maxPool(np.ones([4, 4]), [2, 2])).toThrow(/maxPool.*rank >= 3/);
  });

  it("reduceWindow rejects an unknown computation", () => {
    expect(() => lax.reduceWindow(x, "prod" as never, { windowDimensions: [1, 2, 2, 1] })).toThrow(/reduceWindow.*"sum", "max", "min", got "prod"/);
  });
});
