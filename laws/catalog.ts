/**
 * Catalogs of `np` functions for the laws that range over every op: each entry names a function
 * and says how to generate arguments for it. `opCases` drive the immutability law (arguments are
 * mostly valid and sometimes not, since a failing call must leave its inputs alone too);
 * `precisionCases` drive the float32-versus-float64 law (valid float32 inputs in each function's
 * domain). `notCovered` names the np exports deliberately left out, with the reason.
 *
 * @example
 * for (const c of opCases.slice(0, 3)) checkLeavesInputsUnchanged([c], { numRuns: 5 });
 */
import fc from "fast-check";
import type { DType } from "../core/dtype.js";
import type { ArrayValue, IndexSpec, NdArray } from "../core/ndarray.js";
import * as lax from "../core/lax/index.js";
import * as nn from "../core/nn.js";
import * as np from "../core/numpy/index.js";
import { broadcastShapes } from "../core/shape.js";
import * as arb from "./arbitraries.js";
import type { Tolerance } from "./arrays.js";

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** An np function with an arbitrary for its argument lists. */
export interface OpCase {
  /** The np name ("add", "linalg.solve", "at.set", ...). */
  readonly name: string;
  readonly args: fc.Arbitrary<readonly unknown[]>;
  readonly run: (args: readonly unknown[]) => unknown;
}

/** A value range for one argument of a precision case (`dtype: "bool"` for masks). */
export interface Domain extends arb.ValueOptions {
  readonly dtype?: "bool";
}

/** An elementwise np function with the domain of each array argument, for float32-versus-float64 checks. */
export interface PrecisionCase {
  readonly name: string;
  readonly domains: readonly Domain[];
  readonly run: (...args: ArrayValue[]) => ArrayValue;
  /** Looser tolerances for functions composed of several rounded steps. */
  readonly tol?: Tolerance;
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/** Builds an op case, keeping the argument types checked against the function. */
export function opCase<Args extends readonly unknown[]>(name: string, args: fc.Arbitrary<Args>, run: (...args: Args) => unknown): OpCase {
  return { name, args, run: (list) => run(...(list as Args)) };
}

// -------------------------------------------------------------------------------------
// argument arbitraries
// -------------------------------------------------------------------------------------

const integers: readonly DType[] = ["int32", "uint32", "bool"];
const any = arb.array({ allowZeroSize: true });
const anyInteger = arb.array({ dtypes: integers, allowZeroSize: true });
/** Mostly `valid`, sometimes `invalid` (a failing call must leave its inputs alone too). */
const mostly = <T, U>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<U>): fc.Arbitrary<T | U> =>
  fc.oneof({ arbitrary: valid, weight: 5 }, { arbitrary: invalid, weight: 1 });
const asPair = (xs: readonly NdArray[]): [NdArray, NdArray] => [xs[0]!, xs[1]!];
const asTriple = (xs: readonly NdArray[]): [NdArray, NdArray, NdArray] => [xs[0]!, xs[1]!, xs[2]!];
/** Mostly broadcast-compatible pairs of one dtype; sometimes arbitrary (mismatched) pairs. */
const pair = (options: arb.ArrayOptions = {}) =>
  mostly(arb.broadcastArrays(2, { allowZeroSize: true, ...options }).map(asPair), fc.tuple(arb.array(options), arb.array(options)));
const triple = mostly(arb.broadcastArrays(3, { allowZeroSize: true }).map(asTriple), fc.tuple(any, any, any));
const anyAxis = fc.integer({ min: -4, max: 3 });
/** An axis of an array of `rank` (either sign); now and then an out-of-range one. */
const axisOf = (rank: number): fc.Arbitrary<number> => (rank === 0 ? anyAxis : mostly(fc.integer({ min: -rank, max: rank - 1 }), anyAxis));
/** Distinct axes of an array of `rank`, or null for all of them. */
const axesOf = (rank: number): fc.Arbitrary<number | number[] | null> =>
  fc.oneof(fc.constant(null), axisOf(rank), fc.subarray(Array.from({ length: rank }, (_, i) => i)));
/** An array with `extra(x)` generated to fit it. */
const withArray = <T>(arrays: fc.Arbitrary<NdArray>, extra: (x: NdArray) => fc.Arbitrary<T>): fc.Arbitrary<[NdArray, T]> =>
  arrays.chain((x) => fc.tuple(fc.constant(x), extra(x)));
const atLeastRank = (minRank: number) => arb.array({ minRank, allowZeroSize: true });
const smallInt = fc.integer({ min: -3, max: 3 });
/** Several arrays of one shape and dtype and an axis for them (valid input for concatenate and stack). */
const sameShapeArrays = fc
  .tuple(arb.shape({ minRank: 1, maxRank: 3, allowZeroSize: true }), arb.dtype(), fc.integer({ min: 1, max: 3 }))
  .chain(([s, dt, n]) => fc.tuple(fc.array(arb.arrayOf(s, dt), { minLength: n, maxLength: n }), fc.record({ axis: axisOf(s.length) })));
const someArrays = fc.tuple(fc.array(any, { maxLength: 3 }), fc.record({ axis: anyAxis }));
/** Index specs for an array of `rank`: integers, null, ranges, strings, "...". */
const indexFor = (rank: number): fc.Arbitrary<IndexSpec[]> => {
  const spec = fc.oneof(
    smallInt,
    fc.constant(null),
    fc.tuple(fc.option(smallInt, { nil: null }), fc.option(smallInt, { nil: null }), fc.constantFrom(null, 1, 2, -1)),
    fc.constantFrom(":", "::-1", "1:", "...", "0:2"),
  );
  return fc.array(spec, { maxLength: Math.max(rank, 1) }) as fc.Arbitrary<IndexSpec[]>;
};
/** An array with a shape it broadcasts to. */
const broadcastTarget = arb
  .broadcastableShapes(2, { allowZeroSize: true })
  .chain(([from, other]) => fc.tuple(arb.arrayOf(from!, "float32"), fc.constant(broadcastShapes("laws", from!, other!))));

// -------------------------------------------------------------------------------------
// elementwise
// -------------------------------------------------------------------------------------

const unaryFunctions = {
  negative: np.negative, positive: np.positive, square: np.square, reciprocal: np.reciprocal, abs: np.abs,
  absolute: np.absolute, sign: np.sign, exp: np.exp, exp2: np.exp2, expm1: np.expm1, log: np.log, log1p: np.log1p,
  log2: np.log2, log10: np.log10, sin: np.sin, cos: np.cos, tan: np.tan, arcsin: np.arcsin, arccos: np.arccos,
  arctan: np.arctan, sinh: np.sinh, cosh: np.cosh, tanh: np.tanh, arcsinh: np.arcsinh, arccosh: np.arccosh,
  arctanh: np.arctanh, sqrt: np.sqrt, rsqrt: np.rsqrt, cbrt: np.cbrt, erf: np.erf, erfc: np.erfc, erfinv: np.erfinv,
  expit: np.expit, floor: np.floor, ceil: np.ceil, rint: np.rint, trunc: np.trunc, isfinite: np.isfinite,
  isnan: np.isnan, isinf: np.isinf, logicalNot: np.logicalNot, bitwiseNot: np.bitwiseNot, invert: np.invert,
  signbit: np.signbit, sinc: np.sinc, deg2rad: np.deg2rad, rad2deg: np.rad2deg, radians: np.radians, degrees: np.degrees,
  acos: np.acos, asin: np.asin, atan: np.atan, acosh: np.acosh, asinh: np.asinh, atanh: np.atanh,
} satisfies Record<string, (x: ArrayValue) => ArrayValue>;

