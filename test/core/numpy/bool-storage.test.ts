/**
 * Bool storage holds only 0 and 1 (review finding): a caller's Uint8Array with other nonzero
 * bytes is read as numpy reads bytes as bools (nonzero is true), so every op agrees with what
 * the array prints. Expected values are numpy's: np.array(np.uint8([5, 2, 0]), dtype=bool).
 */
import { describe, expect, it } from "vitest";
import { NdArray, np } from "../../../index.js";

const fromBytes = [
  ["np.array", () => np.array(new Uint8Array([5, 2, 0]))],
  ["NdArray.fromBuffer", () => NdArray.fromBuffer(new Uint8Array([5, 2, 0]), [3])],
] as const;

describe.each(fromBytes)("%s of a Uint8Array with bytes other than 0 and 1", (_name, make) => {
  it("stores 0 and 1", () => {
    const b = make();
    expect(b.dtype).toBe("bool");
    expect(Array.from(b.toTypedArray())).toEqual([1, 1, 0]);
    expect(b.toArray()).toEqual([true, true, false]);
  });
  it("casts, sums and compares as the bools it prints", () => {
    const b = make();
    expect(b.astype("int32").toArray()).toEqual([1, 1, 0]);
    expect(b.astype("float32").toArray()).toEqual([1, 1, 0]);
    expect(np.sum(b).item()).toBe(2);
    expect(np.equal(b, true).toArray()).toEqual([true, true, false]);
    expect(np.logicalAnd(b, np.array([true, true, true])).toArray()).toEqual([true, true, false]);
    expect(np.arrayEqual(b, np.array([true, true, false]))).toBe(true);
  });
  it("does not keep the caller's buffer", () => {
    const bytes = new Uint8Array([5, 0]);
    const b = np.array(bytes);
    bytes[1] = 7;
    expect(b.toArray()).toEqual([true, false]);
  });
});

describe("np.array of a Uint8Array with a dtype", () => {
  it("reads the bytes as bools first (a Uint8Array is bool storage)", () => {
    expect(np.array(new Uint8Array([5, 2, 0]), "int32").toArray()).toEqual([1, 1, 0]);
    expect(np.array(new Uint8Array([255, 0]), { dtype: "float32" }).toArray()).toEqual([1, 0]);
    expect(np.array(new Uint8Array([3, 0, 1, 9]), { shape: [2, 2] }).toArray()).toEqual([[true, false], [true, true]]);
  });
});
