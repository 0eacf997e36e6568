import { describe, expect, it } from "vitest";
import { allocate, type DType } from "../../../core/dtype.js";
import { NdArray, type ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { expectClose, itHasCases, loadFixture } from "../../helpers.js";

/** A fixture array: flat data where non-finite floats are the strings "NaN", "Infinity", "-Infinity". */
interface Encoded {
  shape: number[];
  dtype: DType;
  data: (number | boolean | string)[];
}

interface Case {
  fn: string;
  input?: string;
  options: Record<string, unknown>;
  out?: Encoded;
  outs?: Encoded[];
}

const fixture = loadFixture<{ inputs: Record<string, Encoded>; cases: Case[] }>("reduce");

function decode(e: Encoded): NdArray {
  const data = allocate(e.dtype, e.data.length);
  e.data.forEach((v, i) => (data[i] = Number(v)));
  return NdArray.fromBuffer(data, e.shape, e.dtype);
}

function flatValues(x: ArrayValue): number[] {
  return Array.from((x as NdArray).toTypedArray());
}

/** Functions whose results are selected input elements or integers: compared exactly. */
const exact = new Set(["max", "min", "ptp", "argmax", "argmin", "sort", "argsort", "all", "any"]);

type Reduction = (x: ArrayValue, options?: object) => ArrayValue;
const functions = np as unknown as Record<string, Reduction>;

describe("np reductions, scans and sorts match numpy (and JAX for descending sorts)", () => {
  const names = ["sum", "prod", "max", "min", "mean", "var", "std", "ptp", "all", "any", "argmax", "argmin", "cumsum", "cumprod", "sort", "argsort", "topK"];
  for (const fn of names) itHasCases(fixture.cases.filter((c) => c.fn === fn), fn);
  for (const c of fixture.cases.filter((c) => !c.fn.startsWith("lax.") && c.fn !== "topK")) {
    const input = fixture.inputs[c.input!]!;
    it(`${c.fn} of ${input.dtype}[${input.shape}] with ${JSON.stringify(c.options)}`, () => {
      const x = decode(input);
      const result = functions[c.fn]!(x, c.options);
      const out = c.out!;
      expect(result.shape).toEqual(out.shape);
      expect(result.dtype).toBe(out.dtype);
      if (exact.has(c.fn) || out.dtype === "int32" || out.dtype === "bool") {
        // Signed zeros compare equal in sorts, and numpy's (and jnp's descending) sort may swap them.
        const want = out.data.map((v) => (out.dtype === "float32" ? Math.fround(Number(v)) : Number(v)));
        const zeroBlind = (values: number[]) => (c.fn === "sort" ? values.map((v) => (v === 0 ? 0 : v)) : values);
        expect(zeroBlind(flatValues(result))).toEqual(zeroBlind(want));
      } else {
        // numpy accumulates float32 in float32; tessera in float64, so allow float32 rounding of the sums.
        expectClose(result, out.data, out.dtype === "float32" ? { rtol: 2e-5, atol: 2e-5 } : { rtol: 1e-12, atol: 1e-12 });
      }
    });
  }
  for (const c of fixture.cases.filter((c) => c.fn === "topK")) {
    it(`topK(${c.input}, ${String(c.options.k)}) matches jax.lax.top_k`, () => {
      const [values, indices] = np.topK(decode(fixture.inputs[c.input!]!), c.options.k as number);
      const want = c.outs![0]!;
      expect(flatValues(values)).toEqual(want.data.map((v) => (want.dtype === "float32" ? Math.fround(Number(v)) : Number(v))));
      expect(flatValues(indices)).toEqual(c.outs![1]!.data);
    });
  }
});

describe("dtypes follow JAX", () => {
  it("bool sums and products are int32 counts; integer sums stay int32 and wrap", () => {
    const b = np.array([true, true, false]);
    expect(np.sum(b).dtype).toBe("int32");
    expect(np.sum(b).item()).toBe(2);
    expect(np.prod(b).dtype).toBe("int32");
    expect(np.cumsum(b).toArray()).toEqual([1, 2, 2]);
    expect(np.sum(np.array([2147483647, 1], { dtype: "int32" })).item()).toBe(-2147483648);
    expect(np.sum(np.array([1, 2], { dtype: "uint32" })).dtype).toBe("uint32");
  });
  it("means, variances and medians of integers are float32; max/min keep the dtype", () => {
    const i = np.array([1, 2, 4], { dtype: "int32" });
    expect(np.mean(i).dtype).toBe("float32");
    expect(np.var(i).dtype).toBe("float32");
    expect(np.std(i).dtype).toBe("float32");
    expect(np.median(i).dtype).toBe("float32");
    expect(np.max(i).dtype).toBe("int32");
    expect(np.argmax(i).dtype).toBe("int32");
    expect(np.mean(np.array([1, 2], { dtype: "float64" })).dtype).toBe("float64");
  });
  it("JS numbers are accepted as rank-0 float32 arrays", () => {
    expect(np.sum(3).item()).toBe(3);
    expect(np.sum(3).dtype).toBe("float32");
    expect(np.max(2.5).item()).toBe(2.5);
  });
});

describe("closed forms", () => {
  const x = np.array([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  it("sum, mean, var and std of a small matrix", () => {
    expect(np.sum(x).item()).toBe(21);
    expect(np.sum(x, { axis: 0 }).toArray()).toEqual([5, 7, 9]);
    expect(np.mean(x, { axis: -1, keepdims: true }).toArray()).toEqual([[2], [5]]);
    expect(np.var(x, { axis: 1 }).toArray()).toEqual([2 / 3, 2 / 3].map(Math.fround));
    expect(np.var(x, { ddof: 1 }).item()).toBe(3.5);
    expectClose(np.std(x), [Math.sqrt(35 / 12)]);
  });
  it("keepdims keeps reduced axes as size 1, for every reduction", () => {
    expect(np.sum(x, { keepdims: true }).shape).toEqual([1, 1]);
    expect(np.max(x, { axis: [0, 1], keepdims: true }).shape).toEqual([1, 1]);
    expect(np.argmax(x, { keepdims: true }).shape).toEqual([1, 1]);
    expect(np.argmin(x, { axis: 0, keepdims: true }).toArray()).toEqual([[0, 0, 0]]);
    expect(np.all(x, { axis: 1, keepdims: true }).shape).toEqual([2, 1]);
    expect(np.std(x, { axis: 0, keepdims: true }).shape).toEqual([1, 3]);
    expect(np.median(x, { axis: 1, keepdims: true }).toArray()).toEqual([[2], [5]]);
  });
  it("argmax without an axis indexes the flattened array", () => {
    expect(np.argmax(np.array([[1, 9], [9, 0]])).item()).toBe(1);
    expect(np.argmin(np.array([[1, 9], [NaN, 0]])).item()).toBe(2);
  });
  it("median averages the middle pair, and is NaN when a NaN is present", () => {
    expect(np.median(np.array([3, 1, 4, 2])).item()).toBe(2.5);
    expect(np.median(np.array([3, 1, 4])).item()).toBe(3);
    expect(np.median(np.array([[5, 1], [2, 8], [3, 3]]), { axis: 0 }).toArray()).toEqual([3, 3]);
    expect(np.median(np.array([1, NaN, 2])).item()).toBeNaN();
  });
  it("sort and argsort flatten with axis null and sort descending on request", () => {
    expect(np.sort(np.array([[3, 1], [2, 0]]), { axis: null }).toArray()).toEqual([0, 1, 2, 3]);
    expect(np.argsort(np.array([2, 1, 2, 1]), { descending: true }).toArray()).toEqual([0, 2, 1, 3]);
    expect(np.argsort(np.array([2, 1, 2, 1])).toArray()).toEqual([1, 3, 0, 2]);
  });
  it("sum over an empty axis is 0, prod 1, all true, any false", () => {
    const e = np.zeros([2, 0]);
    expect(np.sum(e, { axis: 1 }).toArray()).toEqual([0, 0]);
    expect(np.prod(e, { axis: 1 }).toArray()).toEqual([1, 1]);
    expect(np.all(e, { axis: 1 }).toArray()).toEqual([true, true]);
    expect(np.any(e, { axis: 1 }).toArray()).toEqual([false, false]);
    expect(np.max(e, { axis: 0 }).shape).toEqual([0]);
  });
});

describe("errors name the np function and the problem", () => {
  const x = np.zeros([2, 3]);
  it("bad or repeated axes", () => {
    expect(() => np.sum(x, { axis: 2 })).toThrow(/tessera\.sum: axis 2 is out of range.*rank 2/);
    expect(() => np.mean(x, { axis: [0, -2] })).toThrow(/mean: repeated axis/);
    expect(() => np.max(x, { axis: 1.5 })).toThrow(/max: axis must be an integer, a list of integers or null, got 1\.5/);
    expect(() => np.sum(x, { axis: "0" as unknown as number })).toThrow(/sum: axis must be an integer/);
    expect(() => np.cumsum(x, { axis: -3 })).toThrow(/cumsum: axis -3/);
    expect(() => np.sort(np.array(1), { axis: 0 })).toThrow(/sort: axis 0 is out of range for a rank-0 array/);
  });
  it("argmax/argmin, max/min and median of an empty axis", () => {
    expect(() => np.argmax(np.zeros([0]))).toThrow(/argmax: attempt to get argmax of an empty sequence/);
    expect(() => np.argmin(np.zeros([3, 0]), { axis: 1 })).toThrow(/argmin: .*empty.*\[3,0\]/);
    expect(() => np.max(np.zeros([3, 0]), { axis: 1 })).toThrow(/max: zero-size reduction.*\[3,0\]/);
    expect(() => np.min(np.zeros([0]))).toThrow(/min: zero-size reduction/);
    expect(() => np.median(np.zeros([0]))).toThrow(/median: zero-size/);
  });
  it("topK with k larger than the last axis", () => {
    expect(() => np.topK(x, 4)).toThrow(/topK: k must be an integer in \[0, 3\].*\[2,3\].*got 4/);
    expect(() => np.topK(np.array(1), 1)).toThrow(/topK: .*rank >= 1/);
  });
  it("bad options", () => {
    expect(() => np.sum(x, "0" as never)).toThrow(/sum: options must be a plain object/);
    expect(() => np.sum(x, { axsi: 0 } as never)).toThrow(/sum: unknown option "axsi" \(did you mean "axis"\?\)/);
    expect(() => (np.sum as (...a: unknown[]) => unknown)(x, {}, 1)).toThrow(/sum: takes at most 2 arguments, got 3/);
    expect(() => np.var(x, { ddof: "1" as unknown as number })).toThrow(/var: ddof must be a finite number/);
    expect(() => np.sort(x, { descending: 1 as unknown as boolean })).toThrow(/sort: descending must be true or false, got 1/);
    expect(() => np.sum("x" as unknown as number)).toThrow(/sum: argument 0 must be an array/);
  });
});

describe("inputs are never written", () => {
  it("by reductions, scans, sorts and topK", () => {
    const x = np.array([[3, NaN, 1], [2, 2, -1]]);
    const before = x.toTypedArray();
    for (const f of [np.sum, np.mean, np.var, np.std, np.median, np.argmax, np.cumsum, np.cumprod, np.sort, np.argsort, np.all] as ((x: ArrayValue) => ArrayValue)[]) f(x);
    np.topK(x, 2);
    expect(() => np.max(x, { axis: 5 })).toThrow();
    expect(x.toTypedArray()).toEqual(before);
  });
});
