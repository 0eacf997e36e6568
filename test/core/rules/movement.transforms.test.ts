/**
 * Transform rules of the movement primitives, called directly: jvp against central finite
 * differences, vmap against stacking the eager op over slices (for every placement of every
 * operand's batch axis), and transpose by the dot-product test <ct, L v> = <L^T ct, v>.
 */
import { describe, expect, it } from "vitest";
import { allocate, isFloat, type DType } from "../../../core/dtype.js";
import { TesseraError } from "../../../core/errors.js";
import { evaluate } from "../../../core/eager.js";
import { NdArray, type ArrayValue } from "../../../core/ndarray.js";
import type { MovementPrim, ParamsOf } from "../../../core/primitives.js";
import { movementRules } from "../../../core/rules/movement.js";
import { LinearArg, Zero, type BatchDim, type Rule, type Tangent } from "../../../core/rules/rule.js";
import { sizeOf, type Shape } from "../../../core/shape.js";
import * as lax from "../../../core/lax/primitives.js";
import * as np from "../../../core/numpy/index.js";
import { grad, jvp, vmap } from "../../../transforms/index.js";
import { jaxprTransforms as transforms } from "../../../transforms/jaxpr-transforms.js";
import { expectClose } from "../../helpers.js";
import { randomStream } from "../../../laws/programs.js";

// ---- deterministic random arrays ----

type Random = () => number;

