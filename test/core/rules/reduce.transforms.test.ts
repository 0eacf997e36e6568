/**
 * Transform rules of the reduce family, called directly: jvp against central finite differences
 * in float64 plus exact checks of the tie/NaN/zero conventions, vmap against stacking the eager
 * op over slices for every batch-axis placement, transpose by the dot-product test.
 */
import { describe, expect, it } from "vitest";
import { allocate, type DType } from "../../../core/dtype.js";
import { bind1 } from "../../../core/interpreter.js";
import { evaluate } from "../../../core/eager.js";
import { NdArray, type ArrayValue } from "../../../core/ndarray.js";
import type { ParamsOf, ReducePrim } from "../../../core/primitives.js";
import { takeAlongAxis } from "../../../core/rules/indexing-helpers.js";
import { reduceRules } from "../../../core/rules/reduce.js";
import { LinearArg, Zero, type BatchDim, type Rule, type Tangent } from "../../../core/rules/rule.js";
import { sizeOf } from "../../../core/shape.js";
import * as np from "../../../core/numpy/index.js";
import { grad, jvp, vjp, vmap } from "../../../transforms/index.js";
import { jaxprTransforms } from "../../../transforms/jaxpr-transforms.js";
import { expectClose } from "../../helpers.js";
import { randomStream } from "../../../laws/programs.js";

// ---------------------------------------------------------------------------------------------
// helpers

function arr(values: readonly number[], shape: readonly number[] = [values.length], dtype: DType = "float64"): NdArray {
  const data = allocate(dtype, values.length);
  values.forEach((v, i) => (data[i] = v));
  return NdArray.fromBuffer(data, shape, dtype);
}


const random = randomStream(20240601);

/** Uniform values in [lo, hi). */
function uniform(shape: readonly number[], lo = -1, hi = 1, dtype: DType = "float64"): NdArray {
  return arr(Array.from({ length: sizeOf(shape) }, () => lo + (hi - lo) * random()), shape, dtype);
}

/** Well-separated distinct values (a shuffled 0..n-1 plus a little noise): no ties, no kinks nearby. */
function distinct(shape: readonly number[], dtype: DType = "float64"): NdArray {
  const n = sizeOf(shape);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return arr(order.map((v) => v - n / 2 + 0.25 * random()), shape, dtype);
}

function nd(x: ArrayValue | Tangent | null | undefined): NdArray {
  if (!(x instanceof NdArray)) throw new Error(`expected a concrete array, got ${String(x)}`);
  return x;
}

function vals(x: ArrayValue | Tangent | null | undefined): number[] {
  return Array.from(nd(x).toTypedArray());
}

/** The rules of `prim` (indexing the table with a generic key gives a union TypeScript cannot call). */
function ruleOf<P extends ReducePrim>(prim: P): Rule<P> {
  return reduceRules[prim] as unknown as Rule<P>;
}

function run<P extends ReducePrim>(prim: P, args: readonly NdArray[], params: ParamsOf[P]): NdArray[] {
  return evaluate(prim, args, params);
}

/** x + s * t, elementwise (float64). */
function axpy(x: NdArray, s: number, t: NdArray): NdArray {
  return arr(Array.from(x.toTypedArray(), (v, i) => v + s * t.toTypedArray()[i]!), x.shape, x.dtype);
}

/** Central differences of output `out` of `prim` along tangent directions `ts` (null = operand held fixed). */
function finiteDiff<P extends ReducePrim>(prim: P, xs: readonly NdArray[], ts: readonly (NdArray | null)[], params: ParamsOf[P], out = 0): number[] {
  const h = 1e-6;
  const plus = run(prim, xs.map((x, i) => (ts[i] ? axpy(x, h, ts[i]!) : x)), params)[out]!;
  const minus = run(prim, xs.map((x, i) => (ts[i] ? axpy(x, -h, ts[i]!) : x)), params)[out]!;
  return Array.from(plus.toTypedArray(), (p, i) => (p - minus.toTypedArray()[i]!) / (2 * h));
}

