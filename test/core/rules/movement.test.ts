import { describe, expect, it } from "vitest";
import { allocate, type DType } from "../../../core/dtype.js";
import { evaluate } from "../../../core/eager.js";
import { NdArray } from "../../../core/ndarray.js";
import type { MovementPrim, ParamsOf } from "../../../core/primitives.js";
import { movementRules } from "../../../core/rules/movement.js";
import { sizeOf, stridesOf } from "../../../core/shape.js";
import { itHasCases, loadFixture } from "../../helpers.js";

interface Expected {
  shape: number[];
  dtype: string;
  data: (number | boolean)[];
}
interface LaxCase {
  prim: MovementPrim;
  shape: number[];
  dtype: DType;
  params: Record<string, unknown>;
  out: Expected;
  value?: number | boolean;
  starts?: number[];
  updateShape?: number[];
  shapes?: number[][];
  indices?: unknown;
  updatesShape?: number[];
}
const fixture = loadFixture<{ lax: LaxCase[] }>("movement");

/** The generator's operand: i*0.5 - 2 for floats, i - 2 for ints, i % 3 == 0 for bools. */
function operand(shape: readonly number[], dtype: DType = "float32", shift = 0): NdArray {
  const data = allocate(dtype, sizeOf(shape));
  for (let i = 0; i < data.length; i++) {
    data[i] = dtype === "bool" ? Number(i % 3 === 0) : dtype === "int32" ? i - 2 : i * 0.5 - 2 + shift;
  }
  return NdArray.fromBuffer(data, shape, dtype);
}

const scalar = (value: number, dtype: DType): NdArray => NdArray.fromBuffer(allocate(dtype, 1).fill(value), [], dtype);
const int32 = (values: readonly number[], shape: readonly number[] = [values.length]) => NdArray.fromBuffer(Int32Array.from(values), shape, "int32");

function run<P extends MovementPrim>(prim: P, args: NdArray[], params: ParamsOf[P]): NdArray {
  return evaluate(prim, args, params)[0]!;
}

function expectArray(actual: NdArray, expected: Expected): void {
  expect(actual.shape).toEqual(expected.shape);
  expect(actual.dtype).toBe(expected.dtype === "bool" ? "bool" : expected.dtype);
  const data = actual.dtype === "bool" ? Array.from(actual.toTypedArray(), (v) => v !== 0) : Array.from(actual.toTypedArray());
  expect(data).toEqual(expected.data);
}

/** The fixture case's arguments, rebuilt the way the generator built them. */
function argsOf(c: LaxCase): NdArray[] {
  const x = operand(c.shape, c.dtype);
  switch (c.prim) {
    case "pad":
      return [x, scalar(Number(c.value), c.dtype)];
    case "dynamicSlice":
      return [x, ...c.starts!.map((s) => int32([s], []))];
    case "dynamicUpdateSlice": {
      const u = operand(c.updateShape!);
      const negated = NdArray.fromBuffer(Float32Array.from(u.toTypedArray(), (v) => -v - 100), u.shape, "float32");
      return [x, negated, ...c.starts!.map((s) => int32([s], []))];
    }
    case "concatenate":
      return c.shapes!.map((s, k) => operand(s, "float32", 10 * k));
    case "gather":
    case "scatterAdd": {
      const flatIndices = [c.indices].flat(3) as number[];
      const indexShape = Array.isArray(c.indices) ? (Array.isArray(c.indices[0]) ? [c.indices.length, c.indices[0].length] : [c.indices.length]) : [];
      const idx = int32(flatIndices, indexShape);
      return c.prim === "gather" ? [x, idx] : [x, idx, operand(c.updatesShape!, "float32", 0.25)];
    }
    case "iota":
      return [];
    default:
      return [x];
  }
}

describe("movement primitives match jax.lax", () => {
  itHasCases(fixture.lax, "lax");
  fixture.lax.forEach((c, i) => {
    it(`${c.prim} #${i}: ${c.dtype}[${c.shape}] ${JSON.stringify(c.params)}`, () => {
      expectArray(run(c.prim, argsOf(c), c.params as never), c.out);
    });
  });
});

