import { describe, expect, it } from "vitest";
import { aval } from "../../../core/aval.js";
import { allocate, type DType } from "../../../core/dtype.js";
import { evaluate } from "../../../core/eager.js";
import { NdArray, type ArrayValue } from "../../../core/ndarray.js";
import type { ContractPrim, ParamsOf, ReduceWindowParams } from "../../../core/primitives.js";
import { ruleOf, rules } from "../../../core/rules/index.js";
import { LinearArg, Zero, type BatchDim, type JaxprTransforms, type Tangent } from "../../../core/rules/rule.js";
import { sizeOf } from "../../../core/shape.js";
import * as lax from "../../../core/lax/index.js";
import * as np from "../../../core/numpy/index.js";
import { grad, jvp, vmap } from "../../../transforms/index.js";
import { expectClose } from "../../helpers.js";

// A small deterministic generator (mulberry32), so failures reproduce.
let state = 12345;
function random(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function rand(shape: readonly number[], dtype: DType = "float64"): NdArray {
  const data = allocate(dtype, sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = dtype === "int32" ? Math.floor(random() * 9) - 4 : random() * 2 - 1;
  return NdArray.fromBuffer(data, shape, dtype);
}

function arr(values: readonly number[], shape: readonly number[] = [values.length], dtype: DType = "float64"): NdArray {
  const data = allocate(dtype, values.length);
  values.forEach((v, i) => (data[i] = v));
  return NdArray.fromBuffer(data, shape, dtype);
}

/** First-order rules never use the jaxpr transforms: any use fails loudly. */
const noTransforms = new Proxy({} as JaxprTransforms, {
  get: (_, name) => {
    throw new Error(`a contraction rule used transforms.${String(name)}`);
  },
});

function run<P extends ContractPrim>(prim: P, args: readonly NdArray[], params: ParamsOf[P]): NdArray {
  return evaluate(prim, args, params)[0]!;
}

function concrete(t: Tangent | null | undefined): NdArray {
  expect(t).toBeInstanceOf(NdArray);
  return t as NdArray;
}

/** x + s * t elementwise, in float64. */
function axpy(x: NdArray, s: number, t: NdArray): NdArray {
  const data = allocate(x.dtype, x.size);
  for (let i = 0; i < data.length; i++) data[i] = x.toTypedArray()[i]! + s * t.toTypedArray()[i]!;
  return NdArray.fromBuffer(data, x.shape, x.dtype);
}

function inner(a: ArrayValue, b: ArrayValue): number {
  const x = (a as NdArray).toTypedArray();
  const y = (b as NdArray).toTypedArray();
  expect(x.length).toBe(y.length);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * y[i]!;
  return s;
}

/** Moves axis `from` of a concrete array to `to`. */
function moveAxis(x: NdArray, from: number, to: number): NdArray {
  const perm = Array.from({ length: x.ndim }, (_, i) => i).filter((i) => i !== from);
  perm.splice(to, 0, from);
  return evaluate("transpose", [x], { permutation: perm })[0]!;
}

/**
 * jvp against central differences: every operand in `active` gets a random tangent, the others
 * a symbolic zero. Also checks the primal output and the tangent's aval.
 */
function checkJvp<P extends ContractPrim>(prim: P, primals: NdArray[], params: ParamsOf[P], active: readonly boolean[] = primals.map(() => true)): void {
  const tangents: Tangent[] = primals.map((p, i) => (active[i] ? rand(p.shape, p.dtype) : new Zero(aval(p.shape, p.dtype))));
  const [outs, touts] = ruleOf(prim).jvp(primals, tangents, params, noTransforms);
  const expected = run(prim, primals, params);
  expect(outs[0]!.shape).toEqual(expected.shape);
  expectClose(outs[0]!, expected.toArray(), { rtol: 1e-12, atol: 1e-12 });
  const tout = concrete(touts[0]);
  expect(tout.shape).toEqual(expected.shape);
  expect(tout.dtype).toBe(expected.dtype);
  const h = 1e-6;
  const shifted = (s: number) => run(prim, primals.map((p, i) => (active[i] ? axpy(p, s, tangents[i] as NdArray) : p)), params);
  const plus = shifted(h);
  const minus = shifted(-h);
  const fd = Array.from(plus.toTypedArray(), (v, i) => (v - minus.toTypedArray()[i]!) / (2 * h));
  expectClose(tout, fd, { rtol: 1e-6, atol: 1e-7 });
}

/** The dot-product test <ct, L v> = <L^T ct, v> for operand `which`, plus the cotangent's aval and zero handling. */
function checkTranspose<P extends ContractPrim>(prim: P, args: NdArray[], params: ParamsOf[P], which: number): void {
  const transpose = ruleOf(prim).transpose!;
  const lv = run(prim, args, params);
  const ct = rand(lv.shape, lv.dtype);
  const targs = args.map((a, i) => (i === which ? new LinearArg(aval(a.shape, a.dtype)) : a));
  const cts = transpose([ct], targs, params, noTransforms);
  cts.forEach((c, i) => (i === which ? expect(c).not.toBeNull() : expect(c).toBeNull()));
  const vt = concrete(cts[which]);
  expect(vt.shape).toEqual(args[which]!.shape);
  expect(vt.dtype).toBe(args[which]!.dtype);
  const lhs = inner(ct, lv);
  const rhs = inner(vt, args[which]!);
  expect(Math.abs(lhs - rhs)).toBeLessThan(1e-10 * (1 + Math.abs(lhs)));
  const zero = transpose([new Zero(aval(lv.shape, lv.dtype))], targs, params, noTransforms)[which];
  expect(zero).toBeInstanceOf(Zero);
  expect((zero as Zero).aval.shape).toEqual(args[which]!.shape);
}

/**
 * vmap against stacking: operand i is mapped at dims[i] (null: unmapped) with `size` members;
 * the result, with its batch axis moved first, must equal the eager op on each member stacked.
 */
function checkVmap<P extends ContractPrim>(prim: P, shapes: readonly (readonly number[])[], params: ParamsOf[P], dims: readonly BatchDim[], dtype: DType = "float64", size = 3): void {
  const stacked = shapes.map((s, i) => (dims[i] === null ? rand(s, dtype) : rand([size, ...s], dtype)));
  const args = stacked.map((x, i) => (dims[i] === null ? x : moveAxis(x, 0, dims[i]!)));
  const member = (x: NdArray, i: number, b: number): NdArray => {
    if (dims[i] === null) return x;
    const n = sizeOf(shapes[i]!);
    return NdArray.fromBuffer(x.toTypedArray().slice(b * n, (b + 1) * n), shapes[i]!, dtype);
  };
  const [outs, outDims] = ruleOf(prim).vmap(args, dims, params, size, noTransforms);
  expect(outDims[0]).not.toBeNull();
  const out = moveAxis(concrete(outs[0]), outDims[0]!, 0);
  const expected = Array.from({ length: size }, (_, b) => run(prim, stacked.map((x, i) => member(x, i, b)), params));
  expect(out.shape).toEqual([size, ...expected[0]!.shape]);
  expect(out.dtype).toBe(expected[0]!.dtype);
  expectClose(out, expected.flatMap((e) => Array.from(e.toTypedArray())), { rtol: 1e-12, atol: 1e-12 });
}

/** Every combination of batch axes (first, last, middle, unmapped) with at least one mapped operand. */
function dimCombos(ranks: readonly number[]): BatchDim[][] {
  const choices = ranks.map((r) => [...new Set([0, r, Math.floor(r / 2)])].map((d): BatchDim => d).concat([null]));
  const combos: BatchDim[][] = [[]];
  for (const c of choices) combos.splice(0, combos.length, ...combos.flatMap((prefix) => c.map((d) => [...prefix, d])));
  return combos.filter((c) => c.some((d) => d !== null));
}

const dot = (contracting: [number[], number[]], batch: [number[], number[]] = [[], []], preferredDtype: DType | null = null): ParamsOf["dotGeneral"] => ({
  contracting,
  batch,
  preferredDtype,
});

const dotCases: { name: string; lhs: number[]; rhs: number[]; params: ParamsOf["dotGeneral"] }[] = [
  { name: "matmul", lhs: [3, 4], rhs: [4, 5], params: dot([[1], [0]]) },
  { name: "batched matmul", lhs: [2, 3, 4], rhs: [2, 4, 5], params: dot([[2], [1]], [[0], [0]]) },
  { name: "unsorted contraction, trailing batch", lhs: [4, 2, 3], rhs: [3, 5, 4, 2], params: dot([[0, 2], [2, 0]], [[1], [3]]) },
  { name: "outer product", lhs: [3], rhs: [2], params: dot([[], []]) },
  { name: "inner product to a scalar", lhs: [4], rhs: [4], params: dot([[0], [0]]) },
  { name: "free axes on both sides of the contraction", lhs: [2, 4, 3], rhs: [5, 4], params: dot([[1], [1]]) },
];

describe("dotGeneral transforms", () => {
  for (const c of dotCases) {
    it(`jvp matches finite differences: ${c.name}`, () => {
      const args = [rand(c.lhs), rand(c.rhs)];
      checkJvp("dotGeneral", args, c.params);
      checkJvp("dotGeneral", args, c.params, [true, false]);
      checkJvp("dotGeneral", args, c.params, [false, true]);
    });
    it(`transpose passes the dot-product test in either operand: ${c.name}`, () => {
      checkTranspose("dotGeneral", [rand(c.lhs), rand(c.rhs)], c.params, 0);
      checkTranspose("dotGeneral", [rand(c.lhs), rand(c.rhs)], c.params, 1);
    });
    it(`vmap matches stacking for every batch-axis placement: ${c.name}`, () => {
      for (const dims of dimCombos([c.lhs.length, c.rhs.length])) checkVmap("dotGeneral", [c.lhs, c.rhs], c.params, dims);
    });
  }

  it("gives symbolic zero tangents for int32 operands and for all-zero tangents", () => {
    const args = [rand([2, 3], "int32"), rand([3, 2], "int32")];
    const [outs, touts] = rules.dotGeneral.jvp(args, args.map((a) => new Zero(aval(a.shape, a.dtype))), dot([[1], [0]]), noTransforms);
    expect(outs[0]!.dtype).toBe("int32");
    expect(touts[0]).toBeInstanceOf(Zero);
    expect((touts[0] as Zero).aval).toEqual({ shape: [2, 2], dtype: "int32" });
    const floats = [rand([2, 3]), rand([3, 2])];
    const [, zeroT] = rules.dotGeneral.jvp(floats, floats.map((a) => new Zero(aval(a.shape, a.dtype))), dot([[1], [0]]), noTransforms);
    expect(zeroT[0]).toBeInstanceOf(Zero);
  });

  it("keeps float32 tangents in float32", () => {
    const args = [rand([3, 4], "float32"), rand([4, 2], "float32")];
    const tangents = [rand([3, 4], "float32"), rand([4, 2], "float32")];
    const [, [t]] = rules.dotGeneral.jvp(args, tangents, dot([[1], [0]]), noTransforms);
    expect(concrete(t).dtype).toBe("float32");
    const expected = axpy(run("dotGeneral", [tangents[0]!, args[1]!], dot([[1], [0]])), 1, run("dotGeneral", [args[0]!, tangents[1]!], dot([[1], [0]])));
    expectClose(concrete(t), expected.toArray(), { rtol: 1e-5, atol: 1e-6 });
  });

  it("handles preferredDtype: float64 tangents and float32 cotangents for float32 operands", () => {
    const params = dot([[1], [0]], [[], []], "float64");
    const args = [rand([3, 4], "float32"), rand([4, 2], "float32")];
    const [outs, [t]] = rules.dotGeneral.jvp(args, [rand([3, 4], "float32"), new Zero(aval([4, 2], "float32"))], params, noTransforms);
    expect(outs[0]!.dtype).toBe("float64");
    expect(concrete(t).dtype).toBe("float64");
    const ct = rand([3, 2], "float64");
    const [ctl] = rules.dotGeneral.transpose!([ct], [new LinearArg(aval([3, 4], "float32")), args[1]!], params, noTransforms);
    expect(concrete(ctl).dtype).toBe("float32");
    expect(concrete(ctl).shape).toEqual([3, 4]);
    const [, ctr] = rules.dotGeneral.transpose!([ct], [args[0]!, new LinearArg(aval([4, 2], "float32"))], params, noTransforms);
    expect(concrete(ctr).dtype).toBe("float32");
    const [outsV, dimsV] = rules.dotGeneral.vmap([rand([5, 3, 4], "float32"), args[1]!], [0, null], params, 5, noTransforms);
    expect(outsV[0]!.dtype).toBe("float64");
    expect(dimsV).toEqual([0]);
  });

  it("refuses to transpose with both operands linear", () => {
    const lin = [new LinearArg(aval([2, 2], "float64")), new LinearArg(aval([2, 2], "float64"))];
    expect(() => rules.dotGeneral.transpose!([rand([2, 2])], lin, dot([[1], [0]]), noTransforms)).toThrow(/dotGeneral.*both operands/);
  });
});

type ConvParams = ParamsOf["convGeneralDilated"];

const conv = (spatial: number, overrides: Partial<ConvParams> = {}): ConvParams => {
  const identity = Array.from({ length: spatial + 2 }, (_, i) => i);
  return {
    windowStrides: new Array<number>(spatial).fill(1),
    padding: new Array<[number, number]>(spatial).fill([0, 0]),
    lhsDilation: new Array<number>(spatial).fill(1),
    rhsDilation: new Array<number>(spatial).fill(1),
    dimensionNumbers: { lhs: identity, rhs: identity, out: identity },
    featureGroupCount: 1,
    batchGroupCount: 1,
    ...overrides,
  };
};

const convCases: { name: string; lhs: number[]; rhs: number[]; params: ConvParams }[] = [
  { name: "1-D, same padding", lhs: [2, 3, 7], rhs: [4, 3, 3], params: conv(1, { padding: [[1, 1]] }) },
  {
    name: "2-D NHWC/HWIO, strides, both dilations, uneven padding",
    lhs: [2, 6, 5, 3],
    rhs: [3, 2, 3, 2],
    params: conv(2, {
      windowStrides: [2, 1],
      padding: [[1, 0], [2, 1]],
      lhsDilation: [1, 2],
      rhsDilation: [2, 1],
      dimensionNumbers: { lhs: [0, 3, 1, 2], rhs: [3, 2, 0, 1], out: [0, 3, 1, 2] },
    }),
  },
  { name: "strides that skip the last inputs, negative padding", lhs: [1, 2, 9], rhs: [2, 2, 3], params: conv(1, { windowStrides: [3], padding: [[-1, 0]] }) },
  { name: "feature groups", lhs: [2, 4, 6], rhs: [6, 2, 3], params: conv(1, { featureGroupCount: 2, padding: [[0, 1]] }) },
  { name: "batch groups", lhs: [4, 3, 6], rhs: [4, 3, 2], params: conv(1, { batchGroupCount: 2, windowStrides: [2] }) },
  { name: "no spatial axes (a matmul)", lhs: [2, 3], rhs: [4, 3], params: conv(0) },
  {
    name: "feature groups with permuted layouts",
    lhs: [5, 2, 6],
    rhs: [3, 3, 4],
    params: conv(1, { featureGroupCount: 2, dimensionNumbers: { lhs: [1, 2, 0], rhs: [2, 1, 0], out: [2, 0, 1] } }),
  },
];

describe("convGeneralDilated transforms", () => {
  for (const c of convCases) {
    it(`jvp matches finite differences: ${c.name}`, () => {
      const args = [rand(c.lhs), rand(c.rhs)];
      checkJvp("convGeneralDilated", args, c.params);
      checkJvp("convGeneralDilated", args, c.params, [false, true]);
    });
    it(`transpose passes the dot-product test in either operand: ${c.name}`, () => {
      checkTranspose("convGeneralDilated", [rand(c.lhs), rand(c.rhs)], c.params, 0);
      checkTranspose("convGeneralDilated", [rand(c.lhs), rand(c.rhs)], c.params, 1);
    });
    it(`vmap matches stacking for every batch-axis placement: ${c.name}`, () => {
      for (const dims of dimCombos([c.lhs.length, c.rhs.length])) checkVmap("convGeneralDilated", [c.lhs, c.rhs], c.params, dims);
    });
  }

  it("batches int32 convolutions and gives them zero tangents", () => {
    const params = conv(1, { padding: [[1, 1]] });
    checkVmap("convGeneralDilated", [[2, 3, 5], [4, 3, 3]], params, [1, 0], "int32");
    const args = [rand([2, 3, 5], "int32"), rand([4, 3, 3], "int32")];
    const [, [t]] = rules.convGeneralDilated.jvp(args, args.map((a) => new Zero(aval(a.shape, a.dtype))), params, noTransforms);
    expect(t).toBeInstanceOf(Zero);
  });

  it("maps an axis of length zero to an empty result", () => {
    const params = conv(1, { padding: [[1, 1]] });
    const [[out], [d]] = rules.convGeneralDilated.vmap([rand([0, 2, 3, 5]), rand([4, 3, 3])], [0, null], params, 0, noTransforms);
    expect(out!.shape).toEqual([0, 2, 4, 5]);
    expect(d).toBe(0);
  });

  it("gives a zero kernel cotangent for an empty cotangent", () => {
    const params = conv(1);
    const [, ct] = rules.convGeneralDilated.transpose!([rand([0, 2, 3])], [rand([0, 3, 5]), new LinearArg(aval([2, 3, 3], "float64"))], params, noTransforms);
    expect(ct).toBeInstanceOf(Zero);
  });
});

const window = (rank: number, overrides: Partial<ReduceWindowParams> = {}): ReduceWindowParams => ({
  windowDimensions: new Array<number>(rank).fill(1),
  windowStrides: new Array<number>(rank).fill(1),
  padding: new Array<[number, number]>(rank).fill([0, 0]),
  baseDilation: new Array<number>(rank).fill(1),
  windowDilation: new Array<number>(rank).fill(1),
  ...overrides,
});

const windowCases: { name: string; shape: number[]; params: ReduceWindowParams }[] = [
  { name: "1-D pooling", shape: [7], params: window(1, { windowDimensions: [3], windowStrides: [2] }) },
  { name: "2-D overlapping windows with padding", shape: [5, 6], params: window(2, { windowDimensions: [2, 3], padding: [[1, 0], [0, 2]] }) },
  {
    name: "strides, base and window dilation",
    shape: [5, 4],
    params: window(2, { windowDimensions: [2, 3], windowStrides: [2, 1], padding: [[1, 1], [0, 1]], baseDilation: [2, 1], windowDilation: [1, 2] }),
  },
  { name: "strides that skip the last inputs", shape: [3, 8], params: window(2, { windowDimensions: [1, 3], windowStrides: [1, 3] }) },
  { name: "negative padding", shape: [6, 3], params: window(2, { windowDimensions: [2, 1], padding: [[-1, 1], [0, 0]] }) },
  { name: "a scalar", shape: [], params: window(0) },
];

describe("reduceWindow transforms", () => {
  for (const c of windowCases) {
    for (const prim of ["reduceWindowSum", "reduceWindowMax", "reduceWindowMin"] as const) {
      it(`${prim} jvp matches finite differences: ${c.name}`, () => {
        const x = rand(c.shape);
        expect(Array.from(run(prim, [x], c.params).toTypedArray()).every(Number.isFinite)).toBe(true);
        checkJvp(prim, [x], c.params);
      });
      it(`${prim} vmap matches stacking: ${c.name}`, () => {
        for (const dims of dimCombos([c.shape.length])) checkVmap(prim, [c.shape], c.params, dims);
      });
    }
    it(`reduceWindowSum transpose passes the dot-product test: ${c.name}`, () => {
      checkTranspose("reduceWindowSum", [rand(c.shape)], c.params, 0);
    });
  }

  it("sends the tangent of a tied window to its first maximal (minimal) element", () => {
    const params = window(1, { windowDimensions: [2] });
    const t = arr([10, 20, 30, 40, 50]);
    const [, [tMax]] = rules.reduceWindowMax.jvp([arr([1, 3, 3, 2, 2])], [t], params, noTransforms);
    expect(concrete(tMax).toArray()).toEqual([20, 20, 30, 40]);
    const [, [tMin]] = rules.reduceWindowMin.jvp([arr([1, 1, 0, 0, 5])], [t], params, noTransforms);
    expect(concrete(tMin).toArray()).toEqual([10, 30, 30, 40]);
  });

  it("takes the first maximizer in row-major window order in 2-D", () => {
    const x = arr([5, 5, 5, 5], [2, 2]);
    const [, [t]] = rules.reduceWindowMax.jvp([x], [arr([1, 2, 3, 4], [2, 2])], window(2, { windowDimensions: [2, 2] }), noTransforms);
    expect(concrete(t).toArray()).toEqual([[1]]);
  });

  it("keeps float32 tangents float32", () => {
    const x = rand([6], "float32");
    for (const prim of ["reduceWindowSum", "reduceWindowMax"] as const) {
      const [, [t]] = rules[prim].jvp([x], [rand([6], "float32")], window(1, { windowDimensions: [3] }), noTransforms);
      expect(concrete(t).dtype).toBe("float32");
      expect(concrete(t).shape).toEqual([4]);
    }
  });

  it("gives symbolic zero tangents for int32 and bool operands and zero tangents", () => {
    const params = window(1, { windowDimensions: [2] });
    for (const prim of ["reduceWindowSum", "reduceWindowMax", "reduceWindowMin"] as const) {
      const x = rand([5], "int32");
      const [outs, [t]] = rules[prim].jvp([x], [new Zero(aval([5], "int32"))], params, noTransforms);
      expect(outs[0]!.shape).toEqual([4]);
      expect(t).toBeInstanceOf(Zero);
      const y = rand([5]);
      const [, [tz]] = rules[prim].jvp([y], [new Zero(aval([5], "float64"))], params, noTransforms);
      expect(tz).toBeInstanceOf(Zero);
      expect((tz as Zero).aval).toEqual({ shape: [4], dtype: "float64" });
    }
    const b = arr([1, 0, 0, 1], [4], "bool");
    const [, [tb]] = rules.reduceWindowMax.jvp([b], [new Zero(aval([4], "bool"))], params, noTransforms);
    expect(tb).toBeInstanceOf(Zero);
    checkVmap("reduceWindowMax", [[4]], params, [1], "int32");
  });

  it("gives a zero tangent when no window fits", () => {
    const params = window(1, { windowDimensions: [4] });
    const [outs, [t]] = rules.reduceWindowMax.jvp([rand([3])], [rand([3])], params, noTransforms);
    expect(outs[0]!.shape).toEqual([0]);
    expect(t).toBeInstanceOf(Zero);
  });
});

describe("contraction rules through the public transforms", () => {
  const nhwc = (x: ArrayValue, w: ArrayValue): ArrayValue => lax.convGeneralDilated(x, w, { windowStrides: [1, 2], padding: [[1, 1], [0, 1]], rhsDilation: [2, 1] });
  const loss = (x: ArrayValue, w: ArrayValue, m: ArrayValue): ArrayValue => {
    const y = np.tanh(nhwc(x, w));
    const pooled = lax.maxPool(y, [2, 2], { strides: [1, 1] });
    const flat = np.reshape(pooled, [pooled.shape[0]!, -1]);
    return np.sum(np.tanh(np.matmul(flat, m)));
  };
  const shapes = { x: [2, 6, 7, 3], w: [2, 3, 3, 4], m: [5 * 2 * 4, 2] };

  /** <grad f, d> against the central difference of f along d. */
  function expectDirectional(f: (...args: NdArray[]) => number, args: NdArray[], grads: readonly ArrayValue[]): void {
    const ds = args.map((a) => rand(a.shape));
    const h = 1e-6;
    const fd = (f(...args.map((a, i) => axpy(a, h, ds[i]!))) - f(...args.map((a, i) => axpy(a, -h, ds[i]!)))) / (2 * h);
    const analytic = grads.reduce((s, g, i) => s + inner(g, ds[i]!), 0);
    expect(Math.abs(analytic - fd)).toBeLessThan(1e-6 * (1 + Math.abs(fd)));
  }

  it("grad of conv -> maxPool -> matmul matches finite differences in every operand", () => {
    const args = [rand(shapes.x), rand(shapes.w), rand(shapes.m)] as const;
    const grads: ArrayValue[] = [...grad(loss, { argnums: [0, 1, 2] })(...args)];
    grads.forEach((g, i) => expect(g.shape).toEqual(args[i]!.shape));
    expectDirectional((...a) => loss(a[0]!, a[1]!, a[2]!).item() as number, [...args], grads);
  });

  it("vmap of grad gives per-example gradients", () => {
    const [xs, w, m] = [rand(shapes.x), rand(shapes.w), rand(shapes.m)];
    const perExample = (x: ArrayValue, w: ArrayValue, m: ArrayValue) => loss(np.reshape(x, [1, ...x.shape]), w, m);
    const batched = vmap(grad(perExample, { argnums: 1 }), { inAxes: [0, null, null] })(xs, w, m) as NdArray;
    const member = (b: number) => NdArray.fromBuffer(Float64Array.from(xs.toTypedArray().subarray(b * 126, (b + 1) * 126)), [6, 7, 3], "float64");
    const stacked = [0, 1].flatMap((b) => flatValues(grad(perExample, { argnums: 1 })(member(b), w, m) as ArrayValue));
    expect(batched.shape).toEqual([2, ...shapes.w]);
    expectClose(batched, stacked, { rtol: 1e-10, atol: 1e-12 });
  });

  it("forward over reverse: jvp of grad is a Hessian-vector product", () => {
    const [a, w] = [rand([4, 3]), rand([3, 2])];
    const f = (w: ArrayValue) => np.sum(np.tanh(np.matmul(a, w)));
    const v = rand([3, 2]);
    const [, hv] = jvp(grad(f), [w], [v]) as [unknown, ArrayValue];
    const h = 1e-6;
    const g = (s: number) => flatValues(grad(f)(axpy(w, s, v)) as ArrayValue);
    const [gp, gm] = [g(h), g(-h)];
    expectClose(hv, gp.map((p, i) => (p - gm[i]!) / (2 * h)), { rtol: 1e-6, atol: 1e-8 });
  });

  it("grad of a window max sends ties to the first maximizer, as JAX does", () => {
    const f = (x: ArrayValue) => np.sum(lax.reduceWindow(x, "max", { windowDimensions: [2] }));
    expect((grad(f)(arr([1, 3, 3, 2])) as ArrayValue).toArray()).toEqual([0, 2, 1, 0]);
    const g = (x: ArrayValue) => np.sum(lax.reduceWindow(x, "max", { windowDimensions: [2, 2] }));
    expect((grad(g)(arr([5, 5, 5, 5], [2, 2])) as ArrayValue).toArray()).toEqual([[1, 0], [0, 0]]);
  });

  it("second order through conv and maxPool: jvp of grad matches finite differences of grad", () => {
    const [x, w, m] = [rand(shapes.x), rand(shapes.w), rand(shapes.m)];
    const gx = grad((x: ArrayValue) => loss(x, w, m));
    const v = rand(shapes.x);
    const [, hv] = jvp(gx, [x], [v]) as [unknown, ArrayValue];
    const h = 1e-6;
    const [gp, gm] = [flatValues(gx(axpy(x, h, v)) as ArrayValue), flatValues(gx(axpy(x, -h, v)) as ArrayValue)];
    expectClose(hv, gp.map((p, i) => (p - gm[i]!) / (2 * h)), { rtol: 1e-5, atol: 1e-7 });
  });

  it("vmap of jvp of a window max batches the first-maximizer tangent", () => {
    const xs = rand([3, 8]);
    const ts = rand([3, 8]);
    const f = (x: ArrayValue) => lax.reduceWindow(x, "max", { windowDimensions: [3], windowStrides: [2], padding: [[1, 1]] });
    const batched = vmap((x: ArrayValue, t: ArrayValue) => (jvp(f, [x], [t]) as [unknown, ArrayValue])[1])(xs, ts) as ArrayValue;
    const slice = (a: NdArray, b: number) => NdArray.fromBuffer(Float64Array.from(a.toTypedArray().subarray(b * 8, (b + 1) * 8)), [8], "float64");
    const stacked = [0, 1, 2].flatMap((b) => flatValues((jvp(f, [slice(xs, b)], [slice(ts, b)]) as [unknown, ArrayValue])[1]));
    expectClose(batched, stacked, { rtol: 1e-12, atol: 1e-12 });
  });

  it("grad of avgPool-like window sums and of batched matmuls matches finite differences", () => {
    const f = (x: ArrayValue, y: ArrayValue) =>
      np.sum(np.tanh(lax.reduceWindow(np.matmul(x, y), "sum", { windowDimensions: [1, 2, 2], windowStrides: [1, 1, 2], padding: [[0, 0], [1, 0], [0, 1]], baseDilation: [1, 2, 1] })));
    const args = [rand([2, 3, 4]), rand([2, 4, 5])] as const;
    const grads: ArrayValue[] = [...grad(f, { argnums: [0, 1] })(...args)];
    expectDirectional((...a) => f(a[0]!, a[1]!).item() as number, [...args], grads);
  });
});

function flatValues(x: ArrayValue): number[] {
  return Array.from((x as NdArray).toTypedArray());
}