/** Runs a jvp rule; checks primal outputs equal the eager op's and returns the tangents. */
function jvpOf<P extends ReducePrim>(prim: P, xs: readonly NdArray[], ts: readonly Tangent[], params: ParamsOf[P]): Tangent[] {
  const rule = ruleOf(prim);
  const [outs, tangents] = rule.jvp(xs, ts, params, jaxprTransforms);
  const eager = run(prim, xs, params);
  expect(outs.length).toBe(eager.length);
  outs.forEach((o, i) => {
    expect(nd(o).shape).toEqual(eager[i]!.shape);
    expect(nd(o).dtype).toBe(eager[i]!.dtype);
    expect(vals(o)).toEqual(vals(eager[i]));
  });
  tangents.forEach((t, i) => {
    const shape = t instanceof Zero ? t.aval.shape : nd(t).shape;
    const dtype = t instanceof Zero ? t.aval.dtype : nd(t).dtype;
    expect(shape, `tangent ${i} shape`).toEqual(eager[i]!.shape);
    expect(dtype, `tangent ${i} dtype`).toBe(eager[i]!.dtype);
  });
  return tangents;
}

/** The jvp tangent of output `out` equals central finite differences (float64). */
function checkJvp<P extends ReducePrim>(prim: P, xs: readonly NdArray[], params: ParamsOf[P], out = 0, tol = 1e-6): void {
  const ts = xs.map((x) => (x.dtype === "float64" ? uniform(x.shape) : null));
  const tangents = jvpOf(prim, xs, ts.map((t, i) => t ?? new Zero({ shape: xs[i]!.shape, dtype: xs[i]!.dtype })), params);
  const fd = finiteDiff(prim, xs, ts, params, out);
  expectClose(vals(tangents[out]), fd, { rtol: tol, atol: tol });
}

/** Slice `b` of `x` along `axis` (the axis removed). */
function sliceAt(x: NdArray, axis: number, b: number): NdArray {
  return evaluate("gather", [x, arr([b], [], "int32")], { axis })[0]!;
}

/** `x` with axis `from` moved to `to`. */
function moveTo(x: NdArray, from: number, to: number): NdArray {
  const perm = Array.from({ length: x.ndim }, (_, i) => i).filter((i) => i !== from);
  perm.splice(to, 0, from);
  return evaluate("transpose", [x], { permutation: perm })[0]!;
}

/** Every assignment of a batch axis (or null) to each operand, at least one mapped. */
function dimChoices(ranks: readonly number[]): BatchDim[][] {
  let acc: BatchDim[][] = [[]];
  for (const r of ranks) {
    const opts: BatchDim[] = [null, ...Array.from({ length: r + 1 }, (_, i) => i)];
    acc = acc.flatMap((prefix) => opts.map((d) => [...prefix, d]));
  }
  return acc.filter((c) => c.some((d) => d !== null));
}

/**
 * vmap rule vs stacking: operands of unbatched `shapes` made by `make`, batched (size 3) at every
 * combination of axes, each result compared exactly with the eager op on each slice.
 */
function checkVmap<P extends ReducePrim>(prim: P, shapes: readonly (readonly number[])[], params: ParamsOf[P], make: (shape: number[]) => NdArray = (s) => distinct(s)): void {
  const size = 3;
  for (const dims of dimChoices(shapes.map((s) => s.length))) {
    const args = shapes.map((s, i) => {
      const d = dims[i];
      if (d === null || d === undefined) return make([...s]);
      const shape = [...s];
      shape.splice(d, 0, size);
      return make(shape);
    });
    const [outs, outDims] = ruleOf(prim).vmap(args, dims, params, size, jaxprTransforms);
    const front = outs.map((o, i) => {
      const d = outDims[i];
      expect(d, `output ${i} is mapped`).not.toBeNull();
      return moveTo(nd(o), d!, 0);
    });
    for (let b = 0; b < size; b++) {
      const slices = args.map((x, i) => (dims[i] === null ? x : sliceAt(x, dims[i]!, b)));
      const expected = run(prim, slices, params);
      expected.forEach((e, i) => {
        const got = sliceAt(front[i]!, 0, b);
        expect(got.shape, `${prim} dims ${JSON.stringify(dims)} output ${i}`).toEqual(e.shape);
        expect(got.dtype).toBe(e.dtype);
        expect(vals(got), `${prim} dims ${JSON.stringify(dims)} output ${i} batch ${b}`).toEqual(vals(e));
      });
    }
  }
}

function dot(a: NdArray, b: NdArray): number {
  return Array.from(a.toTypedArray()).reduce((s, v, i) => s + v * b.toTypedArray()[i]!, 0);
}

