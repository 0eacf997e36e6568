/**
 * np's writing functions (core/numpy/placing.ts: put, putAlongAxis, place), its function-taking
 * functions (core/numpy/apply.ts: piecewise, applyAlongAxis, applyOverAxes), jax.lax's
 * broadcastLike and indexTake, the multidimensional histograms (histogramdd, histogram2d) and the
 * bit functions (lax.bitcastConvertType, frexp, ldexp, bitwiseCount, packbits, unpackbits, i0)
 * against JAX 0.10.2 (test/fixtures/generate_numpy_misc.py): values, dtypes and shapes in float32,
 * float64 and int32, and float64 gradients; then the errors JAX raises, naming the op, and
 * jit/vmap agreeing with eager.
 */
import { describe, expect, it } from "vitest";
import { lax, np, jit, vmap, grad, type ArrayValue } from "../../../index.js";
import { describeJaxCases } from "./jax-cases.js";

type A = ArrayValue;

/** The calls that take user functions, spelled as the generator's JAX lambdas. */
const withFunctions: Record<string, (x: A, ...rest: never[]) => A | A[]> = {
  // histogramdd's [hist, [edges...]] as one list [hist, ...edges], as the generator flattens it.
  histogramdd: (s: A, options?: np.HistogramddOptions) => {
    const [hist, edges] = np.histogramdd(s, options);
    return [hist, ...edges];
  },
  piecewiseSquareConst: (x) => np.piecewise(x, [np.less(x, 0), np.greater(x, 1)], [(t) => np.power(t, 2), 5, 7]),
  piecewiseNoDefault: (x) => np.piecewise(x, [np.less(x, 0), np.greater(x, -1)], [(t) => np.sin(t), (t) => np.multiply(t, 3)]),
  piecewiseInt: (x) => np.piecewise(x, [np.less(x, 0)], [(t) => np.multiply(t, 2.5), 1.5]),
  piecewiseArrayConds: (x) => np.piecewise(x, np.stack([np.greater(x, 0.5), np.less(x, -0.5)]), [(t) => np.exp(t), 0.25, (t) => np.negative(t)]),
  alongSum: (x) => np.applyAlongAxis((r) => np.sum(r), 1, x),
  alongOuter: (x) => np.applyAlongAxis((r) => np.outer(r, np.slice(r, [0, 2])), 1, x),
  alongCumsum: (x) => np.applyAlongAxis((r) => np.cumsum(r), 0, x),
  alongMaxInt: (x) => np.applyAlongAxis((r) => np.max(r), -1, x),
  overSum: (x) => np.applyOverAxes((v, ax) => np.sum(v, ax), x, [0, 2]),
  overCumsum: (x) => np.applyOverAxes((v, ax) => np.cumsum(v, ax), x, [1]),
  frexpMantissa: (x) => np.frexp(x)[0],
};

describeJaxCases("numpy_misc", "the writing, function-taking, histogram and bit functions", (name) => {
  const [head, tail] = name.split(".");
  if (head === "fn") return withFunctions[tail!];
  return ((tail === undefined ? np : lax) as unknown as Record<string, unknown>)[tail ?? head!];
});

const int32 = (values: number[] | number[][]): A => np.array(values, { dtype: "int32" });

