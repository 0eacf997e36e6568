/**
 * One function case per primitive for the transform laws: each drives its primitive through
 * `bind` (or the public wrapper of a higher-order primitive) with valid inputs, float64 and in a
 * domain where it is differentiable, and random static params. The table is typed over every
 * primitive, so a primitive without a case does not compile; `notApplicable` documents, per
 * case, the laws that cannot hold or cannot run for it, with the reason.
 */
import fc from "fast-check";
import type { DType } from "../../core/dtype.js";
import { bind, bind1 } from "../../core/interpreter.js";
import type { ArrayValue, NdArray } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import type { ComparePrim, ParamsOf, Prim, UnaryPrim } from "../../core/primitives.js";
import type { Shape } from "../../core/shape.js";
import * as arb from "../../laws/arbitraries.js";
import { randomStream, uniform, type UniformDomain } from "../../laws/programs.js";
import { functionCase, type FunctionCase, type FunctionCaseOptions, type TransformLaw } from "../../laws/transform-runners.js";
import { customJvp, customVjp, checkpoint } from "../../transforms/custom.js";
import { vjp } from "../../transforms/autodiff.js";
import { cond, switch as switchBranches, whileLoop } from "../../transforms/control.js";
import { jit } from "../../transforms/jit/jit.js";
import { scan } from "../../transforms/scan.js";

// -------------------------------------------------------------------------------------
// helpers
// -------------------------------------------------------------------------------------

type Args = fc.Arbitrary<readonly NdArray[]>;
type NotApplicable = Partial<Record<TransformLaw, string>>;

const shapes = arb.shape({ maxRank: 3, maxDim: 3 });
const f64 = (shape: Shape, domain: UniformDomain = { min: -2, max: 2 }) => uniform(shape, "float64", domain);
const int32 = (shape: Shape, min: number, max: number) => uniform(shape, "int32", { min, max: max + 1 });
const tuple = (...xs: fc.Arbitrary<NdArray>[]): Args => fc.tuple(...xs);

/** Every law except vmap: for primitives with no float operand to differentiate. */
const onlyVmap = (why: string): NotApplicable => ({
  jvpFiniteDifferences: why,
  gradFiniteDifferences: why,
  jvpLinear: why,
  vjpJvpDotProduct: why,
  linearizeMatchesJvp: why,
  transposeTwice: why,
  hessianSymmetric: why,
  chainRule: why,
});
/** The laws that need a float output (a cotangent, a scalar loss, an outer function to chain). */
const needFloatOutput = (why: string): NotApplicable => ({
  gradFiniteDifferences: why,
  vjpJvpDotProduct: why,
  transposeTwice: why,
  hessianSymmetric: why,
  chainRule: why,
});

/** A random permutation of `n` axes from a seed. */
function permutationOf(n: number, seed: number): number[] {
  const next = randomStream(seed);
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}

/** Sorted distinct axes of a rank. */
const axesOf = (rank: number) => fc.subarray(Array.from({ length: rank }, (_, i) => i));
/** One axis of a rank >= 1. */
const axisOf = (rank: number) => fc.integer({ min: 0, max: rank - 1 });
const nonScalar = arb.shape({ minRank: 1, maxRank: 3, maxDim: 3 });

// -------------------------------------------------------------------------------------
// elementwise
// -------------------------------------------------------------------------------------

function unaryCase(prim: UnaryPrim, domain: UniformDomain, options: FunctionCaseOptions = {}): FunctionCase {
  return functionCase(prim, shapes, (s) => ({ f: (x) => bind1(prim, [x], {}), args: tuple(f64(s, domain)) }), options);
}

const unaryDomains: Partial<Record<UnaryPrim, UniformDomain>> = {
  log: { min: 0.2, max: 5 },
  log1p: { min: -0.5, max: 5 },
  tan: { min: -1.2, max: 1.2 },
  asin: { min: -0.9, max: 0.9 },
  acos: { min: -0.9, max: 0.9 },
  acosh: { min: 1.2, max: 5 },
  atanh: { min: -0.9, max: 0.9 },
  sqrt: { min: 0.2, max: 5 },
  rsqrt: { min: 0.2, max: 5 },
  cbrt: { min: -3, max: 3, awayFromZero: 0.2 },
  abs: { min: -3, max: 3, awayFromZero: 0.01 },
  sign: { min: -3, max: 3, awayFromZero: 0.01 },
  erfInv: { min: -0.9, max: 0.9 },
  logistic: { min: -5, max: 5 },
};

const floatUnary: UnaryPrim[] = [
  "neg", "exp", "exp2", "log", "log1p", "expm1", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
  "asinh", "acosh", "atanh", "logistic", "sqrt", "rsqrt", "cbrt", "abs", "sign", "floor", "ceil", "erf", "erfc", "erfInv",
];

function binaryCase(prim: Prim, domains: readonly [UniformDomain, UniformDomain], options: FunctionCaseOptions = {}): FunctionCase {
  return functionCase(prim, arb.broadcastableShapes(2, { maxRank: 3, maxDim: 3 }), ([a, b]) => ({
    f: (x, y) => bind1(prim, [x, y], {} as never),
    args: tuple(f64(a!, domains[0]), f64(b!, domains[1])),
  }), options);
}