/** The dot-product test <ct, L v> = <L^T ct, v> for a one-operand linear primitive, plus the cotangent's aval. */
function checkTranspose<P extends "reduceSum" | "cumsum">(prim: P, shape: readonly number[], params: ParamsOf[P], dtype: DType = "float64"): void {
  const v = uniform(shape, -1, 1, dtype);
  const lv = run(prim, [v], params)[0]!;
  const ct = uniform(lv.shape, -1, 1, dtype);
  const transpose = ruleOf(prim).transpose!;
  const [back] = transpose([ct], [new LinearArg({ shape, dtype })], params, jaxprTransforms);
  expect(nd(back).shape).toEqual(shape);
  expect(nd(back).dtype).toBe(dtype);
  const tol = dtype === "float64" ? 1e-12 : 1e-5;
  expect(Math.abs(dot(ct, lv) - dot(nd(back), v))).toBeLessThanOrEqual(tol * (1 + Math.abs(dot(ct, lv))));
  const [zero] = transpose([new Zero({ shape: lv.shape, dtype })], [new LinearArg({ shape, dtype })], params, jaxprTransforms);
  expect(zero).toBeInstanceOf(Zero);
  expect((zero as Zero).aval).toEqual({ shape, dtype });
}

const zeroOf = (x: NdArray): Zero => new Zero({ shape: x.shape, dtype: x.dtype });

const reductionCases: [number[], number[]][] = [
  [[3, 4], [0]],
  [[3, 4], [1]],
  [[3, 4], [0, 1]],
  [[3, 4], []],
  [[2, 3, 4], [0, 2]],
  [[2, 3, 4], [1]],
  [[5], [0]],
  [[], []],
];

// ---------------------------------------------------------------------------------------------
// reductions

describe("reduceSum rules", () => {
  for (const [shape, axes] of reductionCases) {
    it(`jvp matches finite differences on [${shape}] over [${axes}]`, () => checkJvp("reduceSum", [uniform(shape)], { axes }));
    it(`transpose passes the dot-product test on [${shape}] over [${axes}]`, () => {
      checkTranspose("reduceSum", shape, { axes });
      checkTranspose("reduceSum", shape, { axes }, "float32");
    });
  }
  it("vmap keeps the batch axis out of the reduction", () => {
    checkVmap("reduceSum", [[3, 4]], { axes: [0] });
    checkVmap("reduceSum", [[2, 3, 4]], { axes: [0, 2] });
    checkVmap("reduceSum", [[2, 3]], { axes: [] });
    checkVmap("reduceSum", [[]], { axes: [] });
  });
  it("integer operands get zero tangents", () => {
    const x = arr([1, 2, 3], [3], "int32");
    const [t] = jvpOf("reduceSum", [x], [zeroOf(x)], { axes: [0] });
    expect(t).toBeInstanceOf(Zero);
    expect((t as Zero).aval).toEqual({ shape: [], dtype: "int32" });
  });
  it("float32 tangents stay float32", () => {
    const x = uniform([2, 3], -1, 1, "float32");
    const [t] = jvpOf("reduceSum", [x], [uniform([2, 3], -1, 1, "float32")], { axes: [1] });
    expect(nd(t).dtype).toBe("float32");
  });
});

