import { describe, expect, it } from "vitest";
import { allocate, type DType } from "../../../core/dtype.js";
import { evaluate } from "../../../core/eager.js";
import { convDimensionNumbers, padtypeToPads } from "../../../core/lax/contract.js";
import { NdArray } from "../../../core/ndarray.js";
import type { ContractPrim, ParamsOf, WindowPadding } from "../../../core/primitives.js";
import { itHasCases } from "../../helpers.js";
import { contractFixture, expectMatches, operand } from "../contract-fixture.js";

function arr(values: readonly number[], shape: readonly number[] = [values.length], dtype: DType = "float32"): NdArray {
  const data = allocate(dtype, values.length);
  values.forEach((v, i) => (data[i] = v));
  return NdArray.fromBuffer(data, shape, dtype);
}

function run<P extends ContractPrim>(prim: P, args: NdArray[], params: ParamsOf[P]): NdArray {
  return evaluate(prim, args, params)[0]!;
}

const dot = (contracting: [number[], number[]], batch: [number[], number[]] = [[], []], preferredDtype: DType | null = null): ParamsOf["dotGeneral"] => ({
  contracting,
  batch,
  preferredDtype,
});

const windowParams = (rank: number, overrides: Partial<ParamsOf["reduceWindowSum"]>): ParamsOf["reduceWindowSum"] => ({
  windowDimensions: new Array<number>(rank).fill(1),
  windowStrides: new Array<number>(rank).fill(1),
  padding: new Array<[number, number]>(rank).fill([0, 0]),
  baseDilation: new Array<number>(rank).fill(1),
  windowDilation: new Array<number>(rank).fill(1),
  ...overrides,
});

describe("dotGeneral matches jax.lax.dot_general", () => {
  itHasCases(contractFixture.dotGeneral, "dotGeneral");
  for (const c of contractFixture.dotGeneral) {
    it(`${c.dtype}[${c.lhs}] . ${c.dtype}[${c.rhs}] with ${JSON.stringify(c.dimensionNumbers)}`, () => {
      const [contracting, batch] = c.dimensionNumbers;
      expectMatches(run("dotGeneral", [operand(c.lhs, c.dtype, 0), operand(c.rhs, c.dtype, 1)], dot(contracting, batch)), c.out);
    });
  }
});

describe("dotGeneral", () => {
  it("accumulates small float32 products (below the WebAssembly kernel's size) in float64, rounding once", () => {
    // 1 + 2^-24 repeated: a float32 accumulator would lose every small term.
    const n = 64;
    const a = arr([1, ...new Array<number>(n - 1).fill(2 ** -24)], [1, n]);
    const b = arr(new Array<number>(n).fill(1), [n, 1]);
    expect(run("dotGeneral", [a, b], dot([[1], [0]])).toTypedArray()[0]).toBe(Math.fround(1 + (n - 1) * 2 ** -24));
  });

  it("matches a float64 reference on a blocked-kernel-sized float32 product within float32 accumulation error", () => {
    const [m, k, n] = [70, 300, 45];
    const a = arr(Array.from({ length: m * k }, (_, i) => Math.fround(Math.sin(i))), [m, k]);
    const b = arr(Array.from({ length: k * n }, (_, i) => Math.fround(Math.cos(i * 0.7))), [k, n]);
    const c = run("dotGeneral", [a, b], dot([[1], [0]]));
    for (const [i, j] of [[0, 0], [69, 44], [33, 17], [5, 40]] as const) {
      let s = 0;
      let magnitude = 0;
      for (let t = 0; t < k; t++) {
        s += a.toTypedArray()[i * k + t]! * b.toTypedArray()[t * n + j]!;
        magnitude += Math.abs(a.toTypedArray()[i * k + t]! * b.toTypedArray()[t * n + j]!);
      }
      // The standard bound of a float32-accumulated dot product of length k (as XLA and BLAS compute it).
      expect(Math.abs(c.toTypedArray()[i * n + j]! - s)).toBeLessThanOrEqual((k + 2) * 2 ** -24 * magnitude);
    }
  });

  it("wraps int32 products and sums like int32 arithmetic", () => {
    const a = arr([65536, 2147483647], [1, 2], "int32");
    const b = arr([65536, 2], [2, 1], "int32");
    // 2^32 wraps to 0; 2 * (2^31 - 1) wraps to -2.
    expect(Array.from(run("dotGeneral", [a, b], dot([[1], [0]])).toTypedArray())).toEqual([-2]);
  });

  it("honours preferredDtype for int32 operands", () => {
    const r = run("dotGeneral", [arr([1, 2], [2], "int32"), arr([3, 4], [2], "int32")], dot([[0], [0]], [[], []], "float32"));
    expect(r.dtype).toBe("float32");
    expect(Array.from(r.toTypedArray())).toEqual([11]);
  });

  it("handles empty contractions and empty outputs", () => {
    expect(Array.from(run("dotGeneral", [arr([], [2, 0]), arr([], [0, 3])], dot([[1], [0]])).toTypedArray())).toEqual([0, 0, 0, 0, 0, 0]);
    expect(run("dotGeneral", [arr([], [0, 2]), arr([1, 2, 3, 4, 5, 6], [2, 3])], dot([[1], [0]])).shape).toEqual([0, 3]);
  });

  it("leaves its operands unchanged", () => {
    const a = operand([40, 50], "float32", 0);
    const b = operand([50, 30], "float32", 1);
    const [da, db] = [a.toTypedArray(), b.toTypedArray()];
    run("dotGeneral", [a, b], dot([[1], [0]]));
    expect(a.toTypedArray()).toEqual(da);
    expect(b.toTypedArray()).toEqual(db);
  });

  it("rejects mismatched contracting sizes, naming both shapes", () => {
    expect(() => run("dotGeneral", [arr([1, 2, 3, 4, 5, 6], [2, 3]), arr([1, 2, 3, 4], [2, 2])], dot([[1], [0]]))).toThrow(
      /dotGeneral.*contracting.*f32\[2,3\].*size 3.*f32\[2,2\].*size 2/,
    );
  });

  it("rejects mismatched dtypes, bad axes and bool operands", () => {
    expect(() => run("dotGeneral", [arr([1, 2]), arr([1, 2], [2], "float64")], dot([[0], [0]]))).toThrow(/dotGeneral.*share a dtype.*f32\[2\].*f64\[2\]/);
    expect(() => run("dotGeneral", [arr([1, 2]), arr([1, 2])], dot([[1], [0]]))).toThrow(/dotGeneral.*lhs contracting.*\[1\].*f32\[2\]/);
    expect(() => run("dotGeneral", [arr([1, 2]), arr([1, 2])], dot([[0], []]))).toThrow(/dotGeneral.*1 contracting axes.*0/);
    expect(() => run("dotGeneral", [arr([1, 0], [2], "bool"), arr([1, 0], [2], "bool")], dot([[0], [0]]))).toThrow(/dotGeneral.*bool/);
  });
});