const binaryFunctions = {
  add: np.add, subtract: np.subtract, multiply: np.multiply, divide: np.divide, trueDivide: np.trueDivide,
  floorDivide: np.floorDivide, remainder: np.remainder, mod: np.mod, fmod: np.fmod, power: np.power,
  maximum: np.maximum, minimum: np.minimum, logaddexp: np.logaddexp, hypot: np.hypot, arctan2: np.arctan2,
  nextafter: np.nextafter, equal: np.equal, notEqual: np.notEqual, less: np.less, lessEqual: np.lessEqual,
  greater: np.greater, greaterEqual: np.greaterEqual, logicalAnd: np.logicalAnd, logicalOr: np.logicalOr,
  logicalXor: np.logicalXor, bitwiseAnd: np.bitwiseAnd, bitwiseOr: np.bitwiseOr, bitwiseXor: np.bitwiseXor,
  leftShift: np.leftShift, rightShift: np.rightShift, isclose: np.isclose,
  copysign: np.copysign, heaviside: np.heaviside, fmax: np.fmax, fmin: np.fmin, logaddexp2: np.logaddexp2,
  floatPower: np.floatPower, atan2: np.atan2, pow: np.pow,
} satisfies Record<string, (x: ArrayValue, y: ArrayValue) => ArrayValue>;

const bitwiseNames = new Set(["bitwiseNot", "invert", "bitwiseAnd", "bitwiseOr", "bitwiseXor", "leftShift", "rightShift"]);

const elementwiseCases: OpCase[] = [
  ...Object.entries(unaryFunctions).map(([name, f]) =>
    opCase(name, fc.tuple(bitwiseNames.has(name) ? fc.oneof(anyInteger, any) : any), f),
  ),
  ...Object.entries(binaryFunctions).map(([name, f]) =>
    opCase(name, bitwiseNames.has(name) ? fc.oneof(pair({ dtypes: integers }), pair()) : pair(), f),
  ),
  opCase("round", fc.tuple(any, fc.record({ decimals: fc.integer({ min: -2, max: 3 }) })), np.round),
  opCase("where", triple, (c, x, y) => np.where(c, x, y)),
  opCase("clip", triple, (x, lo, hi) => np.clip(x, lo, hi)),
  opCase("astype", fc.tuple(any, arb.dtype()), np.astype),
];

// -------------------------------------------------------------------------------------
// creation from arrays
// -------------------------------------------------------------------------------------

const creationCases: OpCase[] = [
  opCase("array", fc.tuple(any), (x) => np.array(x)),
  opCase("asarray", fc.tuple(any), (x) => np.asarray(x)),
  opCase("zerosLike", fc.tuple(any), (x) => np.zerosLike(x)),
  opCase("onesLike", fc.tuple(any), (x) => np.onesLike(x)),
  opCase("fullLike", fc.tuple(any, fc.double({ min: -5, max: 5 })), (x, v) => np.fullLike(x, v)),
];

// -------------------------------------------------------------------------------------
// reductions, scans, sorts
// -------------------------------------------------------------------------------------

const reductionFunctions = {
  sum: np.sum, prod: np.prod, max: np.max, min: np.min, amax: np.amax, amin: np.amin, ptp: np.ptp, all: np.all,
  any: np.any, mean: np.mean, var: np.var, std: np.std, median: np.median,
} satisfies Record<string, (x: ArrayValue, options?: np.ReduceOptions) => ArrayValue>;

const reductionCases: OpCase[] = [
  ...Object.entries(reductionFunctions).map(([name, f]) =>
    opCase(name, withArray(any, (x) => fc.record({ axis: axesOf(x.ndim), keepdims: fc.boolean() })), f),
  ),
  ...Object.entries({ argmax: np.argmax, argmin: np.argmin }).map(([name, f]) =>
    opCase(name, withArray(any, (x) => fc.record({ axis: fc.option(axisOf(x.ndim), { nil: null }), keepdims: fc.boolean() })), f),
  ),
  ...Object.entries({ cumsum: np.cumsum, cumprod: np.cumprod }).map(([name, f]) =>
    opCase(name, withArray(any, (x) => fc.record({ axis: fc.option(axisOf(x.ndim), { nil: null }) })), f),
  ),
  ...Object.entries({ sort: np.sort, argsort: np.argsort }).map(([name, f]) =>
    opCase(name, withArray(any, (x) => fc.record({ axis: fc.option(axisOf(x.ndim), { nil: null }), descending: fc.boolean() })), f),
  ),
  opCase("topK", withArray(mostly(atLeastRank(1), any), (x) => fc.integer({ min: -1, max: (x.shape[x.ndim - 1] ?? 0) + 1 })), np.topK),
  ...Object.entries({
    nansum: np.nansum, nanprod: np.nanprod, nanmax: np.nanmax, nanmin: np.nanmin, nanmean: np.nanmean, nanvar: np.nanvar,
    nanstd: np.nanstd, nanmedian: np.nanmedian,
  }).map(([name, f]) => opCase(name, withArray(any, (x) => fc.record({ axis: axesOf(x.ndim), keepdims: fc.boolean() })), f)),
  ...Object.entries({ nanargmax: np.nanargmax, nanargmin: np.nanargmin }).map(([name, f]) =>
    opCase(name, withArray(any, (x) => fc.record({ axis: fc.option(axisOf(x.ndim), { nil: null }), keepdims: fc.boolean() })), f),
  ),
  ...Object.entries({ nancumsum: np.nancumsum, nancumprod: np.nancumprod }).map(([name, f]) =>
    opCase(name, withArray(any, (x) => fc.record({ axis: fc.option(axisOf(x.ndim), { nil: null }) })), f),
  ),
];

// -------------------------------------------------------------------------------------
// movement and indexing
// -------------------------------------------------------------------------------------

/** Index arrays (int32) valid for axis `axis` of `x`, now and then out of range. */
const indicesFor = (x: NdArray, axis: number): fc.Arbitrary<NdArray> => {
  const n = x.shape[axis < 0 ? axis + x.ndim : axis] ?? 1;
  const range = n === 0 ? fc.constant({ min: -5, max: 5 }) : mostly(fc.constant({ min: -n, max: n - 1 }), fc.constant({ min: -5, max: 5 }));
  return fc.tuple(arb.shape({ maxRank: 2 }), range).chain(([s, r]) => arb.arrayOf(s, "int32", r));
};