const any: UniformDomain = { min: -3, max: 3 };
/** Derivative laws through a float32 result agree to float32 rounding only. */
const float32Tolerance = { rtol: 1e-6, atol: 1e-9 };
const awayFromZero: UniformDomain = { min: -3, max: 3, awayFromZero: 0.3 };

/** Integer/bool operands of one dtype: only vmap applies. */
function integerCase(prim: Prim, arity: number, dtypes: readonly DType[], domain: (dt: DType, i: number) => UniformDomain): FunctionCase {
  const spec = fc.tuple(arb.broadcastableShapes(arity, { maxRank: 3, maxDim: 3 }), fc.constantFrom(...dtypes));
  return functionCase(prim, spec, ([s, dt]) => ({
    f: (...xs) => bind1(prim, xs, {} as never),
    args: fc.tuple(...s.map((shape, i) => uniform(shape, dt, domain(dt, i)))),
  }), { notApplicable: onlyVmap("integer/bool operands: nothing to differentiate") });
}

const comparisonCase = (prim: ComparePrim) => binaryCase(prim, [any, any], { notApplicable: needFloatOutput("bool output: no cotangent, loss or chained float function") });

const elementwiseCases = {
  ...Object.fromEntries(floatUnary.map((p) => [p, unaryCase(p, unaryDomains[p] ?? any)])),
  isFinite: unaryCase("isFinite", any, { notApplicable: needFloatOutput("bool output: no cotangent, loss or chained float function") }),
  not: integerCase("not", 1, ["bool", "int32", "uint32"], () => ({ min: 0, max: 100 })),
  add: binaryCase("add", [any, any]),
  sub: binaryCase("sub", [any, any]),
  mul: binaryCase("mul", [any, any]),
  div: binaryCase("div", [any, awayFromZero]),
  pow: binaryCase("pow", [{ min: 0.3, max: 3 }, { min: -2, max: 2 }]),
  max: binaryCase("max", [any, any]),
  min: binaryCase("min", [any, any]),
  atan2: binaryCase("atan2", [awayFromZero, awayFromZero]),
  rem: binaryCase("rem", [{ min: -5, max: 5 }, { min: -2, max: 2, awayFromZero: 0.5 }]),
  nextAfter: binaryCase("nextAfter", [any, any], {
    notApplicable: {
      jvpFiniteDifferences: "nextAfter's derivative is defined as zero (JAX raises 'not implemented'); finite differences see the identity in x",
      gradFiniteDifferences: "nextAfter's derivative is defined as zero (JAX raises 'not implemented'); finite differences see the identity in x",
    },
  }),
  and: integerCase("and", 2, ["bool", "int32", "uint32"], () => ({ min: 0, max: 1000 })),
  or: integerCase("or", 2, ["bool", "int32", "uint32"], () => ({ min: 0, max: 1000 })),
  xor: integerCase("xor", 2, ["bool", "int32", "uint32"], () => ({ min: 0, max: 1000 })),
  shiftLeft: integerCase("shiftLeft", 2, ["int32", "uint32"], (_, i) => (i === 0 ? { min: -1000, max: 1000 } : { min: 0, max: 34 })),
  shiftRightLogical: integerCase("shiftRightLogical", 2, ["int32", "uint32"], (_, i) => (i === 0 ? { min: 0, max: 100000 } : { min: 0, max: 34 })),
  shiftRightArithmetic: integerCase("shiftRightArithmetic", 2, ["int32"], (_, i) => (i === 0 ? { min: -100000, max: 100000 } : { min: 0, max: 34 })),
  eq: comparisonCase("eq"),
  ne: comparisonCase("ne"),
  lt: comparisonCase("lt"),
  le: comparisonCase("le"),
  gt: comparisonCase("gt"),
  ge: comparisonCase("ge"),
  round: functionCase("round", fc.tuple(shapes, fc.constantFrom<ParamsOf["round"]["method"]>("awayFromZero", "toNearestEven")), ([s, method]) => ({
    f: (x) => bind1("round", [x], { method }),
    args: tuple(f64(s, any)),
  })),
  integerPow: functionCase("integerPow", fc.tuple(shapes, fc.integer({ min: -3, max: 4 })), ([s, y]) => ({
    f: (x) => bind1("integerPow", [x], { y }),
    args: tuple(f64(s, awayFromZero)),
  })),
  select: functionCase("select", arb.broadcastableShapes(3, { maxRank: 3, maxDim: 3 }), ([p, a, b]) => ({
    f: (pred, x, y) => bind1("select", [pred!, x!, y!], {}),
    args: tuple(uniform(p!, "bool"), f64(a!), f64(b!)),
  })),
  convert: functionCase("convert", fc.tuple(shapes, fc.constantFrom<DType>("float32", "float64", "int32", "bool")), ([s, dtype]) => ({
    f: (x) => bind1("convert", [x], { dtype }),
    args: tuple(f64(s, awayFromZero)),
  }), {
    // float32 outputs round to about 1e-7 relative: differences need a larger step and tolerance.
    step: 1e-3,
    tol: {
      // An output rounding of |x| * 2^-24 over a step of 2e-3: about 1e-4 absolute.
      jvpFiniteDifferences: { rtol: 1e-3, atol: 1e-4 },
      gradFiniteDifferences: { rtol: 1e-3, atol: 1e-4 },
      jvpLinear: float32Tolerance,
      vjpJvpDotProduct: float32Tolerance,
      linearizeMatchesJvp: float32Tolerance,
      transposeTwice: float32Tolerance,
      chainRule: float32Tolerance,
    },
  }),
} satisfies Partial<Record<Prim, FunctionCase>>;

