import { describe, expect, it } from "vitest";
import { allocate, type DType } from "../../../core/dtype.js";
import { evaluate } from "../../../core/eager.js";
import { NdArray } from "../../../core/ndarray.js";
import type { ParamsOf, ReducePrim } from "../../../core/primitives.js";
import { reduceRules } from "../../../core/rules/reduce.js";
import { sizeOf, stridesOf } from "../../../core/shape.js";
import { expectClose, itHasCases, loadFixture } from "../../helpers.js";

/** A fixture array: flat data where non-finite floats are the strings "NaN", "Infinity", "-Infinity". */
interface Encoded {
  shape: number[];
  dtype: DType;
  data: (number | boolean | string)[];
}

function decode(e: Encoded): NdArray {
  const data = allocate(e.dtype, e.data.length);
  e.data.forEach((v, i) => (data[i] = Number(v)));
  return NdArray.fromBuffer(data, e.shape, e.dtype);
}

function arr(values: readonly number[], shape: readonly number[] = [values.length], dtype: DType = "float32"): NdArray {
  const data = allocate(dtype, values.length);
  values.forEach((v, i) => (data[i] = v));
  return NdArray.fromBuffer(data, shape, dtype);
}

function run<P extends ReducePrim>(prim: P, args: NdArray[], params: ParamsOf[P]): NdArray[] {
  return evaluate(prim, args, params);
}

function values(x: NdArray): number[] {
  return Array.from(x.toTypedArray());
}

/** Asserts that `expected` equals `x` exactly (NaN equal to NaN), and the shape and dtype too. */
function expectExact(x: NdArray, expected: Encoded): void {
  expect(x.shape).toEqual(expected.shape);
  expect(x.dtype).toBe(expected.dtype);
  const want = expected.data.map((v) => (expected.dtype === "float32" ? Math.fround(Number(v)) : Number(v)));
  expect(values(x)).toEqual(want);
}

const fixture = loadFixture<{
  inputs: Record<string, Encoded>;
  cases: { fn: string; input?: string; inputs?: string[]; options: Record<string, unknown>; out?: Encoded; outs?: Encoded[] }[];
}>("reduce");

describe("reduce primitives match jax.lax", () => {
  for (const fn of ["lax.cumsum", "lax.cumprod", "lax.cummax", "lax.cummin", "lax.sort", "topK"]) itHasCases(fixture.cases.filter((c) => c.fn === fn), fn);
  for (const c of fixture.cases.filter((c) => c.fn.startsWith("lax.cum"))) {
    const prim = c.fn.slice(4) as "cumsum" | "cumprod" | "cummax" | "cummin";
    const x = decode(fixture.inputs[c.input!]!);
    it(`${prim} of ${x.dtype}[${x.shape}] with ${JSON.stringify(c.options)}`, () => {
      const [r] = run(prim, [x], c.options as ParamsOf[typeof prim]);
      if (prim === "cummax" || prim === "cummin" || x.dtype === "int32") expectExact(r!, c.out!);
      else expectClose(r!, c.out!.data, x.dtype === "float32" ? { rtol: 1e-5, atol: 1e-5 } : { rtol: 1e-12, atol: 1e-12 });
    });
  }
  for (const c of fixture.cases.filter((c) => c.fn === "lax.sort")) {
    it(`sort of three operands with ${JSON.stringify(c.options)}`, () => {
      const args = c.inputs!.map((name) => decode(fixture.inputs[name]!));
      const outs = run("sort", args, c.options as ParamsOf["sort"]);
      outs.forEach((r, i) => expectExact(r, c.outs![i]!));
    });
  }
  for (const c of fixture.cases.filter((c) => c.fn === "topK")) {
    const x = decode(fixture.inputs[c.input!]!);
    it(`topK of ${x.dtype}[${x.shape}] with k=${String(c.options.k)}`, () => {
      const [v, i] = run("topK", [x], { k: c.options.k as number });
      expectExact(v!, c.outs![0]!);
      expectExact(i!, c.outs![1]!);
    });
  }
});