const movementCases: OpCase[] = [
  opCase("reshape", mostly(arb.arrayWithReshapeTarget({ allowZeroSize: true }), fc.tuple(any, arb.shape())), np.reshape),
  opCase("ravel", fc.tuple(any), np.ravel),
  opCase("transpose", mostly(arb.arrayWithPermutation({ allowZeroSize: true }), fc.tuple(any, fc.array(anyAxis, { maxLength: 4 }))), np.transpose),
  opCase("moveaxis", any.chain((x) => fc.tuple(fc.constant(x), axisOf(x.ndim), axisOf(x.ndim))), np.moveaxis),
  opCase("swapaxes", any.chain((x) => fc.tuple(fc.constant(x), axisOf(x.ndim), axisOf(x.ndim))), np.swapaxes),
  opCase("expandDims", withArray(any, (x) => axisOf(x.ndim + 1)), np.expandDims),
  opCase("squeeze", withArray(any, (x) => fc.record({ axis: fc.oneof(fc.constant(undefined), axesOf(x.ndim)) })), np.squeeze),
  opCase("broadcastTo", mostly(broadcastTarget, fc.tuple(any, arb.shape())), np.broadcastTo),
  opCase("concatenate", mostly(sameShapeArrays, someArrays), np.concatenate),
  opCase("stack", mostly(sameShapeArrays, someArrays), np.stack),
  opCase(
    "split",
    any.chain((x) => fc.tuple(fc.constant(x), fc.oneof(fc.integer({ min: 1, max: 3 }), fc.array(fc.nat(4), { maxLength: 3 })), fc.record({ axis: axisOf(x.ndim) }))),
    np.split,
  ),
  opCase("tile", fc.tuple(any, fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 })), np.tile),
  opCase("repeat", withArray(any, (x) => fc.tuple(fc.integer({ min: 0, max: 3 }), fc.record({ axis: fc.option(axisOf(x.ndim), { nil: null }) }))), (x, [n, o]) =>
    np.repeat(x, n, o),
  ),
  opCase("flip", withArray(any, (x) => fc.record({ axis: axesOf(x.ndim) })), np.flip),
  opCase(
    "take",
    any.chain((x) => axisOf(x.ndim).chain((axis) => fc.tuple(fc.constant(x), indicesFor(x, axis), fc.constant({ axis })))),
    np.take,
  ),
  opCase("pad", fc.tuple(any, fc.integer({ min: 0, max: 2 }), fc.record({ constantValue: fc.integer({ min: -2, max: 2 }) })), np.pad),
  opCase("triu", fc.tuple(mostly(atLeastRank(2), any), fc.record({ k: smallInt })), np.triu),
  opCase("tril", fc.tuple(mostly(atLeastRank(2), any), fc.record({ k: smallInt })), np.tril),
  opCase("diagonal", fc.tuple(mostly(atLeastRank(2), any), fc.record({ offset: smallInt })), np.diagonal),
  opCase("diag", fc.tuple(mostly(arb.array({ minRank: 1, maxRank: 2, allowZeroSize: true }), any), fc.record({ k: smallInt })), np.diag),
  opCase("trace", fc.tuple(mostly(atLeastRank(2), any), fc.record({ offset: smallInt })), np.trace),
  opCase("slice", withArray(any, (x) => indexFor(x.ndim)), (x, idx) => np.slice(x, ...idx)),
  ...(["get", "set", "add", "mul", "min", "max"] as const).map((method) =>
    opCase(
      `at.${method}`,
      any.chain((x) => fc.tuple(fc.constant(x), indexFor(x.ndim), mostly(arb.arrayOf([], x.dtype), any))),
      (x, idx, v) => {
        const updater = np.at(x, ...idx);
        return method === "get" ? updater.get() : updater[method](v);
      },
    ),
  ),
];

// -------------------------------------------------------------------------------------
// manipulation, statistics, binning, sized outputs
// -------------------------------------------------------------------------------------

const sizeOptions = fc.record({ size: fc.integer({ min: 0, max: 6 }), fillValue: smallInt });
const vector = arb.array({ minRank: 1, maxRank: 1, allowZeroSize: true });