/** Reference transpose by direct index arithmetic, for shapes large enough to take the tiled path. */
function naiveTranspose(x: NdArray, perm: readonly number[]): number[] {
  const outShape = perm.map((p) => x.shape[p]!);
  const inStrides = stridesOf(x.shape);
  const out: number[] = [];
  const index = new Array<number>(outShape.length).fill(0);
  for (let k = 0; k < sizeOf(outShape); k++) {
    let offset = 0;
    perm.forEach((p, i) => (offset += index[i]! * inStrides[p]!));
    out.push(x.toTypedArray()[offset]!);
    for (let a = outShape.length - 1; a >= 0 && ++index[a]! === outShape[a]; a--) index[a] = 0;
  }
  return out;
}

describe("transpose", () => {
  it.each([
    [[70, 65], [1, 0]],
    [[3, 70, 65], [0, 2, 1]],
    [[9, 40, 3, 33], [3, 1, 0, 2]],
    [[2, 3, 4, 5, 6], [4, 2, 0, 3, 1]],
  ])("of shape %j by %j equals index arithmetic", (shape, perm) => {
    const x = operand(shape, "float64");
    expect(Array.from(run("transpose", [x], { permutation: perm }).toTypedArray())).toEqual(naiveTranspose(x, perm));
  });

  it("followed by the inverse permutation is the identity", () => {
    const x = operand([4, 5, 6], "int32");
    const y = run("transpose", [run("transpose", [x], { permutation: [1, 2, 0] })], { permutation: [2, 0, 1] });
    expect(Array.from(y.toTypedArray())).toEqual(Array.from(x.toTypedArray()));
  });
});

describe("reshape", () => {
  it("keeps the row-major order", () => {
    const y = run("reshape", [operand([2, 3])], { newShape: [3, 2] });
    expect(y.shape).toEqual([3, 2]);
    expect(Array.from(y.toTypedArray())).toEqual([-2, -1.5, -1, -0.5, 0, 0.5]);
  });
});

describe("dynamic slices clamp their starts like jax.lax", () => {
  it("dynamicSlice of a full-size window ignores the start", () => {
    const x = operand([3, 2]);
    expect(Array.from(run("dynamicSlice", [x, int32([2], []), int32([-5], [])], { sliceSizes: [3, 2] }).toTypedArray())).toEqual(Array.from(x.toTypedArray()));
  });
  it("dynamicUpdateSlice writes a clamped window and leaves the rest", () => {
    const y = run("dynamicUpdateSlice", [operand([4], "int32"), int32([7, 8]), int32([9], [])], {});
    expect(Array.from(y.toTypedArray())).toEqual([-2, -1, 7, 8]);
  });
});

describe("gather and scatterAdd", () => {
  it("scatterAdd accumulates repeated indices", () => {
    const y = run("scatterAdd", [NdArray.zeros([3], "float32"), int32([1, 1, 1, 0]), operand([4])], { axis: 0 });
    expect(Array.from(y.toTypedArray())).toEqual([-0.5, -4.5, 0]);
  });
  it("int32 scatterAdd wraps on overflow", () => {
    const y = run("scatterAdd", [int32([2147483647]), int32([0, 0]), int32([1, 1])], { axis: 0 });
    expect(Array.from(y.toTypedArray())).toEqual([-2147483647]);
  });
  it("gather rejects an out-of-range index naming it and the axis size", () => {
    expect(() => run("gather", [operand([2, 5]), int32([1, 5])], { axis: 1 })).toThrow(/gather.*index 5.*axis 1 of size 5/);
  });
  it("gather does not wrap negative indices", () => {
    expect(() => run("gather", [operand([5]), int32([-1])], { axis: 0 })).toThrow(/gather.*index -1.*size 5/);
  });
  it("scatterAdd rejects an out-of-range index", () => {
    expect(() => run("scatterAdd", [operand([3]), int32([3]), operand([1])], { axis: 0 })).toThrow(/scatterAdd.*index 3.*size 3/);
  });
});