// -------------------------------------------------------------------------------------
// reductions
// -------------------------------------------------------------------------------------

const reduceCase = (prim: "reduceSum" | "reduceMax" | "reduceMin" | "reduceProd") =>
  functionCase(prim, shapes.chain((s) => fc.tuple(fc.constant(s), axesOf(s.length))), ([s, axes]) => ({
    f: (x) => bind1(prim, [x], { axes }),
    args: tuple(f64(s, prim === "reduceProd" ? { min: -2, max: 2, awayFromZero: 0.2 } : any)),
  }));

const argCase = (prim: "argmax" | "argmin") =>
  functionCase(prim, nonScalar.chain((s) => fc.tuple(fc.constant(s), axisOf(s.length))), ([s, axis]) => ({
    f: (x) => bind1(prim, [x], { axis, indexDtype: "int32" }),
    args: tuple(f64(s)),
  }), { notApplicable: needFloatOutput("int32 output: no cotangent, loss or chained float function") });

const cumulativeCase = (prim: "cumsum" | "cumprod" | "cummax" | "cummin") =>
  functionCase(prim, nonScalar.chain((s) => fc.tuple(fc.constant(s), axisOf(s.length), fc.boolean())), ([s, axis, reverse]) => ({
    f: (x) => bind1(prim, [x], { axis, reverse }),
    args: tuple(f64(s)),
  }));

const reduceCases = {
  reduceSum: reduceCase("reduceSum"),
  reduceMax: reduceCase("reduceMax"),
  reduceMin: reduceCase("reduceMin"),
  reduceProd: reduceCase("reduceProd"),
  argmax: argCase("argmax"),
  argmin: argCase("argmin"),
  cumsum: cumulativeCase("cumsum"),
  cumprod: cumulativeCase("cumprod"),
  cummax: cumulativeCase("cummax"),
  cummin: cumulativeCase("cummin"),
  // Keys are float (ties have probability zero); a second float operand and an int32 operand ride along.
  sort: functionCase(
    "sort",
    nonScalar.chain((s) => fc.tuple(fc.constant(s), axisOf(s.length), fc.integer({ min: 1, max: 3 }), fc.boolean(), fc.integer({ min: 1, max: 2 }))),
    ([s, axis, count, descending, keys]) => ({
      f: (...xs) => bind("sort", xs, { axis, numKeys: Math.min(keys, count, 2), descending }),
      args: fc.tuple(...Array.from({ length: count }, (_, i) => (i === 2 ? int32(s, -5, 5) : f64(s)))),
    }),
  ),
  topK: functionCase("topK", nonScalar.chain((s) => fc.tuple(fc.constant(s), fc.integer({ min: 0, max: s[s.length - 1]! }))), ([s, k]) => ({
    f: (x) => bind("topK", [x], { k }),
    args: tuple(f64(s)),
  })),
} satisfies Partial<Record<Prim, FunctionCase>>;

// -------------------------------------------------------------------------------------
// movement
// -------------------------------------------------------------------------------------

/** An output shape for broadcastInDim from an operand shape, and where each operand axis goes. */
const broadcastSpec = shapes.chain((s) =>
  fc.tuple(fc.constant(s), fc.integer({ min: 0, max: 2 }), fc.nat()).map(([operand, extra, seed]) => {
    const next = randomStream(seed);
    const rank = operand.length + extra;
    const positions = Array.from({ length: rank }, (_, i) => i);
    while (positions.length > operand.length) positions.splice(Math.floor(next() * positions.length), 1);
    const shape = Array.from({ length: rank }, () => 1 + Math.floor(next() * 3));
    operand.forEach((d, i) => (shape[positions[i]!] = d === 1 ? shape[positions[i]!]! : d));
    return { operand, shape, broadcastDimensions: positions };
  }),
);

const sliceSpec = nonScalar.chain((s) =>
  fc.tuple(fc.constant(s), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 2 })), { minLength: s.length, maxLength: s.length })).map(([shape, raw]) => {
    const start = shape.map((d, i) => raw[i]![0] % d);
    const limit = shape.map((d, i) => start[i]! + 1 + (raw[i]![1] % (d - start[i]!)));
    return { shape, start, limit, strides: raw.map((r) => r[2]) };
  }),
);