const manipulationCases: OpCase[] = [
  ...Object.entries({ fliplr: np.fliplr, flipud: np.flipud, atleast1d: np.atleast1d, atleast2d: np.atleast2d, atleast3d: np.atleast3d, matrixTranspose: np.matrixTranspose }).map(
    ([name, f]) => opCase(name, fc.tuple(any), f),
  ),
  opCase("roll", withArray(any, (x) => fc.tuple(smallInt, fc.record({ axis: fc.option(axisOf(x.ndim), { nil: null }) }))), (x, [shift, o]) => np.roll(x, shift, o)),
  opCase("rot90", withArray(any, () => fc.record({ k: smallInt })), np.rot90),
  opCase("diff", withArray(any, (x) => fc.record({ n: fc.integer({ min: 0, max: 2 }), axis: axisOf(x.ndim) })), np.diff),
  opCase("kron", pair(), np.kron),
  ...Object.entries({ vstack: np.vstack, hstack: np.hstack, dstack: np.dstack, columnStack: np.columnStack, concat: (xs: NdArray[]) => np.concat(xs) }).map(([name, f]) =>
    opCase(name, mostly(sameShapeArrays.map(([xs]) => xs), fc.array(any, { maxLength: 3 })).map((xs): [NdArray[]] => [xs]), f),
  ),
  opCase(
    "arraySplit",
    any.chain((x) => fc.tuple(fc.constant(x), fc.oneof(fc.integer({ min: 1, max: 4 }), fc.array(fc.nat(4), { maxLength: 3 })), fc.record({ axis: axisOf(x.ndim) }))),
    np.arraySplit,
  ),
  ...Object.entries({ hsplit: np.hsplit, vsplit: np.vsplit, dsplit: np.dsplit }).map(([name, f]) =>
    opCase(name, fc.tuple(any, fc.oneof(fc.integer({ min: 1, max: 3 }), fc.array(fc.nat(4), { maxLength: 3 }))), f),
  ),
  opCase("unstack", withArray(any, (x) => fc.record({ axis: axisOf(x.ndim) })), np.unstack),
  opCase("broadcastArrays", triple, np.broadcastArrays),
  opCase("append", withArray(any, (x) => fc.tuple(mostly(fc.constant(x), any), fc.record({ axis: fc.option(axisOf(x.ndim), { nil: null }) }))), (x, [v, o]) => np.append(x, v, o)),
  opCase("diagflat", fc.tuple(any, fc.record({ k: smallInt })), np.diagflat),
  opCase("delete", withArray(any, (x) => fc.tuple(fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 3 }), fc.record({ axis: fc.option(axisOf(x.ndim), { nil: null }) }))), (x, [obj, o]) => np.delete(x, obj, o)),
  opCase(
    "insert",
    withArray(any, (x) => fc.tuple(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 3 }), any, fc.record({ axis: fc.option(axisOf(x.ndim), { nil: null }) }))),
    (x, [obj, v, o]) => np.insert(x, obj, v, o),
  ),
  opCase("resize", fc.tuple(any, arb.shape({ maxRank: 2, allowZeroSize: true })), np.resize),
  opCase("block", mostly(sameShapeArrays.map(([xs]) => xs), fc.array(any, { maxLength: 3 })).map((xs): [NdArray[][]] => [[xs, xs]]), np.block),
  opCase("trimZeros", withArray(any, (x) => fc.record({ trim: fc.constantFrom<"f" | "b" | "fb">("f", "b", "fb"), axis: fc.option(axisOf(x.ndim), { nil: null }) })), np.trimZeros),
  opCase("compress", fc.tuple(vector, any, fc.record({ axis: fc.option(fc.integer({ min: -2, max: 1 }), { nil: null }) })), np.compress),
  opCase("extract", fc.tuple(any, any, fc.record({ size: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }) })), np.extract),
  opCase("fillDiagonal", fc.tuple(mostly(atLeastRank(2), any), mostly(arb.arrayOf([], "float32"), any)), (x, v) => np.fillDiagonal(x, v)),
  opCase("choose", fc.tuple(indexArrays(2), any, any), (i, a, b) => np.choose(i, [a, b], { mode: "clip" })),
  opCase("vander", fc.tuple(mostly(vector, any), fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }), fc.boolean()), np.vander),
  opCase("permuteDims", mostly(arb.arrayWithPermutation({ allowZeroSize: true }), fc.tuple(any, fc.array(anyAxis, { maxLength: 4 }))), np.permuteDims),
  opCase("meshgrid", fc.tuple(vector, vector, fc.constantFrom<"xy" | "ij">("xy", "ij")), (x, y, indexing) => np.meshgrid(x, y, { indexing })),
  opCase("cross", pair(), (a, b) => np.cross(a, b)),
  opCase("takeAlongAxis", any.chain((x) => axisOf(x.ndim).chain((axis) => fc.tuple(fc.constant(x), indicesFor(x, axis), fc.constant(axis)))), np.takeAlongAxis),
  opCase("select", triple, (c, x, y) => np.select([c], [x], y)),
  opCase("put", fc.tuple(any, arb.arrayOf([3], "int32", { min: -8, max: 8 }), any, fc.constantFrom<"clip" | "wrap" | null>("clip", "wrap", null)), (x, i, v, mode) => np.put(x, i, v, { mode })),
  opCase("putAlongAxis", any.chain((x) => axisOf(x.ndim).chain((axis) => fc.tuple(fc.constant(x), indicesFor(x, axis), any, fc.constant(axis)))), (x, i, v, axis) => np.putAlongAxis(x, i, v, axis)),
  opCase("place", fc.tuple(any, any, any), np.place),
  opCase("frexp", fc.tuple(any), np.frexp),
  opCase("ldexp", fc.tuple(any, mostly(anyInteger, any)), np.ldexp),
  opCase("bitwiseCount", fc.tuple(mostly(anyInteger, any)), np.bitwiseCount),
  opCase("packbits", withArray(mostly(anyInteger, any), (x) => fc.record({ axis: fc.option(axisOf(x.ndim), { nil: null }), bitorder: fc.constantFrom<"big" | "little">("big", "little") })), np.packbits),
  opCase("unpackbits", withArray(mostly(arb.array({ dtypes: ["uint32"], allowZeroSize: true }), any), (x) => fc.record({ axis: fc.option(axisOf(x.ndim), { nil: null }), count: fc.option(fc.integer({ min: -9, max: 9 }), { nil: null }) })), np.unpackbits),
  opCase("i0", fc.tuple(any), np.i0),
  opCase("histogramdd", fc.tuple(mostly(arb.array({ minRank: 2, maxRank: 2 }), any), fc.record({ bins: fc.integer({ min: 1, max: 3 }) })), (s, o) => np.histogramdd(s, o)),
  opCase("histogram2d", fc.tuple(mostly(vector, any), mostly(vector, any), fc.record({ bins: fc.integer({ min: 1, max: 3 }), range: fc.constant([[0, 1], [-1, 1]] as [number, number][]) })), (x, y, o) => np.histogram2d(x, y, o)),
  opCase("piecewise", pair(), (x, c) => np.piecewise(x, [c], [(t) => np.negative(t), 2])),
  opCase("applyAlongAxis", any.chain((x) => fc.tuple(axisOf(x.ndim), fc.constant(x))), (axis, x) => np.applyAlongAxis((r) => np.cumsum(r), axis, x)),
  opCase("applyOverAxes", any.chain((x) => fc.tuple(fc.constant(x), fc.array(axisOf(x.ndim), { maxLength: 2 }))), (x, axes) => np.applyOverAxes((v, ax) => np.sum(v, ax), x, axes)),
  opCase("countNonzero", withArray(any, (x) => fc.record({ axis: axesOf(x.ndim), keepdims: fc.boolean() })), np.countNonzero),
  opCase("average", withArray(any, (x) => fc.record({ axis: axesOf(x.ndim), keepdims: fc.boolean(), returned: fc.boolean() })), np.average),
  ...Object.entries({ quantile: np.quantile, percentile: np.percentile }).map(([name, f]) =>
    opCase(name, withArray(any, (x) => fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.record({ axis: axesOf(x.ndim), method: fc.constantFrom<np.QuantileMethod>("linear", "lower", "nearest") }))), (x, [q, o]) =>
      f(x, name === "percentile" ? q * 100 : q, o),
    ),
  ),
  ...Object.entries({ nanquantile: np.nanquantile, nanpercentile: np.nanpercentile }).map(([name, f]) =>
    opCase(name, withArray(any, (x) => fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.record({ axis: axesOf(x.ndim), method: fc.constantFrom<np.QuantileMethod>("linear", "midpoint", "inverted_cdf") }))), (x, [q, o]) =>
      f(x, name === "nanpercentile" ? q * 100 : q, o),
    ),
  ),
  opCase("cov", fc.tuple(any, fc.record({ rowvar: fc.boolean(), bias: fc.boolean() })), np.cov),
  opCase("cov(aweights)", fc.tuple(any, any), (m, w) => np.cov(m, { aweights: w })),
  opCase("corrcoef", fc.tuple(any, fc.record({ rowvar: fc.boolean() })), np.corrcoef),
  opCase("searchsorted", fc.tuple(mostly(vector, any), any, fc.constantFrom<"left" | "right">("left", "right")), np.searchsorted),
  opCase("bincount", fc.tuple(mostly(indexArrays(5), any), fc.record({ length: fc.integer({ min: 0, max: 6 }) })), np.bincount),
  opCase("histogram", fc.tuple(any, fc.record({ bins: fc.integer({ min: 1, max: 4 }), range: fc.constant<[number, number]>([-2, 2]) })), np.histogram),
  opCase("interp", fc.tuple(any, mostly(vector, any), mostly(vector, any)), (x, xp, fp) => np.interp(x, xp, fp)),
  ...Object.entries({ nonzero: np.nonzero, flatnonzero: np.flatnonzero, argwhere: np.argwhere }).map(([name, f]) => opCase(name, fc.tuple(any, sizeOptions), f)),
  opCase("unique", fc.tuple(any, fc.record({ size: fc.integer({ min: 1, max: 6 }), returnIndex: fc.boolean(), returnInverse: fc.boolean(), returnCounts: fc.boolean() })), np.unique),
  opCase("unique(axis)", withArray(any, (x) => fc.record({ axis: axisOf(x.ndim), size: fc.integer({ min: 1, max: 4 }), returnInverse: fc.boolean(), returnCounts: fc.boolean() })), np.unique),
];

// -------------------------------------------------------------------------------------
// contractions
// -------------------------------------------------------------------------------------