describe("put, putAlongAxis and place reject what JAX rejects, naming the op", () => {
  const x = np.ones([2, 3]);
  it("put", () => {
    expect(() => np.put(x, [0], 1, { inplace: true } as never)).toThrow(/put.*inplace/);
    expect(() => np.put(x, [0], 1, "raise" as never)).toThrow(/put.*raise.*not supported/);
    expect(() => np.put(x, [0], 1, { mode: "fill" } as never)).toThrow(/put.*mode/);
    expect(() => np.put(x, np.array([0.5]), 1)).toThrow(/put.*integers/);
    expect(() => np.put(x, [0], 1, { modes: "clip" } as never)).toThrow(/put.*unknown option "modes"/);
  });
  it("putAlongAxis", () => {
    expect(() => np.putAlongAxis(x, int32([0]), 1, 1)).toThrow(/putAlongAxis.*rank 2/);
    expect(() => np.putAlongAxis(x, int32([[0], [1]]), np.ones([3]), 1)).toThrow(/putAlongAxis.*broadcast/);
    expect(() => np.putAlongAxis(x, int32([[0], [1], [2]]), 1, 1)).toThrow(/putAlongAxis.*broadcast/);
    expect(() => np.putAlongAxis(x, int32([[0]]), 1, 2)).toThrow(/putAlongAxis.*axis/);
    expect(() => np.putAlongAxis(x, int32([[0]]), 1, 1, { mode: "wrap" } as never)).toThrow(/putAlongAxis.*mode/);
    expect(() => (np.putAlongAxis as (...a: unknown[]) => A)(x, int32([[0]]), 1)).toThrow(/putAlongAxis.*axis/);
  });
  it("place", () => {
    expect(() => np.place(x, np.array([true, false]), 1)).toThrow(/place.*same size/);
    expect(() => np.place(x, np.ones([2, 3]), np.zeros([0]))).toThrow(/place.*empty/);
    expect(() => np.place(x, np.ones([2, 3]), 1, { inplace: true } as never)).toThrow(/place.*inplace/);
  });
});

describe("piecewise, applyAlongAxis, applyOverAxes reject what JAX rejects, naming the op", () => {
  const x = np.arange(4);
  it("piecewise", () => {
    expect(() => np.piecewise(x, [np.less(x, 1)], [1, 2, 3])).toThrow(/piecewise.*1 condition.*1 or 2 functions.*got 3/);
    expect(() => np.piecewise(x, [np.less(x, 1)], [np.ones([2])])).toThrow(/piecewise.*scalar/);
    expect(() => np.piecewise(x, [np.less(x, 1)], [() => np.ones([3])])).toThrow(/piecewise.*shape/);
    expect(() => np.piecewise(x, [np.ones([3])], [1])).toThrow(/piecewise.*condition 0/);
  });
  it("applyAlongAxis and applyOverAxes", () => {
    expect(() => np.applyAlongAxis("sum" as never, 0, x)).toThrow(/applyAlongAxis.*func1d.*function/);
    expect(() => np.applyAlongAxis((r) => r, 1, x)).toThrow(/applyAlongAxis.*axis/);
    expect(() => np.applyAlongAxis((r) => r, 0, np.array(1))).toThrow(/applyAlongAxis.*scalar/);
    expect(() => np.applyAlongAxis(() => "x" as never, 0, x)).toThrow(/applyAlongAxis.*return an array/);
    expect(() => np.applyOverAxes((v) => np.sum(v), np.ones([2, 3]), [0])).toThrow(/applyOverAxes.*rank/);
  });
  it("lax.broadcastLike and lax.indexTake", () => {
    expect(() => lax.broadcastLike(np.ones([3]), np.ones([2]))).toThrow(/broadcastLike.*\[3\]/);
    expect(() => lax.indexTake(np.ones([2, 3]), [int32([0])], [0, 1])).toThrow(/indexTake.*one index array per axis/);
    expect(() => lax.indexTake(np.ones([2, 3]), [int32([0]), int32([0])], [1, 0])).toThrow(/indexTake.*increasing/);
    expect(() => lax.indexTake(np.ones([2, 3]), [np.array([0])], [0])).toThrow(/indexTake.*integer/);
    expect(() => lax.indexTake(np.ones([2, 3]), [int32([0]), int32([0, 1])], [0, 1])).toThrow(/indexTake.*one length/);
  });
});

