import { describe, expect, it } from "vitest";
import * as np from "../../../core/numpy/index.js";

describe("np.array", () => {
  it("infers the shape of nested lists and defaults to float32", () => {
    const x = np.array([[1, 2, 3], [4, 5, 6]]);
    expect(x.shape).toEqual([2, 3]);
    expect(x.dtype).toBe("float32");
    expect(x.size).toBe(6);
    expect(x.ndim).toBe(2);
    expect(x.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
  });
  it("booleans give bool arrays", () => {
    expect(np.array([true, false]).dtype).toBe("bool");
  });
  it("TypedArrays keep their dtype, are copied, and can be reshaped", () => {
    const buffer = new Float64Array([1, 2, 3, 4]);
    const x = np.array(buffer, { shape: [2, 2] });
    buffer[0] = 100;
    expect(x.dtype).toBe("float64");
    expect(x.toArray()).toEqual([[1, 2], [3, 4]]);
    expect(np.array(new Int32Array([1])).dtype).toBe("int32");
  });
  it("numbers give rank-0 arrays", () => {
    const x = np.array(3.5);
    expect(x.shape).toEqual([]);
    expect(x.item()).toBe(3.5);
  });
  it("rounds values to the requested dtype", () => {
    expect(np.array([0.1], { dtype: "float32" }).item()).toBe(Math.fround(0.1));
    expect(np.array([2.9, -2.9], { dtype: "int32" }).toArray()).toEqual([2, -2]);
  });
  it("rejects integers out of range for the dtype, as JAX", () => {
    expect(() => np.array([-1], { dtype: "uint32" })).toThrow(/array: -1 is out of range for uint32/);
    expect(() => np.array([3e9], { dtype: "int32" })).toThrow(/array: 3000000000 is out of range for int32/);
    expect(() => np.full([2], Infinity, { dtype: "int32" })).toThrow(/full: Infinity cannot be an int32 value/);
  });
  it("NaN is true as a bool, on every path", () => {
    expect(np.array([NaN, 0, 0.5], { dtype: "bool" }).toArray()).toEqual([true, false, true]);
    expect(np.full([1], NaN, { dtype: "bool" }).toArray()).toEqual([true]);
    expect(np.array([NaN]).astype("bool").toArray()).toEqual([true]);
  });
  it("rejects ragged input, naming the path", () => {
    expect(() => np.array([[1, 2], [3]])).toThrow(/array: ragged nested input: \[1\] has length 1 where axis 1 needs length 2/);
  });
  it("rejects non-numeric elements", () => {
    expect(() => np.array([1, "2" as never])).toThrow(/array: element at \[1\] is "2"; expected a number or a boolean/);
  });
  it("rejects a buffer that does not fit the shape", () => {
    expect(() => np.array(new Float32Array(5), { shape: [2, 3] })).toThrow(/5 elements cannot have shape \[2,3\]/);
  });
  it("item() requires exactly one element", () => {
    expect(() => np.zeros([2]).item()).toThrow(/item: expected an array with exactly one element, got shape \[2\]/);
  });
});

describe("filled arrays", () => {
  it("zeros, ones, full and the *Like variants", () => {
    expect(np.zeros([2, 2]).toArray()).toEqual([[0, 0], [0, 0]]);
    expect(np.ones(3, { dtype: "int32" }).toArray()).toEqual([1, 1, 1]);
    expect(np.full([2], 7).toArray()).toEqual([7, 7]);
    const x = np.array([1, 2], { dtype: "float64" });
    expect(np.zerosLike(x).dtype).toBe("float64");
    expect(np.onesLike(x).toArray()).toEqual([1, 1]);
    expect(np.fullLike(x, 3).toArray()).toEqual([3, 3]);
  });
  it("rejects bad shapes and dtypes", () => {
    expect(() => np.zeros([2, -1])).toThrow(/zeros: shape must be a list of non-negative integers, got \[2, -1\]/);
    expect(() => np.ones([2], { dtype: "float16" as never })).toThrow(/ones: dtype must be one of .*, got "float16"/);
  });
});

describe("ranges", () => {
  it("arange follows numpy, integer arguments give int32", () => {
    expect(np.arange(5).toArray()).toEqual([0, 1, 2, 3, 4]);
    expect(np.arange(5).dtype).toBe("int32");
    expect(np.arange(2, 10, 3).toArray()).toEqual([2, 5, 8]);
    expect(np.arange(5, 0, -2).toArray()).toEqual([5, 3, 1]);
    expect(np.arange(0, 1, 0.25).toArray()).toEqual([0, 0.25, 0.5, 0.75]);
    expect(() => np.arange(0, 1, 0)).toThrow(/arange: step must not be zero/);
  });
  it("linspace includes the endpoint unless told not to", () => {
    expect(np.linspace(0, 1, 5).toArray()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(np.linspace(0, 1, 4, { endpoint: false }).toArray()).toEqual([0, 0.25, 0.5, 0.75]);
  });
  it("eye places ones on the k-th diagonal", () => {
    expect(np.eye(2, 3, { k: 1 }).toArray()).toEqual([[0, 1, 0], [0, 0, 1]]);
    expect(np.identity(2).toArray()).toEqual([[1, 0], [0, 1]]);
    expect(() => np.eye(3, 3, { k: 0.5 })).toThrow(/eye: k must be an integer, got 0.5/);
  });
  it("fromFunction calls the function at every index", () => {
    expect(np.fromFunction((i, j) => 10 * i! + j!, [2, 3]).toArray()).toEqual([[0, 1, 2], [10, 11, 12]]);
  });
});