/** Operands for `x @ y`: [..., m, k] and [..., k, n], either possibly a vector. */
const matmulPair = fc
  .tuple(arb.shape({ maxRank: 1, maxDim: 2 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), fc.boolean(), fc.boolean(), arb.dtype())
  .chain(([batch, m, k, n, leftVector, rightVector, dt]) =>
    fc.tuple(arb.arrayOf(leftVector ? [k] : [...batch, m, k], dt), arb.arrayOf(rightVector ? [k] : [...batch, k, n], dt)),
  );
/** Two arrays with the same number of elements (vdot's input). */
const sameSizePair = arb.arrayWithReshapeTarget({ allowZeroSize: true }).chain(([x, s]) => fc.tuple(fc.constant(x), arb.arrayOf(s, x.dtype)));
/** tensordot operands [...free, ...summed] and [...summed, ...free] with the number of summed axes. */
const tensordotCall = fc
  .tuple(arb.shape({ maxRank: 2 }), arb.shape({ maxRank: 2 }), arb.shape({ maxRank: 2 }), arb.dtype())
  .chain(([left, summed, right, dt]) =>
    fc.tuple(arb.arrayOf([...left, ...summed], dt), arb.arrayOf([...summed, ...right], dt), fc.constant(summed.length)),
  );
const einsumSpecs = ["ij,jk->ik", "bij,bjk->bik", "i,i->", "ij->ji", "i,j->ij", "ii->i", "ij->", "bi,ij->bj", "ijk,k->ij"];
/** An einsum spec with operands of matching shapes (each letter one size). */
const einsumCall = fc
  .tuple(fc.constantFrom(...einsumSpecs), fc.dictionary(fc.constantFrom("i", "j", "k", "b"), fc.integer({ min: 0, max: 3 })), arb.dtype())
  .chain(([spec, sizes, dt]) => {
    const inputs = spec.split("->")[0]!.split(",");
    const operands = inputs.map((term) => arb.arrayOf([...term].map((letter) => sizes[letter] ?? 2), dt));
    return fc.tuple(fc.constant(spec), fc.tuple(...operands));
  });

const contractCases: OpCase[] = [
  ...Object.entries({ matmul: np.matmul, dot: np.dot, vdot: np.vdot, inner: np.inner, outer: np.outer }).map(([name, f]) =>
    opCase(name, mostly(name === "vdot" ? sameSizePair : matmulPair, pair()), f),
  ),
  opCase("tensordot", mostly(tensordotCall, fc.tuple(any, any, fc.integer({ min: 0, max: 2 }))), np.tensordot),
  opCase("einsum", mostly(einsumCall, fc.tuple(fc.constantFrom(...einsumSpecs), fc.array(any, { maxLength: 2 }))), (spec, operands) =>
    np.einsum(spec, ...operands),
  ),
];

// -------------------------------------------------------------------------------------
// linear algebra
// -------------------------------------------------------------------------------------

const floats: readonly DType[] = ["float32", "float64"];
/** Batches of float matrices [..., m, n] (square when asked), values small enough to stay finite. */
const matrices = (square: boolean) =>
  fc
    .tuple(arb.shape({ maxRank: 1, maxDim: 2 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), arb.dtype(floats))
    .chain(([batch, m, n, dt]) => arb.arrayOf([...batch, m, square ? m : n], dt, { min: -5, max: 5 }));
/** Mostly square batches; sometimes any array (rejected with an error). */
const squareOrNot = mostly(matrices(true), any);
const matrixOrNot = mostly(matrices(false), any);
/** A system a x = b: square a [..., n, n] and b [n] or [..., n, k]. */
const system = fc
  .tuple(arb.shape({ maxRank: 1, maxDim: 2 }), fc.integer({ min: 1, max: 4 }), fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }), arb.dtype(floats))
  .chain(([batch, n, k, dt]) =>
    fc.tuple(arb.arrayOf([...batch, n, n], dt, { min: -5, max: 5 }), arb.arrayOf(k === null ? [n] : [...batch, n, k], dt, { min: -5, max: 5 })),
  );
/** A least-squares problem: a [m, n] and b [m] or [m, k]. */
const leastSquares = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }), arb.dtype(floats))
  .chain(([m, n, k, dt]) => fc.tuple(arb.arrayOf([m, n], dt, { min: -5, max: 5 }), arb.arrayOf(k === null ? [m] : [m, k], dt, { min: -5, max: 5 })));
const normOptions = fc.record({
  ord: fc.constantFrom<np.linalg.NormOrder | null | undefined>(undefined, null, 1, 2, -1, 0, 3, Infinity, -Infinity, "fro", "nuc"),
  axis: fc.constantFrom<number | number[] | null | undefined>(undefined, null, -1, 0, [0, 1], [-2, -1]),
  keepdims: fc.boolean(),
});

const linalgCases: OpCase[] = [
  opCase("linalg.cholesky", fc.tuple(squareOrNot, fc.record({ upper: fc.boolean(), symmetrizeInput: fc.boolean() })), np.linalg.cholesky),
  opCase("linalg.qr", fc.tuple(matrixOrNot, fc.constantFrom("reduced", "complete", "r")), (a, mode) =>
    mode === "r" ? np.linalg.qr(a, { mode }) : np.linalg.qr(a, { mode }),
  ),
  opCase("linalg.svd", fc.tuple(matrixOrNot, fc.boolean(), fc.boolean()), (a, fullMatrices, computeUv) =>
    computeUv ? np.linalg.svd(a, { fullMatrices }) : np.linalg.svd(a, { fullMatrices, computeUv: false }),
  ),
  opCase("linalg.eigh", fc.tuple(squareOrNot, fc.record({ UPLO: fc.constantFrom("L", "U") as fc.Arbitrary<"L" | "U">, symmetrizeInput: fc.boolean() })), np.linalg.eigh),
  opCase("linalg.eigvalsh", fc.tuple(squareOrNot), np.linalg.eigvalsh),
  opCase("linalg.solve", mostly(system, fc.tuple(any, any)), np.linalg.solve),
  opCase("linalg.inv", fc.tuple(squareOrNot), np.linalg.inv),
  opCase("linalg.det", fc.tuple(squareOrNot), np.linalg.det),
  opCase("linalg.slogdet", fc.tuple(squareOrNot), np.linalg.slogdet),
  opCase("linalg.matrixPower", fc.tuple(squareOrNot, fc.integer({ min: -2, max: 4 })), np.linalg.matrixPower),
  opCase("linalg.lstsq", mostly(leastSquares, fc.tuple(any, any)), (a, b) => np.linalg.lstsq(a, b)),
  opCase("linalg.pinv", fc.tuple(matrixOrNot), (a) => np.linalg.pinv(a)),
  opCase("linalg.matrixRank", fc.tuple(matrixOrNot), (a) => np.linalg.matrixRank(a)),
  opCase("linalg.norm", fc.tuple(mostly(matrices(false), any), normOptions), np.linalg.norm),
  opCase("linalg.vectorNorm", withArray(any, (x) => fc.record({ ord: fc.constantFrom(1, 2, 0, 3, Infinity, -Infinity), axis: axesOf(x.ndim), keepdims: fc.boolean() })), np.linalg.vectorNorm),
  opCase("linalg.matrixNorm", fc.tuple(matrixOrNot, fc.record({ ord: fc.constantFrom<np.linalg.NormOrder>("fro", "nuc", 1, -1, 2, -2, Infinity, -Infinity), keepdims: fc.boolean() })), np.linalg.matrixNorm),
  opCase("linalg.svdvals", fc.tuple(matrixOrNot), np.linalg.svdvals),
  opCase("linalg.cond", fc.tuple(squareOrNot, fc.constantFrom<np.linalg.NormOrder | null>(null, 2, -2, "fro", "nuc", 1, Infinity)), np.linalg.cond),
  opCase("linalg.multiDot", fc.tuple(fc.array(matrixOrNot, { minLength: 1, maxLength: 4 })), np.linalg.multiDot),
  opCase("linalg.tensorinv", fc.tuple(squareOrNot, fc.constantFrom(1, 2)), (a, ind) => np.linalg.tensorinv(a, { ind })),
  opCase("linalg.tensorsolve", mostly(system, fc.tuple(any, any)), (a, b) => np.linalg.tensorsolve(a, b)),
];