describe("convGeneralDilated matches jax.lax.conv_general_dilated", () => {
  itHasCases(contractFixture.conv, "conv");
  for (const c of contractFixture.conv) {
    const name = `${c.dtype} ${c.dimensionNumbers.join("/")} [${c.lhs}]*[${c.rhs}] strides ${c.windowStrides} padding ${JSON.stringify(c.padding)}` +
      ` dil ${c.lhsDilation}/${c.rhsDilation} groups ${c.featureGroupCount}/${c.batchGroupCount}`;
    it(name, () => {
      const lhs = operand(c.lhs, c.dtype, 0);
      const rhs = operand(c.rhs, c.dtype, 1);
      const dimensionNumbers = convDimensionNumbers(c.dimensionNumbers, c.lhs.length);
      const inShape = dimensionNumbers.lhs.slice(2).map((a) => c.lhs[a]!);
      const window = dimensionNumbers.rhs.slice(2).map((a, d) => (c.rhs[a]! - 1) * c.rhsDilation[d]! + 1);
      const padding = padtypeToPads(inShape, window, c.windowStrides, c.padding);
      const out = run("convGeneralDilated", [lhs, rhs], { ...c, padding, dimensionNumbers });
      expectMatches(out, c.out);
    });
  }
});

describe("convGeneralDilated", () => {
  const nwc = { lhs: [0, 2, 1], rhs: [2, 1, 0], out: [0, 2, 1] };
  const params = (overrides: Partial<ParamsOf["convGeneralDilated"]> = {}): ParamsOf["convGeneralDilated"] => ({
    windowStrides: [1],
    padding: [[0, 0]],
    lhsDilation: [1],
    rhsDilation: [1],
    dimensionNumbers: nwc,
    featureGroupCount: 1,
    batchGroupCount: 1,
    ...overrides,
  });

  it("is a sliding dot product in 1-D (closed form)", () => {
    const x = arr([1, 2, 3, 4, 5], [1, 5, 1]);
    const w = arr([1, 10, 100], [3, 1, 1]);
    expect(Array.from(run("convGeneralDilated", [x, w], params()).toTypedArray())).toEqual([321, 432, 543]);
  });

  it("convolves int32 exactly", () => {
    const x = arr([1, 2, 3, 4, 5], [1, 5, 1], "int32");
    const w = arr([1, -1], [2, 1, 1], "int32");
    const r = run("convGeneralDilated", [x, w], params());
    expect(r.dtype).toBe("int32");
    expect(Array.from(r.toTypedArray())).toEqual([-1, -1, -1, -1]);
  });

  it("leaves its operands unchanged", () => {
    const x = operand([2, 6, 3]);
    const w = operand([3, 3, 2], "float32", 1);
    const [dx, dw] = [x.toTypedArray(), w.toTypedArray()];
    run("convGeneralDilated", [x, w], params({ padding: [[1, 1]] }));
    expect(x.toTypedArray()).toEqual(dx);
    expect(w.toTypedArray()).toEqual(dw);
  });

  it("rejects a feature count mismatch, naming both shapes", () => {
    expect(() => run("convGeneralDilated", [operand([1, 5, 3]), operand([2, 2, 4])], params())).toThrow(
      /convGeneralDilated.*feature count mismatch.*f32\[1,5,3\].*3 features.*f32\[2,2,4\].*2 input features/,
    );
  });

  it("rejects rank mismatches, bad dimension numbers, bad strides and both group kinds at once", () => {
    expect(() => run("convGeneralDilated", [operand([1, 5, 3]), operand([2, 3])], params())).toThrow(/convGeneralDilated.*same rank.*f32\[1,5,3\].*f32\[2,3\]/);
    expect(() => run("convGeneralDilated", [operand([1, 5, 3]), operand([2, 3, 4])], params({ dimensionNumbers: { ...nwc, lhs: [0, 0, 1] } }))).toThrow(
      /dimensionNumbers.lhs must be a permutation/,
    );
    expect(() => run("convGeneralDilated", [operand([1, 5, 3]), operand([2, 3, 4])], params({ windowStrides: [0] }))).toThrow(/windowStrides must be 1 integer >= 1/);
    expect(() => run("convGeneralDilated", [operand([2, 5, 4]), operand([2, 2, 4])], params({ featureGroupCount: 2, batchGroupCount: 2 }))).toThrow(
      /cannot both exceed 1/,
    );
    expect(() => run("convGeneralDilated", [operand([3, 5, 2]), operand([2, 2, 4])], params({ batchGroupCount: 2 }))).toThrow(/batch size 3.*batchGroupCount 2/);
  });
});