const padSpec = shapes.chain((s) =>
  fc.tuple(fc.constant(s), fc.array(fc.tuple(fc.integer({ min: -1, max: 2 }), fc.integer({ min: -1, max: 2 }), fc.integer({ min: 0, max: 1 })), { minLength: s.length, maxLength: s.length })).map(([shape, raw]) => ({
    shape,
    config: raw.map(([lo, hi, interior], i) => {
      const d = shape[i]!;
      return lo + hi + d + Math.max(0, d - 1) * interior >= 0 ? ([lo, hi, interior] as const) : ([0, 0, interior] as const);
    }),
  })),
);

/** Operand, start-index scalars (as int32 arguments, so vmap can batch them), sizes. */
const dynamicSliceSpec = nonScalar.chain((s) => fc.tuple(fc.constant(s), fc.array(fc.nat(), { minLength: s.length, maxLength: s.length })).map(([shape, raw]) => ({ shape, sizes: shape.map((d, i) => 1 + (raw[i]! % d)) })));

const gatherSpec = nonScalar.chain((s) => fc.tuple(fc.constant(s), axisOf(s.length), arb.shape({ maxRank: 2, maxDim: 3 })));

const movementCases = {
  reshape: functionCase("reshape", arb.shape({ maxRank: 3, maxDim: 3 }).chain((s) => fc.tuple(fc.constant(s), arb.reshapeTarget(s))), ([s, newShape]) => ({
    f: (x) => bind1("reshape", [x], { newShape }),
    args: tuple(f64(s)),
  })),
  broadcastInDim: functionCase("broadcastInDim", broadcastSpec, ({ operand, shape, broadcastDimensions }) => ({
    f: (x) => bind1("broadcastInDim", [x], { shape, broadcastDimensions }),
    args: tuple(f64(operand)),
  })),
  transpose: functionCase("transpose", shapes.chain((s) => fc.tuple(fc.constant(s), arb.permutation(s.length))), ([s, permutation]) => ({
    f: (x) => bind1("transpose", [x], { permutation }),
    args: tuple(f64(s)),
  })),
  slice: functionCase("slice", sliceSpec, ({ shape, start, limit, strides }) => ({
    f: (x) => bind1("slice", [x], { start, limit, strides }),
    args: tuple(f64(shape)),
  })),
  dynamicSlice: functionCase("dynamicSlice", dynamicSliceSpec, ({ shape, sizes }) => ({
    f: (x, ...starts) => bind1("dynamicSlice", [x!, ...starts], { sliceSizes: sizes }),
    args: tuple(f64(shape), ...shape.map((d) => int32([], -1, d))),
  })),
  dynamicUpdateSlice: functionCase("dynamicUpdateSlice", dynamicSliceSpec, ({ shape, sizes }) => ({
    f: (x, update, ...starts) => bind1("dynamicUpdateSlice", [x!, update!, ...starts], {}),
    args: tuple(f64(shape), f64(sizes), ...shape.map((d) => int32([], -1, d))),
  })),
  pad: functionCase("pad", padSpec, ({ shape, config }) => ({
    f: (x, value) => bind1("pad", [x!, value!], { config }),
    args: tuple(f64(shape), f64([])),
  })),
  concatenate: functionCase(
    "concatenate",
    nonScalar.chain((s) => fc.tuple(fc.constant(s), axisOf(s.length), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }))),
    ([s, axis, sizes]) => ({
      f: (...xs) => bind1("concatenate", xs, { axis }),
      args: fc.tuple(...sizes.map((d) => f64(s.map((e, i) => (i === axis ? d : e))))),
    }),
  ),
  rev: functionCase("rev", shapes.chain((s) => fc.tuple(fc.constant(s), axesOf(s.length))), ([s, axes]) => ({
    f: (x) => bind1("rev", [x], { axes }),
    args: tuple(f64(s)),
  })),
  gather: functionCase("gather", gatherSpec, ([s, axis, indexShape]) => ({
    f: (x, indices) => bind1("gather", [x!, indices!], { axis }),
    args: tuple(f64(s), int32(indexShape, 0, s[axis]! - 1)),
  })),
  scatterAdd: functionCase("scatterAdd", gatherSpec, ([s, axis, indexShape]) => ({
    f: (x, indices, updates) => bind1("scatterAdd", [x!, indices!, updates!], { axis }),
    args: tuple(f64(s), int32(indexShape, 0, s[axis]! - 1), f64([...s.slice(0, axis), ...indexShape, ...s.slice(axis + 1)])),
  })),
  iota: functionCase("iota", nonScalar.chain((s) => fc.tuple(fc.constant(s), axisOf(s.length), fc.constantFrom<DType>("float64", "int32"))), ([shape, dimension, dtype]) => ({
    f: () => bind1("iota", [], { dtype, shape, dimension }),
    args: fc.constant([]),
  }), { notApplicable: onlyVmap("takes no operands (and so vmap never batches it: the law runs with axisSize and checks the broadcast)") }),
} satisfies Partial<Record<Prim, FunctionCase>>;

// -------------------------------------------------------------------------------------
// contractions and windows
// -------------------------------------------------------------------------------------