describe("the writes and the mapped functions agree under jit and vmap", () => {
  const values = np.array([[1, 2, 3], [4, 5, 6]]);
  it("put, putAlongAxis and place with traced values, indices and masks", () => {
    const ind = int32([2, 0, 2]);
    const eager = np.put(np.zeros([4]), ind, np.array([1, 2, 3]));
    expect(eager.toArray()).toEqual([2, 0, 3, 0]);
    expect(jit((i: A, v: A) => np.put(np.zeros([4]), i, v))(ind, np.array([1, 2, 3])).toArray()).toEqual([2, 0, 3, 0]);
    const rows = vmap((v: A) => np.putAlongAxis(np.zeros([2, 2]), int32([[1], [0]]), v, 1))(np.array([1, 2]));
    expect(rows.toArray()).toEqual([[[0, 1], [1, 0]], [[0, 2], [2, 0]]]);
    const byIndex = vmap((i: A) => np.putAlongAxis(np.zeros([3]), i, 5, 0))(int32([[0], [2]]));
    expect(byIndex.toArray()).toEqual([[5, 0, 0], [0, 0, 5]]);
    const mask = np.array([true, false, true]);
    expect(jit((m: A) => np.place(np.zeros([3]), m, np.array([7, 8])))(mask).toArray()).toEqual([7, 0, 8]);
    expect(vmap((m: A) => np.place(np.zeros([3]), m, np.array([7, 8])))(np.array([[true, true, false], [false, false, true]])).toArray()).toEqual([[7, 8, 0], [0, 0, 7]]);
  });
  it("piecewise and applyAlongAxis with their functions traced", () => {
    const f = (x: A) => np.piecewise(x, [np.less(x, 2)], [(t) => np.multiply(t, 10), (t) => np.negative(t)]);
    expect(jit(f)(np.arange(4)).toArray()).toEqual(f(np.arange(4)).toArray());
    const g = (x: A) => np.applyAlongAxis((r) => np.sum(np.square(r)), 1, x);
    expect(jit(g)(values).toArray()).toEqual([14, 77]);
    expect(vmap(g)(np.stack([values, values])).toArray()).toEqual([[14, 77], [14, 77]]);
    expect(grad((x: A) => np.sum(g(x)))(values).toArray()).toEqual([[2, 4, 6], [8, 10, 12]]);
  });
  it("applyAlongAxis over an empty axis still gives the result's shape", () => {
    expect(np.applyAlongAxis((r) => np.stack([np.sum(r), np.max(r)]), 1, np.zeros([0, 3])).shape).toEqual([0, 2]);
  });
});

describe("histogramdd and histogram2d", () => {
  const sample = np.array([[0, 0], [1, 1], [1, 0], [0.5, 0.2]]);
  it("reject what JAX rejects, naming the op", () => {
    expect(() => np.histogramdd(np.ones([3]))).toThrow(/histogramdd.*2-D/);
    expect(() => np.histogramdd(sample, { bins: [2] })).toThrow(/histogramdd.*one entry per dimension \(2\)/);
    expect(() => np.histogramdd(sample, { range: [[0, 1]] })).toThrow(/histogramdd.*range.*2 pairs/);
    expect(() => np.histogramdd(sample, { weights: np.ones([3]) })).toThrow(/histogramdd.*one weight per sample/);
    expect(() => np.histogramdd(sample, { bins: [2, "a"] as never })).toThrow(/histogramdd.*bins\[1\]/);
    expect(() => np.histogramdd(sample, { bin: 2 } as never)).toThrow(/histogramdd.*unknown option "bin"/);
    expect(() => np.histogram2d(np.ones([3]), np.ones([4]))).toThrow(/histogram2d.*one length/);
    expect(() => np.histogram2d(np.ones([3]), np.ones([3]), { bins: [4] })).toThrow(/histogram2d.*bins/);
    expect(() => np.histogram2d(np.ones([3]), np.ones([3]), { weights: np.ones([2]) })).toThrow(/histogram2d.*one weight per point/);
  });
  it("agree under jit and vmap, and differentiate in the weights", () => {
    const eager = np.histogramdd(sample, { bins: 2, range: [[0, 1], [0, 1]] })[0];
    expect(eager.toArray()).toEqual([[1, 0], [2, 1]]);
    expect(jit((s: A) => np.histogramdd(s, { bins: 2, range: [[0, 1], [0, 1]] })[0])(sample).toArray()).toEqual(eager.toArray());
    const both = vmap((s: A) => np.histogramdd(s, { bins: 2, range: [[0, 1], [0, 1]] })[0])(np.stack([sample, np.subtract(1, sample)]));
    expect(both.toArray()).toEqual([[[1, 0], [2, 1]], [[1, 1], [0, 2]]]);
    const ct = np.array([[1, 2], [3, 4]]);
    const g = grad((w: A) => np.sum(np.multiply(np.histogram2d(np.array([0, 1, 1, 0.5]), np.array([0, 1, 0, 0.2]), { bins: 2, weights: w })[0], ct)))(np.ones([4]));
    expect(g.toArray()).toEqual([1, 4, 3, 3]);
  });
});