describe("reduceWindow primitives match jax.lax.reduce_window", () => {
  itHasCases(contractFixture.reduceWindow, "reduceWindow");
  for (const c of contractFixture.reduceWindow) {
    const prim = ({ sum: "reduceWindowSum", max: "reduceWindowMax", min: "reduceWindowMin" } as const)[c.computation];
    it(`${prim} ${c.dtype}[${c.shape}] window ${c.windowDimensions} strides ${c.windowStrides} padding ${JSON.stringify(c.padding)} dil ${c.baseDilation}/${c.windowDilation}`, () => {
      const rank = c.shape.length;
      const windowDilation = c.windowDilation ?? new Array<number>(rank).fill(1);
      const window = c.windowDimensions.map((w, d) => (w - 1) * windowDilation[d]! + 1);
      const padding: WindowPadding = padtypeToPads(c.shape, window, c.windowStrides, c.padding);
      const p = windowParams(rank, { windowDimensions: c.windowDimensions, windowStrides: c.windowStrides, padding, windowDilation, baseDilation: c.baseDilation ?? new Array<number>(rank).fill(1) });
      expectMatches(run(prim, [operand(c.shape, c.dtype)], p), c.out);
    });
  }
});

describe("reduceWindow primitives", () => {
  it("propagate NaN through max", () => {
    const r = run("reduceWindowMax", [arr([1, NaN, 3, 4])], windowParams(1, { windowDimensions: [2], windowStrides: [2] }));
    expect(Array.from(r.toTypedArray())).toEqual([NaN, 4]);
  });

  it("fill padding with the identity (so an all-padding window gives it)", () => {
    const r = run("reduceWindowMin", [arr([5, 6], [2], "int32")], windowParams(1, { windowDimensions: [1], padding: [[1, 0]] }));
    expect(Array.from(r.toTypedArray())).toEqual([2147483647, 5, 6]);
  });

  it("reduce bools with max (any) and min (all)", () => {
    const x = arr([0, 1, 1, 1], [4], "bool");
    expect(Array.from(run("reduceWindowMax", [x], windowParams(1, { windowDimensions: [2], windowStrides: [2] })).toTypedArray())).toEqual([1, 1]);
    expect(Array.from(run("reduceWindowMin", [x], windowParams(1, { windowDimensions: [2], windowStrides: [2] })).toTypedArray())).toEqual([0, 1]);
  });

  it("leave their operand unchanged", () => {
    const x = operand([4, 5]);
    const copy = x.toTypedArray();
    run("reduceWindowSum", [x], windowParams(2, { windowDimensions: [2, 2], padding: [[1, 1], [1, 1]] }));
    expect(x.toTypedArray()).toEqual(copy);
  });

  it("reject bad window parameters and bool sums, naming the operand", () => {
    expect(() => run("reduceWindowSum", [operand([4, 5])], windowParams(2, { windowDimensions: [2] }))).toThrow(/reduceWindowSum.*windowDimensions must be 2 integers/);
    expect(() => run("reduceWindowMax", [operand([4, 5])], windowParams(2, { windowStrides: [1, 0] }))).toThrow(/reduceWindowMax.*windowStrides/);
    expect(() => run("reduceWindowMin", [operand([4, 5])], windowParams(2, { padding: [[0, 0]] }))).toThrow(/reduceWindowMin.*padding must be 2/);
    expect(() => run("reduceWindowSum", [arr([1, 0], [2], "bool")], windowParams(1, {}))).toThrow(/reduceWindowSum.*bool\[2\]/);
  });
});