/** dotGeneral operands with random batch, contracting and free axes, each operand's axes permuted. */
const dotSpec = fc
  .record({
    batch: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 1 }),
    contract: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
    lhsFree: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 1 }),
    rhsFree: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 1 }),
    lhsSeed: fc.nat(),
    rhsSeed: fc.nat(),
  })
  .map(({ batch, contract, lhsFree, rhsFree, lhsSeed, rhsSeed }) => {
    const layout = (free: number[], seed: number) => {
      const logical = [...batch, ...free, ...contract];
      const perm = permutationOf(logical.length, seed);
      const where = (j: number) => perm.indexOf(j);
      return {
        shape: perm.map((j) => logical[j]!),
        batch: batch.map((_, i) => where(i)),
        contract: contract.map((_, i) => where(batch.length + free.length + i)),
      };
    };
    const lhs = layout(lhsFree, lhsSeed);
    const rhs = layout(rhsFree, rhsSeed);
    const params: ParamsOf["dotGeneral"] = { contracting: [lhs.contract, rhs.contract], batch: [lhs.batch, rhs.batch], preferredDtype: null };
    return { lhs: lhs.shape, rhs: rhs.shape, params };
  });

/** A convolution: 1 or 2 spatial axes, random layouts, strides, padding, dilations and feature/batch groups. */
const convSpec = fc
  .record({
    spatial: fc.integer({ min: 1, max: 2 }),
    groups: fc.constantFrom<[number, number]>([1, 1], [1, 1], [2, 1], [1, 2]),
    batchPerGroup: fc.integer({ min: 1, max: 2 }),
    inPerGroup: fc.integer({ min: 1, max: 2 }),
    outPerGroup: fc.integer({ min: 1, max: 2 }),
    axes: fc.array(fc.record({ size: fc.integer({ min: 1, max: 4 }), window: fc.integer({ min: 1, max: 3 }), stride: fc.integer({ min: 1, max: 2 }), lo: fc.integer({ min: 0, max: 1 }), hi: fc.integer({ min: 0, max: 1 }), lhsDilation: fc.integer({ min: 1, max: 2 }), rhsDilation: fc.integer({ min: 1, max: 2 }) }), { minLength: 2, maxLength: 2 }),
    seeds: fc.tuple(fc.nat(), fc.nat(), fc.nat()),
  })
  .map(({ spatial, groups: [featureGroupCount, batchGroupCount], batchPerGroup, inPerGroup, outPerGroup, axes, seeds }) => {
    const used = axes.slice(0, spatial).map((a) => {
      const dilated = (a.size - 1) * a.lhsDilation + 1 + a.lo + a.hi;
      const window = (a.window - 1) * a.rhsDilation + 1;
      // Widen the input until at least one window fits.
      const size = dilated >= window ? a.size : a.size + Math.ceil((window - dilated) / a.lhsDilation);
      return { ...a, size };
    });
    const rank = spatial + 2;
    const perms = seeds.map((s) => permutationOf(rank, s));
    const place = (perm: number[], logical: number[]) => perm.map((j) => logical[j]!);
    const n = batchPerGroup * batchGroupCount;
    const c = inPerGroup * featureGroupCount;
    const o = outPerGroup * featureGroupCount * batchGroupCount;
    const lhsLogical = [n, c, ...used.map((a) => a.size)];
    const rhsLogical = [o, inPerGroup, ...used.map((a) => a.window)];
    const axesOfPerm = (perm: number[]) => Array.from({ length: rank }, (_, j) => perm.indexOf(j));
    const params: ParamsOf["convGeneralDilated"] = {
      windowStrides: used.map((a) => a.stride),
      padding: used.map((a) => [a.lo, a.hi] as const),
      lhsDilation: used.map((a) => a.lhsDilation),
      rhsDilation: used.map((a) => a.rhsDilation),
      dimensionNumbers: { lhs: axesOfPerm(perms[0]!), rhs: axesOfPerm(perms[1]!), out: axesOfPerm(perms[2]!) },
      featureGroupCount,
      batchGroupCount,
    };
    return { lhs: place(perms[0]!, lhsLogical), rhs: place(perms[1]!, rhsLogical), params };
  });

/** A window reduction; max/min windows always cover real elements (no padding or base dilation). */
const windowSpec = (covering: boolean) =>
  arb.shape({ minRank: 1, maxRank: 3, maxDim: 4 }).chain((s) =>
    fc.array(fc.record({ window: fc.integer({ min: 1, max: 2 }), stride: fc.integer({ min: 1, max: 2 }), lo: fc.integer({ min: 0, max: 1 }), hi: fc.integer({ min: 0, max: 1 }), base: fc.integer({ min: 1, max: 2 }), dilation: fc.integer({ min: 1, max: 2 }) }), { minLength: s.length, maxLength: s.length }).map((raw) => {
      const axes = raw.map((a, i) => {
        const lo = covering ? 0 : a.lo;
        const hi = covering ? 0 : a.hi;
        const base = covering ? 1 : a.base;
        const extent = (a.window - 1) * a.dilation + 1;
        const padded = (s[i]! - 1) * base + 1 + lo + hi;
        return padded >= extent ? { ...a, lo, hi, base } : { ...a, lo, hi, base, window: 1 };
      });
      const params: ParamsOf["reduceWindowSum"] = {
        windowDimensions: axes.map((a) => a.window),
        windowStrides: axes.map((a) => a.stride),
        padding: axes.map((a) => [a.lo, a.hi] as const),
        baseDilation: axes.map((a) => a.base),
        windowDilation: axes.map((a) => a.dilation),
      };
      return { shape: s, params };
    }),
  );