/** A plain nested-loop reduction, the reference for the grouped kernel. */
function referenceReduce(op: "sum" | "prod" | "max" | "min", x: NdArray, axes: number[]): number[] {
  const outShape = x.shape.filter((_, i) => !axes.includes(i));
  const outStrides = stridesOf(outShape);
  const init = { sum: 0, prod: 1, max: -Infinity, min: Infinity }[op];
  const out = new Array<number>(sizeOf(outShape)).fill(init);
  const strides = stridesOf(x.shape);
  for (let flat = 0; flat < x.size; flat++) {
    let o = 0;
    for (let a = 0, k = 0; a < x.ndim; a++) {
      const idx = Math.floor(flat / strides[a]!) % x.shape[a]!;
      if (!axes.includes(a)) o += idx * outStrides[k++]!;
    }
    const v = x.toTypedArray()[flat]!;
    out[o] = op === "sum" ? out[o]! + v : op === "prod" ? out[o]! * v : op === "max" ? Math.max(out[o]!, v) : Math.min(out[o]!, v);
  }
  return out;
}

function subsets(rank: number): number[][] {
  return Array.from({ length: 1 << rank }, (_, mask) => Array.from({ length: rank }, (_, i) => i).filter((i) => mask & (1 << i)));
}

describe("reductions over any set of axes", () => {
  const prims = { sum: "reduceSum", prod: "reduceProd", max: "reduceMax", min: "reduceMin" } as const;
  for (const shape of [[2, 3, 4, 5], [3, 1, 4], [1, 5, 1, 2], [6], []]) {
    // Small integers in float64 keep every order of summation exact, so results compare exactly.
    const n = sizeOf(shape);
    const x = arr(Array.from({ length: n }, (_, i) => ((i * 7) % 5) - 2 || 1), shape, "float64");
    for (const axes of subsets(shape.length)) {
      it(`agree with a nested-loop reference on [${shape}] over axes [${axes}]`, () => {
        for (const [op, prim] of Object.entries(prims) as [keyof typeof prims, (typeof prims)[keyof typeof prims]][]) {
          const [r] = run(prim, [x], { axes });
          expect(r!.shape).toEqual(shape.filter((_, i) => !axes.includes(i)));
          expect(values(r!), `${op} over [${axes}]`).toEqual(referenceReduce(op, x, axes));
        }
      });
    }
  }

  it("give the identity over an empty axis: sum 0, prod 1, max -inf or the dtype minimum, min +inf or the maximum", () => {
    const empty = (dtype: DType) => NdArray.fromBuffer(allocate(dtype, 0), [2, 0], dtype);
    expect(values(run("reduceSum", [empty("float32")], { axes: [1] })[0]!)).toEqual([0, 0]);
    expect(values(run("reduceProd", [empty("int32")], { axes: [1] })[0]!)).toEqual([1, 1]);
    expect(values(run("reduceMax", [empty("float64")], { axes: [1] })[0]!)).toEqual([-Infinity, -Infinity]);
    expect(values(run("reduceMin", [empty("float32")], { axes: [0, 1] })[0]!)).toEqual([Infinity]);
    expect(values(run("reduceMax", [empty("int32")], { axes: [1] })[0]!)).toEqual([-2147483648, -2147483648]);
    expect(values(run("reduceMin", [empty("int32")], { axes: [1] })[0]!)).toEqual([2147483647, 2147483647]);
    expect(values(run("reduceMin", [empty("uint32")], { axes: [1] })[0]!)).toEqual([4294967295, 4294967295]);
    expect(values(run("reduceMax", [empty("bool")], { axes: [1] })[0]!)).toEqual([0, 0]);
    expect(values(run("reduceMin", [empty("bool")], { axes: [1] })[0]!)).toEqual([1, 1]);
    expect(run("reduceSum", [empty("float32")], { axes: [0] })[0]!.shape).toEqual([0]);
  });

  it("accumulate float32 sums in float64, so the result is the correctly rounded sum", () => {
    // In float32 arithmetic 2^24 + 1 rounds back to 2^24 every time; in float64 the four ones survive.
    const x = arr([16777216, 1, 1, 1, 1]);
    expect(run("reduceSum", [x], { axes: [0] })[0]!.item()).toBe(16777220);
    const column = arr([16777216, 0, 1, 0, 1, 0, 1, 0, 1, 0], [5, 2]);
    expect(values(run("reduceSum", [column], { axes: [0] })[0]!)).toEqual([16777220, 0]);
    const ones = arr(new Array<number>(100_000).fill(0.1));
    expect(run("reduceSum", [ones], { axes: [0] })[0]!.item()).toBe(Math.fround(100_000 * Math.fround(0.1)));
  });

  it("wrap integer sums and products at 32 bits", () => {
    expect(run("reduceSum", [arr([2147483647, 1], [2], "int32")], { axes: [0] })[0]!.item()).toBe(-2147483648);
    expect(run("reduceSum", [arr([4294967295, 2], [2], "uint32")], { axes: [0] })[0]!.item()).toBe(1);
    expect(run("reduceProd", [arr([46341, 46341], [2], "int32")], { axes: [0] })[0]!.item()).toBe(Math.imul(46341, 46341));
    expect(run("reduceProd", [arr([65536, 65536], [2], "uint32")], { axes: [0] })[0]!.item()).toBe(0);
    const columns = arr([2147483647, 2147483647, 1, 1], [2, 2], "int32");
    expect(values(run("reduceSum", [columns], { axes: [0] })[0]!)).toEqual([-2147483648, -2147483648]);
  });

  it("propagate NaN through max and min, and read bools as any/all", () => {
    const x = arr([1, NaN, 3, 2, 0, -1], [2, 3]);
    expect(values(run("reduceMax", [x], { axes: [1] })[0]!)).toEqual([NaN, 2]);
    expect(values(run("reduceMin", [x], { axes: [0] })[0]!)).toEqual([1, NaN, -1]);
    const b = arr([1, 0, 0, 0, 1, 1], [2, 3], "bool");
    expect(values(run("reduceMax", [b], { axes: [1] })[0]!)).toEqual([1, 1]);
    expect(values(run("reduceMin", [b], { axes: [1] })[0]!)).toEqual([0, 0]);
    expect(values(run("reduceMin", [b], { axes: [0] })[0]!)).toEqual([0, 0, 0]);
    expect(run("reduceMax", [b], { axes: [] })[0]!.dtype).toBe("bool");
  });

  it("order -0 below +0 in max and min, as XLA does", () => {
    expect(Object.is(run("reduceMin", [arr([0, -0])], { axes: [0] })[0]!.item(), -0)).toBe(true);
    expect(Object.is(run("reduceMax", [arr([-0, 0])], { axes: [0] })[0]!.item(), 0)).toBe(true);
    expect(Object.is(run("reduceMax", [arr([-0, 0], [2, 1])], { axes: [0] })[0]!.item(), 0)).toBe(true);
  });
});