describe("reduceMax and reduceMin rules", () => {
  for (const prim of ["reduceMax", "reduceMin"] as const) {
    for (const [shape, axes] of reductionCases) {
      it(`${prim} jvp matches finite differences on [${shape}] over [${axes}]`, () => checkJvp(prim, [distinct(shape)], { axes }));
    }
    it(`${prim} vmap keeps the batch axis out of the reduction`, () => {
      checkVmap(prim, [[3, 4]], { axes: [1] });
      checkVmap(prim, [[2, 3, 4]], { axes: [0, 2] });
      checkVmap(prim, [[2, 3, 4]], { axes: [0, 1, 2] });
    });
  }
  it("split the tangent evenly among tied extremal elements, as JAX", () => {
    const t = arr([10, 20, 30, 40]);
    expect(vals(jvpOf("reduceMax", [arr([1, 3, 3, 2])], [t], { axes: [0] })[0])).toEqual([25]);
    expect(vals(jvpOf("reduceMin", [arr([2, 1, 3, 1])], [t], { axes: [0] })[0])).toEqual([30]);
    // Over several axes every tied element counts.
    const x = arr([3, 1, 5, 5, 0, 5], [2, 3]);
    const t2 = arr([1, 2, 3, 4, 5, 6], [2, 3]);
    expect(vals(jvpOf("reduceMax", [x], [t2], { axes: [0, 1] })[0])).toEqual([13 / 3]);
    expect(vals(jvpOf("reduceMax", [x], [t2], { axes: [0] })[0])).toEqual([4, 2, 4.5]);
    // Transposed order of the kept axis: reducing axis 0 of a [3,2] array.
    const y = arr([1, 7, 7, 7, 7, 2], [3, 2]);
    expect(vals(jvpOf("reduceMax", [y], [t2.reshape([3, 2]) as NdArray], { axes: [0] })[0])).toEqual([4, 3]);
  });
  it("give a NaN tangent where the result is NaN (it equals no element: 0/0), as JAX", () => {
    const t = arr([10, 20, 30, 40]);
    expect(vals(jvpOf("reduceMax", [arr([1, NaN, 5, NaN])], [t], { axes: [0] })[0])[0]).toBeNaN();
    expect(vals(jvpOf("reduceMin", [arr([1, 5, NaN, -1])], [t], { axes: [0] })[0])[0]).toBeNaN();
  });
  it("give zero tangents to integer and bool operands and over empty axes", () => {
    const i = arr([1, 5, 2], [3], "int32");
    expect(jvpOf("reduceMax", [i], [zeroOf(i)], { axes: [0] })[0]).toBeInstanceOf(Zero);
    const b = arr([1, 0, 1], [3], "bool");
    expect(jvpOf("reduceMin", [b], [zeroOf(b)], { axes: [0] })[0]).toBeInstanceOf(Zero);
    const e = arr([], [0, 3]);
    const [t] = jvpOf("reduceMax", [e], [arr([], [0, 3])], { axes: [0] });
    expect(t).toBeInstanceOf(Zero);
    expect((t as Zero).aval.shape).toEqual([3]);
  });
  it("pass a symbolic zero through", () => {
    const x = distinct([2, 3]);
    expect(jvpOf("reduceMax", [x], [zeroOf(x)], { axes: [1] })[0]).toBeInstanceOf(Zero);
  });
});

describe("reduceProd rules", () => {
  for (const [shape, axes] of [...reductionCases, [[7], [0]], [[3, 5], [1]], [[2, 3, 3], [1, 2]]] as [number[], number[]][]) {
    it(`jvp matches finite differences on [${shape}] over [${axes}]`, () => checkJvp("reduceProd", [uniform(shape, 0.5, 1.5)], { axes }));
  }
  it("jvp is exact through zeros (the product of the other factors)", () => {
    const reference = (x: number[], t: number[]) => x.reduce((s, _, j) => s + t[j]! * x.reduce((p, v, k) => (k === j ? p : p * v), 1), 0);
    for (const x of [[2, 0, 3], [0, 0, 3], [0, 4, 5, 6, 7], [1.5, -2, 0.5, 3, 0, 2, 1], [0], [4]]) {
      const t = x.map(() => random() - 0.5);
      const [dt] = jvpOf("reduceProd", [arr(x)], [arr(t)], { axes: [0] });
      expectClose(vals(dt), [reference(x, t)], { rtol: 1e-14, atol: 1e-14 });
    }
  });
  it("over an empty axis the tangent is zero; integer products have zero tangents", () => {
    expect(jvpOf("reduceProd", [arr([], [2, 0])], [arr([], [2, 0])], { axes: [1] })[0]).toBeInstanceOf(Zero);
    const i = arr([2, 3], [2], "int32");
    expect(jvpOf("reduceProd", [i], [zeroOf(i)], { axes: [0] })[0]).toBeInstanceOf(Zero);
  });
  it("vmap keeps the batch axis out of the reduction", () => {
    checkVmap("reduceProd", [[3, 4]], { axes: [1] });
    checkVmap("reduceProd", [[2, 3, 2]], { axes: [0, 2] });
  });
});

describe("argmax and argmin rules", () => {
  for (const prim of ["argmax", "argmin"] as const) {
    it(`${prim} has a zero int32 tangent`, () => {
      const x = distinct([3, 4]);
      const [t] = jvpOf(prim, [x], [uniform([3, 4])], { axis: 1, indexDtype: "int32" });
      expect(t).toBeInstanceOf(Zero);
      expect((t as Zero).aval).toEqual({ shape: [3], dtype: "int32" });
    });
    it(`${prim} vmap keeps the batch axis out of the search`, () => {
      checkVmap(prim, [[3, 4]], { axis: 0, indexDtype: "int32" });
      checkVmap(prim, [[3, 4]], { axis: 1, indexDtype: "int32" });
      checkVmap(prim, [[2, 3, 4]], { axis: 1, indexDtype: "int32" });
    });
  }
});

// ---------------------------------------------------------------------------------------------
// scans

const scanCases: [number[], number][] = [
  [[5], 0],
  [[3, 4], 0],
  [[3, 4], 1],
  [[2, 9, 2], 1],
  [[1], 0],
];