// -------------------------------------------------------------------------------------
// nn and lax contractions
// -------------------------------------------------------------------------------------

const activations = {
  relu: nn.relu, relu6: nn.relu6, sigmoid: nn.sigmoid, softplus: nn.softplus, logSigmoid: nn.logSigmoid, silu: nn.silu,
  swish: nn.swish, gelu: nn.gelu, selu: nn.selu, hardTanh: nn.hardTanh,
} satisfies Record<string, (x: ArrayValue) => ArrayValue>;

/** The activations added after the precision table was measured: in the op catalog only. */
const moreActivations = {
  hardSigmoid: nn.hardSigmoid, hardSilu: nn.hardSilu, hardSwish: nn.hardSwish, mish: nn.mish, softSign: nn.softSign,
  sparsePlus: nn.sparsePlus, sparseSigmoid: nn.sparseSigmoid, log1mexp: nn.log1mexp, celu: nn.celu, squareplus: nn.squareplus,
  identity: nn.identity,
} satisfies Record<string, (x: ArrayValue) => ArrayValue>;

/** Channels-last convolution operands: lhs [n, ...spatial, c], rhs [...window, c, o] (1-D or 2-D). */
const convCall = fc
  .tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }), arb.dtype(["float32", "float64"]))
  .chain(([spatialRank, n, c, o, dt]) =>
    fc.tuple(arb.shape({ minRank: spatialRank, maxRank: spatialRank, maxDim: 4 }), arb.shape({ minRank: spatialRank, maxRank: spatialRank, maxDim: 3 })).chain(([spatial, window]) =>
      fc.tuple(arb.arrayOf([n, ...spatial, c], dt), arb.arrayOf([...window, c, o], dt), fc.constantFrom<"VALID" | "SAME">("VALID", "SAME")),
    ),
  );
/** A pooling input [n, ...spatial, c] with a window over its spatial axes. */
const poolCall = arb.array({ minRank: 3, maxRank: 4, dtypes: ["float32", "float64"] }).chain((x) =>
  fc.tuple(fc.constant(x), fc.tuple(...x.shape.slice(1, -1).map((d) => fc.integer({ min: 1, max: d + 1 })))),
);

const nnCases: OpCase[] = [
  ...Object.entries({ ...activations, ...moreActivations }).map(([name, f]) => opCase(`nn.${name}`, fc.tuple(any), f)),
  opCase("nn.glu", fc.tuple(any), (x) => nn.glu(x)),
  opCase("nn.logmeanexp", withArray(any, (x) => fc.record({ axis: axesOf(x.ndim), keepdims: fc.boolean() })), nn.logmeanexp),
  opCase("nn.dotProductAttention", fc.tuple(any, any, any), (q, k, v) => nn.dotProductAttention(q, k, v)),
  opCase("nn.elu", fc.tuple(any, fc.record({ alpha: fc.double({ min: 0, max: 2, noNaN: true }) })), nn.elu),
  opCase("nn.leakyRelu", fc.tuple(any, fc.record({ negativeSlope: fc.double({ min: 0, max: 1, noNaN: true }) })), nn.leakyRelu),
  ...Object.entries({ softmax: nn.softmax, logSoftmax: nn.logSoftmax }).map(([name, f]) =>
    opCase(`nn.${name}`, withArray(any, (x) => fc.record({ axis: axisOf(x.ndim) })), f),
  ),
  opCase("nn.logsumexp", withArray(any, (x) => fc.record({ axis: axesOf(x.ndim), keepdims: fc.boolean() })), nn.logsumexp),
  opCase("nn.oneHot", fc.tuple(mostly(indexArrays(4), any), fc.integer({ min: 0, max: 4 })), (x, n) => nn.oneHot(x, n)),
  opCase("nn.standardize", withArray(any, (x) => fc.record({ axis: axisOf(x.ndim) })), nn.standardize),
];

const laxCases: OpCase[] = [
  opCase("lax.dotGeneral", mostly(matmulPair, pair()), (x, y) => lax.dotGeneral(x, y, [[[x.ndim - 1], [Math.max(0, y.ndim - 2)]], [[], []]])),
  opCase("lax.conv", mostly(convCall, fc.tuple(any, any, fc.constant<"VALID">("VALID"))), (lhs, rhs, padding) => lax.conv(lhs, rhs, undefined, padding)),
  opCase("lax.maxPool", mostly(poolCall, fc.tuple(any, fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }))), (x, window) => lax.maxPool(x, window)),
  opCase("lax.avgPool", mostly(poolCall, fc.tuple(any, fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }))), (x, window) =>
    lax.avgPool(x, window, { padding: "SAME" }),
  ),
];

function indexArrays(bound: number): fc.Arbitrary<NdArray> {
  return arb.shape({ maxRank: 2 }).chain((s) => arb.arrayOf(s, "int32", { min: -1, max: bound }));
}

// -------------------------------------------------------------------------------------
// JAX's other names (core/numpy/aliases.ts, linalg-aliases.ts)
// -------------------------------------------------------------------------------------

const aliasCases: OpCase[] = [
  ...Object.entries({ fabs: np.fabs, bitwiseInvert: np.bitwiseInvert, emptyLike: (x: NdArray) => np.emptyLike(x) }).map(([name, f]) => opCase(name, fc.tuple(any), f)),
  opCase("around", fc.tuple(any, fc.integer({ min: -2, max: 3 })), np.around),
  ...Object.entries({ bitwiseLeftShift: np.bitwiseLeftShift, bitwiseRightShift: np.bitwiseRightShift }).map(([name, f]) =>
    opCase(name, pair({ dtypes: ["int32", "uint32"] }), f),
  ),
  opCase("rollaxis", withArray(any, (x) => fc.tuple(axisOf(x.ndim), fc.integer({ min: -x.ndim - 1, max: x.ndim + 1 }))), (x, [axis, start]) => np.rollaxis(x, axis, start)),
  ...Object.entries({ cumulativeSum: np.cumulativeSum, cumulativeProd: np.cumulativeProd }).map(([name, f]) =>
    opCase(name, withArray(any, (x) => fc.record({ axis: fc.option(axisOf(x.ndim), { nil: null }), includeInitial: fc.boolean() })), f),
  ),
  ...Object.entries({ uniqueAll: np.uniqueAll, uniqueCounts: np.uniqueCounts, uniqueInverse: np.uniqueInverse, uniqueValues: np.uniqueValues }).map(([name, f]) =>
    opCase(name, fc.tuple(any, fc.record({ size: fc.integer({ min: 1, max: 6 }) })), f),
  ),
  opCase("linalg.cross", pair(), (a, b) => np.linalg.cross(a, b)),
  ...Object.entries({ diagonal: np.linalg.diagonal, trace: np.linalg.trace }).map(([name, f]) =>
    opCase(`linalg.${name}`, fc.tuple(any, fc.record({ offset: smallInt })), f),
  ),
  opCase("linalg.matmul", mostly(matmulPair, pair()), np.linalg.matmul),
  opCase("linalg.matrixTranspose", fc.tuple(any), np.linalg.matrixTranspose),
  opCase("linalg.outer", mostly(matmulPair, pair()), np.linalg.outer),
  opCase("linalg.tensordot", mostly(tensordotCall, fc.tuple(any, any, fc.integer({ min: 0, max: 2 }))), (x, y, axes) => np.linalg.tensordot(x, y, { axes })),
];

