import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import * as np from "../../core/numpy/index.js";

// Expected strings are numpy 2.x's repr of the same arrays.
describe("arrays print like numpy", () => {
  it("float32 matrices with trailing dots and the dtype", () => {
    expect(String(np.array([[1, 2], [3, 4]]))).toBe("array([[1., 2.],\n       [3., 4.]], dtype=float32)");
  });
  it("aligns decimals, padding missing digits with spaces", () => {
    expect(String(np.linspace(0, 1, 5))).toBe("array([0.  , 0.25, 0.5 , 0.75, 1.  ], dtype=float32)");
  });
  it("float64 uses up to 8 digits and omits the dtype", () => {
    expect(String(np.exp(np.array([0, 1, 2], { dtype: "float64" })))).toBe("array([1.        , 2.71828183, 7.3890561 ])");
  });
  it("switches to scientific notation for tiny values", () => {
    expect(String(np.array([1e-5, 1, 1000]))).toBe("array([1.e-05, 1.e+00, 1.e+03], dtype=float32)");
  });
  it("switches to scientific notation for a range over 1e3", () => {
    expect(String(np.array([1e4, 3.407606]))).toBe("array([1.000000e+04, 3.407606e+00], dtype=float32)");
    expect(String(np.array([0.5, 1e3], { dtype: "float64" }))).toBe("array([5.e-01, 1.e+03])");
  });
  it("prints nan and inf", () => {
    expect(String(np.array([0.1, 0.25, NaN, Infinity]))).toBe("array([0.1 , 0.25,  nan,  inf], dtype=float32)");
  });
  it("prints integers and booleans", () => {
    expect(String(np.arange(4))).toBe("array([0, 1, 2, 3], dtype=int32)");
    expect(String(np.array([true, false]))).toBe("array([ True, False])");
  });
  it("summarizes arrays over 1000 elements with ...", () => {
    expect(String(np.arange(2000))).toBe("array([   0,    1,    2, ..., 1997, 1998, 1999],\n      shape=(2000,), dtype=int32)");
    expect(String(np.ones([40, 40], { dtype: "float64" }))).toBe(
      "array([[1., 1., 1., ..., 1., 1., 1.],\n       [1., 1., 1., ..., 1., 1., 1.],\n       [1., 1., 1., ..., 1., 1., 1.],\n       ...,\n" +
        "       [1., 1., 1., ..., 1., 1., 1.],\n       [1., 1., 1., ..., 1., 1., 1.],\n       [1., 1., 1., ..., 1., 1., 1.]], shape=(40, 40))",
    );
  });
  it("prints scalars and empty arrays", () => {
    expect(String(np.array(2.5))).toBe("array(2.5, dtype=float32)");
    expect(String(np.zeros([0]))).toBe("array([], dtype=float32)");
    expect(String(np.zeros([0, 3], { dtype: "float64" }))).toBe("array([], shape=(0, 3), dtype=float64)");
  });
  it("is what node's inspect (the REPL) shows", () => {
    expect(inspect(np.ones([2]))).toBe("array([1., 1.], dtype=float32)");
  });
});