describe("argmax and argmin", () => {
  it("return the first extremal index as int32, with NaN counting as the extremum", () => {
    const x = arr([3, 7, 7, 1, 1, NaN, 2, NaN, -Infinity, -Infinity, -Infinity, -Infinity], [3, 4]);
    const [max] = run("argmax", [x], { axis: 1, indexDtype: "int32" });
    expect(max!.dtype).toBe("int32");
    expect(values(max!)).toEqual([1, 1, 0]);
    expect(values(run("argmin", [x], { axis: 1, indexDtype: "int32" })[0]!)).toEqual([3, 1, 0]);
    expect(values(run("argmax", [x], { axis: 0, indexDtype: "int32" })[0]!)).toEqual([0, 1, 0, 1]);
    expect(values(run("argmin", [x], { axis: 0, indexDtype: "int32" })[0]!)).toEqual([2, 1, 2, 1]);
  });
  it("work on bools and integers", () => {
    expect(run("argmax", [arr([0, 0, 1, 1], [4], "bool")], { axis: 0, indexDtype: "int32" })[0]!.item()).toBe(2);
    expect(run("argmin", [arr([5, -2147483648, -2147483648], [3], "int32")], { axis: 0, indexDtype: "int32" })[0]!.item()).toBe(1);
  });
});

describe("cumulative scans", () => {
  it("cumsum and cumprod run forward or in reverse along the axis", () => {
    const x = arr([1, 2, 3, 4, 5, 6], [2, 3]);
    expect(values(run("cumsum", [x], { axis: 1, reverse: false })[0]!)).toEqual([1, 3, 6, 4, 9, 15]);
    expect(values(run("cumsum", [x], { axis: 1, reverse: true })[0]!)).toEqual([6, 5, 3, 15, 11, 6]);
    expect(values(run("cumsum", [x], { axis: 0, reverse: false })[0]!)).toEqual([1, 2, 3, 5, 7, 9]);
    expect(values(run("cumprod", [x], { axis: 0, reverse: true })[0]!)).toEqual([4, 10, 18, 4, 5, 6]);
  });
  it("cummax and cummin carry the running extremum, NaN sticking once seen", () => {
    const x = arr([2, 1, 3, NaN, 0]);
    expect(values(run("cummax", [x], { axis: 0, reverse: false })[0]!)).toEqual([2, 2, 3, NaN, NaN]);
    expect(values(run("cummin", [x], { axis: 0, reverse: false })[0]!)).toEqual([2, 1, 1, NaN, NaN]);
    expect(values(run("cummin", [x], { axis: 0, reverse: true })[0]!)).toEqual([NaN, NaN, NaN, NaN, 0]);
    expect(values(run("cummax", [arr([0, 1, 0], [3], "bool")], { axis: 0, reverse: false })[0]!)).toEqual([0, 1, 1]);
  });
  it("integer scans wrap at 32 bits and float32 scans accumulate in float64", () => {
    expect(values(run("cumsum", [arr([2147483647, 1, 1], [3], "int32")], { axis: 0, reverse: false })[0]!)).toEqual([
      2147483647, -2147483648, -2147483647,
    ]);
    expect(values(run("cumsum", [arr([16777216, 1, 1], [3])], { axis: 0, reverse: false })[0]!)).toEqual([16777216, 16777216, 16777218]);
  });
});