// -------------------------------------------------------------------------------------
// index helpers (core/numpy/index-helpers.ts)
// -------------------------------------------------------------------------------------

const indexHelperCases: OpCase[] = [
  opCase("diagIndicesFrom", fc.tuple(any), np.diagIndicesFrom),
  opCase("ix", fc.array(mostly(vector, any), { maxLength: 3 }), np.ix),
  ...Object.entries({ trilIndicesFrom: np.trilIndicesFrom, triuIndicesFrom: np.triuIndicesFrom }).map(([name, f]) => opCase(name, fc.tuple(any, smallInt), f)),
  opCase("ravelMultiIndex", fc.tuple(fc.array(mostly(indexArrays(4), any), { minLength: 1, maxLength: 3 }), fc.constantFrom<"wrap" | "clip" | "ignore">("wrap", "clip", "ignore")), (m, mode) =>
    np.ravelMultiIndex(m, m.map(() => 4), { mode }),
  ),
  opCase("unravelIndex", fc.tuple(mostly(indexArrays(30), any), fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 })), np.unravelIndex),
];

// -------------------------------------------------------------------------------------
// the op catalog
// -------------------------------------------------------------------------------------

/** Points (x, y) of one float dtype, and a degree, for polyfit. */
const fitPoints = fc
  .tuple(fc.integer({ min: 1, max: 6 }), arb.dtype(floats))
  .chain(([n, dt]) => fc.tuple(arb.arrayOf([n], dt, { min: -3, max: 3 }), arb.arrayOf([n], dt, { min: -3, max: 3 }), fc.integer({ min: 0, max: 3 })));

/** Polynomials as coefficient vectors (sometimes a matrix, which they reject). */
const polynomialCases: OpCase[] = [
  opCase("poly", fc.tuple(mostly(vector, any)), np.poly),
  ...Object.entries({ polyadd: np.polyadd, polysub: np.polysub, polymul: np.polymul }).map(([name, f]) => opCase(name, fc.tuple(mostly(vector, any), vector), f)),
  opCase("polyder", fc.tuple(mostly(vector, any), fc.integer({ min: 0, max: 3 })), (p, m) => np.polyder(p, m)),
  opCase("polyint", fc.tuple(mostly(vector, any), fc.integer({ min: 0, max: 2 })), (p, m) => np.polyint(p, m)),
  opCase("polyval", fc.tuple(mostly(vector, any), any), np.polyval),
  opCase("polydiv", fc.tuple(mostly(vector, any), mostly(vector, any)), (u, v) => np.polydiv(u, v)),
  opCase("polyfit", mostly(fitPoints, fc.tuple(any, any, fc.integer({ min: 0, max: 3 }))), (x, y, deg) => np.polyfit(x, y, deg)),
];

// -------------------------------------------------------------------------------------
// more arithmetic (core/numpy/arithmetic-more.ts)
// -------------------------------------------------------------------------------------

const convolveMode = fc.constantFrom<np.ConvolveMode>("full", "same", "valid");

const arithmeticMoreCases: OpCase[] = [
  ...Object.entries({ isposinf: np.isposinf, isneginf: np.isneginf, spacing: np.spacing, ediff1d: (x: NdArray) => np.ediff1d(x) }).map(([name, f]) =>
    opCase(name, fc.tuple(any), f),
  ),
  opCase("nanToNum", fc.tuple(any, fc.record({ nan: smallInt, posinf: fc.option(smallInt, { nil: null }) })), np.nanToNum),
  opCase("modf", fc.tuple(any), np.modf),
  opCase("divmod", pair(), np.divmod),
  opCase("gcd", fc.oneof(pair({ dtypes: integers }), pair()), np.gcd),
  opCase("lcm", fc.oneof(pair({ dtypes: integers }), pair()), np.lcm),
  opCase("trapezoid", withArray(any, (x) => fc.record({ dx: fc.double({ min: -2, max: 2, noNaN: true }), axis: axisOf(x.ndim) })), np.trapezoid),
  opCase("convolve", fc.tuple(vector, vector, convolveMode), np.convolve),
  opCase("correlate", fc.tuple(vector, vector, convolveMode), np.correlate),
  opCase("vecdot", pair(), (a, b) => np.vecdot(a, b)),
  opCase("linalg.vecdot", pair(), (a, b) => np.linalg.vecdot(a, b)),
  opCase("matvec", pair(), np.matvec),
  opCase("unwrap", withArray(any, (x) => fc.record({ axis: axisOf(x.ndim), period: fc.constantFrom(2 * Math.PI, 4) })), np.unwrap),
  opCase("gradient", withArray(any, (x) => fc.record({ axis: fc.option(axisOf(x.ndim), { nil: null }), spacing: fc.constantFrom(1, 0.5) })), np.gradient),
  opCase("isin", pair(), (a, b) => np.isin(a, b)),
  opCase("digitize", fc.tuple(any, vector), (a, b) => np.digitize(a, b)),
  opCase("partition", withArray(atLeastRank(1), (x) => fc.tuple(smallInt, fc.record({ axis: axisOf(x.ndim) }))), (x, [kth, o]) => np.partition(x, kth, o)),
  opCase("argpartition", withArray(atLeastRank(1), (x) => fc.tuple(smallInt, fc.record({ axis: axisOf(x.ndim) }))), (x, [kth, o]) => np.argpartition(x, kth, o)),
  opCase("lexsort", fc.tuple(fc.array(any, { minLength: 1, maxLength: 3 })), (keys) => np.lexsort(keys)),
  opCase("histogramBinEdges", fc.tuple(any, fc.record({ bins: fc.integer({ min: 0, max: 5 }) })), np.histogramBinEdges),
  ...Object.entries({ union1d: np.union1d, intersect1d: np.intersect1d, setdiff1d: np.setdiff1d, setxor1d: np.setxor1d }).map(([name, f]) =>
    opCase(name, fc.tuple(any, any, sizeOptions), f),
  ),
  opCase("vecmat", pair(), np.vecmat),
];