const windowCase = (prim: "reduceWindowSum" | "reduceWindowMax" | "reduceWindowMin") =>
  functionCase(prim, windowSpec(prim !== "reduceWindowSum"), ({ shape, params }) => ({ f: (x) => bind1(prim, [x], params), args: tuple(f64(shape)) }));

const contractCases = {
  dotGeneral: functionCase("dotGeneral", dotSpec, ({ lhs, rhs, params }) => ({ f: (a, b) => bind1("dotGeneral", [a!, b!], params), args: tuple(f64(lhs), f64(rhs)) })),
  convGeneralDilated: functionCase("convGeneralDilated", convSpec, ({ lhs, rhs, params }) => ({
    f: (a, b) => bind1("convGeneralDilated", [a!, b!], params),
    args: tuple(f64(lhs), f64(rhs)),
  })),
  reduceWindowSum: windowCase("reduceWindowSum"),
  reduceWindowMax: windowCase("reduceWindowMax"),
  reduceWindowMin: windowCase("reduceWindowMin"),
} satisfies Partial<Record<Prim, FunctionCase>>;

// -------------------------------------------------------------------------------------
// linear algebra
// -------------------------------------------------------------------------------------

/** (a + a^T) / 2 over the last two axes: keeps finite differences in symmetric directions. */
const symmetrize = (a: ArrayValue) => np.multiply(np.add(a, np.swapaxes(a, -1, -2)), 0.5);

/** Batches of well-conditioned matrices: uniform entries plus `diagonal` times the identity. */
function matrices(shape: Shape, diagonal: number): fc.Arbitrary<NdArray> {
  return f64(shape, { min: -1, max: 1 }).map((m) => {
    if (diagonal === 0) return m;
    const n = shape[shape.length - 1]!;
    const eye = np.multiply(np.eye(n, n, { dtype: "float64" }), diagonal);
    return np.add(m, eye) as NdArray;
  });
}

/** Symmetric positive definite batches: m m^T + n I. */
function spd(shape: Shape): fc.Arbitrary<NdArray> {
  const n = shape[shape.length - 1]!;
  return f64(shape, { min: -1, max: 1 }).map((m) => np.add(np.matmul(m, np.swapaxes(m, -1, -2)), np.multiply(np.eye(n, n, { dtype: "float64" }), n)) as NdArray);
}

const batch = fc.array(fc.integer({ min: 1, max: 2 }), { maxLength: 1 });
const size = fc.integer({ min: 1, max: 3 });
const linalgTol: FunctionCaseOptions["tol"] = {
  jvpFiniteDifferences: { rtol: 1e-5, atol: 1e-6 },
  gradFiniteDifferences: { rtol: 1e-5, atol: 1e-6 },
  hessianSymmetric: { rtol: 1e-6, atol: 1e-8 },
};

const linalgCases = {
  cholesky: functionCase("cholesky", fc.tuple(batch, size), ([b, n]) => ({
    f: (a) => bind1("cholesky", [symmetrize(a!)], {}),
    args: tuple(spd([...b, n, n])),
  }), { tol: linalgTol }),
  triangularSolve: functionCase(
    "triangularSolve",
    fc.tuple(batch, size, size, fc.record({ leftSide: fc.boolean(), lower: fc.boolean(), transposeA: fc.boolean(), unitDiagonal: fc.boolean() })),
    ([b, m, n, params]) => ({
      f: (a, rhs) => bind1("triangularSolve", [a!, rhs!], params),
      args: tuple(matrices([...b, m, m], 3), f64(params.leftSide ? [...b, m, n] : [...b, n, m])),
    }),
    { tol: linalgTol },
  ),
  lu: functionCase("lu", fc.tuple(batch, size), ([b, n]) => ({ f: (a) => bind("lu", [a!], {}), args: tuple(matrices([...b, n, n], 0)) }), { tol: linalgTol }),
  qr: functionCase("qr", fc.tuple(batch, size, size, fc.boolean()), ([b, m, n, full]) => ({
    // Complete Q of a tall matrix has free columns (JAX has no derivative there): full only when m <= n.
    f: (a) => bind("qr", [a!], { fullMatrices: full && m <= n }),
    args: tuple(matrices([...b, m, n], 0)),
  }), { tol: linalgTol }),
  eigh: functionCase("eigh", fc.tuple(batch, size), ([b, n]) => ({ f: (a) => bind("eigh", [symmetrize(a!)], {}), args: tuple(matrices([...b, n, n], 0)) }), { tol: linalgTol }),
  svd: functionCase("svd", fc.tuple(batch, size, size, fc.boolean()), ([b, m, n, computeUv]) => ({
    f: (a) => bind("svd", [a!], { fullMatrices: false, computeUv }),
    args: tuple(matrices([...b, m, n], 0)),
  }), { tol: linalgTol }),
  schur: functionCase("schur", fc.tuple(batch, size, fc.boolean()), ([b, n, computeSchurVectors]) => ({
    f: (a) => bind("schur", [a!], { computeSchurVectors }),
    args: tuple(matrices([...b, n, n], 0)),
  }), { tol: linalgTol, notApplicable: onlyVmap("the Schur decomposition is not unique and has no derivative (none in JAX either)") }),
} satisfies Partial<Record<Prim, FunctionCase>>;