/** Uniform floats in [-1, 1), or integers in [lo, hi] for integer dtypes. */
function random(r: Random, shape: Shape, dtype: DType = "float64", lo = -3, hi = 3): NdArray {
  const data = allocate(dtype, sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = isFloat(dtype) ? 2 * r() - 1 : lo + Math.floor(r() * (hi - lo + 1));
  return NdArray.fromBuffer(data, shape, dtype);
}
const int32 = (value: number): NdArray => NdArray.fromBuffer(Int32Array.of(value), [], "int32");
const indicesIn = (r: Random, shape: Shape, n: number): NdArray => random(r, shape, "int32", 0, n - 1);

// ---- plain-JS array plumbing (independent of the rules under test) ----

/** Stacks equally shaped arrays along a new axis at `axis`. */
function stack(xs: readonly NdArray[], axis: number): NdArray {
  const shape = xs[0]!.shape;
  const outer = sizeOf(shape.slice(0, axis));
  const inner = sizeOf(shape.slice(axis));
  const out = allocate(xs[0]!.dtype, outer * xs.length * inner);
  xs.forEach((x, b) => {
    for (let o = 0; o < outer; o++) for (let i = 0; i < inner; i++) out[(o * xs.length + b) * inner + i] = x.toTypedArray()[o * inner + i]!;
  });
  return NdArray.fromBuffer(out, [...shape.slice(0, axis), xs.length, ...shape.slice(axis)], xs[0]!.dtype);
}

/** The slices of `x` along `axis`. */
function unstack(x: NdArray, axis: number): NdArray[] {
  const n = x.shape[axis]!;
  const outer = sizeOf(x.shape.slice(0, axis));
  const inner = sizeOf(x.shape.slice(axis + 1));
  const shape = x.shape.filter((_, a) => a !== axis);
  return Array.from({ length: n }, (_, b) => {
    const out = allocate(x.dtype, outer * inner);
    for (let o = 0; o < outer; o++) for (let i = 0; i < inner; i++) out[o * inner + i] = x.toTypedArray()[(o * n + b) * inner + i]!;
    return NdArray.fromBuffer(out, shape, x.dtype);
  });
}

/** Elementwise a + s * b in float64 (for finite differences). */
function axpy(a: NdArray, s: number, b: NdArray): NdArray {
  return NdArray.fromBuffer(Float64Array.from(a.toTypedArray(), (v, i) => v + s * b.toTypedArray()[i]!), a.shape, "float64");
}

/** <a, b> over every element. */
function dot(a: NdArray, b: NdArray): number {
  expect(a.shape).toEqual(b.shape);
  let s = 0;
  for (let i = 0; i < a.toTypedArray().length; i++) s += a.toTypedArray()[i]! * b.toTypedArray()[i]!;
  return s;
}

/** The concrete array behind a rule's result (rules called eagerly return NdArrays). */
function concrete(x: ArrayValue | Tangent | null | undefined): NdArray {
  if (x instanceof Zero || x === null || x === undefined) throw new Error(`expected an array, got ${String(x)}`);
  expect(x).toBeInstanceOf(NdArray);
  return x as NdArray;
}

// ---- cases ----

interface Case<P extends MovementPrim> {
  readonly name: string;
  readonly prim: P;
  readonly params: ParamsOf[P];
  /** A fresh random example of every operand (float64 unless the case says otherwise). */
  readonly example: (r: Random) => NdArray[];
  /** The operands the primitive is linear in. */
  readonly linear: readonly number[];
}
type AnyCase = { [P in MovementPrim]: Case<P> }[MovementPrim];

const c = <P extends MovementPrim>(prim: P, name: string, params: ParamsOf[P], linear: readonly number[], example: (r: Random) => NdArray[]): AnyCase =>
  ({ prim, name, params, linear, example }) as unknown as AnyCase;

const cases: AnyCase[] = [
  c("reshape", "[2,3] -> [3,2]", { newShape: [3, 2] }, [0], (r) => [random(r, [2, 3])]),
  c("reshape", "[2,1,3] -> [6]", { newShape: [6] }, [0], (r) => [random(r, [2, 1, 3])]),
  c("reshape", "scalar -> [1,1]", { newShape: [1, 1] }, [0], (r) => [random(r, [])]),
  c("broadcastInDim", "[3] -> [2,3]", { shape: [2, 3], broadcastDimensions: [1] }, [0], (r) => [random(r, [3])]),
  c("broadcastInDim", "[3,1] -> [3,4,2] stretching a unit axis", { shape: [3, 4, 2], broadcastDimensions: [0, 2] }, [0], (r) => [random(r, [3, 1])]),
  c("broadcastInDim", "[1,2] -> [1,3,2] keeping a unit axis", { shape: [1, 3, 2], broadcastDimensions: [0, 2] }, [0], (r) => [random(r, [1, 2])]),
  c("broadcastInDim", "scalar -> [2,2]", { shape: [2, 2], broadcastDimensions: [] }, [0], (r) => [random(r, [])]),
  c("transpose", "[2,3,4] by [2,0,1]", { permutation: [2, 0, 1] }, [0], (r) => [random(r, [2, 3, 4])]),
  c("slice", "strided", { start: [1, 0], limit: [5, 6], strides: [2, 4] }, [0], (r) => [random(r, [5, 6])]),
  c("slice", "empty", { start: [2, 1], limit: [2, 4], strides: [1, 1] }, [0], (r) => [random(r, [3, 4])]),
  c("dynamicSlice", "clamped and negative starts", { sliceSizes: [2, 3] }, [0], (r) => [
    random(r, [4, 5]),
    random(r, [], "int32", -6, 6),
    random(r, [], "int32", -7, 7),
  ]),
  c("dynamicSlice", "rank 3", { sliceSizes: [2, 4, 1] }, [0], (r) => [
    random(r, [3, 4, 2]),
    random(r, [], "int32", -4, 4),
    random(r, [], "int32", -4, 4),
    random(r, [], "int32", -3, 3),
  ]),
  c("dynamicUpdateSlice", "clamped and negative starts", {}, [0, 1], (r) => [
    random(r, [4, 5]),
    random(r, [2, 3]),
    random(r, [], "int32", -6, 6),
    random(r, [], "int32", -7, 7),
  ]),
  c("dynamicUpdateSlice", "empty update", {}, [0, 1], (r) => [random(r, [3, 2]), random(r, [0, 2]), int32(1), int32(0)]),
  c("pad", "low, high and interior", { config: [[1, 2, 1], [0, 1, 2]] }, [0, 1], (r) => [random(r, [3, 2]), random(r, [])]),
  c("pad", "negative low/high", { config: [[-1, 2, 0], [1, -2, 1]] }, [0, 1], (r) => [random(r, [3, 4]), random(r, [])]),
  c("concatenate", "three along axis 1", { axis: 1 }, [0, 1, 2], (r) => [random(r, [2, 3]), random(r, [2, 1]), random(r, [2, 2])]),
  c("rev", "both axes", { axes: [0, 1] }, [0], (r) => [random(r, [3, 4])]),
  c("rev", "one of three axes", { axes: [1] }, [0], (r) => [random(r, [2, 3, 2])]),
  c("gather", "2-d indices along axis 1", { axis: 1 }, [0], (r) => [random(r, [3, 5]), indicesIn(r, [2, 3], 5)]),
  c("gather", "1-d indices along axis 0", { axis: 0 }, [0], (r) => [random(r, [4, 2]), indicesIn(r, [3], 4)]),
  c("gather", "scalar index", { axis: 1 }, [0], (r) => [random(r, [2, 4]), indicesIn(r, [], 4)]),
  c("gather", "2-d indices into the middle of three axes", { axis: 1 }, [0], (r) => [random(r, [2, 5, 3]), indicesIn(r, [2, 2], 5)]),
  c("scatterAdd", "repeated indices along axis 1", { axis: 1 }, [0, 2], (r) => [random(r, [3, 4]), indicesIn(r, [5], 4), random(r, [3, 5])]),
  c("scatterAdd", "2-d indices along axis 0", { axis: 0 }, [0, 2], (r) => [random(r, [3, 2]), indicesIn(r, [2, 2], 3), random(r, [2, 2, 2])]),
  c("scatterAdd", "2-d indices into the middle of three axes", { axis: 1 }, [0, 2], (r) => [
    random(r, [2, 4, 3]),
    indicesIn(r, [2, 2], 4),
    random(r, [2, 2, 2, 3]),
  ]),
];

function ruleOf<P extends MovementPrim>(prim: P): Rule<P> {
  return movementRules[prim] as unknown as Rule<P>;
}

function run<P extends MovementPrim>(prim: P, args: readonly NdArray[], params: ParamsOf[P]): NdArray {
  return evaluate(prim, args, params)[0]!;
}

// ---- jvp ----

describe("movement jvp rules", () => {
  cases.forEach((k, n) => {
    it(`${k.prim} (${k.name}) matches central finite differences`, () => {
      const r = randomStream(100 + n);
      const primals = k.example(r);
      const tangents = primals.map((p) => (isFloat(p.dtype) ? random(r, p.shape) : new Zero({ shape: p.shape, dtype: p.dtype })));
      const [outs, tOuts] = ruleOf(k.prim).jvp(primals, tangents, k.params as never, transforms);
      expect(Array.from(concrete(outs[0]).toTypedArray())).toEqual(Array.from(run(k.prim, primals, k.params as never).toTypedArray()));
      const h = 1e-6;
      const shifted = (s: number) => primals.map((p, i) => (tangents[i] instanceof Zero ? p : axpy(p, s, tangents[i] as NdArray)));
      const plus = run(k.prim, shifted(h), k.params as never);
      const minus = run(k.prim, shifted(-h), k.params as never);
      const fd = Array.from(plus.toTypedArray(), (v, i) => (v - minus.toTypedArray()[i]!) / (2 * h));
      const t = concrete(tOuts[0]);
      expect(t.shape).toEqual(plus.shape);
      expect(t.dtype).toBe("float64");
      expectClose(Array.from(t.toTypedArray()), fd, { rtol: 1e-6, atol: 1e-8 });
    });

    it(`${k.prim} (${k.name}) keeps symbolic zero tangents symbolic`, () => {
      const primals = k.example(randomStream(200 + n));
      const tangents = primals.map((p) => new Zero({ shape: p.shape, dtype: p.dtype }));
      const [outs, tOuts] = ruleOf(k.prim).jvp(primals, tangents, k.params as never, transforms);
      expect(tOuts[0]).toBeInstanceOf(Zero);
      expect((tOuts[0] as Zero).aval).toEqual({ shape: outs[0]!.shape, dtype: outs[0]!.dtype });
    });
  });

  it("pad's tangent with only the padding value perturbed fills the padded positions", () => {
    const x = random(randomStream(1), [2]);
    const value = random(randomStream(2), []);
    const dValue = NdArray.fromBuffer(Float64Array.of(2), [], "float64");
    const [, [t]] = movementRules.pad.jvp([x, value], [new Zero(x), dValue], { config: [[1, 1, 1]] }, transforms);
    expect(Array.from(concrete(t).toTypedArray())).toEqual([2, 0, 2, 0, 2]);
  });

  it("scatterAdd's tangent with only the updates perturbed is a scatter into zeros", () => {
    const x = random(randomStream(3), [3]);
    const idx = NdArray.fromBuffer(Int32Array.of(2, 0, 2), [3], "int32");
    const dUpdates = NdArray.fromBuffer(Float64Array.of(1, 10, 100), [3], "float64");
    const [, [t]] = movementRules.scatterAdd.jvp([x, idx, random(randomStream(4), [3])], [new Zero(x), new Zero(idx), dUpdates], { axis: 0 }, transforms);
    expect(Array.from(concrete(t).toTypedArray())).toEqual([10, 0, 101]);
  });

  it("integer operands get zero tangents; float32 tangents stay float32", () => {
    const xi = random(randomStream(5), [3, 4], "int32");
    const [, [ti]] = movementRules.gather.jvp([xi, indicesIn(randomStream(6), [2], 4)], [new Zero(xi), new Zero({ shape: [2], dtype: "int32" })], { axis: 1 }, transforms);
    expect(ti).toBeInstanceOf(Zero);
    expect((ti as Zero).aval).toEqual({ shape: [3, 2], dtype: "int32" });
    const xf = random(randomStream(7), [3, 4], "float32");
    const [, [tf]] = movementRules.transpose.jvp([xf], [random(randomStream(8), [3, 4], "float32")], { permutation: [1, 0] }, transforms);
    expect(concrete(tf).dtype).toBe("float32");
    expect(concrete(tf).shape).toEqual([4, 3]);
  });

  it("iota's tangent is a symbolic zero", () => {
    const [outs, [t]] = movementRules.iota.jvp([], [], { dtype: "float32", shape: [2, 3], dimension: 1 }, transforms);
    expect(Array.from(concrete(outs[0]).toTypedArray())).toEqual([0, 1, 2, 0, 1, 2]);
    expect(t).toBeInstanceOf(Zero);
    expect((t as Zero).aval).toEqual({ shape: [2, 3], dtype: "float32" });
  });
});

// ---- vmap ----

const B = 3;

/** Every assignment of a batch axis (or null) to each operand, except all-null. */
function batchPlacements(ranks: readonly number[]): BatchDim[][] {
  let all: BatchDim[][] = [[]];
  for (const rank of ranks) all = all.flatMap((prefix) => [null, ...Array.from({ length: rank + 1 }, (_, d) => d)].map((d) => [...prefix, d]));
  return all.filter((dims) => dims.some((d) => d !== null));
}

/** vmap's result (batch axis moved first) against the eager op applied to each example. */
function checkVmap(k: AnyCase, dims: readonly BatchDim[], r: Random, dtype?: DType): void {
  const convert = (x: NdArray): NdArray => (dtype === undefined || !isFloat(x.dtype) ? x : NdArray.fromBuffer(allocate(dtype, x.size).map((_, i) => x.toTypedArray()[i]!), x.shape, dtype));
  const examples = Array.from({ length: B }, () => k.example(r).map(convert));
  const args = dims.map((d, i) => (d === null ? examples[0]![i]! : stack(examples.map((e) => e[i]!), d)));
  const [outs, outDims] = ruleOf(k.prim).vmap(args, dims, k.params as never, B, transforms);
  const out = concrete(outs[0]);
  const outDim = outDims[0];
  expect(typeof outDim).toBe("number");
  const slices = unstack(out, outDim as number);
  examples.forEach((e, b) => {
    const expected = run(k.prim, e.map((x, i) => (dims[i] === null ? examples[0]![i]! : x)), k.params as never);
    expect(slices[b]!.dtype).toBe(expected.dtype);
    expect(slices[b]!.shape).toEqual(expected.shape);
    expectClose(Array.from(slices[b]!.toTypedArray()), Array.from(expected.toTypedArray()), { rtol: 1e-12, atol: 1e-12 });
  });
}

describe("movement vmap rules equal the op stacked over examples", () => {
  cases.forEach((k, n) => {
    it(`${k.prim} (${k.name}) for every placement of each operand's batch axis`, () => {
      const r = randomStream(300 + n);
      const ranks = k.example(r).map((x) => x.ndim);
      const placements = batchPlacements(ranks);
      expect(placements.length).toBeGreaterThan(0);
      for (const dims of placements) checkVmap(k, dims, r);
    });
  });

  it("float32 and int32 operands batch with their dtype", () => {
    const r = randomStream(7);
    const gather = cases.find((k) => k.prim === "gather")!;
    checkVmap(gather, [1, 0], r, "float32");
    const ints = c("gather", "int operand", { axis: 0 }, [0], (q) => [random(q, [4, 2], "int32"), indicesIn(q, [3], 4)]);
    checkVmap(ints, [2, 1], r);
    checkVmap(c("dynamicSlice", "f32", { sliceSizes: [2] }, [0], (q) => [random(q, [5]), random(q, [], "int32", -6, 6)]), [1, 0], r, "float32");
  });

  it("dynamicSlice with per-example starts takes each example's clamped window", () => {
    const x = NdArray.fromBuffer(Float64Array.from({ length: 5 }, (_, i) => i), [5], "float64");
    const starts = NdArray.fromBuffer(Int32Array.of(-1, 1, 9, -9), [4], "int32");
    const [[out], [dim]] = movementRules.dynamicSlice.vmap([x, starts], [null, 0], { sliceSizes: [2] }, 4, transforms);
    expect(dim).toBe(0);
    expect(concrete(out).toArray()).toEqual([[3, 4], [1, 2], [3, 4], [0, 1]]);
  });

  it("iota cannot be batched (it has no operands)", () => {
    expect(() => movementRules.iota.vmap([], [], { dtype: "int32", shape: [2], dimension: 0 }, 2, transforms)).toThrow(TesseraError);
    expect(() => movementRules.iota.vmap([], [], { dtype: "int32", shape: [2], dimension: 0 }, 2, transforms)).toThrow(/iota.*internal error/);
  });
});

// ---- transpose ----

/** Every nonempty subset of `items`. */
function subsets<T>(items: readonly T[]): T[][] {
  return Array.from({ length: 2 ** items.length - 1 }, (_, m) => items.filter((_, i) => ((m + 1) >> i) & 1));
}

describe("movement transpose rules pass the dot-product test", () => {
  cases.forEach((k, n) => {
    it(`${k.prim} (${k.name}) for every subset of its linear operands`, () => {
      const r = randomStream(400 + n);
      for (const linear of subsets(k.linear)) {
        const known = k.example(r);
        const zeroed = known.map((x, i) => (linear.includes(i) ? NdArray.zeros(x.shape, x.dtype) : x));
        const v = known.map((x, i) => (linear.includes(i) ? random(r, x.shape) : x));
        // The linear part of the op in the chosen operands (the others fixed): L v = f(v) - f(0).
        const f0 = run(k.prim, zeroed, k.params as never);
        const fv = run(k.prim, v, k.params as never);
        const lv = axpy(fv, -1, f0);
        const ct = random(r, lv.shape);
        const args = known.map((x, i) => (linear.includes(i) ? new LinearArg({ shape: x.shape, dtype: x.dtype }) : x));
        const cts = ruleOf(k.prim).transpose!([ct], args, k.params as never, transforms);
        expect(cts.length).toBe(known.length);
        let rhs = 0;
        cts.forEach((t, i) => {
          if (!linear.includes(i)) return expect(t).toBeNull();
          const a = concrete(t);
          expect(a.shape).toEqual(known[i]!.shape);
          expect(a.dtype).toBe(known[i]!.dtype);
          rhs += dot(a, v[i]!);
        });
        expectClose(rhs, dot(ct, lv), { rtol: 1e-10, atol: 1e-12 });
      }
    });

    it(`${k.prim} (${k.name}) maps a zero cotangent to symbolic zeros`, () => {
      const known = k.example(randomStream(500 + n));
      const args = known.map((x, i) => (k.linear.includes(i) ? new LinearArg({ shape: x.shape, dtype: x.dtype }) : x));
      const out = run(k.prim, known, k.params as never);
      const cts = ruleOf(k.prim).transpose!([new Zero({ shape: out.shape, dtype: out.dtype })], args, k.params as never, transforms);
      cts.forEach((t, i) => {
        if (!k.linear.includes(i)) return expect(t).toBeNull();
        expect(t).toBeInstanceOf(Zero);
        expect((t as Zero).aval).toEqual({ shape: known[i]!.shape, dtype: known[i]!.dtype });
      });
    });
  });

  it("transposes float32 cotangents to float32", () => {
    const ct = random(randomStream(9), [2, 5], "float32");
    const [t] = movementRules.slice.transpose!([ct], [new LinearArg({ shape: [4, 5], dtype: "float32" })], { start: [1, 0], limit: [4, 5], strides: [2, 1] }, transforms);
    expect(concrete(t).dtype).toBe("float32");
    expect(concrete(t).shape).toEqual([4, 5]);
  });

  it("slice of its own transpose is the identity", () => {
    const y = random(randomStream(10), [2, 2]);
    const params = { start: [1, 0], limit: [5, 6], strides: [2, 4] };
    const [padded] = movementRules.slice.transpose!([y], [new LinearArg({ shape: [5, 6], dtype: "float64" })], params, transforms);
    expect(Array.from(run("slice", [concrete(padded)], params).toTypedArray())).toEqual(Array.from(y.toTypedArray()));
  });
});

// ---- through the public transforms ----

describe("movement rules under the public transforms", () => {
  const x = () => np.array([[1, 2, 3], [4, 5, 6]], { dtype: "float64" });
  const sumAll = (y: ArrayValue) => lax.reduceSum(y, y.shape.map((_, a) => a));

  it("grad of a sum of gathered, padded values counts how often each element is read", () => {
    const f = (v: ArrayValue) => sumAll(lax.gather(lax.pad(v, 0, [[1, 0, 0], [0, 2, 1]]), np.array([0, 2, 2, 5], { dtype: "int32" }), 1));
    expect((grad(f)(x()) as ArrayValue).toArray()).toEqual([[1, 2, 0], [1, 2, 0]]);
  });

  it("jvp of transpose and rev moves the tangent like the primal", () => {
    const t = np.array([[1, 0, 0], [0, 0, 2]], { dtype: "float64" });
    const [out, dOut] = jvp((v: ArrayValue) => lax.rev(lax.transpose(v, [1, 0]), [0]), [x()], [t]) as [ArrayValue, ArrayValue];
    expect(out.toArray()).toEqual([[3, 6], [2, 5], [1, 4]]);
    expect(dOut.toArray()).toEqual([[0, 2], [0, 0], [1, 0]]);
  });

  it("vmap of dynamicSlice with per-example starts, and grad through it", () => {
    const starts = np.array([1, -1], { dtype: "int32" });
    const rows = vmap((r: ArrayValue, i: ArrayValue) => lax.dynamicSlice(r, [i], [2]), { inAxes: [0, 0] });
    expect((rows(x(), starts) as ArrayValue).toArray()).toEqual([[2, 3], [5, 6]]);
    const g = grad((v: ArrayValue) => sumAll(rows(v, starts) as ArrayValue));
    expect((g(x()) as ArrayValue).toArray()).toEqual([[0, 1, 1], [0, 1, 1]]);
  });

  it("per-example gradients of a gather (vmap of grad batches scatterAdd with per-example indices)", () => {
    const f = (v: ArrayValue, idx: ArrayValue) => sumAll(lax.gather(v, idx, 0));
    const perExample = vmap(grad(f), { inAxes: [0, 0] });
    const idx = np.array([[0, 0], [2, 1]], { dtype: "int32" });
    expect((perExample(x(), idx) as ArrayValue).toArray()).toEqual([[2, 0, 0], [0, 1, 1]]);
  });

  it("vmap of vmap of concatenate and slice equals the nested loops", () => {
    const a = np.array([[[1, 2], [3, 4]], [[5, 6], [7, 8]]], { dtype: "float64" });
    const f = (u: ArrayValue, w: ArrayValue) => lax.slice(lax.concatenate([u, w], 0), [1], [4], [2]);
    const out = vmap(vmap(f), { inAxes: [0, 1] })(a, a) as ArrayValue;
    // The inner function sees u = a[i][j] and w = a[j][i], and keeps element 1 of each.
    const values = a.toArray() as number[][][];
    const expected = [0, 1].map((i) => [0, 1].map((j) => [values[i]![j]![1], values[j]![i]![1]]));
    expect(out.toArray()).toEqual(expected);
  });
});
