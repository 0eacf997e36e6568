import { describe, expect, it } from "vitest";
import type { IndexSpec } from "../../../core/ndarray.js";
import { NdArray, type ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { itHasCases, loadFixture } from "../../helpers.js";

interface Expected {
  shape: number[];
  dtype: string;
  data: number[];
}
interface Fixture {
  index: { shape: number[]; index: IndexSpec[]; out: Expected }[];
  at: { shape: number[]; index: IndexSpec[]; method: "set" | "add" | "mul" | "min" | "max"; value: number | { shape: number[] }; out: Expected }[];
}
const fixture = loadFixture<Fixture>("movement");

/** The generator's float32 operand: i*0.5 - 2 (+ shift). */
function operand(shape: readonly number[], shift = 0): NdArray {
  const n = shape.reduce((a, b) => a * b, 1);
  return NdArray.fromBuffer(Float32Array.from({ length: n }, (_, i) => i * 0.5 - 2 + shift), shape, "float32");
}

function expectArray(actual: ArrayValue, expected: Expected): void {
  expect(actual.shape).toEqual(expected.shape);
  expect(actual.dtype).toBe(expected.dtype);
  expect([actual.toArray()].flat(Infinity)).toEqual(expected.data);
}

describe("slice matches numpy basic indexing", () => {
  itHasCases(fixture.index, "index");
  for (const c of fixture.index) {
    it(`x[${JSON.stringify(c.index).slice(1, -1)}] of [${c.shape}]`, () => {
      const x = operand(c.shape);
      expectArray(np.slice(x, ...c.index), c.out);
      expectArray(x.slice(...c.index), c.out);
    });
  }
});

describe("at() updates match numpy index assignment on a copy", () => {
  itHasCases(fixture.at, "at");
  for (const c of fixture.at) {
    it(`x.at(${JSON.stringify(c.index).slice(1, -1)}).${c.method}(${JSON.stringify(c.value)})`, () => {
      const x = operand(c.shape);
      const before = Array.from(x.toTypedArray());
      const value = typeof c.value === "number" ? c.value : operand(c.value.shape, 50);
      expectArray(x.at(...c.index)[c.method](value), c.out);
      expect(Array.from(x.toTypedArray())).toEqual(before);
    });
  }
});

describe("closed forms", () => {
  const x = operand([4, 5, 6]);
  it("get() is slice()", () => {
    expect(x.at(1, "::2").get().toArray()).toEqual(x.slice(1, "::2").toArray());
  });
  it("an integer index on every axis gives a scalar", () => {
    expect(x.slice(-1, -1, -1).shape).toEqual([]);
    expect(x.slice(-1, -1, -1).item()).toBe(119 * 0.5 - 2);
  });
  it("ranges accept one entry (the start) or two (start and stop)", () => {
    expect(x.slice([1]).shape).toEqual([3, 5, 6]);
    expect(x.slice([1, 3]).shape).toEqual([2, 5, 6]);
  });
  it("':' and null are the whole axis and the result is the same values", () => {
    expect(x.slice(":", null, "...").toArray()).toEqual(x.toArray());
  });
  it("set converts the value to x's dtype", () => {
    const y = NdArray.fromBuffer(Int32Array.from([1, 2, 3]), [3], "int32").at(1).set(7.9);
    expect(y.dtype).toBe("int32");
    expect(y.toArray()).toEqual([1, 7, 3]);
  });
  it("updates work on bool arrays", () => {
    const b = np.zeros([3], { dtype: "bool" }).at("::2").set(true);
    expect(b.toArray()).toEqual([true, false, true]);
  });
  it("elements outside the region stay bit-identical (-0 is not turned into +0)", () => {
    const y = NdArray.fromBuffer(Float32Array.from([-0, 1]), [2], "float32").at(1).add(1);
    expect(Object.is((y.toArray() as number[])[0], -0)).toBe(true);
  });
});

describe("bad indices get an error naming slice or at", () => {
  const x = operand([4, 5]);
  const cases: [string, () => unknown, RegExp][] = [
    ["an integer past the end", () => x.slice(4), /slice.*index 4.*axis 0 of size 4/],
    ["an integer below -n", () => x.slice(0, -6), /slice.*index -6.*axis 1 of size 5/],
    ["too many indices", () => x.slice(0, 0, 0), /slice.*too many indices.*\[4,5\]/],
    ["two ellipses", () => x.slice("...", "..."), /slice.*single ellipsis/],
    ["a zero step", () => x.slice([0, 4, 0]), /slice.*step cannot be zero/],
    ["an unparsable string", () => x.slice("1:a"), /slice.*"1:a"/],
    ["an unsupported spec", () => x.slice([0, 1, 2, 3] as unknown as IndexSpec), /slice.*unsupported index/],
    ["a non-integer bound", () => x.slice([0.5, 2]), /slice.*integers/],
    ["at with an out-of-range index", () => x.at(0, 5).set(1), /at.*index 5.*axis 1 of size 5/],
    ["at.set with a value that does not broadcast", () => x.at(null, "1:3").set(operand([3])), /at\.set.*\[3\].*\[4,2\]/],
  ];
  it.each(cases)("%s", (_name, call, message) => {
    expect(call).toThrow(message);
  });
  it("leaves x unchanged when an update throws", () => {
    const before = Array.from(x.toTypedArray());
    expect(() => x.at(1).add(operand([4]))).toThrow(/at\.add/);
    expect(Array.from(x.toTypedArray())).toEqual(before);
  });
});