describe("sort", () => {
  it("orders numbers ascending with NaN last", () => {
    const x = arr([3, NaN, -Infinity, 1, -0, 0, -0, 1]);
    const [sorted] = run("sort", [x], { axis: 0, numKeys: 1, descending: false });
    // `+ 0` turns -0 into +0: the order of signed zeros among themselves is not specified.
    expect(values(sorted!).map((v) => v + 0)).toEqual([-Infinity, 0, 0, 0, 1, 1, 3, NaN]);
    const [descending] = run("sort", [x], { axis: 0, numKeys: 1, descending: true });
    expect(values(descending!).map((v) => v + 0)).toEqual([NaN, 3, 1, 1, 0, 0, 0, -Infinity]);
  });
  it("treats -0 and +0 as equal keys, so a stable sort keeps them in input order", () => {
    const keys = arr([0, -0, 1, 0, -0]);
    const tags = arr([0, 1, 2, 3, 4], [5], "int32");
    expect(values(run("sort", [keys, tags], { axis: 0, numKeys: 1, descending: false })[1]!)).toEqual([0, 1, 3, 4, 2]);
  });
  it("descending is the exact mirror (NaN first) and still keeps ties in input order", () => {
    const keys = arr([1, 3, NaN, 3, 1]);
    const tags = arr([0, 1, 2, 3, 4], [5], "int32");
    const [k, t] = run("sort", [keys, tags], { axis: 0, numKeys: 1, descending: true });
    expect(values(k!)).toEqual([NaN, 3, 3, 1, 1]);
    expect(values(t!)).toEqual([2, 1, 3, 0, 4]);
  });
  it("sorts several operands lexicographically by the first numKeys and permutes the rest alike", () => {
    const primary = arr([2, 1, 2, 1, 2], [5], "int32");
    const secondary = arr([5, 9, 1, 9, 3], [5], "float64");
    const payload = arr([0, 1, 2, 3, 4], [5], "int32");
    const [a, b, c] = run("sort", [primary, secondary, payload], { axis: 0, numKeys: 2, descending: false });
    expect(values(a!)).toEqual([1, 1, 2, 2, 2]);
    expect(values(b!)).toEqual([9, 9, 1, 3, 5]);
    expect(values(c!)).toEqual([1, 3, 2, 4, 0]);
    const [, , byFirst] = run("sort", [primary, secondary, payload], { axis: 0, numKeys: 1, descending: false });
    expect(values(byFirst!)).toEqual([1, 3, 0, 2, 4]);
  });
  it("sorts along an inner axis of a 3-d array", () => {
    const x = arr([5, 0, 4, 1, 3, 2, 9, 6, 8, 7, 6, 6], [2, 3, 2]);
    expect(values(run("sort", [x], { axis: 1, numKeys: 1, descending: false })[0]!)).toEqual([3, 0, 4, 1, 5, 2, 6, 6, 8, 6, 9, 7]);
  });
  it("agrees with TypedArray sort on long random input, and its permutation is stable", () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const data = Array.from({ length: 5000 }, () => (random() < 0.02 ? NaN : Math.round(random() * 200) / 8));
    const x = arr(data, [data.length], "float64");
    const iota = arr(data.map((_, i) => i), [data.length], "int32");
    const [sorted, perm] = run("sort", [x, iota], { axis: 0, numKeys: 1, descending: false });
    expect(values(sorted!)).toEqual(Array.from(Float64Array.from(data).sort()));
    const p = values(perm!);
    for (let i = 1; i < p.length; i++) {
      if (Object.is(sorted!.toTypedArray()[i], sorted!.toTypedArray()[i - 1])) expect(p[i]!).toBeGreaterThan(p[i - 1]!);
    }
    // Descending: NaNs first, then values falling, equal values still in input order.
    const [, down] = run("sort", [x, iota], { axis: 0, numKeys: 1, descending: true });
    const rank = (j: number) => (Number.isNaN(data[j]!) ? Infinity : data[j]!);
    const expected = data.map((_, j) => j).sort((a, b) => rank(b) - rank(a) || a - b);
    expect(values(down!)).toEqual(expected);
  });
  it("sorts long lines by two keys like a stable lexicographic comparator", () => {
    const n = 1000;
    const first = Array.from({ length: n }, (_, j) => ((j * 7919) % 13 === 0 ? NaN : (j * 7919) % 5));
    const second = Array.from({ length: n }, (_, j) => (j * 104729) % 17);
    const rank = (v: number) => (Number.isNaN(v) ? Infinity : v);
    for (const descending of [false, true]) {
      const sign = descending ? -1 : 1;
      const expected = first
        .map((_, j) => j)
        .sort((a, b) => sign * (rank(first[a]!) - rank(first[b]!)) || sign * (second[a]! - second[b]!) || a - b);
      const args = [arr(first, [n], "float32"), arr(second, [n], "int32"), arr(first.map((_, j) => j), [n], "int32")];
      const [, , tags] = run("sort", args, { axis: 0, numKeys: 2, descending });
      expect(values(tags!)).toEqual(expected);
    }
  });
});