describe("cumsum rules", () => {
  for (const [shape, axis] of scanCases) {
    for (const reverse of [false, true]) {
      it(`jvp and transpose on [${shape}] axis ${axis}${reverse ? " reversed" : ""}`, () => {
        checkJvp("cumsum", [uniform(shape)], { axis, reverse });
        checkTranspose("cumsum", shape, { axis, reverse });
        checkTranspose("cumsum", shape, { axis, reverse }, "float32");
      });
    }
  }
  it("vmap keeps the batch axis out of the scan", () => {
    checkVmap("cumsum", [[3, 4]], { axis: 1, reverse: false });
    checkVmap("cumsum", [[2, 3, 4]], { axis: 1, reverse: true });
  });
  it("integer scans have zero tangents", () => {
    const x = arr([1, 2], [2], "int32");
    expect(jvpOf("cumsum", [x], [zeroOf(x)], { axis: 0, reverse: false })[0]).toBeInstanceOf(Zero);
  });
});

describe("cumprod rules", () => {
  for (const [shape, axis] of [...scanCases, [[17], 0], [[8, 3], 0]] as [number[], number][]) {
    for (const reverse of [false, true]) {
      it(`jvp matches finite differences on [${shape}] axis ${axis}${reverse ? " reversed" : ""}`, () =>
        checkJvp("cumprod", [uniform(shape, 0.5, 1.5)], { axis, reverse }));
    }
  }
  it("jvp is exact through zeros", () => {
    const reference = (x: number[], t: number[], reverse: boolean) =>
      x.map((_, i) => {
        const lo = reverse ? i : 0;
        const hi = reverse ? x.length - 1 : i;
        let s = 0;
        for (let j = lo; j <= hi; j++) {
          let p = t[j]!;
          for (let k = lo; k <= hi; k++) if (k !== j) p *= x[k]!;
          s += p;
        }
        return s;
      });
    for (const x of [[2, 0, 3, 4], [0, 0, 3, 1, 2], [1.5, -2, 0, 3, 0.5, 2, 1], [0]]) {
      for (const reverse of [false, true]) {
        const t = x.map(() => random() - 0.5);
        const [dt] = jvpOf("cumprod", [arr(x)], [arr(t)], { axis: 0, reverse });
        expectClose(vals(dt), reference(x, t, reverse), { rtol: 1e-14, atol: 1e-14 });
      }
    }
  });
  it("vmap keeps the batch axis out of the scan", () => {
    checkVmap("cumprod", [[3, 4]], { axis: 1, reverse: false }, (s) => uniform(s, 0.5, 1.5));
    checkVmap("cumprod", [[2, 3]], { axis: 0, reverse: true }, (s) => uniform(s, 0.5, 1.5));
  });
});