// -------------------------------------------------------------------------------------
// random, autodiff and higher-order primitives
// -------------------------------------------------------------------------------------

const sinTimes = (x: ArrayValue, y: ArrayValue) => np.multiply(np.sin(x), y);
const sinTimesJvp = customJvp(sinTimes, (primals, tangents) => {
  const [x, y] = primals as [ArrayValue, ArrayValue];
  const [tx, ty] = tangents as [ArrayValue, ArrayValue];
  return [sinTimes(x, y), np.add(np.multiply(np.multiply(np.cos(x), y), tx), np.multiply(np.sin(x), ty))];
});
const sinTimesVjp = customVjp(
  sinTimes,
  (x: ArrayValue, y: ArrayValue) => [sinTimes(x, y), [x, y]],
  (residuals: never, ct: never) => {
    const [x, y] = residuals as [ArrayValue, ArrayValue];
    const c = ct as ArrayValue;
    return [np.multiply(np.multiply(np.cos(x), y), c), np.multiply(np.sin(x), c)];
  },
);
const sameShapes = shapes.map((s) => [s, s] as const);
const forwardModeError = "forward mode through a customVjp function is an error (as JAX): the law needs jvp";
const reverseModeError = "reverse mode through a whileLoop is an error (as JAX): the law needs vjp";

