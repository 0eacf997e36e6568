/** numpy's `str` of arrays and Python's repr of scalars (what debug.print shows), against numpy 2.4 / Python 3.11. */
import { describe, expect, it } from "vitest";
import { formatArrayStr, formatScalar } from "../../core/format.js";
import * as np from "../../core/numpy/index.js";

const str = (x: ReturnType<typeof np.array>) => formatArrayStr(x.toTypedArray(), x.shape, x.dtype);

describe("formatScalar", () => {
  it("writes the shortest digits that read back, positional within [1e-4, 1e16)", () => {
    // str(np.float32(x)) / repr(float(x)) in Python
    expect(formatScalar(Math.fround(0.1), "float32")).toBe("0.1");
    expect(formatScalar(Math.fround(1e-8), "float32")).toBe("1e-08");
    expect(formatScalar(1e16, "float64")).toBe("1e+16");
    expect(formatScalar(1e15, "float64")).toBe("1000000000000000.0");
    expect(formatScalar(0.0001, "float64")).toBe("0.0001");
    expect(formatScalar(1.5e-5, "float64")).toBe("1.5e-05");
    expect(formatScalar(-0, "float32")).toBe("-0.0");
    expect(formatScalar(NaN, "float64")).toBe("nan");
    expect(formatScalar(-Infinity, "float32")).toBe("-inf");
    expect(formatScalar(3, "int32")).toBe("3");
    expect(formatScalar(1, "bool")).toBe("True");
  });
});

describe("formatArrayStr", () => {
  it("matches numpy's str", () => {
    // str(np.array(...)) in numpy 2.4
    expect(str(np.array([[1, 2], [3, 4]], { dtype: "float32" }))).toBe("[[1. 2.]\n [3. 4.]]");
    expect(str(np.array([true, false]))).toBe("[ True False]");
    expect(str(np.arange(8).reshape([2, 2, 2]))).toBe("[[[0 1]\n  [2 3]]\n\n [[4 5]\n  [6 7]]]");
    expect(str(np.array(2.5, { dtype: "float32" }))).toBe("2.5");
    expect(str(np.zeros([0]))).toBe("[]");
  });
});