describe("cummax and cummin rules", () => {
  for (const prim of ["cummax", "cummin"] as const) {
    for (const [shape, axis] of scanCases) {
      for (const reverse of [false, true]) {
        it(`${prim} jvp matches finite differences on [${shape}] axis ${axis}${reverse ? " reversed" : ""}`, () =>
          checkJvp(prim, [distinct(shape)], { axis, reverse }));
      }
    }
    it(`${prim} vmap keeps the batch axis out of the scan`, () => {
      checkVmap(prim, [[3, 4]], { axis: 1, reverse: false });
      checkVmap(prim, [[2, 3, 4]], { axis: 0, reverse: true });
    });
  }
  it("differentiate JAX's associative scan of max/min: ties split in halves at each combining step (values from JAX 0.10.2)", () => {
    const t = arr([10, 20, 30, 40, 50]);
    const jv = (prim: "cummax" | "cummin", x: number[], reverse: boolean) => vals(jvpOf(prim, [arr(x)], [arr(vals(t).slice(0, x.length))], { axis: 0, reverse })[0]);
    expect(jv("cummax", [1, 3, 3, 2, 3], false)).toEqual([10, 20, 25, 25, 37.5]);
    expect(jv("cummax", [1, 3, 3, 2, 3], true)).toEqual([37.5, 37.5, 40, 50, 50]);
    expect(jv("cummin", [3, 1, 1, 2, 1], false)).toEqual([10, 20, 25, 25, 37.5]);
    expect(jv("cummin", [3, 1, 1, 2, 1], true)).toEqual([37.5, 37.5, 40, 50, 50]);
    expect(jv("cummax", [-Infinity, -Infinity, 1, 1, 0], false)).toEqual([10, 15, 30, 35, 35]);
    expect(jv("cummin", [Infinity, Infinity, 1, 1, 0], true)).toEqual([50, 50, 50, 50, 50]);
    // A NaN result equals neither operand of a combination, so no tangent passes through it.
    expect(jv("cummax", [1, NaN, 5, NaN, 7], false)).toEqual([10, 0, 0, 0, 0]);
    expect(jv("cummax", [1, NaN, 5, NaN, 7], true)).toEqual([0, 0, 0, 0, 50]);
    expect(jv("cummin", [NaN, 1, 0], false)).toEqual([10, 0, 0]);
  });
  it("without ties, agree with reduceMax/reduceMin of each prefix and suffix", () => {
    const x = arr(Array.from({ length: 24 }, (_, i) => ((i * 7) % 24) + random()), [3, 8]);
    const t = uniform([3, 8]);
    for (const [scan, reduce] of [["cummax", "reduceMax"], ["cummin", "reduceMin"]] as const) {
      for (const reverse of [false, true]) {
        const got = vals(jvpOf(scan, [x], [t], { axis: 1, reverse })[0]);
        for (let r = 0; r < 3; r++) {
          for (let i = 0; i < 8; i++) {
            const lo = reverse ? i : 0;
            const hi = reverse ? 8 : i + 1;
            const xs = Array.from(x.toTypedArray().subarray(r * 8 + lo, r * 8 + hi));
            const ts = Array.from(t.toTypedArray().subarray(r * 8 + lo, r * 8 + hi));
            const [want] = jvpOf(reduce, [arr(xs)], [arr(ts)], { axes: [0] });
            expect(got[r * 8 + i], `${scan} reverse=${reverse} row ${r} position ${i}`).toBe(vals(want)[0]);
          }
        }
      }
    }
  });
  it("integer and bool scans have zero tangents", () => {
    const x = arr([1, 0, 1], [3], "bool");
    expect(jvpOf("cummax", [x], [zeroOf(x)], { axis: 0, reverse: false })[0]).toBeInstanceOf(Zero);
  });
});

// ---------------------------------------------------------------------------------------------
// sort and topK

describe("sort rules", () => {
  for (const [shape, axis] of [[[6], 0], [[3, 4], 0], [[3, 4], 1], [[2, 3, 4], 1]] as [number[], number][]) {
    for (const descending of [false, true]) {
      it(`jvp matches finite differences on [${shape}] axis ${axis}${descending ? " descending" : ""}`, () => {
        checkJvp("sort", [distinct(shape)], { axis, numKeys: 1, descending });
        const two = [distinct(shape), uniform(shape)];
        checkJvp("sort", two, { axis, numKeys: 1, descending }, 1);
        checkJvp("sort", two, { axis, numKeys: 2, descending }, 0);
      });
    }
  }
  it("ties keep their order (stable), so tangents follow it", () => {
    const t = arr([10, 20, 30, 40]);
    expect(vals(jvpOf("sort", [arr([2, 1, 2, 1])], [t], { axis: 0, numKeys: 1, descending: false })[0])).toEqual([20, 40, 10, 30]);
    expect(vals(jvpOf("sort", [arr([2, 1, 2, NaN])], [t], { axis: 0, numKeys: 1, descending: true })[0])).toEqual([40, 10, 30, 20]);
  });
  it("integer keys permute float values' tangents; integer outputs get zeros", () => {
    const keys = arr([3, 1, 2], [3], "int32");
    const values = arr([0.5, 1.5, 2.5]);
    const tangents = jvpOf("sort", [keys, values], [zeroOf(keys), arr([1, 2, 3])], { axis: 0, numKeys: 1, descending: false });
    expect(tangents[0]).toBeInstanceOf(Zero);
    expect(vals(tangents[1])).toEqual([2, 3, 1]);
  });
  it("all-zero tangents stay symbolic", () => {
    const x = distinct([4]);
    expect(jvpOf("sort", [x], [zeroOf(x)], { axis: 0, numKeys: 1, descending: false })[0]).toBeInstanceOf(Zero);
  });
  it("vmap sorts each batch row on its own", () => {
    checkVmap("sort", [[4]], { axis: 0, numKeys: 1, descending: false });
    checkVmap("sort", [[3, 4]], { axis: 1, numKeys: 1, descending: true });
    // Two operands, every mapped/unmapped combination (an unmapped one is permuted per row).
    checkVmap("sort", [[2, 3], [2, 3]], { axis: 1, numKeys: 1, descending: false });
    checkVmap("sort", [[2, 3], [2, 3]], { axis: 0, numKeys: 2, descending: false }, (s) => arr(Array.from({ length: sizeOf(s) }, () => Math.floor(random() * 3)), s));
  });
});