const higherOrderCases = {
  threefry2x32: functionCase("threefry2x32", arb.broadcastableShapes(4, { maxRank: 2, maxDim: 3 }), (s) => ({
    f: (...xs) => bind("threefry2x32", xs, {}),
    args: fc.tuple(...s.map((shape) => uniform(shape, "uint32", { min: 0, max: 4294967295 }))),
  }), { notApplicable: onlyVmap("uint32 operands: nothing to differentiate") }),
  randomGamma: functionCase("randomGamma", shapes, (s) => ({
    f: (key, a) => bind1("randomGamma", [key!, a!], { logSpace: false }),
    args: fc.tuple(uniform([2], "uint32", { min: 0, max: 4294967295 }), uniform(s, "float64", { min: 0.2, max: 5 })),
  }), { notApplicable: onlyVmap("sampling: the key is integer bits, and a sample jumps where a rejection decision flips, so finite differences in a are not its derivative (tested against JAX instead)") }),
  randomGammaGrad: functionCase("randomGammaGrad", shapes, (s) => ({
    f: (a, x) => bind1("randomGammaGrad", [a!, x!], {}),
    args: fc.tuple(uniform(s, "float64", { min: 0.2, max: 5 }), uniform(s, "float64", { min: 0.1, max: 8 })),
  }), { notApplicable: onlyVmap("the derivative of a sample; its own derivative is not implemented (a clear error)") }),
  randomPoisson: functionCase("randomPoisson", shapes, (s) => ({
    f: (key, lam) => bind1("randomPoisson", [key!, lam!], {}),
    args: fc.tuple(uniform([2], "uint32", { min: 0, max: 4294967295 }), uniform(s, "float32", { min: 0, max: 30 })),
  }), { notApplicable: onlyVmap("sampling: the key is integer bits and the samples are integers") }),
  bitcastConvertType: functionCase("bitcastConvertType", shapes, (s) => ({
    // float64 -> uint32 pairs -> float64: the round trip through both width changes.
    f: (x) => bind1("bitcastConvertType", [bind1("bitcastConvertType", [x!], { dtype: "uint32" })], { dtype: "float64" }),
    args: tuple(f64(s)),
  }), { notApplicable: onlyVmap("bits have no derivative: the tangent is zero by definition (as JAX), where finite differences see the identity") }),
  randomBinomial: functionCase("randomBinomial", shapes, (s) => ({
    f: (key, count, q) => bind1("randomBinomial", [key!, count!, q!], {}),
    args: fc.tuple(uniform([2], "uint32", { min: 0, max: 4294967295 }), uniform(s, "float32", { min: 0, max: 60 }), uniform(s, "float32", { min: 0, max: 0.5 })),
  }), { notApplicable: onlyVmap("sampling: the key is integer bits and the samples are integers") }),
  stopGradient: functionCase("stopGradient", shapes, (s) => ({ f: (x) => bind1("stopGradient", [x], {}), args: tuple(f64(s)) }), {
    notApplicable: {
      jvpFiniteDifferences: "stopGradient's derivative is zero by definition; finite differences see the identity",
      gradFiniteDifferences: "stopGradient's derivative is zero by definition; finite differences see the identity",
    },
  }),
  // A callback that ignores its values: the laws check that the function around it transforms as without it.
  debugCallback: functionCase("debugCallback", sameShapes, ([a, b]) => ({
    f: (x, y) => {
      bind("debugCallback", [x!, np.multiply(x!, y!)], { callback: () => undefined, fmt: null });
      return np.multiply(np.sin(x!), y!);
    },
    args: tuple(f64(a), f64(b)),
  })),
  customJvpCall: functionCase("customJvpCall", sameShapes, ([a, b]) => ({ f: (x, y) => sinTimesJvp(x!, y!), args: tuple(f64(a), f64(b)) })),
  customVjpCall: functionCase("customVjpCall", sameShapes, ([a, b]) => ({ f: (x, y) => sinTimesVjp(x!, y!), args: tuple(f64(a), f64(b)) }), {
    notApplicable: {
      jvpFiniteDifferences: forwardModeError,
      jvpLinear: forwardModeError,
      vjpJvpDotProduct: forwardModeError,
      linearizeMatchesJvp: forwardModeError,
      transposeTwice: forwardModeError,
      chainRule: forwardModeError,
    },
  }),
  // A customVjp function's customLinear exists only inside linearized programs (it cannot be evaluated
  // forward, as JAX's custom_lin): drive it through the pullback of a customVjp function, as a function
  // of the point and the cotangent. (The implicit solves' customLinear, which carries a forward
  // function, is tested in test/core/lax/lax-ops.test.ts.)
  customLinear: functionCase("customLinear", sameShapes, ([a, b]) => ({
    f: (x, y, ct) => vjp(sinTimesVjp, x!, y!)[1](ct!),
    args: tuple(f64(a), f64(b), f64(a)),
  })),
  checkpoint: functionCase("checkpoint", sameShapes, ([a, b]) => ({
    f: checkpoint((x: ArrayValue, y: ArrayValue) => np.add(np.sin(np.multiply(x, y)), np.multiply(np.exp(np.tanh(x)), y))),
    args: tuple(f64(a), f64(b)),
  })),
  jit: functionCase("jit", sameShapes, ([a, b]) => ({
    f: jit((x: ArrayValue, y: ArrayValue) => np.add(np.sin(np.multiply(x, y)), np.multiply(np.exp(np.tanh(x)), y))),
    args: tuple(f64(a), f64(b)),
  })),
  scan: functionCase("scan", fc.tuple(shapes, fc.integer({ min: 0, max: 3 }), fc.boolean()), ([s, length, reverse]) => ({
    f: (init, xs, w) =>
      scan((c: ArrayValue, x: ArrayValue) => {
        const next = np.add(np.multiply(c, np.tanh(x)), np.sin(np.multiply(c, w!)));
        return [next, np.multiply(next, x)] as const;
      }, init!, xs!, { reverse }),
    args: tuple(f64(s), f64([length, ...s]), f64(s)),
  })),
  cond: functionCase("cond", fc.tuple(shapes, fc.boolean()), ([s, useSwitch]) => ({
    f: (p, x, y) =>
      useSwitch
        ? switchBranches(p!, [(a: ArrayValue, b: ArrayValue) => sinTimes(a, b), (a: ArrayValue, b: ArrayValue) => np.add(a, np.cos(b)), (a: ArrayValue) => np.multiply(a, a)], x!, y!)
        : cond(p!, (a: ArrayValue, b: ArrayValue) => sinTimes(a, b), (a: ArrayValue, b: ArrayValue) => np.add(a, np.cos(b)), x!, y!),
    args: tuple(useSwitch ? int32([], -1, 3) : uniform([], "bool"), f64(s), f64(s)),
  })),
  // The trip count is an int32 argument, so vmap sees examples looping different numbers of times.
  whileLoop: functionCase("whileLoop", shapes, (s) => ({
    f: (x, n) =>
      whileLoop<{ i: ArrayValue; x: ArrayValue }>(
        (c) => np.less(c.i, n!),
        (c) => ({ i: np.add(c.i, 1), x: np.add(np.sin(c.x), np.multiply(c.x, 0.5)) }),
        { i: np.zeros([], { dtype: "int32" }), x: x! },
      ).x,
    args: tuple(f64(s), int32([], 0, 3)),
  }), {
    notApplicable: {
      gradFiniteDifferences: reverseModeError,
      vjpJvpDotProduct: reverseModeError,
      transposeTwice: reverseModeError,
      hessianSymmetric: reverseModeError,
      chainRule: reverseModeError,
    },
  }),
} satisfies Partial<Record<Prim, FunctionCase>>;

/** One case per primitive (the type makes a missing primitive a compile error). */
export const primitiveCases: { readonly [P in Prim]: FunctionCase } = {
  ...(elementwiseCases as Record<UnaryPrim, FunctionCase> & typeof elementwiseCases),
  ...reduceCases,
  ...movementCases,
  ...contractCases,
  ...linalgCases,
  ...higherOrderCases,
};