describe("topK", () => {
  it("returns the k largest descending, NaN largest, ties at the lower index first", () => {
    const x = arr([1, 5, NaN, 5, 3, 1, 0, 0, 0, 0], [2, 5]);
    const [v, i] = run("topK", [x], { k: 3 });
    expect(v!.shape).toEqual([2, 3]);
    expect(values(v!)).toEqual([NaN, 5, 5, 1, 0, 0]);
    expect(values(i!)).toEqual([2, 1, 3, 0, 1, 2]);
    expect(i!.dtype).toBe("int32");
  });
  it("gives the same answer for small k (heap) and large k (full sort)", () => {
    const data = Array.from({ length: 64 }, (_, j) => ((j * 37) % 17) - 8);
    const x = arr(data, [2, 32], "int32");
    const [small, smallIndex] = run("topK", [x], { k: 8 });
    const [large, largeIndex] = run("topK", [x], { k: 9 });
    for (let r = 0; r < 2; r++) {
      expect(values(small!).slice(r * 8, r * 8 + 8)).toEqual(values(large!).slice(r * 9, r * 9 + 8));
      expect(values(smallIndex!).slice(r * 8, r * 8 + 8)).toEqual(values(largeIndex!).slice(r * 9, r * 9 + 8));
    }
  });
  it("agrees with a stable descending sort of each row for every k", () => {
    const n = 40;
    const data = Array.from({ length: 3 * n }, (_, j) => (j % 11 === 5 ? NaN : ((j * 29) % 13) - 6));
    const x = arr(data, [3, n], "float64");
    for (let k = 0; k <= n; k++) {
      const [v, i] = run("topK", [x], { k });
      for (let r = 0; r < 3; r++) {
        const row = data.slice(r * n, r * n + n);
        const rank = (a: number) => (Number.isNaN(row[a]!) ? Infinity : row[a]!);
        const order = row.map((_, j) => j).sort((a, b) => (Number.isNaN(row[b]!) && Number.isNaN(row[a]!) ? 0 : rank(b) - rank(a)) || a - b);
        expect(values(i!).slice(r * k, r * k + k), `k=${k} row ${r}`).toEqual(order.slice(0, k));
        expect(values(v!).slice(r * k, r * k + k)).toEqual(order.slice(0, k).map((j) => row[j]!));
      }
    }
  });
  it("handles k = 0 and k = n", () => {
    const x = arr([2, 1, 3], [1, 3]);
    expect(run("topK", [x], { k: 0 })[0]!.shape).toEqual([1, 0]);
    expect(values(run("topK", [x], { k: 3 })[1]!)).toEqual([2, 0, 1]);
  });
});

describe("fusion kinds", () => {
  it("reductions are 'reduce'; scans, sorts and topK are 'opaque'", () => {
    for (const p of ["reduceSum", "reduceMax", "reduceMin", "reduceProd", "argmax", "argmin"] as const) expect(reduceRules[p].fusion).toBe("reduce");
    for (const p of ["cumsum", "cumprod", "cummax", "cummin", "sort", "topK"] as const) expect(reduceRules[p].fusion).toBe("opaque");
  });
});