describe("topK rules", () => {
  for (const [shape, k] of [[[6], 3], [[3, 5], 2], [[2, 3, 4], 4], [[4], 0]] as [number[], number][]) {
    it(`jvp matches finite differences on [${shape}] k=${k}`, () => {
      checkJvp("topK", [distinct(shape)], { k });
      const x = distinct(shape);
      const tangents = jvpOf("topK", [x], [uniform(shape)], { k });
      expect(tangents[1]).toBeInstanceOf(Zero);
      expect((tangents[1] as Zero).aval.dtype).toBe("int32");
    });
  }
  it("the values' tangent is the tangent at the returned indices, ties included", () => {
    const x = arr([1, 3, 3, 2, 3]);
    const t = arr([10, 20, 30, 40, 50]);
    const [, indices] = run("topK", [x], { k: 3 });
    const [dv] = jvpOf("topK", [x], [t], { k: 3 });
    expect(vals(dv)).toEqual(vals(indices).map((i) => t.toTypedArray()[i]!));
  });
  it("integer operands get zero tangents", () => {
    const x = arr([1, 3, 2], [3], "int32");
    expect(jvpOf("topK", [x], [zeroOf(x)], { k: 2 })[0]).toBeInstanceOf(Zero);
  });
  it("vmap keeps the batch axis off the last axis", () => {
    checkVmap("topK", [[5]], { k: 2 });
    checkVmap("topK", [[3, 4]], { k: 3 });
  });
});

describe("empty operands", () => {
  const cases: [ReducePrim, number[], object][] = [
    ["reduceMax", [0, 3], { axes: [1] }],
    ["reduceMin", [0, 3], { axes: [0] }],
    ["reduceProd", [0, 3], { axes: [1] }],
    ["reduceProd", [2, 0], { axes: [0] }],
    ["cummax", [0], { axis: 0, reverse: false }],
    ["cummin", [2, 0], { axis: 0, reverse: true }],
    ["cumprod", [0, 3], { axis: 0, reverse: false }],
    ["sort", [2, 0], { axis: 1, numKeys: 1, descending: false }],
    ["topK", [0, 3], { k: 2 }],
    ["topK", [3, 0], { k: 0 }],
  ];
  for (const [prim, shape, params] of cases) {
    it(`${prim} on [${shape}] gives tangents and batched results of the right avals`, () => {
      jvpOf(prim, [arr([], shape)], [arr([], shape)], params as ParamsOf[typeof prim]);
      const [outs, dims] = ruleOf(prim).vmap([arr([], [2, ...shape])], [0], params as ParamsOf[typeof prim], 2, jaxprTransforms);
      const eager = run(prim, [arr([], shape)], params as ParamsOf[typeof prim]);
      outs.forEach((o, i) => expect(moveTo(nd(o), dims[i]!, 0).shape).toEqual([2, ...eager[i]!.shape]));
    });
  }
});

