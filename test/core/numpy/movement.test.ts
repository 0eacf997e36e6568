import { describe, expect, it } from "vitest";
import { allocate, type DType } from "../../../core/dtype.js";
import { NdArray, type ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { jit, vmap } from "../../../transforms/index.js";
import { itHasCases, loadFixture } from "../../helpers.js";

interface Expected {
  shape: number[];
  dtype: string;
  data: (number | boolean)[];
}
interface Fixture {
  numpy: { fn: string; shape: number[]; dtype: DType; args: unknown[]; out: Expected }[];
  split: { shape: number[]; arg: number | number[]; axis: number; outs: Expected[] }[];
  stack: { shape: number[]; count: number; axis: number; out: Expected }[];
}
const fixture = loadFixture<Fixture>("movement");

/** The generator's operand: i*0.5 - 2 for floats, i - 2 for ints. */
function operand(shape: readonly number[], dtype: DType = "float32", shift = 0): NdArray {
  const data = allocate(dtype, shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = dtype === "int32" ? i - 2 + shift : i * 0.5 - 2 + shift;
  return NdArray.fromBuffer(data, shape, dtype);
}

/** numpy's 64-bit integer results correspond to int32 here. */
function expectArray(actual: ArrayValue, expected: Expected): void {
  expect(actual.shape).toEqual(expected.shape);
  expect(actual.dtype).toBe(expected.dtype === "int64" ? "int32" : expected.dtype);
  expect(actual.toArray() === undefined ? [] : [actual.toArray()].flat(Infinity)).toEqual(expected.data);
}

type NpFunction = (x: ArrayValue, ...args: unknown[]) => ArrayValue;
const npFunctions = np as unknown as Record<string, NpFunction>;

describe("np movement functions match numpy", () => {
  itHasCases(fixture.numpy, "numpy");
  itHasCases(fixture.split, "split");
  itHasCases(fixture.stack, "stack");
  fixture.numpy.forEach((c, i) => {
    it(`${c.fn}(${c.dtype}[${c.shape}], ${JSON.stringify(c.args).slice(1, -1)}) #${i}`, () => {
      expectArray(npFunctions[c.fn]!(operand(c.shape, c.dtype), ...c.args), c.out);
    });
  });

  fixture.split.forEach((c) => {
    it(`split([${c.shape}], ${JSON.stringify(c.arg)}, axis ${c.axis})`, () => {
      const parts = np.split(operand(c.shape), c.arg, { axis: c.axis });
      expect(parts.length).toBe(c.outs.length);
      parts.forEach((p, k) => expectArray(p, c.outs[k]!));
    });
  });

  fixture.stack.forEach((c) => {
    it(`stack of ${c.count} [${c.shape}] on axis ${c.axis}`, () => {
      const xs = Array.from({ length: c.count }, (_, k) => operand(c.shape, "float32", 10 * k));
      expectArray(np.stack(xs, { axis: c.axis }), c.out);
    });
  });
});

describe("closed forms", () => {
  it("concatenate promotes dtypes and accepts axis null", () => {
    const y = np.concatenate([operand([2], "int32"), operand([1, 2])], { axis: null });
    expect(y.dtype).toBe("float32");
    expect(y.toArray()).toEqual([-2, -1, -2, -1.5]);
  });
  it("reshape and ravel round-trip", () => {
    const x = operand([2, 3, 4]);
    expect(np.reshape(np.ravel(x), [2, 3, 4]).toArray()).toEqual(x.toArray());
  });
  it("transpose accepts negative axes", () => {
    expect(np.transpose(operand([2, 3]), [-1, 0]).shape).toEqual([3, 2]);
  });
  it("take with a scalar index drops the axis", () => {
    expect(np.take(operand([2, 3]), 1, { axis: 1 }).toArray()).toEqual([-1.5, 0]);
  });
  it("take with traced-style (non-literal) int32 indices", () => {
    const idx = NdArray.fromBuffer(Int32Array.from([2, 0]), [2], "int32");
    expect(np.take(operand([3]), idx).toArray()).toEqual([-1, -2]);
  });
  it("take counts traced negative indices from the end too, as jnp.take (under jit and vmap)", () => {
    const x = np.array([10, 20, 30, 40]);
    const idx = np.array([0, -1, 2, -4], { dtype: "int32" });
    expect(jit((i: ArrayValue) => np.take(x, i))(idx).toArray()).toEqual([10, 40, 30, 10]);
    expect(vmap((i: ArrayValue) => np.take(x, i))(idx).toArray()).toEqual([10, 40, 30, 10]);
    expect(() => jit((i: ArrayValue) => np.take(x, i))(np.array([-5], { dtype: "int32" }))).toThrow(/index -5 .* out of range for axis 0 of size 4/);
  });
  it("diag of an empty vector with an offset is a zero matrix", () => {
    expect(np.diag(operand([0]), { k: 2 }).toArray()).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });
  it("diagonal beyond the matrix is empty", () => {
    expect(np.diagonal(operand([2, 3]), { offset: 5 }).shape).toEqual([0]);
  });
  it("tril and triu of bools keep the dtype", () => {
    const t = np.tril(np.ones([2, 2], { dtype: "bool" }));
    expect(t.dtype).toBe("bool");
    expect(t.toArray()).toEqual([
      [true, false],
      [true, true],
    ]);
  });
  it("trace of bools counts them as int32", () => {
    expect(np.trace(np.eye(3, undefined, { dtype: "bool" })).item()).toBe(3);
  });
  it("repeat with zero repeats gives an empty axis", () => {
    expect(np.repeat(operand([2, 3]), 0, { axis: 1 }).shape).toEqual([2, 0]);
  });
  it("JS numbers are accepted", () => {
    expect(np.broadcastTo(2, [2]).toArray()).toEqual([2, 2]);
    expect(np.expandDims(3, 0).shape).toEqual([1]);
  });
});

describe("bad input gets an error naming the np function", () => {
  const x = operand([2, 3]);
  const cases: [string, () => unknown, RegExp][] = [
    ["reshape to another size", () => np.reshape(x, [4, 2]), /reshape.*\[2,3\].*6 elements.*\[4,2\]/],
    ["reshape with an indivisible -1", () => np.reshape(x, [4, -1]), /reshape.*\[4,-1\]/],
    ["reshape with two -1", () => np.reshape(x, [-1, -1]), /reshape.*one axis/],
    ["transpose by a bad permutation", () => np.transpose(x, [0, 2]), /transpose.*\[0, 2\].*\[2,3\]/],
    ["transpose by a repeated axis", () => np.transpose(x, [1, 1]), /transpose.*permutation/],
    ["take an out-of-range index", () => np.take(x, [0, 3], { axis: 1 }), /take.*index 3.*axis 1 of size 3/],
    ["take an index below -n", () => np.take(x, [-7]), /take.*index -7.*size 6/],
    ["take float indices", () => np.take(x, [0.5]), /take.*integers/],
    ["concatenate mismatched shapes", () => np.concatenate([x, operand([2, 2])]), /concatenate.*f32\[2,3\], f32\[2,2\]/],
    ["concatenate scalars", () => np.concatenate([1, 2]), /concatenate.*zero-dimensional/],
    ["concatenate nothing", () => np.concatenate([]), /concatenate.*non-empty/],
    ["broadcastTo an incompatible shape", () => np.broadcastTo(x, [2, 4]), /broadcastTo.*\[2,3\].*\[2,4\]/],
    ["broadcastTo fewer axes", () => np.broadcastTo(x, [3]), /broadcastTo.*\[2,3\].*\[3\]/],
    ["squeeze a non-unit axis", () => np.squeeze(x, { axis: 0 }), /squeeze.*axis 0.*size is 2/],
    ["split unevenly", () => np.split(x, 4, { axis: 1 }), /split.*size 3.*4 equal parts/],
    ["stack different shapes", () => np.stack([x, operand([3, 2])]), /stack.*\[2,3\], \[3,2\]/],
    ["moveaxis with a bad axis", () => np.moveaxis(x, 2, 0), /moveaxis.*axis 2/],
    ["pad with a negative width", () => np.pad(x, -1), /pad.*padWidth -1/],
    ["pad with an unsupported mode", () => np.pad(x, 1, { mode: "edge" as "constant" }), /pad.*"edge"/],
    ["triu of a vector", () => np.triu(operand([3])), /triu.*at least 2 axes.*\[3\]/],
    ["diag of a 3-D array", () => np.diag(operand([2, 2, 2])), /diag.*1-D or 2-D.*\[2,2,2\]/],
    ["repeat with the wrong number of counts", () => np.repeat(x, [1, 2], { axis: 1 }), /repeat.*axis 1 \(size 3\)/],
    ["flip a missing axis", () => np.flip(x, { axis: 3 }), /flip.*axis 3/],
  ];
  it.each(cases)("%s", (_name, call, message) => {
    expect(call).toThrow(message);
  });
});

describe("inputs are never mutated", () => {
  it("by wrappers that succeed or throw", () => {
    const x = operand([3, 4]);
    const idx = NdArray.fromBuffer(Int32Array.from([-1, 0]), [2], "int32");
    const before = Array.from(x.toTypedArray());
    np.take(x, idx, { axis: 0 });
    np.pad(x, [[1, 0], [0, 2]], { constantValue: 5 });
    np.tril(x, { k: -1 });
    np.diag(np.ravel(x));
    np.flip(x);
    np.tile(x, [2, 1]);
    expect(() => np.take(x, [4], { axis: 0 })).toThrow();
    expect(Array.from(x.toTypedArray())).toEqual(before);
    expect(Array.from(idx.toTypedArray())).toEqual([-1, 0]);
  });
  it("take rejects uint32 indices beyond the axis instead of wrapping them to negatives", () => {
    expect(() => np.take(np.array([10, 20, 30]), np.array([4294967295], { dtype: "uint32" }))).toThrow(/take: index 4294967295 is out of range for axis 0 of size 3/);
  });
});