describe("the bit functions", () => {
  const f32 = (values: number[]) => np.array(values, { dtype: "float32" });
  it("reject what JAX rejects, naming the op", () => {
    expect(() => lax.bitcastConvertType(np.array([true]), "int32")).toThrow(/bitcastConvertType.*bool/);
    expect(() => lax.bitcastConvertType(np.ones([3], { dtype: "uint32" }), "float64")).toThrow(/bitcastConvertType.*last axis of 2/);
    expect(() => lax.bitcastConvertType(np.ones([3]), "int8" as never)).toThrow(/bitcastConvertType.*dtype/);
    expect(() => np.ldexp(np.ones([2]), np.ones([2]))).toThrow(/ldexp.*integers/);
    expect(() => np.bitwiseCount(np.ones([2]))).toThrow(/bitwiseCount.*integer/);
    expect(() => np.packbits(np.ones([8]))).toThrow(/packbits.*integer or bool/);
    expect(() => np.packbits(np.ones([8], { dtype: "int32" }), { bitorder: "middle" } as never)).toThrow(/packbits.*bitorder/);
    expect(() => np.unpackbits(np.ones([2], { dtype: "int32" }))).toThrow(/unpackbits.*uint32/);
    expect(() => np.unpackbits(np.ones([2], { dtype: "uint32" }), { count: 1.5 })).toThrow(/unpackbits.*count/);
  });
  it("frexp and ldexp handle subnormals as IEEE arithmetic does (numpy's values; XLA on CPU flushes them)", () => {
    const [m, e] = np.frexp(f32([1e-40, -(2 ** -149)]));
    expect(m.toArray()).toEqual([Math.fround(1e-40) * 2 ** 132, -0.5]);
    expect(e.toArray()).toEqual([-132, -148]);
    const [m64, e64] = np.frexp(np.array([5e-324, 1e-310], { dtype: "float64" }));
    expect(m64.toArray()).toEqual([0.5, 1e-310 * 2 ** 1000 * 2 ** 29]);
    expect(e64.toArray()).toEqual([-1073, -1029]);
    expect(np.ldexp(f32([1]), np.array([-149], { dtype: "int32" })).toArray()).toEqual([2 ** -149]);
    expect(np.ldexp(np.array([5e-324], { dtype: "float64" }), np.array([1074], { dtype: "int32" })).toArray()).toEqual([1]);
  });
  it("agree under jit and vmap", () => {
    const x = np.array([[1, -2.5], [1e30, 0.1]], { dtype: "float64" });
    const split = (v: A) => np.frexp(v);
    expect(jit(split)(x).map((a) => a.toArray())).toEqual(split(x).map((a) => a.toArray()));
    const words = (v: A) => lax.bitcastConvertType(v, "uint32");
    expect(vmap(words, { inAxes: 1 })(x).toArray()).toEqual(words(np.transpose(x)).toArray());
    expect(jit((v: A) => lax.bitcastConvertType(words(v), "float64"))(x).toArray()).toEqual(x.toArray());
    const bits = np.array([[1, 0, 1], [0, 1, 1]], { dtype: "int32" });
    expect(vmap((r: A) => np.packbits(r))(bits).toArray()).toEqual([[160], [96]]);
    expect(jit((b: A) => np.unpackbits(np.packbits(b, 1), { axis: 1, count: 3 }))(bits).toArray()).toEqual(bits.toArray());
    expect(jit((v: A) => np.bitwiseCount(v))(np.array([3, -8], { dtype: "int32" })).toArray()).toEqual([2, 1]);
  });
});