describe("shape rules reject bad input with the op, the shapes and what was expected", () => {
  const x = operand([2, 3]);
  const cases: [string, () => unknown, RegExp][] = [
    ["reshape to another size", () => run("reshape", [x], { newShape: [4] }), /reshape.*f32\[2,3\].*6 elements.*\[4\]/],
    ["transpose by a non-permutation", () => run("transpose", [x], { permutation: [0, 0] }), /transpose.*\[0, 0\].*f32\[2,3\]/],
    ["broadcastInDim to a clashing size", () => run("broadcastInDim", [x], { shape: [4, 4], broadcastDimensions: [0, 1] }), /broadcastInDim.*f32\[2,3\].*\[4,4\]/],
    ["broadcastInDim with unordered dims", () => run("broadcastInDim", [x], { shape: [3, 2], broadcastDimensions: [1, 0] }), /broadcastInDim.*strictly increasing/],
    ["slice past the end", () => run("slice", [x], { start: [0, 0], limit: [2, 4], strides: [1, 1] }), /slice.*axis 1 of f32\[2,3\].*limit 4/],
    ["slice with a zero stride", () => run("slice", [x], { start: [0, 0], limit: [2, 3], strides: [1, 0] }), /slice.*stride >= 1/],
    ["dynamicSlice larger than the operand", () => run("dynamicSlice", [x, int32([0], []), int32([0], [])], { sliceSizes: [3, 1] }), /dynamicSlice.*size 3.*f32\[2,3\]/],
    ["dynamicSlice with a float start", () => run("dynamicSlice", [x, scalar(0, "float32"), int32([0], [])], { sliceSizes: [1, 1] }), /dynamicSlice.*start index for axis 0.*f32\[\]/],
    ["dynamicSlice with too few starts", () => run("dynamicSlice", [x, int32([0], [])], { sliceSizes: [1, 1] }), /dynamicSlice.*one scalar start index per axis/],
    ["dynamicUpdateSlice with a larger update", () => run("dynamicUpdateSlice", [x, operand([3, 3]), int32([0], []), int32([0], [])], {}), /dynamicUpdateSlice.*f32\[3,3\].*f32\[2,3\]/],
    ["pad with a value of another dtype", () => run("pad", [x, scalar(0, "float64")], { config: [[0, 0, 0], [0, 0, 0]] }), /pad.*f64\[\].*f32\[2,3\]/],
    ["pad cropping below zero", () => run("pad", [x, scalar(0, "float32")], { config: [[-2, -1, 0], [0, 0, 0]] }), /pad.*negative size -1/],
    ["pad with negative interior", () => run("pad", [x, scalar(0, "float32")], { config: [[0, 0, -1], [0, 0, 0]] }), /pad.*interior >= 0/],
    ["concatenate with mismatched shapes", () => run("concatenate", [x, operand([3, 3])], { axis: 1 }), /concatenate.*f32\[2,3\], f32\[3,3\].*axis 1/],
    ["concatenate with mixed dtypes", () => run("concatenate", [x, operand([2, 3], "int32")], { axis: 0 }), /concatenate.*i32\[2,3\].*one dtype/],
    ["rev on a missing axis", () => run("rev", [x], { axes: [2] }), /rev.*axis 2.*f32\[2,3\]/],
    ["gather with float indices", () => run("gather", [x, operand([2])], { axis: 0 }), /gather.*indices must be int32.*f32\[2\]/],
    ["scatterAdd with misshaped updates", () => run("scatterAdd", [x, int32([0]), operand([2, 3])], { axis: 0 }), /scatterAdd.*f32\[2,3\].*expected f32\[1,3\]/],
    ["iota of bools", () => run("iota", [], { dtype: "bool", shape: [3], dimension: 0 }), /iota.*bool/],
    ["iota on a missing axis", () => run("iota", [], { dtype: "int32", shape: [3], dimension: 1 }), /iota.*axis 1/],
  ];
  it.each(cases)("%s", (_name, call, message) => {
    expect(call).toThrow(message);
  });
});

describe("inputs are never written", () => {
  it("by any movement kernel, including reshape's shared buffer and failing calls", () => {
    const x = operand([3, 4]);
    const before = Array.from(x.toTypedArray());
    run("reshape", [x], { newShape: [4, 3] });
    run("transpose", [x], { permutation: [1, 0] });
    run("pad", [x, scalar(9, "float32")], { config: [[1, -1, 2], [0, 0, 1]] });
    run("dynamicUpdateSlice", [x, operand([1, 1]), int32([1], []), int32([1], [])], {});
    run("scatterAdd", [x, int32([0, 0]), operand([3, 2])], { axis: 1 });
    run("rev", [x], { axes: [0, 1] });
    expect(() => run("scatterAdd", [x, int32([0, 9]), operand([3, 2])], { axis: 1 })).toThrow();
    expect(Array.from(x.toTypedArray())).toEqual(before);
  });
});

describe("rule table", () => {
  it("declares the fusion kind of each primitive", () => {
    expect(movementRules.gather.fusion).toBe("opaque");
    expect(movementRules.scatterAdd.fusion).toBe("opaque");
    expect(movementRules.iota.fusion).toBe("movement");
    expect(movementRules.transpose.fusion).toBe("movement");
  });
});