describe("bad input is rejected with the op name, the operand and what was expected", () => {
  const x = arr([1, 2, 3, 4, 5, 6], [2, 3]);
  it("reductions: axes out of range, unsorted or repeated; bools for sum/prod; arity", () => {
    expect(() => run("reduceSum", [x], { axes: [2] })).toThrow(/reduceSum.*f32\[2,3\].*sorted distinct/);
    expect(() => run("reduceMax", [x], { axes: [1, 0] })).toThrow(/reduceMax.*\[1, 0\].*f32\[2,3\]/);
    expect(() => run("reduceMin", [x], { axes: [1, 1] })).toThrow(/reduceMin.*f32\[2,3\]/);
    expect(() => run("reduceProd", [x], { axes: [-1] })).toThrow(/reduceProd.*f32\[2,3\]/);
    expect(() => run("reduceSum", [arr([1, 0], [2], "bool")], { axes: [0] })).toThrow(/reduceSum.*bool\[2\].*int32/);
    expect(() => run("reduceSum", [x, x], { axes: [0] })).toThrow(/reduceSum.*expected 1 operand.*f32\[2,3\]/);
  });
  it("argmax/argmin: an empty axis or an axis out of range", () => {
    const empty = NdArray.fromBuffer(new Float32Array(0), [3, 0], "float32");
    expect(() => run("argmax", [empty], { axis: 1, indexDtype: "int32" })).toThrow(/argmax.*empty axis.*f32\[3,0\]/);
    expect(() => run("argmin", [x], { axis: 2, indexDtype: "int32" })).toThrow(/argmin.*axis 2.*f32\[2,3\]/);
  });
  it("scans: an axis out of range (cumsum, cummin), a rank-0 cummax, a bool cumprod, two operands", () => {
    expect(() => run("cumsum", [x], { axis: -1, reverse: false })).toThrow(/cumsum.*axis -1.*f32\[2,3\]/);
    expect(() => run("cummin", [x], { axis: 2, reverse: false })).toThrow(/cummin.*axis 2.*f32\[2,3\]/);
    expect(() => run("cummin", [arr([1, 0], [2], "bool"), arr([1, 0], [2], "bool")], { axis: 0, reverse: false })).toThrow(/cummin.*expected 1 operand/);
    expect(() => run("cummax", [arr([1], [], "float32")], { axis: 0, reverse: false })).toThrow(/cummax.*f32\[\].*rank-0/);
    expect(() => run("cumprod", [arr([1, 0], [2], "bool")], { axis: 0, reverse: false })).toThrow(/cumprod.*bool\[2\]/);
  });
  it("sort: operands of different shapes, bad numKeys, bad axis", () => {
    const y = arr([1, 2, 3], [3]);
    expect(() => run("sort", [x, y], { axis: 0, numKeys: 1, descending: false })).toThrow(/sort.*one shape.*f32\[2,3\], f32\[3\]/);
    expect(() => run("sort", [x], { axis: 0, numKeys: 2, descending: false })).toThrow(/sort.*numKeys 2.*f32\[2,3\]/);
    expect(() => run("sort", [x], { axis: 2, numKeys: 1, descending: false })).toThrow(/sort.*axis 2.*f32\[2,3\]/);
    expect(() => run("sort", [], { axis: 0, numKeys: 1, descending: false })).toThrow(/sort.*at least 1 operand/);
  });
  it("topK: k larger than the last axis, or a rank-0 operand", () => {
    expect(() => run("topK", [x], { k: 4 })).toThrow(/topK.*k 4.*f32\[2,3\].*\[0, 3\]/);
    expect(() => run("topK", [arr([1], [])], { k: 1 })).toThrow(/topK.*rank >= 1.*f32\[\]/);
  });
});

describe("inputs are never written", () => {
  it("by any reduce primitive, including ones that throw", () => {
    const x = arr([3, NaN, 1, 2, 2, -1], [2, 3]);
    const before = x.toTypedArray();
    run("reduceSum", [x], { axes: [0, 1] });
    run("argmin", [x], { axis: 1, indexDtype: "int32" });
    run("cumprod", [x], { axis: 0, reverse: true });
    run("sort", [x], { axis: 1, numKeys: 1, descending: false });
    run("topK", [x], { k: 2 });
    expect(() => run("topK", [x], { k: 9 })).toThrow();
    expect(x.toTypedArray()).toEqual(before);
  });
});