/** Every np and nn function that takes arrays, and lax's contractions, with argument arbitraries (valid most of the time). */
export const opCases: readonly OpCase[] = [
  ...elementwiseCases,
  ...creationCases,
  ...reductionCases,
  ...movementCases,
  ...manipulationCases,
  ...polynomialCases,
  ...contractCases,
  ...linalgCases,
  ...aliasCases,
  ...indexHelperCases,
  ...nnCases,
  ...laxCases,
  ...arithmeticMoreCases,
];

/** np exports the op catalog leaves out on purpose, with the reason. */
export const notCovered: Readonly<Record<string, string>> = {
  zeros: "takes no array inputs",
  ones: "takes no array inputs",
  full: "takes no array inputs",
  arange: "takes no array inputs",
  linspace: "takes no array inputs",
  eye: "takes no array inputs",
  identity: "takes no array inputs",
  empty: "takes no array inputs",
  diagIndices: "takes no array inputs",
  indices: "takes no array inputs",
  trilIndices: "takes no array inputs",
  triuIndices: "takes no array inputs",
  maskIndices: "takes no array inputs (the mask function gets a fresh array of ones)",
  fromFunction: "takes no array inputs",
  bartlett: "takes no array inputs",
  blackman: "takes no array inputs",
  hamming: "takes no array inputs",
  hanning: "takes no array inputs",
  kaiser: "takes no array inputs",
  tri: "takes no array inputs",
  logspace: "takes no array inputs",
  geomspace: "takes no array inputs",
  allclose: "returns a JS boolean, not an array (isclose is covered)",
  arrayEqual: "returns a JS boolean, not an array (equal is covered)",
  arrayEquiv: "returns a JS boolean, not an array (equal is covered)",
  broadcastShapes: "takes shapes, not arrays",
};

// -------------------------------------------------------------------------------------
// precision
// -------------------------------------------------------------------------------------

const any100: Domain = { min: -100, max: 100 };
const positive: Domain = { min: 1e-3, max: 100 };
const unit: Domain = { min: -1, max: 1 };
const openUnit: Domain = { min: -0.999, max: 0.999 };

/** Every floating-point elementwise np function, with valid input domains. */
export const precisionCases: readonly PrecisionCase[] = [
  ...Object.entries({
    negative: np.negative, positive: np.positive, square: np.square, reciprocal: np.reciprocal, abs: np.abs,
    absolute: np.absolute, sign: np.sign, sin: np.sin, cos: np.cos, tan: np.tan, arctan: np.arctan, tanh: np.tanh,
    arcsinh: np.arcsinh, cbrt: np.cbrt, erf: np.erf, erfc: np.erfc, expit: np.expit, floor: np.floor, ceil: np.ceil,
    rint: np.rint, trunc: np.trunc, isfinite: np.isfinite, isnan: np.isnan, isinf: np.isinf, logicalNot: np.logicalNot,
    exp: np.exp, exp2: np.exp2, expm1: np.expm1, sinh: np.sinh, cosh: np.cosh,
    signbit: np.signbit, deg2rad: np.deg2rad, rad2deg: np.rad2deg, radians: np.radians, degrees: np.degrees,
    atan: np.atan, asinh: np.asinh,
  }).map(([name, run]) => ({ name, run, domains: [any100] })),
  ...Object.entries({ log: np.log, log2: np.log2, log10: np.log10, sqrt: np.sqrt, rsqrt: np.rsqrt }).map(([name, run]) => ({
    name,
    run,
    domains: [positive],
  })),
  { name: "log1p", run: np.log1p, domains: [{ min: -0.999, max: 100 }] },
  { name: "arcsin", run: np.arcsin, domains: [unit] },
  { name: "arccos", run: np.arccos, domains: [unit] },
  // sin(pi x) near an integer x cancels the rounding of pi x in float32 (as JAX's): an absolute error of ~1e-7.
  { name: "sinc", run: np.sinc, domains: [any100], tol: { atol: 1e-6 } },
  { name: "asin", run: np.asin, domains: [unit] },
  { name: "acos", run: np.acos, domains: [unit] },
  { name: "acosh", run: np.acosh, domains: [{ min: 1, max: 100 }] },
  { name: "atanh", run: np.atanh, domains: [openUnit] },
  { name: "arccosh", run: np.arccosh, domains: [{ min: 1, max: 100 }] },
  { name: "arctanh", run: np.arctanh, domains: [openUnit] },
  { name: "erfinv", run: np.erfinv, domains: [openUnit] },
  { name: "round", run: (x) => np.round(x), domains: [any100] },
  ...Object.entries({
    add: np.add, subtract: np.subtract, multiply: np.multiply, maximum: np.maximum, minimum: np.minimum, hypot: np.hypot,
    arctan2: np.arctan2, nextafter: np.nextafter, equal: np.equal, notEqual: np.notEqual, less: np.less,
    lessEqual: np.lessEqual, greater: np.greater, greaterEqual: np.greaterEqual, logicalAnd: np.logicalAnd,
    logicalOr: np.logicalOr, logicalXor: np.logicalXor, atan2: np.atan2, copysign: np.copysign, heaviside: np.heaviside,
    fmax: np.fmax, fmin: np.fmin,
  }).map(([name, run]) => ({ name, run, domains: [any100, any100] })),
  ...Object.entries({ divide: np.divide, trueDivide: np.trueDivide, floorDivide: np.floorDivide, remainder: np.remainder, mod: np.mod, fmod: np.fmod }).map(
    ([name, run]) => ({ name, run, domains: [any100, positive] }),
  ),
  { name: "power", run: np.power, domains: [{ min: 1e-2, max: 10 }, { min: -5, max: 5 }] },
  { name: "pow", run: np.pow, domains: [{ min: 1e-2, max: 10 }, { min: -5, max: 5 }] },
  { name: "floatPower", run: np.floatPower, domains: [{ min: 1e-2, max: 10 }, { min: -5, max: 5 }] },
  { name: "logaddexp2", run: np.logaddexp2, domains: [any100, any100], tol: { atol: 1e-4 } },
  // max(a, b) + log1p(exp(-|a - b|)): the rounding of the max carries into results that may cancel to ~0.
  { name: "logaddexp", run: np.logaddexp, domains: [any100, any100], tol: { atol: 1e-4 } },
  { name: "isclose", run: (x, y) => np.isclose(x, y), domains: [any100, any100] },
  { name: "where", run: np.where, domains: [{ dtype: "bool" }, any100, any100] },
  { name: "clip", run: np.clip, domains: [any100, any100, any100] },
  ...Object.entries({ ...activations, elu: nn.elu, leakyRelu: nn.leakyRelu }).map(([name, f]) => ({
    name: `nn.${name}`,
    run: (x: ArrayValue) => f(x),
    domains: [any100],
    // JAX's tanh form 0.5x(1 + tanh(..)) cancels for x << 0: the error is absolute, about |x| float32 epsilons.
    ...(name === "gelu" ? { tol: { atol: 1e-5 } } : {}),
  })),
  { name: "nn.gelu(exact)", run: (x) => nn.gelu(x, { approximate: false }), domains: [any100] },
  { name: "astype(int32)", run: (x) => np.astype(x, "int32"), domains: [any100] },
  { name: "astype(uint32)", run: (x) => np.astype(x, "uint32"), domains: [any100] },
  { name: "astype(bool)", run: (x) => np.astype(x, "bool"), domains: [any100] },
];
