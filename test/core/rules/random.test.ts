import { describe, expect, it } from "vitest";
import type { DType } from "../../../core/dtype.js";
import { evaluate } from "../../../core/eager.js";
import { threefry2x32 } from "../../../core/kernels/threefry.js";
import { NdArray } from "../../../core/ndarray.js";
import { loadFixture, nonEmpty } from "../../helpers.js";

interface Out {
  shape: number[];
  dtype: string;
  values: number[];
}
const fixtures = loadFixture<{ threefry2x32: { args: Out[]; out: [Out, Out] }[] }>("random");

const u32 = (values: number[], shape: number[] = values.length === 1 ? [] : [values.length]) =>
  NdArray.fromBuffer(Uint32Array.from(values), shape, "uint32");
const fromOut = (o: Out) => NdArray.fromBuffer(Uint32Array.from(o.values), o.shape, "uint32");

describe("threefry2x32 kernel", () => {
  it("reproduces the Random123 known-answer vectors", () => {
    const word = (v: number) => ({ data: Uint32Array.of(v), shape: [] });
    const run = (k1: number, k2: number, x1: number, x2: number) =>
      threefry2x32(word(k1), word(k2), word(x1), word(x2), []).map((w) => w[0]);
    expect(run(0, 0, 0, 0)).toEqual([0x6b200159, 0x99ba4efe]);
    expect(run(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff)).toEqual([0x1cb996fc, 0xbb002be7]);
    expect(run(0x13198a2e, 0x03707344, 0x243f6a88, 0x85a308d3)).toEqual([0xc4923a9c, 0x483df7a0]);
  });
});

describe("threefry2x32 primitive", () => {
  it("matches JAX's threefry2x32_p on every fixture, broadcasting its operands", () => {
    for (const c of nonEmpty(fixtures.threefry2x32, "threefry2x32")) {
      const [o1, o2] = evaluate("threefry2x32", c.args.map(fromOut), {});
      expect(o1!.shape).toEqual(c.out[0].shape);
      expect(o1!.dtype).toBe("uint32");
      expect(Array.from(o1!.toTypedArray())).toEqual(c.out[0].values);
      expect(Array.from(o2!.toTypedArray())).toEqual(c.out[1].values);
    }
  });

  it("broadcasts like numpy, including rank promotion", () => {
    const [o1] = evaluate("threefry2x32", [u32([5]), u32([1, 2]), u32([1, 2, 3], [3, 1]), u32([11])], {});
    expect(o1!.shape).toEqual([3, 2]);
    // Each element equals the unbroadcast hash of its own operands.
    const [single] = evaluate("threefry2x32", [u32([5]), u32([2]), u32([3]), u32([11])], {});
    expect(o1!.toTypedArray()[5]).toBe(single!.toTypedArray()[0]);
  });

  it("handles empty outputs", () => {
    const [o1, o2] = evaluate("threefry2x32", [u32([1]), u32([2]), u32([], [0]), u32([3])], {});
    expect(o1!.shape).toEqual([0]);
    expect(o2!.toTypedArray().length).toBe(0);
  });

  it("never writes its inputs", () => {
    const args = [u32([1, 2]), u32([3, 4]), u32([5, 6]), u32([7, 8])];
    const before = args.map((a) => Array.from(a.toTypedArray()));
    evaluate("threefry2x32", args, {});
    expect(args.map((a) => Array.from(a.toTypedArray()))).toEqual(before);
  });

  it("rejects non-uint32 operands, naming the op and the dtypes", () => {
    const f = NdArray.fromBuffer(new Float32Array([1]), [], "float32" as DType);
    expect(() => evaluate("threefry2x32", [u32([1]), u32([2]), f, u32([3])], {})).toThrow(/threefry2x32.*f32\[\].*expected uint32/);
  });

  it("rejects shapes that do not broadcast and the wrong operand count", () => {
    expect(() => evaluate("threefry2x32", [u32([1, 2]), u32([1, 2, 3]), u32([1]), u32([1])], {})).toThrow(
      /threefry2x32.*\[2\].*\[3\].*cannot be broadcast/,
    );
    expect(() => evaluate("threefry2x32", [u32([1]), u32([2]), u32([3])], {})).toThrow(/threefry2x32.*expected 4 operands/);
  });
});