describe("takeAlongAxis", () => {
  it("picks per-row positions along any axis", () => {
    const x = arr([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [3, 4]);
    expect(vals(takeAlongAxis(x, arr([3, 0, 1, 1, 2, 2], [3, 2], "int32"), 1))).toEqual([3, 0, 5, 5, 10, 10]);
    expect(vals(takeAlongAxis(x, arr([2, 0, 1, 0], [1, 4], "int32"), 0))).toEqual([8, 1, 6, 3]);
    const empty = takeAlongAxis(x, arr([], [3, 0], "int32"), 1);
    expect(nd(empty).shape).toEqual([3, 0]);
  });
  it("does not write its inputs", () => {
    const x = distinct([2, 3]);
    const before = vals(x);
    takeAlongAxis(x, arr([2, 1, 0, 0, 1, 2], [2, 3], "int32"), 1);
    expect(vals(x)).toEqual(before);
  });
});


// ---------------------------------------------------------------------------------------------
// through the public transforms (the rules traced again: grad of grad, vmap of grad, ...)

describe("reduce rules under the public transforms", () => {
  const f64 = (v: readonly number[] | readonly number[][]) => np.array(v as number[][], { dtype: "float64" });
  const g = (f: (x: ArrayValue) => ArrayValue) => grad(f) as (x: ArrayValue) => ArrayValue;

  it("grad of max splits the gradient among tied maximizers (as JAX); its second derivative is zero", () => {
    expect(vals(g((x) => np.max(x))(f64([1, 3, 3, 2])))).toEqual([0, 0.5, 0.5, 0]);
    expect(vals(g((x) => np.min(x, { axis: [0, 1] }))(f64([[2, 0], [0, 1]])))).toEqual([0, 0.5, 0.5, 0]);
    expect(vals(g((x) => np.sum(g((y) => np.max(y))(x)))(f64([1, 3, 2])))).toEqual([0, 0, 0]);
  });

  it("grad of grad of prod is the Hessian's row sums, exact through a zero", () => {
    for (const x of [[1.5, -2, 0.5, 3], [2, 0, 3], [0, 0, 4, 5]]) {
      const rowSums = x.map((_, i) => x.reduce((s, _, j) => (j === i ? s : s + x.reduce((p, v, k) => (k === i || k === j ? p : p * v), 1)), 0));
      expectClose(vals(g((v) => np.sum(g((y) => np.prod(y))(v)))(f64(x))), rowSums, { rtol: 1e-14, atol: 1e-14 });
    }
  });

  it("grad of cumprod and its second derivative match closed forms and finite differences", () => {
    const x = [0.7, 0, 1.3, -0.4, 1.1];
    // d/dx_i sum_k prod_{j<=k} x_j = sum_{k>=i} prod_{j<=k, j!=i} x_j
    const closed = x.map((_, i) => {
      let s = 0;
      for (let k = i; k < x.length; k++) s += x.slice(0, k + 1).reduce((p, v, j) => (j === i ? p : p * v), 1);
      return s;
    });
    const first = g((v) => np.sum(np.cumprod(v)));
    expectClose(vals(first(f64(x))), closed, { rtol: 1e-14, atol: 1e-14 });
    const second = vals(g((v) => np.sum(first(v)))(f64(x)));
    const h = 1e-6;
    const fd = x.map((_, i) => {
      const at = (d: number) => vals(first(f64(x.map((v, j) => (j === i ? v + d : v))))).reduce((a, b) => a + b, 0);
      return (at(h) - at(-h)) / (2 * h);
    });
    expectClose(second, fd, { rtol: 1e-6, atol: 1e-6 });
  });

  it("grad through sort, topK, cummax and cumsum", () => {
    const x = f64([1.5, -2, 0.5, 3]);
    const w = f64([1, 2, 3, 4]);
    // sorted = [-2, 0.5, 1.5, 3]: each weight goes back to where its value came from.
    expect(vals(g((v) => np.sum(np.multiply(np.sort(v), w)))(x))).toEqual([3, 1, 2, 4]);
    expect(vals(g((v) => np.sum(np.topK(v, 2)[0]))(x))).toEqual([1, 0, 0, 1]);
    expect(vals(g((v) => np.sum(bind1("cummax", [v], { axis: 0, reverse: false })))(x))).toEqual([3, 0, 0, 1]);
    const [, back] = vjp((v: ArrayValue) => bind1("cumsum", [v], { axis: 0, reverse: true }), x);
    expect(vals((back(w) as ArrayValue[])[0])).toEqual([1, 3, 6, 10]);
  });

  it("vmap of grad and grad of vmap give per-row results", () => {
    const xs = f64([[1, 5, 2], [7, 0, 3]]);
    expect(vals(vmap(g((v) => np.max(v)))(xs))).toEqual([0, 1, 0, 1, 0, 0]);
    expect(vals(vmap(g((v) => np.max(v)), { inAxes: 1 })(xs))).toEqual([0, 1, 1, 0, 0, 1]);
    expect(vals(vmap(g((v) => np.sum(np.cumprod(v))))(xs))).toEqual([16, 3, 5, 1, 28, 0]);
    expect(vals(g((v) => np.sum(vmap((r: ArrayValue) => np.prod(r))(v) as ArrayValue))(xs))).toEqual([10, 2, 5, 0, 21, 0]);
    const w = f64([1, 2, 3]);
    expect(vals(vmap(g((v) => np.sum(np.multiply(np.sort(v), w))))(xs))).toEqual([1, 3, 2, 3, 1, 2]);
  });

  it("jvp of cummin splits ties as JAX's associative scan does", () => {
    const [, t] = jvp((v: ArrayValue) => bind1("cummin", [v], { axis: 0, reverse: false }), [f64([3, 1, 1, 2])], [f64([10, 20, 30, 40])]);
    expect(vals(t as ArrayValue)).toEqual([10, 20, 25, 25]);
  });
});
